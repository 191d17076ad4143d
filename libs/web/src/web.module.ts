import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountsModule } from '@ocop/accounts';
import { AuthGuard } from './auth';
import { AuthApiController, RegisterApiController } from './auth.controller';
import { AuthPagesController } from './auth.pages';
import { HealthController } from './health.controller';
import { WebAppOptions } from './web-app.options';

@Module({})
export class WebModule {
  /** Health, login/logout (API and pages), the auth guard; registration where shoppers or vendors sign up. */
  static forApp(options: WebAppOptions, opts: { registration: boolean }): DynamicModule {
    return {
      module: WebModule,
      imports: [AccountsModule],
      controllers: [HealthController, AuthApiController, AuthPagesController, ...(opts.registration ? [RegisterApiController] : [])],
      providers: [
        { provide: WebAppOptions, useValue: options },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [WebAppOptions, AccountsModule],
    };
  }
}
