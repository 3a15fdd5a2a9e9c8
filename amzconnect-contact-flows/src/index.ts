export * from './model/flow-document';
export * from './model/placeholders';
