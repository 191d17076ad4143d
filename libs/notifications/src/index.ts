export * from './mail-message.entity';
export * from './mail-templates';
export * from './mailer.service';
export * from './notifications.module';
export * from './notifications.wiring';
