import type { Environment } from './platform-config';

/**
 * An Amazon Connect instance ARN, `arn:<partition>:connect:<region>:<account>:instance/<id>`
 * (Service Authorization Reference, "Resource types defined by Amazon Connect", `instance`;
 * the id is the UUID `DescribeInstance` returns as `Id`). Groups: partition, Region, account, id.
 */
export const CONNECT_INSTANCE_ARN_PATTERN =
  /^arn:(aws(?:-[a-z]+)*):connect:([a-z0-9-]+):(\d{12}):instance\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The parts of an instance ARN. */
export interface ConnectInstanceArnParts {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly instanceId: string;
}

/** Splits an instance ARN, or returns `undefined` when it is not one. */
export function parseConnectInstanceArn(arn: string): ConnectInstanceArnParts | undefined {
  const m = CONNECT_INSTANCE_ARN_PATTERN.exec(arn);
  return m ? { partition: m[1], region: m[2], account: m[3], instanceId: m[4] } : undefined;
}

/** An instance the platform does not own, adopted in one Region of an environment. */
export interface ExistingInstance {
  /** The instance ARN, as written in `existingInstances`. */
  readonly arn: string;
  /** The instance id (last part of the ARN). */
  readonly instanceId: string;
}

/**
 * The existing instance `environment` uses in `region` (`existingInstances` in
 * `accountvars.json`), or `undefined` when the platform manages the instance of that Region.
 */
export function existingInstanceIn(
  environment: Pick<Environment, 'existingInstances'>,
  region: string,
): ExistingInstance | undefined {
  const arn = environment.existingInstances[region];
  if (arn === undefined) return undefined;
  const parts = parseConnectInstanceArn(arn);
  // The loader validated the ARN; a hand-built model may not have.
  if (!parts) throw new Error(`existingInstances.${region}: "${arn}" is not an Amazon Connect instance ARN.`);
  return { arn, instanceId: parts.instanceId };
}
