export * from './databases';
export * from './catalog-fixtures';
