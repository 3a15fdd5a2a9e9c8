import * as path from 'path';
import { loadPlatformConfig, PlatformConfig, REPO_ROOT } from '@amzconnect/env';
import { samplePlatform } from '@amzconnect/testing';
import { synthesizedApps } from '@amzconnect/testing/synth';
import { RESOURCE_TYPE_ACTIONS } from '../../lib/resource-type-actions';
import { APPS } from '../../src/cli/synth-all';
import type { CfnTemplate } from './synthesized-templates';

/**
 * Resource types of every template the four sub-project apps synthesize for `config`, with where
 * each is used. The syntheses are the run's shared ones (the Control Tower test and the IAM
 * evaluation read the same apps of the same configurations).
 */
function resourceTypesOf(config: PlatformConfig, label: string, into: Map<string, Set<string>>): void {
  const apps = synthesizedApps(
    APPS.filter((x) => x.folder !== 'amzconnect-devops-pipelines').map((a) => ({
      name: a.folder,
      addStacks: a.load(),
    })),
    config,
  );
  for (const stack of apps.flatMap((a) => a.stacks)) {
    for (const r of Object.values((stack.json as CfnTemplate).Resources ?? {})) {
      if (!into.has(r.Type)) into.set(r.Type, new Set());
      into.get(r.Type)!.add(`${label}: ${stack.stackName}`);
    }
  }
}

// The execution policy is derived from the table, and one access stack covers every workload a
// configuration may switch on later; so the table is checked against the union of the sample
// (workloads off) and `examples/all-workloads` (every workload on), in both directions.
describe('the resource-type table of the execution policy, against the templates of the sample and examples/all-workloads', () => {
  const used = new Map<string, Set<string>>();
  let stderr: jest.SpyInstance;

  beforeAll(() => {
    // The example's placeholders are printed as warnings by a local synth; they are expected here.
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    resourceTypesOf(samplePlatform(), 'env', used);
    resourceTypesOf(
      loadPlatformConfig(path.join(REPO_ROOT, 'examples', 'all-workloads')),
      'all-workloads',
      used,
    );
  });
  afterAll(() => stderr.mockRestore());

  it('has a row for every resource type of every template', () => {
    const missing = [...used.keys()].filter((type) => !(type in RESOURCE_TYPE_ACTIONS));

    expect(used.size).toBeGreaterThan(20);
    expect(missing.map((type) => `${type} (${[...used.get(type)!][0]})`)).toEqual([]);
  });

  it('has no row whose resource type no template uses (an unused row is a permission nobody needs)', () => {
    const unused = Object.keys(RESOURCE_TYPE_ACTIONS).filter((type) => !used.has(type));

    expect(unused).toEqual([]);
  });
});
