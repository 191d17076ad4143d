import { Body, Controller, Get, Logger, Optional, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GoneError, NotFoundError, translator, TooManyRequestsError, UnauthorizedError, ValidationError, type Actor } from '@ocop/core';
import { AccountsService } from '@ocop/accounts';
import { Authenticated, CurrentUser } from './auth';
import { requestLocale, type Views } from './pages';
import { safeNext } from './safe-next';
import { handOverSession } from './session-handover';
import { WebAppOptions } from './web-app.options';

const field = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
};

const limitedMinutes = (err: TooManyRequestsError) => Math.max(1, Math.ceil(err.retryAfterSeconds / 60));

/**
 * Replaces the CSRF secret cookie, so a token handed out before a login (perhaps planted by
 * someone else in this browser) no longer validates afterwards.
 */
function renewCsrfSecret(req: FastifyRequest, reply: FastifyReply, cookie: string): void {
  if (req.cookies) delete req.cookies[cookie];
  (reply as unknown as { generateCsrf: () => string }).generateCsrf();
}

/**
 * What an app does when a page login opens a session, before the answer goes out (the storefront
 * moves a guest's cart into the account). A failure is logged and the login goes on.
 */
export abstract class PageSignInHook {
  abstract signedIn(req: FastifyRequest, reply: FastifyReply, actor: Actor): Promise<void>;
}

/**
 * Sends the answer that opens a page session: the session cookie, the account's language when the
 * browser has chosen none, a fresh CSRF secret and a 303 to `next`. The session is ended again
 * when that answer cannot go out.
 */
