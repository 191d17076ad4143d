import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator } from '@ocop/core';
import { VendorsService } from '@ocop/vendors';
import { requestLocale } from '@ocop/web';
import './home.i18n';

/** `/`: the caller's vendor and its status in plain words, or the way to sign one up. */
@ApiExcludeController()
@Controller()
export class HomePages {
  constructor(private readonly vendors: VendorsService) {}

  @Get()
  async home(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const actor = req.actor;
    if (!actor?.vendorId) return req.server.ocopViews!.send(req, reply, 'home');
    const t = translator(requestLocale(req));
    const vendor = await this.vendors.profile(actor);
    return req.server.ocopViews!.send(req, reply, 'home', {
      vendor,
      statusText: t(`vendorHome.${vendor.status}`),
      reason: vendor.status === 'suspended' ? vendor.statusReason : null,
    });
  }
}
