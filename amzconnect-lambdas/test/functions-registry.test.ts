import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { ConfigError, loadPlatformConfig, REPO_ROOT } from '@amzconnect/env';
import { createPlatformApp } from '@amzconnect/env/cdk';
import {
  addLambdaStacks,
  buildOrder,
  FUNCTION_SOURCES,
  FUNCTIONS_REGISTRY_FILE,
  KNOWN_FUNCTION_NAMES,
  LambdasStack,
  loadFunctionsRegistry,
  parseFunctionsRegistry,
} from '../lib';

const FIXTURES = path.join(__dirname, 'fixtures', 'registry');
const KNOWN = ['customer-lookup', 'mapping', 'flow-provisioner'];

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.file}: ${p.field}: ${p.message}`);
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('config/functions.json', () => {
  it('declares the platform functions flows call (the flow provisioner ships with amzconnect-contact-flows), and the stack has code for each', () => {
    // Act
    const registry = loadFunctionsRegistry(FUNCTIONS_REGISTRY_FILE, KNOWN_FUNCTION_NAMES);
    // Assess
    // Workload functions (`workload` set) are asserted by their workload's tests.
    const platform = registry.functions.filter((f) => f.workload === undefined);
    expect(platform.map((f) => [f.name, f.invokedByFlows])).toEqual([
      ['customer-lookup', true],
      ['mapping', true],
    ]);
  });
});

describe('parseFunctionsRegistry', () => {
  it('reports every problem with its field and fix', () => {
    // Prepare
    const raw = {
      functions: [
        { name: 'Customer_Lookup', description: 'x', invokedByFlows: true },
        { name: 'mapping', description: '', invokedByFlows: 'yes', timeout: 3 },
        { name: 'mapping', description: 'again', invokedByFlows: true, recordCalls: true },
        'flow-provisioner',
      ],
      extra: true,
    };
    // Act
    const problems = problemsOf(() => parseFunctionsRegistry(raw, 'functions.json', KNOWN));
    // Assess
    expect(problems).toEqual([
      'functions.json: extra: is not a known key; remove it (the only key is "functions").',
      'functions.json: functions[0].name: "Customer_Lookup" must be 2-40 lowercase letters, digits or hyphens starting with a letter (it becomes part of SSM names), e.g. "customer-lookup".',
      'functions.json: functions[1].timeout: is not a known key; remove it or fix its spelling (known keys: name, description, invokedByFlows, workload, recordCalls).',
      'functions.json: functions[1].description: must be a non-empty string saying what the function does.',
      'functions.json: functions[1].invokedByFlows: must be true (contact flows invoke it) or false.',
      'functions.json: functions[2].name: "mapping" is already declared by functions[1]; declare each function once.',
      'functions.json: functions[2].recordCalls: applies to "customer-lookup" only and must be true (record each call date) or false (read only, the default); remove it elsewhere.',
      'functions.json: functions[3]: must be an object with "name", "description" and "invokedByFlows".',
    ]);
  });

  it('reports a declared name the stack has no code for', () => {
    const problems = problemsOf(() =>
      loadFunctionsRegistry(path.join(FIXTURES, 'unknown-function.json'), KNOWN, FIXTURES),
    );
    expect(problems).toEqual([
      'unknown-function.json: functions[1].name: "vanity-numbers" has no code mapping in amzconnect-lambdas/lib/function-sources.ts; add a source for it there (see README "Add a function") or remove it (known: customer-lookup, mapping, flow-provisioner).',
    ]);
  });

  it('reports a file that is not JSON with line and column', () => {
    const problems = problemsOf(() =>
      loadFunctionsRegistry(path.join(FIXTURES, 'broken.json'), KNOWN, FIXTURES),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^broken\.json: : is not valid JSON \(.* at line 1, column \d+\); fix the syntax\.$/,
    );
  });

  it('refuses an empty list and a description Lambda would refuse', () => {
    expect(problemsOf(() => parseFunctionsRegistry({ functions: [] }, 'f.json', KNOWN))).toEqual([
      'f.json: functions: is empty; declare at least one function.',
    ]);
    expect(
      problemsOf(() =>
        parseFunctionsRegistry(
          { functions: [{ name: 'mapping', description: 'x'.repeat(257), invokedByFlows: true }] },
          'f.json',
          KNOWN,
        ),
      ),
    ).toEqual(['f.json: functions[0].description: is 257 characters; Lambda allows at most 256.']);
  });
});

describe('the stack driven by the registry', () => {
  const newApp = (): App => createPlatformApp({ skipBundling: true, guard: false });
  const props = { env: { account: '111111111111', region: 'us-east-1' }, app: 'acme', envName: 'develop' };

  it('fails synthesis clearly for a name without a code mapping', () => {
    expect(
      () =>
        new LambdasStack(newApp(), 'S', {
          ...props,
          functions: [{ name: 'vanity-numbers', description: 'd', invokedByFlows: true }],
        }),
    ).toThrow(
      `Cannot build the functions:\n  - "vanity-numbers" has no code mapping (known: ${Object.keys(FUNCTION_SOURCES).join(', ')}); add a source in lib/function-sources.ts or remove it from config/functions.json.`,
    );
  });

  it('fails clearly when a function is declared without a function it needs', () => {
    const sources = { ...FUNCTION_SOURCES, publisher: { ...FUNCTION_SOURCES.mapping, needs: ['mapping'] } };
    expect(() =>
      buildOrder([{ name: 'publisher', description: 'd', invokedByFlows: false }], sources),
    ).toThrow(
      'Cannot build the functions:\n  - "publisher" needs "mapping", which config/functions.json does not declare; declare "mapping" too.',
    );
  });

  it('builds a function after those it needs, whatever the file order', () => {
    const sources = { ...FUNCTION_SOURCES, publisher: { ...FUNCTION_SOURCES.mapping, needs: ['mapping'] } };
    const order = buildOrder(
      [
        { name: 'publisher', description: 'd', invokedByFlows: false },
        { name: 'mapping', description: 'd', invokedByFlows: true },
      ],
      sources,
    );
    expect(order.map((f) => f.name)).toEqual(['mapping', 'publisher']);
  });

  it('deploys only the declared functions, and associates one only when the registry says flows invoke it', () => {
    // Prepare
    const stack = new LambdasStack(newApp(), 'S', {
      ...props,
      functions: [{ name: 'customer-lookup', description: 'd', invokedByFlows: false }],
    });
    // Assess
    expect([...stack.functions.keys()]).toEqual(['customer-lookup']);
    expect(stack.functions.get('customer-lookup')?.integrationAssociation).toBeUndefined();
  });

  it('is the entry point of bin/app.ts: addLambdaStacks validates the registry and adds the stacks', () => {
    const stacks = addLambdaStacks(newApp(), loadPlatformConfig(path.join(REPO_ROOT, 'env')), {
      environments: ['staging'],
    });
    expect(stacks.map((s) => s.stackName)).toEqual(['acme-lambdas-staging-us-east-1']);
  });
});
