import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '@ocop/core';
import {
  AccountsService,
  ChangePasswordDto,
  LoginDto,
  MeDto,
  MessageDto,
  PasswordChangedDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RegisterDto,
  RegisteredDto,
  TokenDto,
} from '@ocop/accounts';
import { Authenticated, bearerToken, CurrentUser } from './auth';
import { WebAppOptions } from './web-app.options';

/** Login, logout, `me`, password change and password reset — on every app. */
@ApiTags('auth')
@Controller('api/auth')
export class AuthApiController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly options: WebAppOptions,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in and get a bearer token (429 after repeated failures, for the account on every app)' })
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

  @Post('password')
  @HttpCode(200)
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change the password; every other session of the account ends (401 wrong current password, 400 weak new one)' })
  @ApiOkResponse({ type: PasswordChangedDto })
  changePassword(@Body() body: ChangePasswordDto, @CurrentUser() actor: Actor, @Req() req: FastifyRequest): Promise<PasswordChangedDto> {
    return this.accounts.changePassword(actor, bearerToken(req), body.currentPassword, body.newPassword);
  }

  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({ summary: 'E-mail a single-use link to choose a new password; the same answer whether or not the account exists' })
  @ApiAcceptedResponse({ type: MessageDto })
  async requestPasswordReset(@Body() body: PasswordResetRequestDto, @Req() req: FastifyRequest): Promise<MessageDto> {
    await this.accounts.requestPasswordReset(body.email, this.options.name, req.ip);
    return { message: 'If an account has this e-mail, a link to choose a new password is on its way' };
  }

  @Post('password-reset/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Choose a new password with the e-mailed token; every session of the account ends (404 unknown or used token, 410 expired)' })
  @ApiOkResponse({ type: MessageDto })
  async confirmPasswordReset(@Body() body: PasswordResetConfirmDto): Promise<MessageDto> {
    await this.accounts.resetPassword(body.token, body.newPassword);
    return { message: 'Password changed; log in with the new password' };
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
  @ApiOperation({ summary: 'Create an account (409 when the e-mail is taken; 429 after too many from one address in an hour)' })
  @ApiCreatedResponse({ type: RegisteredDto })
  register(@Body() body: RegisterDto, @Req() req: FastifyRequest): Promise<RegisteredDto> {
    return this.accounts.register(body, ['shopper'], this.options.name, req.ip);
  }
}
