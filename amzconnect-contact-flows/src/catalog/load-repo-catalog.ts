import * as fs from 'fs';
import * as path from 'path';
import { FlowDocument, isModule } from '../model/flow-document';
import { WORKLOAD_MANIFESTS } from '@amzconnect/lambdas/workloads';
import { REPO_ROOT } from '../paths';
import { RepoCatalog } from './repo-catalog';

/** A catalog file that could not be used; references it would define are not checked. */
export interface CatalogWarning {
  /** File or folder, relative to the repository root. */
  readonly file: string;
  readonly message: string;
}

/** The catalog and what could not be read. */
export interface LoadedCatalog {
  readonly catalog: RepoCatalog;
  readonly warnings: readonly CatalogWarning[];
}

const INSTANCE_FILE = 'amzconnect-instance/config/instance.json';
const BOTS_DIR = 'amzconnect-supporting-infra/bots';
const FUNCTIONS_FILE = 'amzconnect-lambdas/config/functions.json';

/**
 * Reads what the repository defines (see {@link RepoCatalog}). A missing or malformed file is a
 * warning, not a failure: the sub-projects are edited independently.
 * @param flows the repository's flows and modules (names come from them)
 * @param repoRoot the repository root @default this repository
 */
export function loadRepoCatalog(flows: readonly FlowDocument[], repoRoot: string = REPO_ROOT): LoadedCatalog {
  const warnings: CatalogWarning[] = [];
  const instance = readJson(repoRoot, INSTANCE_FILE, warnings);
  const functions = readJson(repoRoot, FUNCTIONS_FILE, warnings);
  const catalog: RepoCatalog = {
    queues: instance === undefined ? undefined : names(instance, 'queues', INSTANCE_FILE, true, warnings),
    hours:
      instance === undefined ? undefined : names(instance, 'hoursOfOperation', INSTANCE_FILE, true, warnings),
    prompts: instance === undefined ? undefined : names(instance, 'prompts', INSTANCE_FILE, false, warnings),
    bots: readBots(repoRoot, warnings),
    lambdas: withWorkloadFlowFunctions(
      functions === undefined ? undefined : names(functions, 'functions', FUNCTIONS_FILE, true, warnings),
    ),
    flows: flows.filter((f) => !isModule(f)).map((f) => f.name),
    modules: flows.filter((f) => isModule(f)).map((f) => f.name),
  };
  return { catalog, warnings };
}

function readJson(root: string, rel: string, warnings: CatalogWarning[]): unknown {
  const file = path.join(root, rel);
  if (!fs.existsSync(file)) {
    warnings.push({ file: rel, message: 'not found; references it would define are not checked' });
    return undefined;
  }
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    warnings.push({
      file: rel,
      message: `cannot be read as JSON (${(err as Error).message}); references it would define are not checked`,
    });
    return undefined;
  }
}

/** `value[field][].name`, or `undefined` (with a warning) when the field is malformed. */
function names(
  value: unknown,
  field: string,
  rel: string,
  required: boolean,
  warnings: CatalogWarning[],
): string[] | undefined {
  const list =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined;
  if (list === undefined && !required) return [];
  if (!Array.isArray(list)) {
    warnings.push({
      file: rel,
      message: `"${field}" is not an array of { "name": ... }; references it would define are not checked`,
    });
    return undefined;
  }
  const out: string[] = [];
  list.forEach((item: unknown, i: number) => {
    const name =
      typeof item === 'object' && item !== null ? (item as Record<string, unknown>).name : undefined;
    if (typeof name === 'string' && name !== '') out.push(name);
    else warnings.push({ file: rel, message: `${field}[${i}] has no "name"; it is ignored` });
  });
  return out;
}

function readBots(root: string, warnings: CatalogWarning[]): string[] | undefined {
  const dir = path.join(root, BOTS_DIR);
  if (!fs.existsSync(dir)) {
    warnings.push({ file: `${BOTS_DIR}/`, message: 'not found; ${lex:...} references are not checked' });
    return undefined;
  }
  const out: string[] = [];
  for (const entry of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const rel = `${BOTS_DIR}/${entry}`;
    const value = readJson(root, rel, warnings);
    const name =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>).name : undefined;
    if (typeof name === 'string' && name !== '') out.push(name);
    else if (value !== undefined)
      warnings.push({ file: rel, message: 'has no top-level "name"; it is ignored' });
  }
  return out;
}

/**
 * The registry's names plus the functions each workload's flows call, from the workload manifests
 * (`@amzconnect/lambdas/workloads`): a workload's own construct deploys some of them outside the
 * registry. Unchecked when the registry is.
 */
function withWorkloadFlowFunctions(registry: string[] | undefined): string[] | undefined {
  if (registry === undefined) return registry;
  return [...registry, ...Object.values(WORKLOAD_MANIFESTS).flatMap((m) => m.flowFunctions)];
}
