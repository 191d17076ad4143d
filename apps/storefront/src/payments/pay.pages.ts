import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator, type Actor } from '@ocop/core';
import { PaymentsService, type PaymentView } from '@ocop/payments';
import { CurrentUser, requestLocale, Roles } from '@ocop/web';
import { formatVnd } from '../products/present';
import '../experiences/experiences.i18n';
import './pay.i18n';

/** The page of what a payment pays for: the booking's or the order's. */
function paidFor(p: Pick<PaymentView, 'purpose' | 'subjectId'>): string {
  return p.purpose === 'booking' ? `/bookings/${p.subjectId}` : `/orders/${p.subjectId}`;
}

/** `/pay/:paymentId`: how to pay one of the shopper's payments; for the sandbox, Pay and Decline buttons. */
@ApiExcludeController()
@Controller('pay')
@Roles('shopper')
export class PayPages {
  constructor(private readonly payments: PaymentsService) {}

  @Get(':paymentId')
  async show(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('paymentId', ParseUUIDPipe) paymentId: string) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const p = await this.payments.shopperPaymentById(actor, paymentId);
    const open = p.status === 'pending' || p.status === 'failed';
    return req.server.ocopViews!.send(req, reply, 'pay', {
      title: t('pay.title'),
      p,
      subjectLabel: p.purpose === 'booking' ? t('booking.label') : t('pay.order'),
      amount: formatVnd(p.amountVnd, lang),
      statusText: t(`pay.status.${p.status}`),
      paid: p.status === 'succeeded',
      sandbox: open && p.provider === 'sandbox',
      card: open && p.provider === 'stripe' && p.payUrl ? p.payUrl : null,
      vietqr: open ? (p.vietqr ?? null) : null,
    });
  }

  /** Pays in the sandbox, then shows the order (confirmed when the money was taken). */
  @Post(':paymentId/pay')
  async pay(@Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('paymentId', ParseUUIDPipe) paymentId: string) {
    const p = await this.payments.completeSandbox(actor, paymentId, 'succeeded');
    return reply.redirect(paidFor(p), 303);
  }

  /** Declines in the sandbox, then shows the order, which says the payment was declined and may be tried again until it expires. */
  @Post(':paymentId/decline')
  async decline(@Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('paymentId', ParseUUIDPipe) paymentId: string) {
    const p = await this.payments.completeSandbox(actor, paymentId, 'failed');
    return reply.redirect(paidFor(p), 303);
  }
}
