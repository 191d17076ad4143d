import { createParamDecorator, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError, type Actor, type Role } from '@ocop/core';
import { AccountsService } from '@ocop/accounts';
import { WebAppOptions } from './web-app.options';
import { isApiRequest } from './pages';

const ROLES = 'ocop:roles';

/** The route needs a logged-in caller holding one of these roles (any role when none given). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);
export const Authenticated = () => SetMetadata(ROLES, []);

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor | null;
  }
}

/** The logged-in caller (undefined on public routes when nobody is logged in). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<FastifyRequest>().actor ?? undefined);

export function bearerToken(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  return h && /^Bearer\s+/i.test(h) ? h.replace(/^Bearer\s+/i, '').trim() : null;
}

/**
 * Resolves the caller on every request: API routes (`/api/...`) from the bearer token only,
 * pages from the app's session cookie only, so a cookie can never authorise an API call
 * (no CSRF exposure) and a token in a page URL never logs anyone in.
 * Routes marked with @Roles/@Authenticated answer 401 without a caller and 403 with the wrong role.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly accounts: AccountsService,
    private readonly reflector: Reflector,
    private readonly options: WebAppOptions,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    if (req.actor === undefined) {
      const token = isApiRequest(req) ? bearerToken(req) : (req.cookies?.[this.options.sessionCookie] ?? null);
      req.actor = token ? await this.accounts.authenticate(token) : null;
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [ctx.getHandler(), ctx.getClass()]);
    if (required === undefined) return true;
    if (!req.actor) throw new UnauthorizedError('Log in first');
    if (required.length > 0 && !required.some((r) => req.actor!.roles.includes(r))) {
      throw new ForbiddenError(`This needs the ${required.join(' or ')} role`);
    }
    return true;
  }
}
