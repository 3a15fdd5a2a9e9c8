import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '@amzconnect/env';
import { runPlatformApp } from '@amzconnect/env/cdk';
import { addLambdaStacks } from '../lib';

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'lambdas-app-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Thrown by the stubbed `process.exit`, so that the entry point stops where it would exit. */
class Exited extends Error {
  constructor(readonly code: number | string | null | undefined) {
    super(`exit ${String(code)}`);
  }
}

/**
 * Runs the lambdas app's entry (`bin/`: `runPlatformApp(addLambdaStacks)`) as the CDK CLI does:
 * context in `CDK_CONTEXT_JSON`, the cloud assembly folder in `CDK_OUTDIR`. Not in CodeBuild, so
 * placeholders only warn.
 */
function runLambdasApp(configDir: string, outdir: string): { code: unknown; errors: string[] } {
  const saved = { ...process.env };
  const errors: string[] = [];
  process.env.CDK_CONTEXT_JSON = JSON.stringify({ config: configDir });
  process.env.CDK_OUTDIR = outdir;
  delete process.env.CODEBUILD_BUILD_ID;
  const error = jest.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
  const exit = jest.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Exited(code);
  });
  try {
    runPlatformApp(addLambdaStacks);
    return { code: 0, errors };
  } catch (err) {
    if (err instanceof Exited) return { code: err.code, errors };
    throw err;
  } finally {
    exit.mockRestore();
    error.mockRestore();
    process.env = saved;
  }
}

describe('the lambdas app with configuration problems in two workloads', () => {
  it('prints the problems of both workloads together, exits 1 and writes nothing', () => {
    // Prepare: the documented example with every workload on, two of them broken.
    const dir = path.join(root, 'config');
    fs.cpSync(path.join(REPO_ROOT, 'examples', 'all-workloads'), dir, { recursive: true });
    const file = path.join(dir, 'environments', 'develop.json');
    const settings = JSON.parse(fs.readFileSync(file, 'utf8'));
    delete settings.workloads['messaging-channels'].sms.phoneNumberId;
    delete settings.workloads['email-channel'].domain;
    fs.writeFileSync(file, JSON.stringify(settings));
    const outdir = path.join(root, 'cdk.out');

    // Act
    const { code, errors } = runLambdasApp(dir, outdir);

    // Assess
    expect(code).toBe(1);
    const shown = path.relative(process.cwd(), file);
    expect(errors.join('\n').split('\n')).toEqual([
      'Invalid configuration (2 problems):',
      `  - ${shown}: workloads.messaging-channels.sms.phoneNumberId: is required when sms.enabled is true; set the End User Messaging SMS phone number id of that number ("phone-" and 32 hex digits, console: Phone numbers).`,
      `  - ${shown}: workloads.email-channel.domain: is required when enabled is true; set the mail domain SES receives for, e.g. "mail.example.com".`,
    ]);
    expect(fs.existsSync(outdir) ? fs.readdirSync(outdir) : []).toEqual([]);
  });
});
