import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '@amzconnect/env';
import { renderSvg } from '@amzconnect/contact-flows/render';
import { releaseQueueDot } from '../../src/release-queue/queue-diagram';

describe('release queue diagram', () => {
  it('draws the release order from SUBPROJECTS and every way the queue moves', () => {
    const dot = releaseQueueDot();

    expect(dot).toContain('"instance" -> "supporting-infra" -> "lambdas" -> "contact-flows";');
    for (const text of [
      'coalesced',
      'FAILED / STOPPED / SUPERSEDED',
      '\\"Retry\\" on the failed stage',
      'refused',
    ]) {
      expect(dot).toContain(text);
    }
  });

  it('is the picture committed in images/ (run npm run diagram:queue after changing it)', async () => {
    const committed = fs.readFileSync(path.join(REPO_ROOT, 'images', 'release-queue.svg'), 'utf8');
    expect(committed).toBe(await renderSvg(releaseQueueDot()));
  });
});
