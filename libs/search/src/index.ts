export * from './search-engine.port';
export * from './search-query';
export * from './embedded-search-engine';
export * from './meilisearch-search-engine';
export * from './nearest';
