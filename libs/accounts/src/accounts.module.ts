import { Module } from '@nestjs/common';
import { NotificationsModule } from '@ocop/notifications';
import { AccountsService } from './accounts.service';

/**
 * Accounts for one app. The LoginLimiter and AccountRequestLimiter come from the process's
 * infrastructure module, so every app of a process (and with Redis every process) counts
 * attempts against the same limits.
 */
@Module({
  imports: [NotificationsModule],
  providers: [AccountsService],
  exports: [AccountsService],
})
export class AccountsModule {}
