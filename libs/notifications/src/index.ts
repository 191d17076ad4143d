export * from './mail-message.entity';
