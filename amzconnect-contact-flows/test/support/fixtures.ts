import * as fs from 'fs';
import * as path from 'path';

/** Folder of the real-world fixtures, by shape. */
export const FIXTURES_DIR = path.resolve(__dirname, '..', 'fixtures');

/** Path of a fixture, e.g. `fixture('api/ACME_Main.json')`. */
export function fixture(rel: string): string {
  return path.join(FIXTURES_DIR, rel);
}

/** Every fixture file (relative paths), sorted. */
export function allFixtures(): string[] {
  return fs
    .readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => fs.readdirSync(path.join(FIXTURES_DIR, d.name)).map((f) => `${d.name}/${f}`))
    .filter((f) => f.endsWith('.json'))
    .sort();
}

/** A CLI io that records what was written. */
export function recordingIo(cwd: string): {
  io: { stdout: (t: string) => void; stderr: (t: string) => void; cwd: string };
  out: () => string;
  err: () => string;
} {
  let out = '';
  let err = '';
  return {
    io: { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd },
    out: () => out,
    err: () => err,
  };
}
