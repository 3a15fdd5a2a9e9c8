export * from './email-channel';
export * from './email-channel-config';
export * from './email-channel-settings';
