import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyViolation,
} from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { GUARD_PLUGIN_NAME } from './guard-acknowledgement';
import { GuardFindingsCache, guardCacheDirFromEnvironment } from './guard-findings-cache';

/** Folder of the AWS Control Tower proactive-control rules bundled with `@cdklabs/cdk-validator-cfnguard`. */
export const CONTROL_TOWER_RULES_DIR = path.join(
  path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard')),
  '..',
  'rules',
  'control-tower',
  'cfn-guard',
);

const RESOURCE_TYPE = /AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/g;

/** One rule file, the resource types it names (in its header and its queries) and its content's digest. */
export interface GuardRuleFile {
  readonly file: string;
  readonly resourceTypes: ReadonlySet<string>;
  /** SHA-256 of the file's content, hex. */
  readonly digest: string;
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
      const text = fs.readFileSync(file, 'utf8');
      return [
        {
          file,
          resourceTypes: new Set(text.match(RESOURCE_TYPE) ?? []),
          digest: createHash('sha256').update(text).digest('hex'),
        },
      ];
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
  return applicableRules(rules, resourceTypes).map((r) => r.file);
}

function applicableRules(
  rules: readonly GuardRuleFile[],
  resourceTypes: ReadonlySet<string>,
): GuardRuleFile[] {
  return rules.filter(
    (r) => r.resourceTypes.size === 0 || [...r.resourceTypes].some((t) => resourceTypes.has(t)),
  );
}

/** Options of {@link ControlTowerGuardValidator}. */
export interface ControlTowerGuardValidatorProps {
  /** Folder of `.guard` rule files. @default {@link CONTROL_TOWER_RULES_DIR} */
  readonly rulesDir?: string;
  /**
   * Where findings of checked template contents are kept.
   * @default one cache per process, in memory and in the folder {@link guardCacheDirFromEnvironment}
   *   names (`node_modules/.cache/amzconnect-guard-findings` unless `AMZCONNECT_GUARD_CACHE_DIR`
   *   says otherwise)
   */
  readonly cache?: GuardFindingsCache;
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
  private readonly cache: GuardFindingsCache;

  constructor(props: ControlTowerGuardValidatorProps = {}) {
    this.rules = readGuardRuleFiles(props.rulesDir ?? CONTROL_TOWER_RULES_DIR);
    this.version = new CfnGuardValidator({ controlTowerRulesEnabled: false }).version ?? '0.0.0';
    this.cache = props.cache ?? (PROCESS_CACHE ??= new GuardFindingsCache(guardCacheDirFromEnvironment()));
  }

  /** How many times this validator ran the cfn-guard binary. */
  public get cfnGuardRuns(): number {
    return this.runs;
  }

  private runs = 0;

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    // Templates grouped by the rules that apply to them: cfn-guard evaluates every rule file on
    // every data file, so a template is checked only against the rules naming its own types. A
    // template whose content was checked before against the same rules is not checked again: its
    // findings are the earlier ones, under its own path. cfn-guard's result depends on nothing but
    // its build, the rules and the data, so the key is cfn-guard's package version (the package
    // ships the binary; the lockfile pins its integrity), each rule file's content and the
    // template's content. The cache is kept on disk between runs and processes (see
    // GuardFindingsCache).
    const groups = new Map<string, { rules: string[]; templates: { path: string; key: string }[] }>();
    const violations: PolicyViolation[] = [];
    for (const template of context.templatePaths) {
      const text = fs.readFileSync(template, 'utf8');
      const resources = (JSON.parse(text) as { Resources?: object }).Resources ?? {};
      const types = new Set(
        (Object.values(resources) as { Type?: string }[]).flatMap((r) => (r.Type ? [r.Type] : [])),
      );
      const applicable = applicableRules(this.rules, types);
      if (applicable.length === 0) continue;
      const rules = applicable.map((r) => r.file);
      const ruleKey = rules.join('\n');
      const key = createHash('sha256')
        .update(`${this.version}\0${applicable.map((r) => r.digest).join(',')}\0`)
        .update(text)
        .digest('hex');
      const known = this.cache.get(key);
      if (known) {
        violations.push(...known.map((v) => atPath(v, template)));
        continue;
      }
      const group = groups.get(ruleKey) ?? { rules, templates: [] };
      group.templates.push({ path: template, key });
      groups.set(ruleKey, group);
    }
    let success = violations.length === 0;
    for (const { rules, templates } of groups.values()) {
      this.runs += 1;
      const report = new CfnGuardValidator({
        controlTowerRulesEnabled: false,
        rules,
        maxBuffer: 64 * 1024 * 1024,
      }).validate({ ...context, templatePaths: templates.map((t) => t.path) });
      success &&= report.success;
      for (const template of templates) {
        const own = report.violations.flatMap((v) => ofTemplate(v, template.path));
        this.cache.set(template.key, own);
        violations.push(...own);
      }
    }
    return { success: success && violations.length === 0, violations };
  }
}

/** The cache of every validator of this process that is given none (see {@link ControlTowerGuardValidatorProps.cache}). */
let PROCESS_CACHE: GuardFindingsCache | undefined;

/** The part of `violation` in the template at `templatePath`, or none. */
function ofTemplate(violation: PolicyViolation, templatePath: string): PolicyViolation[] {
  const resources = violation.violatingResources.filter((r) => r.templatePath === templatePath);
  return resources.length === 0 ? [] : [{ ...violation, violatingResources: resources }];
}

/** `violation` (of one template) as found in the template at `templatePath`. */
function atPath(violation: PolicyViolation, templatePath: string): PolicyViolation {
  return {
    ...violation,
    violatingResources: violation.violatingResources.map((r) => ({ ...r, templatePath })),
  };
}
