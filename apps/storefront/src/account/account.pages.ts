import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator, type Actor } from '@ocop/core';
import { BookingsService } from '@ocop/experiences';
import { OrdersService } from '@ocop/orders';
import { Authenticated, CurrentUser, requestLocale } from '@ocop/web';
import { formatVietnamTime, formatVnd } from '../products/present';
import { titleIn } from '../shop/present';
import '../experiences/experiences.i18n';
import '../shop/shop.i18n';

/** `/account`: the logged-in shopper's name and e-mail, their orders, and the way to change the password. */
@ApiExcludeController()
@Controller('account')
export class AccountPages {
  constructor(
    private readonly orders: OrdersService,
    private readonly bookings: BookingsService,
  ) {}

  @Get()
  @Authenticated()
  async account(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Query('page') rawPage?: string) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const page = /^\d{1,6}$/.test(rawPage ?? '') ? Math.max(1, Number(rawPage)) : 1;
    const list = actor.roles.includes('shopper') ? await this.orders.listForShopper(actor, { page }) : null;
    const orders = (list?.items ?? []).map((o) => ({
      id: o.id,
      reference: o.reference,
      date: formatVietnamTime(o.createdAt, lang),
      total: formatVnd(o.totalVnd, lang),
      status: t(`shop.order.state.${o.status}`),
    }));
    const pages = list ? Math.max(1, Math.ceil(list.total / list.limit)) : 1;
    // The bookings, newest first, on the first page only.
    const bookings =
      actor.roles.includes('shopper') && page === 1
        ? (await this.bookings.listForShopper(actor)).map((b) => ({
            id: b.id,
            reference: b.reference,
            title: titleIn(b.experience.title, lang),
            when: formatVietnamTime(b.slot.startsAt, lang),
            total: formatVnd(b.totalVnd, lang),
            status: t(`booking.state.${b.status}`),
          }))
        : [];
    return req.server.ocopViews!.send(req, reply, 'account', {
      title: t('account.title'),
      orders,
      bookings,
      prev: page > 1 ? `/account?page=${page - 1}` : null,
      next: page < pages ? `/account?page=${page + 1}` : null,
    });
  }
}
