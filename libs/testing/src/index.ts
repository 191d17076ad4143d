export * from './databases';
export * from './catalog-fixtures';
export * from './stripe-stand-in';
