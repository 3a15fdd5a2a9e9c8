#!/usr/bin/env node
/** `npm run diagram:queue [-- --out FILE]`: renders the release queue to SVG (default `images/release-queue.svg`). */
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '@amzconnect/env';
import { renderSvg } from '@amzconnect/contact-flows/render';
import { releaseQueueDot } from './queue-diagram';

export async function main(argv: readonly string[]): Promise<number> {
  const outIndex = argv.indexOf('--out');
  const out =
    outIndex >= 0 && argv[outIndex + 1]
      ? path.resolve(argv[outIndex + 1])
      : path.join(REPO_ROOT, 'images', 'release-queue.svg');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, await renderSvg(releaseQueueDot()));
  console.log(`Wrote ${path.relative(process.cwd(), out)}`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      console.error(`diagram: ${String(err)}`);
      process.exitCode = 2;
    },
  );
}
