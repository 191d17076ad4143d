export * from './data-source.factory';
export * from './transactions';
export * from './unique-violation';
export * from './columns';
export * from './domain-event.entity';
export * from './domain-events';
