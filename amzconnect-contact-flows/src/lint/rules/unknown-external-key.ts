import { MAPPING_KEY_PREFIXES, isMappingKeyShaped } from '../../model/mapping-key';
import { CATALOG_LIST, RepoCatalog } from '../../catalog/repo-catalog';
import { FlowAction } from '../../model/flow-document';
import { PLACEHOLDER_KINDS } from '../../model/placeholders';
import { didYouMean } from '../did-you-mean';
import { actionStrings, describeAction } from '../flow-walk';
import { LintRule, RuleFinding } from '../lint-rule';

const EXTERNAL_RE = /\$\.External\.([A-Za-z0-9_-]+)/g;
const LAMBDA_TYPES = new Set(['InvokeLambdaFunction', 'InvokeExternalResource']);

/**
 * `$.External.<Key>` holds what the last Lambda function returned. Keys shaped like mapping keys
 * (`Queue_...`, `Lex_...`) must be keys the mapping function returns for what the repository
 * defines. Other keys are results of other functions: an error when the flow invokes only the
 * mapping function, a warning when it invokes no function at all.
 */
export const unknownExternalKey: LintRule = {
  id: 'unknown-external-key',
  check(doc, { catalog, mappingKeys }) {
    const lambdas = doc.content.Actions.filter((a) => LAMBDA_TYPES.has(a.Type));
    const invokesOther = lambdas.some((a) => !invokesMapping(a));
    const invokesAny = lambdas.length > 0;
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const { action, value } of actionStrings(doc.content.Actions)) {
      for (const m of value.matchAll(EXTERNAL_RE)) {
        const key = m[1];
        const where = `${describeAction(action)}: $.External.${key}`;
        if (seen.has(where) || mappingKeys.has(key)) continue;
        seen.add(where);
        const hint = suggestKey(key, mappingKeys.keys());
        if (isMappingKeyShaped(key)) {
          if (!kindKnown(key, catalog)) continue;
          findings.push({
            severity: 'error',
            message: `${where} is not a key the mapping function returns${hint}`,
          });
        } else if (!invokesOther) {
          const why = invokesAny
            ? 'the flow invokes only the mapping function'
            : 'the flow invokes no Lambda function';
          findings.push({
            severity: invokesAny ? 'error' : 'warning',
            message: `${where} is not a key the mapping function returns and ${why}${hint}`,
          });
        }
      }
    }
    return findings;
  },
};

/** A key that only lacks its kind prefix (`ACME_Sales` → `Queue_ACME_Sales`), else the closest key. */
function suggestKey(key: string, keys: Iterable<string>): string {
  const all = [...keys];
  const prefixed = all.find((k) => isMappingKeyShaped(k) && k.slice(k.indexOf('_') + 1) === key);
  return prefixed !== undefined ? `; did you mean "${prefixed}"?` : didYouMean(key, all);
}

function invokesMapping(action: FlowAction): boolean {
  const arn = action.Parameters?.LambdaFunctionARN ?? action.Parameters?.FunctionArn;
  return arn === '${mapping-function}' || arn === '<<ARNREPLACE>>';
}

/** Whether the catalog list for the key's kind could be read (otherwise the key is not judged). */
function kindKnown(key: string, catalog: RepoCatalog): boolean {
  const kind = PLACEHOLDER_KINDS.find((k) => key.startsWith(`${MAPPING_KEY_PREFIXES[k]}_`));
  return kind !== undefined && catalog[CATALOG_LIST[kind]] !== undefined;
}
