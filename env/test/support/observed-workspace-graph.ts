import * as fs from 'fs';
import * as path from 'path';

/** How one workspace's code reaches another workspace. */
export interface ObservedEdge {
  /** Folder of the workspace whose code reaches out. */
  readonly from: string;
  /** Folder of the workspace reached. */
  readonly to: string;
  /** `import` (a package import), `relative` (an import by relative path) or `file` (a path to its files). */
  readonly via: 'import' | 'relative' | 'file';
  /** Whether the reaching file is test code (under `test/`) rather than what gets built and deployed. */
  readonly test: boolean;
  /** Repository-relative file and line, for the failure message. */
  readonly where: string;
}

/** A workspace as its package.json declares it. */
export interface DeclaredPackage {
  readonly folder: string;
  readonly name: string;
  /** `@amzconnect/*` packages in `dependencies`. */
  readonly dependencies: readonly string[];
  /** `@amzconnect/*` packages in `devDependencies`. */
  readonly devDependencies: readonly string[];
}

/** What the repository really does: its workspaces and every reach from one into another. */
export interface ObservedGraph {
  readonly packages: readonly DeclaredPackage[];
  readonly edges: readonly ObservedEdge[];
}

const SKIP_DIRS = new Set(['node_modules', 'cdk.out', 'fixtures']);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.'))
        out.push(...sourceFiles(path.join(dir, entry.name)));
    } else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(path.join(dir, entry.name));
    }
  }
  return out;
}

/** Source text without comments, line structure kept (so line numbers still hold). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|\s)\/\/.*$/gm, '$1');
}

const PACKAGE_IMPORT =
  /(?:from\s+|require\(\s*|import\(\s*|import\s+)['"](@amzconnect\/[a-z-]+)(?:\/[^'"]*)?['"]/g;
const RELATIVE_IMPORT = /(?:from\s+|require\(\s*|import\(\s*|import\s+)['"](\.\.?\/[^'"]*)['"]/g;

/**
 * Derives the workspace graph from the code itself: `@amzconnect/*` imports, relative imports that
 * leave the workspace, and string literals that name another workspace's files (`'amzconnect-
 * instance/config/instance.json'`, or a folder as a `path.join`/`path.resolve` argument).
 */
export function observeWorkspaceGraph(repoRoot: string): ObservedGraph {
  const rootManifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  const folders = rootManifest.workspaces;
  const packages: DeclaredPackage[] = folders.map((folder) => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, folder, 'package.json'), 'utf8')) as {
      name: string;
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const ours = (deps: Record<string, string> = {}) =>
      Object.keys(deps).filter((d) => d.startsWith('@amzconnect/'));
    return {
      folder,
      name: manifest.name,
      dependencies: ours(manifest.dependencies),
      devDependencies: ours(manifest.devDependencies),
    };
  });
  const byName = new Map(packages.map((p) => [p.name, p.folder]));
  const folderPattern = folders.map((f) => f.replace(/[-/]/g, (c) => `\\${c}`)).join('|');
  const fileLiteral = new RegExp(`['"\`](${folderPattern})/`, 'g');
  const folderArgument = new RegExp(`path\\.(?:join|resolve)\\([^)]*?['"](${folderPattern})['"]`, 'g');

  const edges: ObservedEdge[] = [];
  for (const from of folders) {
    const base = path.join(repoRoot, from);
    for (const file of sourceFiles(base)) {
      const rel = path.relative(base, file).split(path.sep).join('/');
      const test = rel.startsWith('test/');
      const text = withoutComments(fs.readFileSync(file, 'utf8'));
      const lineOf = (index: number) => text.slice(0, index).split('\n').length;
      const add = (to: string | undefined, via: ObservedEdge['via'], index: number) => {
        if (to && to !== from) edges.push({ from, to, via, test, where: `${from}/${rel}:${lineOf(index)}` });
      };
      for (const m of text.matchAll(PACKAGE_IMPORT)) add(byName.get(m[1]) ?? m[1], 'import', m.index);
      for (const m of text.matchAll(RELATIVE_IMPORT)) {
        const target = path
          .relative(repoRoot, path.resolve(path.dirname(file), m[1]))
          .split(path.sep)
          .join('/');
        const owner = folders.find((f) => target === f || target.startsWith(`${f}/`));
        if (!target.startsWith(`${from}/`)) add(owner ?? target, 'relative', m.index);
      }
      for (const m of text.matchAll(fileLiteral)) add(m[1], 'file', m.index);
      for (const m of text.matchAll(folderArgument)) add(m[1], 'file', m.index);
    }
  }
  return { packages, edges };
}

