#!/usr/bin/env node
/** `npm run diagram:queue [-- --out FILE]`: renders the release queue to SVG (default `images/release-queue.svg`). */
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '@amzconnect/env';
import { renderSvg } from '@amzconnect/contact-flows/render';
import { releaseQueueDot } from './queue-diagram';

/** Usage text of `npm run diagram:queue`. */
export const QUEUE_DIAGRAM_USAGE = `Usage: npm run diagram:queue [-- --out FILE]

Renders the release queue (its states and the sub-projects of the workspace graph) to FILE
(default images/release-queue.svg).`;

export async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(QUEUE_DIAGRAM_USAGE);
    return 0;
  }
  const outIndex = argv.indexOf('--out');
  const unknown = argv.filter((_arg, i) => i !== outIndex && i !== outIndex + 1);
  if (unknown.length > 0 || (outIndex >= 0 && !argv[outIndex + 1])) {
    console.error(`diagram:queue: unexpected argument ${unknown[0] ?? '--out'}\n${QUEUE_DIAGRAM_USAGE}`);
    return 2;
  }
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
