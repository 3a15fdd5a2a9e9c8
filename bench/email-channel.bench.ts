/**
 * Email channel: time to parse and strip each fixture (mailparser + quoted-history stripping,
 * no network), and the gateway's warm end-to-end time per received mail with its real S3 and
 * DynamoDB clients against s3rver and dynalite (Comprehend and Connect answered by
 * aws-sdk-client-mock). Not part of `npm test`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createGatewayHandler } from '../amzconnect-lambdas/src/email-channel/gateway/create-gateway-handler';
import { comprehendInsights } from '../amzconnect-lambdas/src/email-channel/shared/mail-insights';
import { parseMail } from '../amzconnect-lambdas/src/email-channel/shared/parse-mail';
import { stripQuotedHistory } from '../amzconnect-lambdas/src/email-channel/shared/strip-quoted-history';
import { connectTaskStarter } from '../amzconnect-lambdas/src/email-channel/shared/task-starter';
import {
  FIXTURES,
  startLocalChannel,
  TEST_CONFIG,
} from '../amzconnect-lambdas/test/workloads/email-channel/support/local-channel';
import { mockedServices } from '../amzconnect-lambdas/test/workloads/email-channel/support/mocked-services';
import { fmt, median, percentile, timeRuns } from './stats';

const RUNS = 200;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function main(): Promise<void> {
  console.log(`parse + strip, ${RUNS} runs each (median / p95):`);
  for (const name of ['multipart-alternative.eml', 'html-only.eml', 'attachments.eml', 'non-ascii.eml']) {
    const raw = fs.readFileSync(path.join(FIXTURES, name));
    const times = await timeRuns(RUNS, async () => {
      const parsed = await parseMail(raw);
      if (parsed.ok) stripQuotedHistory(parsed.mail.text);
    });
    console.log(`  ${name.padEnd(28)} ${fmt(median(times))} / ${fmt(percentile(times, 95))}`);
  }

  const local = await startLocalChannel();
  const services = mockedServices();
  const gateway = createGatewayHandler({
    config: TEST_CONFIG,
    mail: local.mail,
    cases: local.cases,
    detect: comprehendInsights(services.comprehend),
    startTask: connectTaskStarter(services.connect, TEST_CONFIG.connectInstanceArn, TEST_CONFIG.taskFlowName),
    logger: silent,
  });
  try {
    let n = 0;
    const deliver = () =>
      local.deliver('inbound/', 'multipart-alternative.eml', `bench${String(n++).padStart(8, '0')}`);
    await gateway(await deliver()); // warm connections and the task-flow lookup
    const events: unknown[] = [];
    for (let i = 0; i < RUNS; i++) events.push(await deliver());
    let next = 0;
    const times = await timeRuns(RUNS, () => gateway(events[next++]));
    console.log(
      `gateway per new-case mail (S3: 1 get + 2 puts; DynamoDB: 2 updates; Comprehend x3 and StartTaskContact mocked), ${RUNS} runs: median ${fmt(median(times))}, p95 ${fmt(percentile(times, 95))}`,
    );
  } finally {
    await local.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
