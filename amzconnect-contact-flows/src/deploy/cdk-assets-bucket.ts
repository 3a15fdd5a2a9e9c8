/**
 * The CDK bootstrap assets bucket of an account and Region (default qualifier `hnb659fds`): one
 * per account and Region, so it also holds the contact-flow run lock of that account and Region.
 */
export function cdkAssetsBucketName(account: string, region: string): string {
  return `cdk-hnb659fds-assets-${account}-${region}`;
}
