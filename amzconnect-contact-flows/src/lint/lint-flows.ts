import { catalogMappingKeys } from '../catalog/mapping-keys';
import { RepoCatalog } from '../catalog/repo-catalog';
import { FlowFormatError } from '../format/flow-format-error';
import { LoadedFlow } from '../format/load-repo-flows';
import { isModule } from '../model/flow-document';
import { LintFinding } from './lint-finding';
import { LintContext } from './lint-rule';
import { LINT_RULES } from './lint-rules';

/** What {@link lintFlows} checks. */
export interface LintInput {
  /** Flows that could be read. */
  readonly flows: readonly LoadedFlow[];
  /** Files that could not be read as flows (reported under the `format` rule). */
  readonly errors?: readonly FlowFormatError[];
  /** What the repository defines, for reference checks. */
  readonly catalog: RepoCatalog;
}

/**
 * Lints flows: one finding per problem, in file order. Pure: reads nothing, so it runs the same in
 * the tests, the CLI and the pipeline.
 */
export function lintFlows(input: LintInput): LintFinding[] {
  const context: LintContext = { catalog: input.catalog, mappingKeys: catalogMappingKeys(input.catalog) };
  const findings: LintFinding[] = [];
  for (const error of input.errors ?? []) {
    for (const message of error.problems)
      findings.push({ path: error.path, severity: 'error', rule: 'format', message });
  }
  const firstByName = new Map<string, string>();
  for (const flow of input.flows) {
    const { path, document } = flow;
    if (flow.shape !== undefined && flow.shape !== 'repo') {
      findings.push({
        path,
        severity: 'warning',
        rule: 'format',
        message: `file is in the ${flow.shape} shape, not the repository format; rewrite it with \`npm run flows -- normalize ${path}\``,
      });
    }
    for (const note of flow.notes ?? []) {
      if (!/inferred .* from the content/.test(note)) continue;
      // A type guessed from the blocks is often wrong, and Connect cannot change a flow's type later.
      findings.push({
        path,
        severity: 'error',
        rule: 'guessed-type',
        message: `the flow type is not in the file (${note}); a guessed type is often wrong and Connect cannot change it after the first deploy: add "type": "${document.type}" (or the right type) to the file`,
      });
    }
    const nameKey = `${isModule(document) ? 'module' : 'flow'}:${document.name}`;
    const first = firstByName.get(nameKey);
    if (first === undefined) firstByName.set(nameKey, path);
    else {
      findings.push({
        path,
        severity: 'error',
        rule: 'duplicate-name',
        message: `${isModule(document) ? 'module' : 'flow'} name "${document.name}" is also used by ${first}; names are unique per instance`,
      });
    }
    for (const rule of LINT_RULES) {
      for (const f of rule.check(document, context)) findings.push({ path, rule: rule.id, ...f });
    }
  }
  return findings;
}
