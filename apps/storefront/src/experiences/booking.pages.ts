import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, translator, type Actor, type Locale } from '@ocop/core';
import { ProductQueryService } from '@ocop/catalog';
import { BookingsService, type BookingView } from '@ocop/experiences';
import { CurrentUser, requestLocale, Roles } from '@ocop/web';
import { formatVietnamTime, formatVnd } from '../products/present';
import { titleIn } from '../shop/present';
import { durationWords, policyWords } from './present';
import '../shop/shop.i18n';
import './experiences.i18n';

type T = ReturnType<typeof translator>;
type BookingDetail = BookingView;

const CANCEL_REASONS = ['payment_expired', 'shopper', 'slot_cancelled', 'slot_started', 'order_cancelled', 'admin'];
/** Products of the village shown under a confirmed booking. */
const VILLAGE_PRODUCTS = 4;

/** A booking as its page shows it: words for every state, money in VND, the start in Vietnam time. */
export function presentBooking(b: BookingDetail, lang: Locale, t: T) {
  const x = b.experience;
  const payment = b.payment ?? null;
  const awaiting = b.status === 'awaiting_payment';
  const payable = awaiting && (payment?.status === 'pending' || payment?.status === 'failed');
  const order = b.order;
  // A booking paid with an order is paid on the order's page, with the order's other lines.
  const payUrl = awaiting && order ? `/orders/${order.id}` : payable && payment?.payUrl && payment.payUrl.startsWith('/') && !payment.payUrl.startsWith('//') ? payment.payUrl : null;
  const reason = CANCEL_REASONS.includes(b.cancelReason ?? '') ? b.cancelReason : 'other';
  return {
    id: b.id,
    reference: b.reference,
    experienceId: x.id,
    title: titleIn(x.title, lang),
    villageName: b.village?.name ?? '',
    when: formatVietnamTime(new Date(b.slot.startsAt), lang),
    duration: durationWords(x.durationMinutes, t),
    meetingPoint: x.meetingPoint,
    people: t('booking.peopleCount', { count: b.people }),
    total: formatVnd(b.totalVnd, lang),
    refunded: b.refundedVnd > 0 ? formatVnd(b.refundedVnd, lang) : null,
    status: t(`booking.state.${b.status}`),
    confirmed: b.status === 'confirmed',
    awaiting,
    cancelledWhy: b.status === 'cancelled' || b.status === 'refunded' ? t('booking.cancelledWhy', { reason: t(`booking.cancel.${reason}`) }) : null,
    payment: payment ? `${t(`shop.checkout.method.${payment.provider}`)} · ${t(`shop.payment.${payment.status}`)}` : t('shop.payment.none'),
    payUrl,
    payBy: awaiting
      ? order
        ? t('booking.payWithOrder', { reference: order.reference, date: formatVietnamTime(new Date(b.expiresAt), lang) })
        : t('booking.payBy', { date: formatVietnamTime(new Date(b.expiresAt), lang) })
      : null,
    order: order ? { id: order.id, text: t(awaiting || order.status === 'cancelled' ? 'booking.partOfOrder' : 'booking.paidWithOrder', { reference: order.reference }) } : null,
    policy: policyWords(x.freeCancellationHours, t),
    cancellable: b.cancellable,
  };
}

/** Why the booking cannot be cancelled now, in words. */
function cannotCancel(b: BookingDetail, t: T): string {
  return b.status === 'awaiting_payment' && b.order ? t('booking.cancelWithOrder', { reference: b.order.reference }) : t('booking.cannotCancel');
}

/**
 * `/bookings/:id`: one of the shopper's bookings (404 for anyone else's): when and where, how
 * many people, what it cost, its payment (the order's, with a link to it, when it was paid with
 * an order); once paid, the confirmation and a few products of the village. Cancelling asks
 * first, saying whether the policy refunds it.
 */
@ApiExcludeController()
@Controller('bookings')
@Roles('shopper')
export class BookingPages {
  constructor(
    private readonly bookings: BookingsService,
    private readonly products: ProductQueryService,
  ) {}

  @Get(':id')
  async show(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id') id: string, @Query('done') done?: string) {
    const t = translator(requestLocale(req));
    return this.render(req, reply, actor, id, { notice: done === 'cancelled' ? t('booking.cancelledNotice') : null });
  }

  /** Without `confirm=1` answers the confirmation page (refunded or not, per the policy); with it cancels. */
  @Post(':id/cancel')
  async cancel(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id') id: string, @Body() form: Record<string, unknown>) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const booking = await this.bookings.getForShopper(actor, id);
    if (!booking.cancellable) return this.render(req, reply, actor, id, { error: cannotCancel(booking, t) }, 409);
    if (form?.confirm !== '1') {
      const b = presentBooking(booking, lang, t);
      const hours = booking.experience.freeCancellationHours;
      const refundText =
        booking.status !== 'confirmed'
          ? t('booking.nothingPaid')
          : booking.refundIfCancelledVnd > 0
            ? t('booking.willRefund', { hours, amount: formatVnd(booking.refundIfCancelledVnd, lang) })
            : t('booking.noRefund', { hours });
      return req.server.ocopViews!.send(req, reply, 'booking-cancel', { title: t('booking.confirmCancelTitle', { reference: b.reference }), b, refundText });
    }
    try {
      await this.bookings.cancel(actor, id);
    } catch (err) {
      if (err instanceof ConflictError) return this.render(req, reply, actor, id, { error: cannotCancel(await this.bookings.getForShopper(actor, id), t) }, 409);
      throw err;
    }
    return reply.redirect(`/bookings/${id}?done=cancelled`, 303);
  }

  private async render(req: FastifyRequest, reply: FastifyReply, actor: Actor, id: string, data: { notice?: string | null; error?: string }, status = 200) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const booking = await this.bookings.getForShopper(actor, id);
    const b = presentBooking(booking, lang, t);
    const village = booking.village?.slug;
    const products =
      b.confirmed && village
        ? (await this.products.list({ village, limit: String(VILLAGE_PRODUCTS), sort: 'newest', lang })).items.map((p) => ({
            slug: p.slug,
            title: p.title,
            image: p.image,
            price: formatVnd(p.priceVnd, lang),
          }))
        : [];
    return req.server.ocopViews!.send(req, reply, 'booking', { title: t('booking.title', { reference: b.reference }), b, products, ...data }, status);
  }
}
