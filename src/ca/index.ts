export * from './plugin-ca';
export * from './ca-files';
