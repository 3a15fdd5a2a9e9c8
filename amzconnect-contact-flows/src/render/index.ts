export * from './render-svg';
export * from './flow-references';
export * from './flow-graph';
export * from './flow-dot';
export * from './block-changes';
export * from './render-flow';
