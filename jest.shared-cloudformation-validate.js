/**
 * What `require('@aws/cloudformation-validate')` returns inside a test file: the worker's one
 * instance of the validator, loaded by `jest.environment.js` (see there why), with one validation
 * engine per engine configuration per worker.
 *
 * aws-cdk-lib keeps its engine in a per-registry singleton and never frees it, so every test file
 * built a new engine in the shared instance; a new engine built while the previous one is still
 * allocated costs as much as the first (about 7–8 s of CPU), one built after the previous one is
 * freed about 0.5 s. Here an engine is built once per configuration and handed to every file that
 * asks for the same configuration (aws-cdk-lib asks with the default rules of the template's
 * resource types: the same configuration for every template of this platform). `free()` from a
 * test file is a no-op for it: other files still use the engine. Validation of a template does not
 * depend on what the engine validated before (its inputs are the template and the options).
 */
const { validator, adopt } = globalThis[Symbol.for('amzconnect.jest.cloudformation-validate')];

/** Engines by configuration, for this worker (kept on the validator's module object). */
const ENGINES = Symbol.for('amzconnect.jest.cloudformation-validate.engines');
const engines = (validator[ENGINES] ??= new Map());

class CompositeEngine {
  constructor(config) {
    const key = JSON.stringify(config ?? {});
    let engine = engines.get(key);
    if (!engine) {
      engine = new validator.CompositeEngine(adopt(config));
      engines.set(key, engine);
    }
    this.engine = engine;
  }

  validateTemplate(template, config) {
    return this.engine.validateTemplate(template, adopt(config));
  }

  listRules() {
    return this.engine.listRules();
  }

  engineName() {
    return this.engine.engineName();
  }

  /** Shared with the worker's other test files: never freed by one of them. */
  free() {}
}

module.exports = { ...validator, CompositeEngine };
