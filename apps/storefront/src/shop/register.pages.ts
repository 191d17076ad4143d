import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, TooManyRequestsError, translator, ValidationError } from '@ocop/core';
import { AccountsService, RegisterDto } from '@ocop/accounts';
import { domainFormError, formErrorsView, requestLocale, safeNext, startPageSession, validateForm, WebAppOptions, type FormErrorsView, type FormSpec } from '@ocop/web';
import { GuestCartSignIn } from './guest-cart';
import './shop.i18n';

type Form = Record<string, unknown>;

/** The sign-up form's fields, read into the API's `RegisterDto`. */
const REGISTER_FORM: FormSpec = {
  name: { label: 'shop.register.name' },
  email: { label: 'shop.register.email' },
  password: { label: 'shop.register.password' },
};

/**
 * `/register`: a shopper signs up (the accounts service and limits of `POST /api/auth/register`),
 * is logged in, keeps the cart they filled as a guest and goes back to where they came from.
 */
@ApiExcludeController()
@Controller('register')
export class RegisterPages {
  constructor(
    private readonly accounts: AccountsService,
    private readonly options: WebAppOptions,
    private readonly guestCart: GuestCartSignIn,
  ) {}

  @Get()
  form(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query('next') next?: string) {
    if (req.actor) return reply.redirect(safeNext(next), 303);
    return this.render(req, reply, { next: safeNext(next) });
  }

  @Post()
  async register(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() form: Form) {
    const locale = requestLocale(req);
    const t = translator(locale);
    const next = safeNext(form.next);
    const again = (problems: Partial<FormErrorsView> & { error?: string }, status: number) => this.render(req, reply, { form, next, ...problems }, status);
    const checked = await validateForm(RegisterDto, form, REGISTER_FORM, locale);
    if (checked.errors) return again(formErrorsView(checked.errors), 400);
    // The password is used as typed (the form reader trims text): spaces may be part of it.
    const input = { ...checked.value, password: typeof form.password === 'string' ? form.password : '' };
    try {
      await this.accounts.register({ email: input.email, password: input.password, name: input.name, locale }, ['shopper'], this.options.name, req.ip);
    } catch (err) {
      if (err instanceof ValidationError) {
        const e =
          err.field === 'password' ? { field: 'password', name: 'password', label: t('shop.register.password'), message: t('shop.register.weak') } : domainFormError(err, REGISTER_FORM, locale);
        return again(formErrorsView([e]), 400);
      }
      if (err instanceof ConflictError) return again(formErrorsView([{ field: 'email', name: 'email', label: t('shop.register.email'), message: t('shop.register.taken') }]), 409);
      if (err instanceof TooManyRequestsError) {
        void reply.header('retry-after', String(err.retryAfterSeconds));
        return again({ error: t('shop.register.limited', { minutes: Math.max(1, Math.ceil(err.retryAfterSeconds / 60)) }) }, 429);
      }
      throw err;
    }
    const session = await this.accounts.login(input.email, input.password, req.ip, 'page');
    await this.guestCart.signedIn(req, reply, session.actor);
    await startPageSession(req, reply, this.options, this.accounts, session, next);
  }

  private render(req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>, status = 200) {
    const t = translator(requestLocale(req));
    return req.server.ocopViews!.send(req, reply, 'register', { title: t('shop.register.title'), form: {}, fieldErrors: {}, ...data }, status);
  }
}
