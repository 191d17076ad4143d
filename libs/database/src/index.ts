export * from './data-source.factory';
export * from './transactions';
export * from './columns';
