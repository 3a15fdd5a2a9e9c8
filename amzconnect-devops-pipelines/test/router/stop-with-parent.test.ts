import { spawn } from 'child_process';
import * as net from 'net';
import * as path from 'path';
import { REPO_ROOT } from '@amzconnect/env';
import { ancestorPids } from '../../src/router/stop-with-parent';

describe('ancestorPids', () => {
  it('follows parent ids up to init, stopping at a cycle or an unknown process', () => {
    const parents: Record<number, number> = { 40: 30, 30: 20, 20: 1 };
    expect(ancestorPids(40, (p) => parents[p])).toEqual([30, 20]);
    expect(ancestorPids(40, (p) => ({ 40: 30, 30: 40 })[p])).toEqual([30, 40]);
    expect(ancestorPids(40, () => undefined)).toEqual([]);
  });
});

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(true));
  });
}

describe('router:local', () => {
  it('stops when the process that started it is killed by its PID (no orphaned server)', async () => {
    // Prepare: a parent (standing in for npm) that starts the server through tsx, as the npm script does.
    const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    const script = path.join(REPO_ROOT, 'amzconnect-devops-pipelines', 'src', 'router', 'local-server.ts');
    const parentCode = `require('child_process').spawn(${JSON.stringify(tsx)}, [${JSON.stringify(script)}], { stdio: 'inherit' }); setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['-e', parentCode], {
      env: { ...process.env, GITHUB_WEBHOOK_SECRET: 's', PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      parent.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const m = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
        if (m) resolve(Number(m[1]));
      });
      parent.on('exit', () => reject(new Error(`parent exited before the server listened: ${out}`)));
    });
    expect(await refused(port)).toBe(false);
    // Act: kill the parent hard, the way `kill -9 <npm pid>` does: no signal reaches the server.
    parent.kill('SIGKILL');
    // Assess: the server notices within a few seconds and stops listening.
    const deadline = Date.now() + 10_000;
    let stopped = false;
    while (!stopped && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      stopped = await refused(port);
    }
    expect(stopped).toBe(true);
  });
});
