import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator } from '@ocop/core';
import { ProductQueryService } from '@ocop/catalog';
import { requestLocale } from '@ocop/web';
import { presentCards } from '../products/products.pages';

/** The storefront's home page: a search box and the newest sellable products. */
@ApiExcludeController()
@Controller()
export class HomePages {
  constructor(private readonly products: ProductQueryService) {}

  @Get()
  async home(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const lang = requestLocale(req);
    const newest = await this.products.list({ sort: 'newest', limit: 8, lang });
    return req.server.ocopViews!.send(req, reply, 'home', { newest: presentCards(newest.items, lang, translator(lang)) });
  }
}
