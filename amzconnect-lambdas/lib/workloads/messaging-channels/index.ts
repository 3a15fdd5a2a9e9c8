export * from './messaging-channels';
export * from './messaging-channels-config';
