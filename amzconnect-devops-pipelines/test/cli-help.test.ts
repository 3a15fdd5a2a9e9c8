import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';

const REPO = path.resolve(__dirname, '..', '..');
/** tsx's loader, by absolute URL: the commands run in a temporary folder, where `tsx` does not resolve. */
const TSX_LOADER = pathToFileURL(path.join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/**
 * Every command line the repository offers: the root scripts run with tsx, env's CLIs, and the
 * flows CLI with one of its commands. The flows CLI answers `--help` for a command before it
 * runs it (one code path for all seven); its own test checks every command's help in-process
 * (amzconnect-contact-flows/test/cli/cli.test.ts), so one process per command would only start
 * the same files again (about 2.3 s of CPU each, bench/suite-timing.md).
 */
function commandLines(): { name: string; file: string; args: string[] }[] {
  const scripts = (
    JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const viaTsx = Object.entries(scripts)
    .filter(([, command]) => command.startsWith('tsx '))
    .map(([name, command]) => ({
      name: `npm run ${name}`,
      file: command.split(' ')[1],
      args: [] as string[],
    }));
  const flows = viaTsx.find((c) => c.name === 'npm run flows');
  if (!flows) throw new Error('no flows script in package.json');
  const envCli = path.join('env', 'src', 'cli');
  return [
    ...viaTsx,
    { ...flows, name: 'npm run flows -- plan', args: ['plan'] },
    ...fs
      .readdirSync(path.join(REPO, envCli))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => ({ name: `${envCli}/${f}`, file: path.join(envCli, f), args: [] })),
  ];
}

/**
 * Runs one command with `--help` in `cwd` (as npm would: INIT_CWD is the caller's folder). The
 * file runs in one node process with tsx's loader (`node --import tsx`, as every `cdk.json` runs
 * its app): the `tsx` command line would start a second node process around it for every command.
 */
function runHelp(file: string, args: string[], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', TSX_LOADER, path.join(REPO, file), ...args, '--help'],
      {
        cwd,
        // A secret, so that router:local would start a server if it ignored --help.
        env: { ...process.env, INIT_CWD: cwd, GITHUB_WEBHOOK_SECRET: 'test-secret', PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => {
      child.kill();
      resolve({ code: null, out: `${out}\n(still running after 240 s: it started something)` });
    }, 240_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/**
 * Names of what is in `dir` (not recursive), with the modification time of each file. Folders go
 * by name only: a developer's git or bench run in another folder during the test is not a write by
 * a CLI (the folders CLIs write into, `images/` and the temp cwd, are checked on their own).
 */
function listing(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .map((f) => (f.isDirectory() ? `${f.name}/` : `${f.name} ${fs.statSync(path.join(dir, f.name)).mtimeMs}`))
    .sort();
}

describe('--help on every command line', () => {
  it('prints a Usage line and exits 0, writing nothing and leaving nothing running', async () => {
    // Prepare
    const commands = commandLines();
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-help-'));
    const before = { root: listing(REPO), images: listing(path.join(REPO, 'images')) };
    try {
      // Act: one process per command, two at a time: the later ones find the files the earlier
      // ones shared with them already compiled in tsx's cache (all at once, every process compiled
      // them again: 44 s of CPU instead of about 25 s, bench/suite-timing.md).
      const results: { name: string; code: number | null; out: string }[] = [];
      const queue = [...commands];
      await Promise.all(
        [0, 1].map(async () => {
          for (let c = queue.shift(); c; c = queue.shift()) {
            results.push({ name: c.name, ...(await runHelp(c.file, c.args, cwd)) });
          }
        }),
      );
      results.sort(
        (a, b) => commands.findIndex((c) => c.name === a.name) - commands.findIndex((c) => c.name === b.name),
      );
      // Assess
      expect(results.map((r) => ({ name: r.name, code: r.code, usage: /^usage: /im.test(r.out) }))).toEqual(
        results.map((r) => ({ name: r.name, code: 0, usage: true })),
      );
      expect(fs.readdirSync(cwd)).toEqual([]);
      expect({ root: listing(REPO), images: listing(path.join(REPO, 'images')) }).toEqual(before);
      expect(commands.map((c) => c.name)).toEqual(
        expect.arrayContaining([
          'npm run synth',
          'npm run router:local',
          'npm run bench',
          'npm run flows',
          'npm run flows -- plan',
        ]),
      );
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  }, 300_000);
});
