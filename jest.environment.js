/**
 * The test environment of every workspace: jest's node environment, plus ONE instance of the
 * CloudFormation template validator per jest worker instead of one per test file.
 *
 * Why: aws-cdk-lib validates every synthesized template against CloudFormation's resource schemas
 * with `@aws/cloudformation-validate`, a 9 MB WebAssembly module. jest gives each test file its
 * own module registry, so every file that synthesizes loaded that module afresh, and the first
 * validation engine of a fresh module costs about 8.6 s of CPU (its schema set is built once per
 * WebAssembly instance); later engines of the same instance cost about 0.6 s
 * (`bench/suite-timing.md` has the measurement). This environment loads the module once per
 * worker, outside the test files' registries, and hands it to them through a global; the
 * `moduleNameMapper` entry in `jest.config.js` makes `require('@aws/cloudformation-validate')`
 * inside a test file return it. aws-cdk-lib still creates its own engine and validates every
 * template exactly as in `npm run synth`: only the WebAssembly instance is shared.
 */
const { TestEnvironment } = require('jest-environment-node');

/** Where the shared module is put on each test file's global object (read by the mapper module). */
const SHARED_KEY = Symbol.for('amzconnect.jest.cloudformation-validate');

/** The validator aws-cdk-lib resolves (it ships its own copy under its node_modules). */
const VALIDATOR_PATH = require.resolve('@aws/cloudformation-validate', {
  paths: [require.resolve('aws-cdk-lib')],
});

let shared;

/**
 * A copy of `value` made of this realm's objects. The validator accepts only plain objects of its
 * own realm (its `copyWasmInput` checks the prototype), and a test file's objects belong to the
 * file's context.
 */
function adopt(value) {
  return value === undefined ? value : structuredClone(value);
}

/**
 * `JEST_CPU_REPORT=FILE npx jest ...` appends one line per test file to FILE: the CPU seconds
 * (user + system) the file cost its worker, from the environment's setup to its teardown (module
 * loading, hooks and tests; not child processes), and the path. A measurement aid for
 * `bench/suite-timing.md`: on a shared machine CPU time says more than wall time.
 */
const CPU_REPORT = process.env.JEST_CPU_REPORT;

class PlatformTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
    Object.defineProperty(this.global, SHARED_KEY, {
      // Loaded on first use: test files that never synthesize do not pay for it.
      get: () => ({ validator: (shared ??= require(VALIDATOR_PATH)), adopt }),
    });
  }

  async setup() {
    this.cpuAtSetup = process.cpuUsage();
    await super.setup();
  }

  async teardown() {
    if (CPU_REPORT && this.cpuAtSetup) {
      const used = process.cpuUsage(this.cpuAtSetup);
      const seconds = (used.user + used.system) / 1e6;
      require('fs').appendFileSync(CPU_REPORT, `${seconds.toFixed(2)}\t${this.testPath}\n`);
    }
    await super.teardown();
  }
}

module.exports = PlatformTestEnvironment;
module.exports.SHARED_KEY = SHARED_KEY;
