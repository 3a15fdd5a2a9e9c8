import * as path from 'path';
import {
  ConfigError,
  parseWithProblems,
  readJsonFile,
  type ConfigProblem,
  type PlatformConfig,
  withoutMovedEnvironments,
} from '@amzconnect/env';
import {
  lifecycleOverrideProblems,
  parseEnvironmentSection,
  s3BucketNameProblem,
  targetNameProblems,
} from '@amzconnect/instance';
import type { CustomerRecord } from './customer-record';
import type { SupportingInfraConfig, SupportingInfraEnvironmentOverrides } from './supporting-infra-config';
import {
  sampleCustomersSchema,
  supportingInfraConfigSchema,
  supportingInfraEnvironmentSettingsSchema,
} from './supporting-infra-config-schema';

/** Default location of the supporting-infra configuration. */
export const SUPPORTING_INFRA_CONFIG_FILE = path.join(__dirname, '..', 'config', 'supporting-infra.json');

/** Options for {@link loadSupportingInfraConfig}. */
export interface LoadSupportingInfraConfigOptions {
  /** Directory used to shorten file names in messages. @default process.cwd() */
  readonly cwd?: string;
  /**
   * The platform configuration: when given, the `supportingInfra` section of every environment's
   * settings (`env/environments/<env>.json`) is validated and merged in, and the flow bucket name
   * derived for every enabled environment and Region is checked against S3's rules.
   * @default no environment settings, no cross-checks
   */
  readonly platform?: PlatformConfig;
}

/** The supporting-infra configuration with its sample customers loaded. */
export interface LoadedSupportingInfraConfig {
  readonly config: SupportingInfraConfig;
  /** Records of `sampleCustomersFile`; empty when there is none. */
  readonly sampleCustomers: readonly CustomerRecord[];
}

const EXAMPLES: Record<string, string> = {
  flowBucketName: '"acme-contact-flows"',
  phoneNumber: '"+15555550100"',
  firstName: '"Jane"',
  lastName: '"Doe"',
  lastCalledDate: '"2024-05-01T14:30:00Z"',
};

function duplicatePhoneNumbers(file: string, records: readonly CustomerRecord[]): ConfigProblem[] {
  const seen = new Map<string, number>();
  const problems: ConfigProblem[] = [];
  records.forEach((r, i) => {
    const first = seen.get(r.phoneNumber);
    if (first !== undefined) {
      problems.push({
        file,
        field: `[${i}].phoneNumber`,
        message: `"${r.phoneNumber}" is already the key of [${first}]; keep one record per number.`,
      });
    } else seen.set(r.phoneNumber, i);
  });
  return problems;
}

/**
 * Loads `config/supporting-infra.json` (or `file`) and the sample customers file it names,
 * validates both, and returns them typed. Every problem is collected before anything is thrown.
 * @throws ConfigError listing every problem as `file: field: fix`
 */
export function loadSupportingInfraConfig(
  file: string = SUPPORTING_INFRA_CONFIG_FILE,
  options: LoadSupportingInfraConfigOptions = {},
): LoadedSupportingInfraConfig {
  const cwd = options.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, file);
  const display = path.relative(cwd, absolute) || absolute;
  const hint = 'see amzconnect-supporting-infra/README.md, "Configuration"';
  const raw = readJsonFile(absolute, display, hint);
  if (!raw.ok) throw new ConfigError([raw.problem]);

  const problems: ConfigProblem[] = [];
  const moved = withoutMovedEnvironments(
    raw.value,
    display,
    'supportingInfra',
    '{ "supportingInfra": { "loadSampleCustomers": true } }',
  );
  const value = moved.value;
  if (moved.problem) problems.push(moved.problem);
  const parsed = parseWithProblems(supportingInfraConfigSchema, value, display, problems, EXAMPLES);
  const environments: Record<string, SupportingInfraEnvironmentOverrides> = {};
  for (const environment of options.platform?.environments ?? []) {
    const { file: settingsFile, supportingInfra } = environment.settings;
    const settings = parseEnvironmentSection(
      supportingInfraEnvironmentSettingsSchema,
      'supportingInfra',
      supportingInfra,
      settingsFile,
      problems,
    );
    if (!settings) continue;
    problems.push(
      ...lifecycleOverrideProblems(
        settingsFile,
        'supportingInfra',
        environment,
        options.platform!.tooling,
        settings,
      ),
    );
    if (settings.loadSampleCustomers && parsed && !parsed.sampleCustomersFile) {
      problems.push({
        file: settingsFile,
        field: 'supportingInfra.loadSampleCustomers',
        message: `is true but ${display} has no sampleCustomersFile; add "sampleCustomersFile": "sample-customers.json" there or remove the setting.`,
      });
    }
    environments[environment.name] = settings;
  }
  const config: SupportingInfraConfig | undefined = parsed ? { ...parsed, environments } : undefined;
  let sampleCustomers: CustomerRecord[] = [];
  if (config) {
    if (options.platform) {
      problems.push(
        ...targetNameProblems(
          display,
          'flowBucketName',
          config.flowBucketName,
          options.platform,
          s3BucketNameProblem,
        ),
      );
    }
    if (config.sampleCustomersFile) {
      const samplesAbsolute = path.resolve(path.dirname(absolute), config.sampleCustomersFile);
      const samplesDisplay = path.relative(cwd, samplesAbsolute) || samplesAbsolute;
      const samplesRaw = readJsonFile(
        samplesAbsolute,
        samplesDisplay,
        `named by sampleCustomersFile in ${display}`,
      );
      if (!samplesRaw.ok) problems.push(samplesRaw.problem);
      else {
        const parsed = parseWithProblems(
          sampleCustomersSchema,
          samplesRaw.value,
          samplesDisplay,
          problems,
          EXAMPLES,
        );
        if (parsed) {
          problems.push(...duplicatePhoneNumbers(samplesDisplay, parsed));
          sampleCustomers = parsed;
        }
      }
    }
  }
  if (problems.length > 0 || !config) throw new ConfigError(problems);
  return { config, sampleCustomers };
}
