export * from './config.schema';
export * from './errors';
export * from './clock';
export * from './paths';
export * from './i18n';
export * from './actor';
export * from './tokens';
export * from './events';
