export * from './village.entity';
