// The cdk-nag resource naming lives in @amzconnect/env (shared by lambdas and contact-flows).
export { iam5Resource, nagResourceName } from '@amzconnect/env';
