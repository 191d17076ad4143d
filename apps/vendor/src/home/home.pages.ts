import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';

@ApiExcludeController()
@Controller()
export class HomePages {
  @Get()
  home(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return req.server.ocopViews!.send(req, reply, 'home');
  }
}
