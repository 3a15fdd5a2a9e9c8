import * as fs from 'fs';
import * as path from 'path';
import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
} from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { GUARD_PLUGIN_NAME } from './guard-acknowledgement';

/** Folder of the AWS Control Tower proactive-control rules bundled with `@cdklabs/cdk-validator-cfnguard`. */
export const CONTROL_TOWER_RULES_DIR = path.join(
  path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard')),
  '..',
  'rules',
  'control-tower',
  'cfn-guard',
);

const RESOURCE_TYPE = /AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/g;

/** One rule file and the resource types it names (in its header and its queries). */
export interface GuardRuleFile {
  readonly file: string;
  readonly resourceTypes: ReadonlySet<string>;
}

/** Every `.guard` file under `dir`, with the resource types each names. */
export function readGuardRuleFiles(dir: string): GuardRuleFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return readGuardRuleFiles(file);
      if (!entry.name.endsWith('.guard')) return [];
      return [{ file, resourceTypes: new Set(fs.readFileSync(file, 'utf8').match(RESOURCE_TYPE) ?? []) }];
    });
}

/**
 * The rule files that can report on a template set holding `resourceTypes`: those naming at least
 * one of them, and those naming none (kept, since their reach is unknown). A rule whose resource
 * types are absent from every template is skipped by cfn-guard anyway (its result is SKIP), so
 * leaving it out changes no result, only the time cfn-guard spends parsing it.
 */
export function selectGuardRuleFiles(
  rules: readonly GuardRuleFile[],
  resourceTypes: ReadonlySet<string>,
): string[] {
  return rules
    .filter((r) => r.resourceTypes.size === 0 || [...r.resourceTypes].some((t) => resourceTypes.has(t)))
    .map((r) => r.file);
}

/** Options of {@link ControlTowerGuardValidator}. */
export interface ControlTowerGuardValidatorProps {
  /** Folder of `.guard` rule files. @default {@link CONTROL_TOWER_RULES_DIR} */
  readonly rulesDir?: string;
}

/**
 * The platform's second validator: `cfn-guard` (the binary `@cdklabs/cdk-validator-cfnguard`
 * ships) with the AWS Control Tower proactive-control rules. It hands cfn-guard each template
 * with only the rules that name a resource type present in it: the plugin's own way passes all
 * 237 rule files with every template, and cfn-guard's cost grows with rule files × templates
 * (about 40 ms of CPU per pair on the build machine; the report of issue 14 has the figures). Findings are acknowledged per
 * resource with {@link acknowledgeGuardRule}.
 */
export class ControlTowerGuardValidator implements IPolicyValidationPlugin {
  public readonly name = GUARD_PLUGIN_NAME;
  public readonly version: string;
  private readonly rules: readonly GuardRuleFile[];

  constructor(props: ControlTowerGuardValidatorProps = {}) {
    this.rules = readGuardRuleFiles(props.rulesDir ?? CONTROL_TOWER_RULES_DIR);
    this.version = new CfnGuardValidator({ controlTowerRulesEnabled: false }).version ?? '0.0.0';
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    // Templates grouped by the rules that apply to them: cfn-guard evaluates every rule file on
    // every data file, so a template is checked only against the rules naming its own types.
    const groups = new Map<string, { rules: string[]; templates: string[] }>();
    for (const template of context.templatePaths) {
      const resources =
        (JSON.parse(fs.readFileSync(template, 'utf8')) as { Resources?: object }).Resources ?? {};
      const types = new Set(
        (Object.values(resources) as { Type?: string }[]).flatMap((r) => (r.Type ? [r.Type] : [])),
      );
      const rules = selectGuardRuleFiles(this.rules, types);
      if (rules.length === 0) continue;
      const key = rules.join('\n');
      const group = groups.get(key) ?? { rules, templates: [] };
      group.templates.push(template);
      groups.set(key, group);
    }
    const reports = [...groups.values()].map(({ rules, templates }) =>
      new CfnGuardValidator({ controlTowerRulesEnabled: false, rules, maxBuffer: 64 * 1024 * 1024 }).validate(
        {
          ...context,
          templatePaths: templates,
        },
      ),
    );
    return {
      success: reports.every((r) => r.success),
      violations: reports.flatMap((r) => r.violations),
    };
  }
}
