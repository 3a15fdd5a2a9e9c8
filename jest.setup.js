// Property tests explore new inputs on every local run; CI pins the seed so that a red build is
// always reproducible (rerun locally with CI=true to get the same inputs).
if (process.env.CI) {
  require('fast-check').configureGlobal({ seed: 20261120 });
}
