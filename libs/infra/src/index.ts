export * from './entities';
export * from './infra';
export * from './infra.module';
export * from './process';
export * from './wiring';
