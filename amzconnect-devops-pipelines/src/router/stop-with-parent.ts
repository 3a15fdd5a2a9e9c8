import * as fs from 'fs';

/**
 * The process ids from `pid`'s parent up to (not including) init, read from `/proc/<pid>/stat`
 * (field 4 is the parent id: https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html).
 * Where `/proc` is missing (macOS), only `process.ppid` is known.
 */
export function ancestorPids(
  pid: number,
  parentOf: (pid: number) => number | undefined = readParentPid,
): number[] {
  const chain: number[] = [];
  for (let p = parentOf(pid); p !== undefined && p > 1 && !chain.includes(p); p = parentOf(p)) chain.push(p);
  return chain;
}

function readParentPid(pid: number): number | undefined {
  if (pid === process.pid && !fs.existsSync('/proc/self/stat')) return process.ppid;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Calls `stop` once when the process is asked to end (SIGTERM, SIGINT, SIGHUP), when the IPC
 * channel to its parent closes (tsx runs the script in a child with one), or when any process it
 * was started under ends (`npm run router:local` runs `sh`, then `tsx`, then node: killing npm by
 * its PID must stop the server too). Returns a function that removes the watchers.
 */
export function stopWithParent(stop: () => void, pollMs = 1000): () => void {
  const ancestors = ancestorPids(process.pid);
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    dispose();
    stop();
  };
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];
  for (const s of signals) process.on(s, once);
  process.on('disconnect', once);
  const timer = setInterval(() => {
    if (ancestors.some((p) => !alive(p))) once();
  }, pollMs);
  timer.unref();
  const dispose = () => {
    for (const s of signals) process.off(s, once);
    process.off('disconnect', once);
    clearInterval(timer);
  };
  return dispose;
}
