// Property tests explore new inputs on every local run; CI pins the seed so that a red build is
// always reproducible (rerun locally with CI=true to get the same inputs). fast-check's default
// case count (100) goes through propertyRuns too, so PROPERTY_RUNS_SCALE lengthens every run.
const fc = require('fast-check');
const { propertyRuns } = require('./testing/src/property-runs');

fc.configureGlobal({ numRuns: propertyRuns(100), ...(process.env.CI ? { seed: 20261120 } : {}) });
