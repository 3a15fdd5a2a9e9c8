import * as path from 'path';
import {
  downstreamOf,
  releasedBy,
  releaseOrder,
  SUBPROJECT_IDS,
  upstreamOf,
  workspaceById,
  WORKSPACES,
} from '../src';
import { upstreamFoldersCommand } from '../src/cli/upstream-folders';
import {
  DeclaredWorkspace,
  graphDisagreements,
  ObservedGraph,
  observeWorkspaceGraph,
} from './support/observed-workspace-graph';

const REPO = path.resolve(__dirname, '..', '..');
const declared: DeclaredWorkspace[] = WORKSPACES.map((w) => ({
  folder: w.folder,
  packageName: w.packageName,
  dependsOn: w.dependsOn.map((id) => workspaceById(id).folder),
}));

describe('the workspace graph in env/src/subprojects.ts', () => {
  let observed: ObservedGraph;
  beforeAll(() => {
    observed = observeWorkspaceGraph(REPO);
  });

  it('agrees with the workspaces, package manifests, imports and file reads of the repository', () => {
    expect(graphDisagreements(observed, declared)).toEqual([]);
  });

  it('fails on a cross-package import that neither dependsOn nor package.json declares', () => {
    // Prepare: instance's code starts importing lambdas.
    const edge = {
      from: 'amzconnect-instance',
      to: 'amzconnect-lambdas',
      via: 'import' as const,
      test: false,
      where: 'amzconnect-instance/lib/x.ts:1',
    };
    // Act
    const problems = graphDisagreements({ ...observed, edges: [...observed.edges, edge] }, declared);
    // Assess
    expect(problems).toEqual([
      'amzconnect-instance/lib/x.ts:1: amzconnect-instance uses amzconnect-lambdas, which its dependsOn in env/src/subprojects.ts does not list; add it.',
      'amzconnect-instance/lib/x.ts:1: imports @amzconnect/lambdas, which amzconnect-instance/package.json does not declare in dependencies; add it.',
    ]);
  });

  it('fails on a file read of another workspace that dependsOn does not declare', () => {
    const edge = {
      from: 'amzconnect-instance',
      to: 'amzconnect-contact-flows',
      via: 'file' as const,
      test: false,
      where: 'amzconnect-instance/lib/x.ts:2',
    };
    expect(graphDisagreements({ ...observed, edges: [...observed.edges, edge] }, declared)).toEqual([
      'amzconnect-instance/lib/x.ts:2: amzconnect-instance uses amzconnect-contact-flows, which its dependsOn in env/src/subprojects.ts does not list; add it.',
    ]);
  });

  it('fails on a declared dependency the code no longer uses', () => {
    const stale = declared.map((w) =>
      w.folder === 'amzconnect-instance' ? { ...w, dependsOn: [...w.dependsOn, 'amzconnect-lambdas'] } : w,
    );
    expect(graphDisagreements(observed, stale)).toEqual([
      'amzconnect-instance: dependsOn lists amzconnect-lambdas, which its code neither imports nor reads; remove it.',
    ]);
  });

  it('observes the reads the repository is known for: contact-flows reads the other sub-projects’ definitions', () => {
    const reads = observed.edges.filter(
      (e) => e.from === 'amzconnect-contact-flows' && e.via === 'file' && !e.test,
    );
    expect(new Set(reads.map((e) => e.to))).toEqual(
      new Set(['amzconnect-instance', 'amzconnect-supporting-infra', 'amzconnect-lambdas']),
    );
  });
});

describe('release order and what a change releases', () => {
  it('releases the four sub-projects in the order instance, supporting-infra, lambdas, contact-flows', () => {
    expect(SUBPROJECT_IDS).toEqual(['instance', 'supporting-infra', 'lambdas', 'contact-flows']);
    expect(releaseOrder(['contact-flows', 'env', 'instance', 'lambdas'])).toEqual([
      'instance',
      'lambdas',
      'contact-flows',
    ]);
  });

  it('releases every sub-project built from a changed shared package', () => {
    expect(releasedBy(['constructs'])).toEqual(['instance', 'supporting-infra', 'lambdas', 'contact-flows']);
    expect(releasedBy(['env'])).toEqual(['instance', 'supporting-infra', 'lambdas', 'contact-flows']);
  });

  it('releases contact-flows alone for a change to its deploy engine: the flow provisioner ships with it', () => {
    expect(releasedBy(['contact-flows'])).toEqual(['contact-flows']);
  });

  it('releases what reads or imports a changed sub-project, and nothing upstream of it', () => {
    expect(releasedBy(['supporting-infra'])).toEqual(['supporting-infra', 'contact-flows']);
    expect(downstreamOf(['supporting-infra']).has('instance')).toBe(false);
  });

  it('releases nothing for a change to test helpers', () => {
    expect(releasedBy(['testing'])).toEqual([]);
  });

  it('names every workspace a sub-project is built from, itself included', () => {
    expect(upstreamOf('supporting-infra').map((w) => w.id)).toEqual([
      'instance',
      'supporting-infra',
      'env',
      'constructs',
    ]);
  });

  it('marks env and constructs as shared: code several sub-projects are built from', () => {
    const shared = WORKSPACES.filter((w) => w.kind === 'shared');
    expect(shared.map((w) => w.id)).toEqual(['env', 'constructs']);
    for (const w of shared) {
      expect(
        WORKSPACES.filter((d) => d.kind === 'subproject' && d.dependsOn.includes(w.id)).length,
      ).toBeGreaterThan(1);
    }
  });
});

describe('upstream-folders (what a sub-project build lints and tests)', () => {
  it('prints the folder and every workspace folder it is built from', () => {
    expect(upstreamFoldersCommand(['amzconnect-instance'])).toEqual({
      code: 0,
      out: 'amzconnect-instance env constructs',
    });
  });

  it('refuses an unknown folder, naming the known ones', () => {
    expect(upstreamFoldersCommand(['amzconnect-nope'])).toEqual({
      code: 1,
      out: 'No workspace in folder "amzconnect-nope"; known: amzconnect-instance, amzconnect-supporting-infra, amzconnect-lambdas, amzconnect-contact-flows, env, constructs, amzconnect-devops-pipelines, testing.',
    });
  });

  it('answers --help with its usage', () => {
    expect(upstreamFoldersCommand(['--help'])).toEqual({
      code: 0,
      out: 'usage: upstream-folders.ts FOLDER   (e.g. amzconnect-lambdas)',
    });
  });
});
