import { Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig, REDIS_CLIENT } from '@ocop/core';
import { NotificationsModule } from '@ocop/notifications';
import { AccountsService } from './accounts.service';
import { LoginLimiter } from './login-limiter';

@Module({
  imports: [NotificationsModule],
  providers: [
    AccountsService,
    {
      provide: LoginLimiter,
      inject: [AppConfig, { token: REDIS_CLIENT, optional: true }],
      useFactory: (config: AppConfig, redis?: Redis) =>
        new LoginLimiter({ maxFailures: config.login.maxFailures, windowSeconds: config.login.windowSeconds, redis: redis ?? null, keyPrefix: config.redis?.prefix }),
    },
  ],
  exports: [AccountsService],
})
export class AccountsModule {}
