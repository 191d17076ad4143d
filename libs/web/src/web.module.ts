import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountsModule } from '@ocop/accounts';
import { AuthGuard } from './auth';
import { AuthApiController, RegisterApiController } from './auth.controller';
import { AuthPagesController, PageSignInHook } from './auth.pages';
import { HealthController } from './health.controller';
import { WebAppOptions } from './web-app.options';

@Module({})
export class WebModule {
  /**
   * Health, login/logout (API and pages), the auth guard; registration where shoppers or vendors
   * sign up; `signInHook`: what the app does when a page login opens a session (with the modules
   * it needs).
   */
  static forApp(options: WebAppOptions, opts: { registration: boolean; signInHook?: { imports: ModuleMetadata['imports']; useClass: Type<PageSignInHook> } }): DynamicModule {
    return {
      module: WebModule,
      imports: [AccountsModule, ...(opts.signInHook?.imports ?? [])],
      controllers: [HealthController, AuthApiController, AuthPagesController, ...(opts.registration ? [RegisterApiController] : [])],
      providers: [
        { provide: WebAppOptions, useValue: options },
        { provide: APP_GUARD, useClass: AuthGuard },
        ...(opts.signInHook ? [{ provide: PageSignInHook, useClass: opts.signInHook.useClass }] : []),
      ],
      exports: [WebAppOptions, AccountsModule],
    };
  }
}
