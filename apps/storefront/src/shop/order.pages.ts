import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, translator, type Actor, type Locale } from '@ocop/core';
import { BookingsService, type BookingView } from '@ocop/experiences';
import { OrdersService, type OrderView } from '@ocop/orders';
import { PaymentsService, type PaymentView } from '@ocop/payments';
import { CurrentUser, requestLocale, Roles } from '@ocop/web';
import { formatVietnamTime, formatVnd } from '../products/present';
import { bankName, countryName, titleIn } from './present';
import '../experiences/experiences.i18n';
import './shop.i18n';

type T = ReturnType<typeof translator>;
type Payment = PaymentView | null;

const CANCEL_REASONS = ['payment_expired', 'payment_failed', 'certificate_revoked', 'admin', 'shopper'];

/** A booking paid with an order, as the order's page lists it (its own page has the rest). */
export function presentOrderBooking(b: BookingView, lang: Locale, t: T) {
  return {
    id: b.id,
    reference: b.reference,
    title: titleIn(b.experience.title, lang),
    village: b.village?.name ?? '',
    when: formatVietnamTime(new Date(b.slot.startsAt), lang),
    people: t('booking.peopleCount', { count: b.people }),
    total: formatVnd(b.totalVnd, lang),
    refunded: b.refundedVnd > 0 ? formatVnd(b.refundedVnd, lang) : null,
    state: t(`booking.state.${b.status}`),
  };
}

/** An order as its page shows it: words for every state, money in VND, times in Vietnam time; its bookings when it pays for some. */
export function presentOrder(order: OrderView, payment: Payment, lang: Locale, t: T, bookings: BookingView[] = []) {
  const vnd = (n: number) => formatVnd(n, lang);
  const awaiting = order.status === 'awaiting_payment';
  const a = order.shippingAddress;
  // A declined attempt may be tried again until the order expires.
  const payable = awaiting && (payment?.status === 'pending' || payment?.status === 'failed');
  const qr = payable ? payment?.vietqr : undefined;
  return {
    reference: order.reference,
    placedOn: t('shop.order.placedOn', { date: formatVietnamTime(order.createdAt, lang) }),
    status: t(`shop.order.state.${order.status}`),
    confirmed: order.status === 'paid',
    awaiting,
    cancelledWhy:
      order.status === 'cancelled' ? t('shop.order.cancelledWhy', { reason: t(`shop.order.cancel.${CANCEL_REASONS.includes(order.cancelReason ?? '') ? order.cancelReason : 'other'}`) }) : null,
    parcels: order.subOrders.map((s) => ({
      heading: t('shop.order.parcel', { reference: s.reference, vendor: s.vendorName }),
      state: t(`shop.order.state.${s.status}`),
      shipped: s.status === 'shipped' && s.carrier ? t('shop.order.shippedWith', { carrier: s.carrier, tracking: s.trackingNumber ?? '' }) : null,
      lines: s.lines.map((l) => ({ title: titleIn(l.title, lang), quantity: l.quantity, unit: vnd(l.unitPriceVnd), line: vnd(l.lineVnd) })),
      items: vnd(s.itemsVnd),
      shipping: vnd(s.shippingVnd),
      total: vnd(s.totalVnd),
      refunded: s.refundedVnd > 0 ? vnd(s.refundedVnd) : null,
    })),
    bookings: bookings.map((b) => presentOrderBooking(b, lang, t)),
    hasParcels: order.subOrders.length > 0,
    items: vnd(order.itemsVnd),
    shipping: vnd(order.shippingVnd),
    bookingsTotal: order.bookingsVnd > 0 ? vnd(order.bookingsVnd) : null,
    total: vnd(order.totalVnd),
    refunded: order.refundedVnd > 0 ? vnd(order.refundedVnd) : null,
    address: { ...a, country: countryName(a.country, lang) },
    method: t(`shop.checkout.method.${order.paymentMethod}`),
    paymentStatus: payment ? t(`shop.payment.${payment.status}`) : t('shop.payment.none'),
    payUrl: payable && payment?.payUrl && !qr ? payment.payUrl : null,
    payBy: awaiting ? t('shop.order.payBy', { date: formatVietnamTime(order.expiresAt, lang) }) : null,
    declined: awaiting && payment?.status === 'failed' ? t('shop.order.declined', { date: formatVietnamTime(order.expiresAt, lang) }) : null,
    vietqr: qr
      ? {
          image: qr.qrImageUrl,
          bank: bankName(qr.bankBin),
          // The BIN beside a bank's name; an unknown bank is shown by its BIN alone.
          bin: bankName(qr.bankBin) === qr.bankBin ? null : qr.bankBin,
          accountNo: qr.accountNo,
          accountName: qr.accountName,
          amount: vnd(qr.amountVnd),
          reference: qr.reference,
          deadline: t('shop.vietqr.deadline', { date: formatVietnamTime(order.expiresAt, lang) }),
        }
      : null,
  };
}

/** `/orders/:id`: one of the shopper's orders (404 for anyone else's), its parcels, its experience bookings and its payment. */
@ApiExcludeController()
@Controller('orders')
@Roles('shopper')
export class OrderPages {
  constructor(
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
    private readonly bookings: BookingsService,
  ) {}

  @Get(':id')
  async show(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id') id: string) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const order = await this.orders.get(actor, id);
    let payment: Payment = await this.payments.paymentForOrder(order.id).catch((err: unknown) => {
      if (err instanceof NotFoundError) return null;
      throw err;
    });
    // An order whose payment could not be started at checkout gets it now (starting is idempotent).
    if (!payment && order.status === 'awaiting_payment') payment = await this.payments.startForOrder(order.id).catch(() => null);
    const view = presentOrder(order, payment, lang, t, order.bookingsVnd > 0 ? await this.bookings.listForOrder(actor, order.id) : []);
    return req.server.ocopViews!.send(req, reply, 'order', { title: t('shop.order.title', { reference: order.reference }), order: view });
  }
}
