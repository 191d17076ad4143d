import { createParamDecorator, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError, UnauthorizedError, type Actor, type Role } from '@ocop/core';
import { AccountsService } from '@ocop/accounts';
import { WebAppOptions } from './web-app.options';
import { isApiRequest } from './pages';

const ROLES = 'ocop:roles';
const VENDOR_OWNER = 'ocop:vendor-owner';

/** The route needs a logged-in caller holding one of these roles (any role when none given). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);
export const Authenticated = () => SetMetadata(ROLES, []);
/**
 * The route is the vendor owner's: 404 for a caller who works for no vendor, 403 for staff. Checked
 * before the body is validated, so a caller who may not use the route learns nothing from it.
 */
export const VendorOwner = () => SetMetadata(VENDOR_OWNER, true);

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
    if (this.reflector.getAllAndOverride<boolean | undefined>(VENDOR_OWNER, [ctx.getHandler(), ctx.getClass()])) {
      if (!req.actor.vendorId) throw new NotFoundError('You do not work for a vendor');
      if (req.actor.vendorRole !== 'owner') throw new ForbiddenError("Only the vendor's owner may do this");
    }
    return true;
  }
}
