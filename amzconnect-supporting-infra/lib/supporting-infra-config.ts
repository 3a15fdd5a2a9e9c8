import type { LifecycleOverrides } from '@amzconnect/instance';

/** Per-environment settings of the supporting infrastructure. */
export interface SupportingInfraEnvironmentOverrides extends LifecycleOverrides {
  /** Load the sample customer records into the customer table at deployment. @default false */
  readonly loadSampleCustomers?: boolean;
}

/** The typed content of `config/supporting-infra.json`. */
export interface SupportingInfraConfig {
  /**
   * Base of the contact-flow bucket's name; `-<env>-<region>` is appended and the result
   * lowercased (S3 bucket naming rules, at most 63 characters, no dots).
   */
  readonly flowBucketName: string;
  /** Days Lex conversation logs are kept (a CloudWatch Logs retention value). @default 90 */
  readonly conversationLogRetentionDays: number;
  /** Sample customer records, relative to the configuration file. @default none */
  readonly sampleCustomersFile?: string;
  /**
   * Settings by environment name, from the `supportingInfra` section of
   * `env/environments/<env>.json` (filled by the loader; not part of the file).
   * @default none: everything retained, no sample data
   */
  readonly environments: Readonly<Record<string, SupportingInfraEnvironmentOverrides>>;
}
