import { MappingEntry } from '../catalog/mapping-keys';
import { RepoCatalog } from '../catalog/repo-catalog';
import { FlowDocument } from '../model/flow-document';
import { LintRuleId, LintSeverity } from './lint-finding';

/** What a rule may consult besides the document. */
export interface LintContext {
  readonly catalog: RepoCatalog;
  /** `$.External` keys the mapping function returns, from {@link catalogMappingKeys}. */
  readonly mappingKeys: ReadonlyMap<string, MappingEntry>;
}

/** A finding of one rule in one document (the runner adds the path). */
export interface RuleFinding {
  readonly severity: LintSeverity;
  readonly message: string;
}

/** A lint rule: a pure function of a document and the repository catalog. */
export interface LintRule {
  readonly id: LintRuleId;
  check(doc: FlowDocument, context: LintContext): RuleFinding[];
}
