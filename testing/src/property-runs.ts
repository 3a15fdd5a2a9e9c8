/**
 * The one place that sizes property and model-based runs. Tests pass their default case count;
 * `PROPERTY_RUNS_SCALE` multiplies every count at once, so a long exploration is one switch:
 *
 *   PROPERTY_RUNS_SCALE=20 npm test
 *
 * CI keeps the defaults (and a pinned seed, see jest.setup.js) so the suite stays fast and a red
 * build is reproducible.
 * @param defaultRuns the case count the test needs to be meaningful on every run
 */
export function propertyRuns(defaultRuns: number): number {
  const raw = process.env.PROPERTY_RUNS_SCALE;
  const scale = raw === undefined || raw === '' ? 1 : Number(raw);
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new Error(`PROPERTY_RUNS_SCALE must be a positive number, got "${raw}".`);
  }
  return Math.max(1, Math.round(defaultRuns * scale));
}
