// One temporary folder per jest run: every worker inherits TMPDIR from this process, so whatever
// a test writes through os.tmpdir() (CDK apps without an outdir, mkdtemp folders) lands here and
// jest.global-teardown.js removes it, even when a test forgets to clean up. (cfn-guard's findings
// per template content are not temporary: the platform keeps them in node_modules/.cache, for the
// workers of this run and for the next runs and syntheses; see GuardFindingsCache.)
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amzconnect-jest-'));
  process.env.AMZCONNECT_JEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
};
