import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@ocop/core';
import { AccountsService } from '@ocop/accounts';

/** Creates the configured admin (ADMIN_EMAIL / ADMIN_PASSWORD) when no account has that e-mail. */
@Injectable()
export class AdminAccount implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminAccount');

  constructor(
    private readonly config: AppConfig,
    private readonly accounts: AccountsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.admin;
    if (!admin) return;
    try {
      const { created } = await this.accounts.ensureUser({ email: admin.email, password: admin.password, name: 'Administrator', roles: ['admin'] });
      if (created) this.logger.log(`created admin account ${admin.email}`);
    } catch (err) {
      // Another admin process created it at the same moment: the unique e-mail index decided.
      if (!/duplicate|unique/i.test((err as Error).message)) throw err;
    }
  }
}
