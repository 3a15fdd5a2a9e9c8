export * from './agent-guides-config';
export * from './agent-guides-sources';
