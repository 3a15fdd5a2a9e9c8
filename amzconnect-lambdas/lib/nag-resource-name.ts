// The cdk-nag resource naming lives in @amzconnect/env/cdk (shared by lambdas and contact-flows).
export { iam5Resource, nagResourceName } from '@amzconnect/env/cdk';
