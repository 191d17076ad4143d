import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator, TooManyRequestsError, UnauthorizedError } from '@ocop/core';
import { AccountsService } from '@ocop/accounts';
import { WebAppOptions } from './web-app.options';
import { LANG_COOKIE, requestLocale, type Views } from './pages';

/** Only same-site paths may follow a login, never another origin. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/';
}

/** The login and logout pages of every app (session cookie + CSRF-protected forms). */
@ApiExcludeController()
@Controller()
export class AuthPagesController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly options: WebAppOptions,
  ) {}

  private views(req: FastifyRequest): Views {
    return req.server.ocopViews!;
  }

  @Get('login')
  loginPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query('next') next?: string) {
    return this.views(req).send(req, reply, 'login', { title: translator(requestLocale(req))('login.title'), next: safeNext(next) });
  }

  @Post('login')
  async login(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    const t = translator(requestLocale(req));
    const email = typeof body?.email === 'string' ? body.email : '';
    const password = typeof body?.password === 'string' ? body.password : '';
    const next = safeNext(body?.next);
    const again = (error: string, status: number) => this.views(req).send(req, reply, 'login', { title: t('login.title'), error, email, next }, status);
    try {
      const { token, expiresAt, actor } = await this.accounts.login(email, password, req.ip, 'page');
      if (this.options.pageLoginRoles.length && !this.options.pageLoginRoles.some((r) => actor.roles.includes(r as never))) {
        await this.accounts.logout(token);
        return again(t('login.forbidden'), 403);
      }
      void reply.setCookie(this.options.sessionCookie, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', expires: expiresAt });
      if (!req.cookies?.[LANG_COOKIE] && actor.locale) void reply.setCookie(LANG_COOKIE, actor.locale, { path: '/', sameSite: 'lax', maxAge: 31536000 });
      return reply.redirect(next, 303);
    } catch (err) {
      if (err instanceof TooManyRequestsError) return again(t('login.limited', { minutes: Math.max(1, Math.ceil(err.retryAfterSeconds / 60)) }), 429);
      if (err instanceof UnauthorizedError) return again(t('login.failed'), 401);
      throw err;
    }
  }

  @Post('logout')
  async logout(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    await this.accounts.logout(req.cookies?.[this.options.sessionCookie]);
    void reply.clearCookie(this.options.sessionCookie, { path: '/' });
    return reply.redirect('/', 303);
  }
}
