export * from './catalogue-index-feed';
export * from './entities';
export * from './infra';
export * from './infra.module';
export * from './process';
export * from './wiring';
