export * from './access-logged-bucket';
export * from './function-defaults';
export * from './platform-function';
