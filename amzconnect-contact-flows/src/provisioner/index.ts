export * from './handler';
export * from './provisioner-request';
export * from './provisioner-clients';
export * from './load-flow-bundle';
export * from './exported-flow-arns';
