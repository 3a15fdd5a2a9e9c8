import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseFlowText } from '../../src';
import { CliIo } from '../../src/cli/cli-io';
import { COMMANDS } from '../../src/cli/commands';
import { runCli, usage } from '../../src/cli/main';
import { fixture, recordingIo } from '../support/fixtures';
import { propertyRuns } from '@amzconnect/testing';

function tempDir(files: Record<string, string> = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'flows-cli-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

/** A repository with the catalog files and one flow under flows/. */
function tempRepo(flowText: string): string {
  return tempDir({
    'amzconnect-instance/config/instance.json': JSON.stringify({
      queues: [{ name: 'ACME_Sales' }],
      hoursOfOperation: [{ name: 'ACME_Hours' }],
    }),
    'amzconnect-supporting-infra/bots/ACME_lexbot.json': JSON.stringify({ name: 'ACME_lexbot' }),
    'amzconnect-lambdas/config/functions.json': JSON.stringify({ functions: [{ name: 'mapping' }] }),
    'amzconnect-contact-flows/flows/broken.json': flowText,
  });
}

describe('npm run flows', () => {
  it('prints the usage on help and exits 0', async () => {
    const { io, out } = recordingIo(process.cwd());

    expect(await runCli(['help'], io)).toBe(0);
    expect(out()).toBe(usage());
    expect(usage()).toContain('lint [PATH...]');
  });

  it('prints the usage line of every command on --help and -h, exits 0 and writes nothing', async () => {
    // One node process per command would prove nothing more: `--help` is answered here, before a
    // command runs (the whole command line, as a process, is amzconnect-devops-pipelines/test/cli-help.test.ts).
    const cwd = tempDir();
    try {
      for (const [name, command] of Object.entries(COMMANDS)) {
        for (const flag of ['--help', '-h']) {
          const { io, out, err } = recordingIo(cwd);

          expect([name, flag, await runCli([name, '--env', 'develop', flag], io)]).toEqual([name, flag, 0]);
          expect(out()).toBe(`usage: npm run flows -- ${command.summary}\n`);
          expect(err()).toBe('');
        }
      }
      expect(fs.readdirSync(cwd)).toEqual([]);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('exits 2 with one line for a missing or unknown command', async () => {
    const a = recordingIo(process.cwd());
    const b = recordingIo(process.cwd());

    expect(await runCli([], a.io)).toBe(2);
    expect(await runCli(['lnt'], b.io)).toBe(2);
    expect(b.err()).toMatch(
      /^flows: unknown command "lnt" \(commands: lint, normalize, export(, [a-z-]+)*\)\n$/,
    );
    expect(b.err().split('\n')).toHaveLength(2);
  });
});

describe('flows lint', () => {
  it('passes on the repository sample flows', async () => {
    const { io, err } = recordingIo(process.cwd());

    expect(await runCli(['lint'], io)).toBe(0);
    // The sample flows plus those of the workloads (flows/<workload>/), all linted.
    expect(err()).toMatch(/^lint: \d+ files, 0 errors, \d+ warnings?\n$/);
  });

  it('prints PATH: error|warning: <rule>: <message> lines and exits 1 on errors', async () => {
    const flow = {
      name: 'Broken',
      type: 'CONTACT_FLOW',
      content: {
        Version: '2019-10-30',
        StartAction: 'a',
        Actions: [
          {
            Identifier: 'a',
            Type: 'UpdateContactTargetQueue',
            Parameters: { QueueId: '${queue:ACME_Sale}' },
            Transitions: { NextAction: 'b' },
          },
          { Identifier: 'z', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
        ],
      },
    };
    const root = tempRepo(JSON.stringify(flow));
    const { io, out, err } = recordingIo(root);

    const code = await runCli(['lint', '--repo', '.'], io);

    expect(code).toBe(1);
    expect(out()).toBe(
      [
        'amzconnect-contact-flows/flows/broken.json: error: transition-target: action "a" (UpdateContactTargetQueue) goes to "b" on NextAction, which is not an action',
        'amzconnect-contact-flows/flows/broken.json: warning: unreachable-action: action "z" (DisconnectParticipant) is not reachable from the start action',
        'amzconnect-contact-flows/flows/broken.json: error: unknown-reference: "${queue:ACME_Sale}" names no queue defined in amzconnect-instance/config/instance.json (queues); did you mean "ACME_Sales"?',
        '',
      ].join('\n'),
    );
    expect(err()).toBe('lint: 1 file, 2 errors, 1 warning\n');
  });

  it('reports an unreadable file under the format rule', async () => {
    const root = tempRepo('{ "name": "x", ');
    const { io, out } = recordingIo(root);

    expect(
      await runCli(['lint', '--repo', root, path.join(root, 'amzconnect-contact-flows/flows')], io),
    ).toBe(1);
    expect(out()).toMatch(
      /^amzconnect-contact-flows\/flows\/broken\.json: error: format: not valid JSON \(.+ at line 1, column 16\); fix the syntax\n$/,
    );
  });

  it('lints legacy exports as errors with the re-export advice', async () => {
    const { io, out } = recordingIo(path.dirname(fixture('x')));

    expect(await runCli(['lint', 'legacy/kvStreamingSampleFlow.json'], io)).toBe(1);
    expect(out()).toContain('legacy/kvStreamingSampleFlow.json: error: format: legacy console export');
  });

  it('exits 2 for a path that does not exist or an unknown option', async () => {
    const a = recordingIo(process.cwd());
    const b = recordingIo(process.cwd());

    expect(await runCli(['lint', 'nope.json'], a.io)).toBe(2);
    expect(a.err()).toBe('lint: no such file or folder: nope.json\n');
    expect(await runCli(['lint', '--fix'], b.io)).toBe(2);
    expect(b.err()).toBe('lint: unknown option --fix (options: --repo)\n');
  });
});

describe('flows normalize', () => {
  it('prints the repository format on stdout and what needs a name on stderr', async () => {
    const cwd = path.dirname(fixture('x'));
    const { io, out, err } = recordingIo(cwd);

    const code = await runCli(['normalize', 'content/_0x_receptionist_queue_flow.json'], io);

    expect(code).toBe(0);
    const parsed = parseFlowText(out(), 'out.json');
    expect(parsed.ok && parsed.shape).toBe('repo');
    expect(out()).not.toMatch(/arn:[^"]*:\d{12}:/);
    expect(err().split('\n')).toContain(
      'content/_0x_receptionist_queue_flow.json: warning: normalize: no name for queue "e95345da-9b32-4714-9a91-b3507e4f4fc6", written as ${queue:e95345da-9b32-4714-9a91-b3507e4f4fc6}; add "e95345da-9b32-4714-9a91-b3507e4f4fc6": "<name>" to a --names file',
    );
  });

  it('takes names from --names', async () => {
    const names = tempDir({
      'names.json': JSON.stringify({ 'e95345da-9b32-4714-9a91-b3507e4f4fc6': 'Voicemail' }),
    });
    const { io, out } = recordingIo(path.dirname(fixture('x')));

    expect(
      await runCli(
        ['normalize', 'content/_0x_receptionist_queue_flow.json', '--names', path.join(names, 'names.json')],
        io,
      ),
    ).toBe(0);
    expect(out()).toContain('"QueueId": "${queue:Voicemail}"');
  });

  it('exits 1 for a legacy export and 2 without a path or with a bad names file', async () => {
    const a = recordingIo(path.dirname(fixture('x')));
    const b = recordingIo(process.cwd());
    const c = recordingIo(process.cwd());

    expect(await runCli(['normalize', 'legacy/email-AgentWhisper.json'], a.io)).toBe(1);
    expect(a.out()).toBe('');
    expect(await runCli(['normalize'], b.io)).toBe(2);
    expect(b.err()).toBe(
      'normalize: expected exactly one PATH, e.g. npm run flows -- normalize export.json\n',
    );
    expect(await runCli(['normalize', fixture('api/ACME_Main.json'), '--names', 'missing.json'], c.io)).toBe(
      2,
    );
    expect(c.err()).toBe(`normalize: --names ${path.resolve('missing.json')}: file not found\n`);
  });
});

describe('the CLI on any input (property)', () => {
  it('never throws and never prints a stack trace', async () => {
    const noNetwork: CliIo['connectClient'] = () => {
      throw new Error('no network in tests');
    };
    const word = fc.oneof(
      fc.constantFrom(
        'lint',
        'normalize',
        'export',
        'help',
        '--repo',
        '--names',
        '--instance-id',
        '--region',
        '--out',
        '--prefix',
        '--',
        '-',
        '',
        fixture('api/ACME_Main.json'),
        fixture('legacy'),
      ),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 5 }), async (argv) => {
        const { io, out, err } = recordingIo(os.tmpdir());
        const code = await runCli(argv, { ...io, connectClient: noNetwork });
        expect([0, 1, 2]).toContain(code);
        expect(`${out()}${err()}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
      }),
      { numRuns: propertyRuns(150) },
    );
  });
});
