/**
 * `@amzconnect/env/contracts`: names and formats two sub-projects must agree on, defined once.
 * Nothing here imports anything (`../subprojects` included), so Lambda handlers can use it without
 * bundling the CDK.
 */
export * from './mapping-contract';
export * from './platform-prefix';
export * from './deployed-flow-name';
export * from './ssm-parameter-names';
export * from '../subprojects';
