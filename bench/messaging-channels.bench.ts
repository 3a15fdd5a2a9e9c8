/**
 * Messaging channels benchmark (issue 10): the inbound bridge's latency for a message that starts
 * a chat and for one that reuses it, and the outbound delivery's, with real SDK clients against the
 * local Connect/Pinpoint endpoint of the tests and dynalite; and the cost of verifying a Messenger
 * signature. Local figures: they show the function's own overhead and round trips, not AWS latency.
 * Run: npx tsx bench/messaging-channels.bench.ts   (prints figures; not part of npm test)
 */
import { createHmac } from 'crypto';
import { verifyFacebookSignature } from '../amzconnect-lambdas/src/messaging-channels/facebook-signature';
import { FakeAws } from '../amzconnect-lambdas/test/workloads/messaging-channels/support/fake-aws';
import { startSessionsTable } from '../amzconnect-lambdas/test/workloads/messaging-channels/support/sessions-table';
import {
  buildBridge,
  fixture,
  fixtureBytes,
  prepareFake,
  smsEvent,
} from '../amzconnect-lambdas/test/workloads/messaging-channels/support/bridge';
import { fmt, median, percentile, timeRuns } from './stats';

const RUNS = 200;

async function main(): Promise<void> {
  const table = await startSessionsTable();
  const fake = await new FakeAws().start();
  prepareFake(fake);
  const { inbound, outbound } = buildBridge(fake, table);
  try {
    await inbound(smsEvent('warm-up', 'warm-up', '+14255550000'));
    let n = 0;
    const starts = await timeRuns(RUNS, () =>
      inbound(smsEvent('hello', `s-${n}`, `+1425556${String(n++).padStart(4, '0')}`)),
    );
    let m = 0;
    const reuses = await timeRuns(RUNS, () => inbound(smsEvent('again', `r-${m++}`, '+14255560000')));
    const contactId = [...fake.chats.values()][1].contactId;
    const reply = fixture('connect-streaming/agent-message.json', contactId);
    const replies = await timeRuns(RUNS, () => outbound(reply as never));
    const row = (label: string, v: number[]) =>
      console.log(`${label.padEnd(46)} median ${fmt(median(v))}  p95 ${fmt(percentile(v, 95))}`);
    console.log(`messaging-channels bridge (local endpoints, ${RUNS} runs each)`);
    row('SMS in, new chat (4 Connect calls + 4 DynamoDB)', starts);
    row('SMS in, existing chat (1 Connect call + 2 DynamoDB)', reuses);
    row('agent reply out to SMS (1 query + Pinpoint)', replies);

    const body = fixtureBytes('facebook/text-message.json');
    const padded = Buffer.concat([body, Buffer.alloc(2048 - body.length, 0x20)]);
    const header = `sha256=${createHmac('sha256', 's').update(padded).digest('hex')}`;
    const verifies = await timeRuns(10_000, () => verifyFacebookSignature(padded, header, ['s', 'previous']));
    console.log(
      `${'verify X-Hub-Signature-256, 2 KiB, 2 secrets'.padEnd(46)} median ${(median(verifies) * 1000).toFixed(1)} µs`,
    );
  } finally {
    await fake.stop();
    await table.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
