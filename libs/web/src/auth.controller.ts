import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '@ocop/core';
import { AccountsService, LoginDto, MeDto, RegisterDto, RegisteredDto, TokenDto } from '@ocop/accounts';
import { Authenticated, bearerToken, CurrentUser } from './auth';
import { WebAppOptions } from './web-app.options';

/** `POST /api/auth/login`, `GET /api/auth/me`, `POST /api/auth/logout` — on every app. */
@ApiTags('auth')
@Controller('api/auth')
export class AuthApiController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in and get a bearer token (429 after repeated failures)' })
  @ApiOkResponse({ type: TokenDto })
  async login(@Body() body: LoginDto, @Req() req: FastifyRequest): Promise<TokenDto> {
    const { token, expiresAt } = await this.accounts.login(body.email, body.password, req.ip, 'api');
    return { accessToken: token, expiresAt: expiresAt.toISOString() };
  }

  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() actor: Actor): MeDto {
    return { id: actor.id, email: actor.email, name: actor.name, roles: actor.roles, vendorId: actor.vendorId };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the session of the bearer token' })
  async logout(@Req() req: FastifyRequest): Promise<void> {
    await this.accounts.logout(bearerToken(req));
  }
}

/** `POST /api/auth/register` — on the storefront and the vendor app. */
@ApiTags('auth')
@Controller('api/auth')
export class RegisterApiController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly options: WebAppOptions,
  ) {}

  @Post('register')
  @ApiOperation({ summary: 'Create an account (409 when the e-mail is taken)' })
  @ApiCreatedResponse({ type: RegisteredDto })
  register(@Body() body: RegisterDto, @Req() req: FastifyRequest): Promise<RegisteredDto> {
    const loginUrl = `${req.protocol}://${req.host}/login`;
    return this.accounts.register(body, ['shopper'], loginUrl);
  }
}
