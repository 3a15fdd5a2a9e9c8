export * from './cloudformation-response';
export * from './handler';
export * from './provisioner-request';
