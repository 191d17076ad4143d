export * from './entities';
export * from './infra';
export * from './infra.module';
