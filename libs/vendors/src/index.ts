export * from './vendor.entity';