/** A workspace as the graph in `@amzconnect/env` declares it. */
export interface DeclaredWorkspace {
  readonly folder: string;
  readonly packageName: string;
  /** Folders of the workspaces it depends on. */
  readonly dependsOn: readonly string[];
}

/**
 * Every way `declared` (the graph in `@amzconnect/env`) and the package manifests disagree with
 * what the code does, one sentence each with the place and the fix; empty when they agree. Pure.
 */
export function graphDisagreements(
  observed: ObservedGraph,
  declared: readonly DeclaredWorkspace[],
): string[] {
  const problems: string[] = [];
  const declaredFolders = new Set(declared.map((w) => w.folder));
  for (const p of observed.packages) {
    const d = declared.find((w) => w.folder === p.folder);
    if (!d)
      problems.push(
        `${p.folder} is an npm workspace but not in WORKSPACES (env/src/subprojects.ts); add it.`,
      );
    else if (d.packageName !== p.name)
      problems.push(
        `${p.folder}: package.json names it ${p.name}, WORKSPACES ${d.packageName}; make them agree.`,
      );
  }
  for (const d of declared) {
    if (!observed.packages.some((p) => p.folder === d.folder))
      problems.push(
        `${d.folder} is in WORKSPACES but not an npm workspace (root package.json); add it or remove it.`,
      );
  }
  const nameOf = (folder: string) => observed.packages.find((p) => p.folder === folder)?.name ?? folder;
  for (const p of observed.packages) {
    const d = declared.find((w) => w.folder === p.folder);
    const mine = observed.edges.filter((e) => e.from === p.folder);
    const built = mine.filter((e) => !e.test);
    const builtFrom = new Set(built.map((e) => e.to));
    for (const to of builtFrom) {
      const where = built.find((e) => e.to === to)?.where;
      if (!declaredFolders.has(to)) problems.push(`${where}: reaches ${to}, which is no workspace.`);
      else if (d && !d.dependsOn.includes(to))
        problems.push(
          `${where}: ${p.folder} uses ${to}, which its dependsOn in env/src/subprojects.ts does not list; add it.`,
        );
    }
    for (const to of d?.dependsOn ?? []) {
      if (!builtFrom.has(to))
        problems.push(
          `${p.folder}: dependsOn lists ${to}, which its code neither imports nor reads; remove it.`,
        );
    }
    for (const e of mine.filter((x) => x.via === 'relative')) {
      problems.push(
        `${e.where}: imports ${e.to} by relative path; import ${nameOf(e.to)} through its exports.`,
      );
    }
    for (const e of mine.filter((x) => x.via === 'import')) {
      const name = nameOf(e.to);
      const ok = e.test
        ? p.dependencies.includes(name) || p.devDependencies.includes(name)
        : p.dependencies.includes(name);
      if (!ok)
        problems.push(
          `${e.where}: imports ${name}, which ${p.folder}/package.json does not declare in ${e.test ? 'dependencies or devDependencies' : 'dependencies'}; add it.`,
        );
    }
    for (const name of p.dependencies) {
      const folder = observed.packages.find((x) => x.name === name)?.folder;
      if (folder && !builtFrom.has(folder))
        problems.push(
          `${p.folder}/package.json: dependencies list ${name}, which its code does not use; move it to devDependencies or remove it.`,
        );
    }
  }
  return [...new Set(problems)];
}
