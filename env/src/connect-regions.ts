/**
 * AWS Regions where Amazon Connect is offered (AWS documentation, "Amazon Connect endpoints and
 * quotas" / "Availability of Amazon Connect services by Region"). Kept as data so that a new
 * Region is a one-line change.
 */
export const CONNECT_REGIONS: readonly string[] = [
  'us-east-1',
  'us-west-2',
  'af-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-2',
  'us-gov-west-1',
];

/** Shape of an AWS Region name, e.g. `eu-central-1`. */
export const AWS_REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