export async function startPageSession(
  req: FastifyRequest,
  reply: FastifyReply,
  options: WebAppOptions,
  accounts: AccountsService,
  session: { token: string; expiresAt: Date; actor: Actor },
  next: string,
): Promise<void> {
  const { token, expiresAt, actor } = session;
  await handOverSession(
    reply,
    303,
    () => {
      void reply.setCookie(options.sessionCookie, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', expires: expiresAt });
      if (!req.cookies?.[options.langCookie] && actor.locale) void reply.setCookie(options.langCookie, actor.locale, { path: '/', sameSite: 'lax', maxAge: 31536000 });
      renewCsrfSecret(req, reply, options.csrfCookie);
      return reply.redirect(next, 303);
    },
    () => accounts.logout(token),
  );
}

/**
 * The login, logout, forgotten-password and change-password pages of every app (session cookie
 * + CSRF-protected forms).
 */
@ApiExcludeController()
@Controller()
export class AuthPagesController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly options: WebAppOptions,
    @Optional() private readonly signInHook?: PageSignInHook,
  ) {}

  private views(req: FastifyRequest): Views {
    return req.server.ocopViews!;
  }

  @Get('login')
  loginPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query('next') next?: string) {
    return this.views(req).send(req, reply, 'login', { title: translator(requestLocale(req))('login.title'), next: safeNext(next) });
  }

  @Post('login')
  async login(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    const t = translator(requestLocale(req));
    const email = field(body, 'email');
    const next = safeNext((body as Record<string, unknown> | undefined)?.next);
    const again = (error: string, status: number) => this.views(req).send(req, reply, 'login', { title: t('login.title'), error, email, next }, status);
    let session: Awaited<ReturnType<AccountsService['login']>>;
    try {
      session = await this.accounts.login(email, field(body, 'password'), req.ip, 'page');
    } catch (err) {
      if (err instanceof TooManyRequestsError) {
        void reply.header('retry-after', String(err.retryAfterSeconds));
        return again(t('login.limited', { minutes: limitedMinutes(err) }), 429);
      }
      if (err instanceof UnauthorizedError) return again(t('login.failed'), 401);
      throw err;
    }
    const { token, actor } = session;
    if (this.options.pageLoginRoles.length && !this.options.pageLoginRoles.some((r) => actor.roles.includes(r as never))) {
      await this.accounts.logout(token);
      return again(t('login.forbidden'), 403);
    }
    await this.signInHook?.signedIn(req, reply, actor).catch((err: unknown) => new Logger('PageSignInHook').warn(`after a page login: ${String(err)}`));
    await startPageSession(req, reply, this.options, this.accounts, session, next);
  }

  @Post('logout')
  async logout(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    await this.accounts.logout(req.cookies?.[this.options.sessionCookie]);
    void reply.clearCookie(this.options.sessionCookie, { path: '/' });
    return reply.redirect('/', 303);
  }

  @Get('password-reset')
  resetRequestPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.views(req).send(req, reply, 'password-reset-request', { title: translator(requestLocale(req))('reset.title') });
  }

  /** The same answer whether or not the account exists, and whether or not a mail went out. */
  @Post('password-reset')
  async requestReset(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    await this.accounts.requestPasswordReset(field(body, 'email'), this.options.name, req.ip);
    return this.views(req).send(req, reply, 'password-reset-request', { title: translator(requestLocale(req))('reset.title'), sent: true });
  }

  @Get('password-reset/:token')
  async choosePasswordPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('token') token: string) {
    try {
      await this.accounts.checkPasswordReset(token);
    } catch (err) {
      return this.resetLinkProblem(req, reply, err);
    }
    return this.views(req).send(req, reply, 'password-reset', { title: translator(requestLocale(req))('reset.chooseTitle'), token });
  }

  @Post('password-reset/:token')
  async choosePassword(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('token') token: string, @Body() body: unknown) {
    const t = translator(requestLocale(req));
    const form = (error: string, status: number) => this.views(req).send(req, reply, 'password-reset', { title: t('reset.chooseTitle'), token, error }, status);
    const newPassword = field(body, 'newPassword');
    if (newPassword !== field(body, 'confirmPassword')) return form(t('password.mismatch'), 400);
    try {
      await this.accounts.resetPassword(token, newPassword);
    } catch (err) {
      if (err instanceof ValidationError) return form(t('password.weak'), 400);
      return this.resetLinkProblem(req, reply, err);
    }
    return this.views(req).send(req, reply, 'password-reset', { title: t('reset.chooseTitle'), done: true });
  }

  private resetLinkProblem(req: FastifyRequest, reply: FastifyReply, err: unknown) {
    const t = translator(requestLocale(req));
    if (err instanceof GoneError) return this.views(req).send(req, reply, 'password-reset', { title: t('reset.chooseTitle'), problem: t('reset.expired') }, 410);
    if (err instanceof NotFoundError) return this.views(req).send(req, reply, 'password-reset', { title: t('reset.chooseTitle'), problem: t('reset.invalid') }, 404);
    throw err;
  }

  @Get('account/password')
  @Authenticated()
  changePasswordPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.views(req).send(req, reply, 'account-password', { title: translator(requestLocale(req))('password.title') });
  }

  /** Changes the password; this browser stays logged in, every other session of the account ends. */
  @Post('account/password')
  @Authenticated()
  async changePassword(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Body() body: unknown) {
    const t = translator(requestLocale(req));
    const page = (data: Record<string, unknown>, status = 200) => this.views(req).send(req, reply, 'account-password', { title: t('password.title'), ...data }, status);
    const newPassword = field(body, 'newPassword');
    if (newPassword !== field(body, 'confirmPassword')) return page({ error: t('password.mismatch') }, 400);
    try {
      await this.accounts.changePassword(actor, req.cookies?.[this.options.sessionCookie] ?? null, field(body, 'currentPassword'), newPassword);
    } catch (err) {
      if (err instanceof ValidationError) return page({ error: t('password.weak') }, 400);
      if (err instanceof UnauthorizedError) return page({ error: t('password.wrongCurrent') }, 401);
      if (err instanceof TooManyRequestsError) {
        void reply.header('retry-after', String(err.retryAfterSeconds));
        return page({ error: t('login.limited', { minutes: limitedMinutes(err) }) }, 429);
      }
      throw err;
    }
    return page({ done: true });
  }
}
