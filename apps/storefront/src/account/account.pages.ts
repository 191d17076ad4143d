import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator } from '@ocop/core';
import { Authenticated, requestLocale } from '@ocop/web';

/** `/account`: the logged-in shopper's name and e-mail, and the way to change the password. */
@ApiExcludeController()
@Controller('account')
export class AccountPages {
  @Get()
  @Authenticated()
  account(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return req.server.ocopViews!.send(req, reply, 'account', { title: translator(requestLocale(req))('account.title') });
  }
}
