// Removes the run's temporary folder made by jest.global-setup.js.
const fs = require('fs');

module.exports = async () => {
  const dir = process.env.AMZCONNECT_JEST_TMPDIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};
