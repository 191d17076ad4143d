import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, NotFoundError, translator, ValidationError, type Actor } from '@ocop/core';
import { BookingsService } from '@ocop/experiences';
import { CancelOrderDto, OrdersService, PAYMENT_STATES, ResolveReviewDto } from '@ocop/orders';
import { PaymentsService, RefundDto, RefundsService } from '@ocop/payments';
import { VendorsService } from '@ocop/vendors';
import { CurrentUser, domainFormError, formErrorsView, intQueryParam, requestLocale, Roles, textQueryParam, validateForm, type FormErrorsView, type FormSpec } from '@ocop/web';
import { idParam } from '../certificates/admin-certificates.controller';
import { conflictWords } from '../confirm';
import { countryName, percent, titleIn, vnd, vnTime, wordsFor } from './present';
import './orders.i18n';

type Form = Record<string, unknown>;
type OrderDetail = Awaited<ReturnType<OrdersService['getForAdmin']>>;

const ORDER_STATUSES = ['awaiting_payment', 'paid', 'cancelled', 'refunded'] as const;
const PAGE_SIZE = 50;
const CANCEL_FORM: FormSpec = { reason: { label: 'adminOrders.reason' } };
const REFUND_FORM: FormSpec = { subOrderId: { label: 'adminOrders.refundWhat' }, reason: { label: 'adminOrders.reason' } };
const REVIEW_FORM: FormSpec = { note: { label: 'adminOrders.review.note' } };

const text = (form: Form | undefined, key: string): string => (typeof form?.[key] === 'string' ? (form[key] as string).trim() : '');

/** What can be refunded of the order, or of one of its sub-orders. */
function refundable(o: OrderDetail, subOrderId: string | null): number {
  if (!o.paidAt) return 0;
  if (!subOrderId) return o.totalVnd - o.refundedVnd;
  const s = o.subOrders.find((x) => x.id === subOrderId);
  return s && ['paid', 'packed', 'shipped'].includes(s.status) ? s.totalVnd - s.refundedVnd : 0;
}

/**
 * The admin's order pages: `/orders` (filters, paging), `/orders/:id` (sub-orders, payment,
 * refunds; cancel, refund and confirm-transfer, each through a confirmation page) and
 * `/orders/review` (sub-orders flagged for review, resolved with a note).
 */
@ApiExcludeController()
@Controller('orders')
@Roles('admin')
export class AdminOrdersPages {
  constructor(
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
    private readonly vendors: VendorsService,
    private readonly bookings: BookingsService,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const q = (req.query ?? {}) as Record<string, unknown>;
    const page = intQueryParam(q.page, 'page', 100000, 1);
    const rawStatus = textQueryParam(q.status, 'status', 24);
    const rawPayment = textQueryParam(q.paymentState, 'paymentState', 24);
    const vendorId = textQueryParam(q.vendorId, 'vendorId', 36);
    const filters = {
      status: ORDER_STATUSES.find((s) => s === rawStatus),
      paymentState: PAYMENT_STATES.find((s) => s === rawPayment),
      vendorId,
    };
    const [res, vendors] = await Promise.all([this.orders.list(actor, { ...filters, page }), this.vendors.list(actor)]);
    const keep = Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string');
    const pageUrl = (p: number) => `/orders?${new URLSearchParams([...keep, ['page', String(p)]])}`;
    return req.server.ocopViews!.send(req, reply, 'orders', {
      title: t('adminOrders.title'),
      total: res.total,
      items: res.items.map((o) => ({
        id: o.id,
        reference: o.reference,
        placedAt: vnTime(o.createdAt, lang),
        place: `${o.shippingAddress.city}, ${countryName(o.shippingAddress.country, lang)}`,
        vendors: [...new Set(o.subOrders.map((s) => s.vendorName))].join(', '),
        total: vnd(o.totalVnd, lang),
        status: o.status,
        statusText: t(`adminOrders.status.${o.status}`),
        paymentText: t(`adminOrders.pstate.${o.paymentState}`),
      })),
      statusOptions: ORDER_STATUSES.map((s) => ({ value: s, label: t(`adminOrders.status.${s}`), selected: s === filters.status })),
      paymentOptions: PAYMENT_STATES.map((s) => ({ value: s, label: t(`adminOrders.pstate.${s}`), selected: s === filters.paymentState })),
      vendorOptions: vendors.map((v) => ({ value: v.id, label: v.name, selected: v.id === vendorId })),
      prev: page > 1 ? pageUrl(page - 1) : null,
      next: page * PAGE_SIZE < res.total ? pageUrl(page + 1) : null,
    });
  }

  @Get('review')
  review(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Query('done') done?: string) {
    const t = translator(requestLocale(req));
    return this.renderReview(req, reply, actor, { notice: done === 'resolved' ? t('adminOrders.review.resolved') : null });
  }

  @Post('review/:id')
  async resolve(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam()) id: string, @Body() form: Form) {
    const lang = requestLocale(req);
    const checked = await validateForm(ResolveReviewDto, { note: form?.note }, REVIEW_FORM, lang);
    if (checked.errors) return this.renderReview(req, reply, actor, { failedId: id, form, errors: formErrorsView(checked.errors) }, 400);
    try {
      await this.orders.resolveReview(actor, id, checked.value.note);
      return reply.redirect('/orders/review?done=resolved', 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.renderReview(req, reply, actor, { failedId: id, form, errors: formErrorsView([domainFormError(err, REVIEW_FORM, lang)]) }, 400);
      if (err instanceof ConflictError) return this.renderReview(req, reply, actor, { error: conflictWords(translator(lang), 'adminOrders.reviewConflict', err) }, err.status);
      throw err;
    }
  }

  @Get(':id')
  show(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam()) id: string, @Query('done') done?: string) {
    const t = translator(requestLocale(req));
    const notices: Record<string, string> = { cancelled: 'adminOrders.cancelled', refunded: 'adminOrders.refunded.done', confirmed: 'adminOrders.transferConfirmed' };
    return this.renderDetail(req, reply, actor, id, { notice: done && notices[done] ? t(notices[done]) : null });
  }

  /** Without `confirm=1` answers the confirmation page; with it cancels the unpaid order. */
  @Post(':id/cancel')
  async cancel(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam()) id: string, @Body() form: Form) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const cancelForm = { reason: form?.reason };
    const checked = await validateForm(CancelOrderDto, cancelForm, CANCEL_FORM, lang);
    if (checked.errors) return this.renderDetail(req, reply, actor, id, { cancelForm, cancelErrors: formErrorsView(checked.errors) }, 400);
    if (text(form, 'confirm') !== '1') {
      const o = await this.orders.getForAdmin(actor, id);
      return this.renderConfirm(req, reply, {
        title: t('adminOrders.cancelConfirm', { reference: o.reference }),
        orderId: o.id,
        texts: [t('adminOrders.cancelText')],
        facts: [
          { label: t('adminOrders.total'), value: vnd(o.totalVnd, lang) },
          { label: t('adminOrders.reason'), value: checked.value.reason },
        ],
        action: `/orders/${o.id}/cancel`,
        hidden: [{ name: 'reason', value: checked.value.reason }],
        button: t('adminOrders.cancel'),
      });
    }
    try {
      await this.orders.cancelByAdmin(actor, id, checked.value.reason);
      return reply.redirect(`/orders/${id}?done=cancelled`, 303);
    } catch (err) {
      if (err instanceof ConflictError) return this.renderDetail(req, reply, actor, id, { error: conflictWords(t, 'adminOrders.conflict', err) }, err.status);
      throw err;
    }
  }

  /** Without `confirm=1` answers the confirmation page (amount, provider); with it refunds. */
  @Post(':id/refund')
  async refund(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam()) id: string, @Body() form: Form) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const refundForm = { subOrderId: form?.subOrderId, reason: form?.reason };
    const checked = await validateForm(RefundDto, refundForm, REFUND_FORM, lang);
    if (checked.errors) return this.renderDetail(req, reply, actor, id, { refundForm, refundErrors: formErrorsView(checked.errors) }, 400);
    const subOrderId = checked.value.subOrderId ?? null;
    if (text(form, 'confirm') !== '1') {
      const [o, payment] = await Promise.all([this.orders.getForAdmin(actor, id), this.paymentOf(id)]);
      const amount = refundable(o, subOrderId);
      if (amount <= 0 || !payment) return this.renderDetail(req, reply, actor, id, { error: t('adminOrders.nothingToRefund'), refundForm }, 409);
      const sub = subOrderId ? o.subOrders.find((s) => s.id === subOrderId) : null;
      const provider = t(`adminOrders.provider.${payment.provider}`);
      return this.renderConfirm(req, reply, {
        title: t('adminOrders.refundConfirm', { amount: vnd(amount, lang), reference: sub ? sub.reference : o.reference }),
        orderId: o.id,
        texts: [t('adminOrders.refundText', { amount: vnd(amount, lang), provider }), ...(payment.provider === 'vietqr' ? [t('adminOrders.refundManual')] : [])],
        facts: [
          { label: t('adminOrders.refundWhat'), value: sub ? `${sub.reference} · ${sub.vendorName}` : t('adminOrders.refundWhole') },
          { label: t('adminOrders.amount'), value: vnd(amount, lang) },
          { label: t('adminOrders.method'), value: provider },
          { label: t('adminOrders.reason'), value: checked.value.reason },
        ],
        action: `/orders/${o.id}/refund`,
        hidden: [...(subOrderId ? [{ name: 'subOrderId', value: subOrderId }] : []), { name: 'reason', value: checked.value.reason }],
        button: t('adminOrders.refund'),
      });
    }
    try {
      await this.refunds.refund(actor, id, subOrderId, checked.value.reason);
      return reply.redirect(`/orders/${id}?done=refunded`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.renderDetail(req, reply, actor, id, { refundForm, refundErrors: formErrorsView([domainFormError(err, REFUND_FORM, lang)]) }, 400);
      if (err instanceof ConflictError) return this.renderDetail(req, reply, actor, id, { error: conflictWords(t, 'adminOrders.conflict', err), refundForm }, err.status);
      throw err;
    }
  }

  /** Without `confirm=1` answers the confirmation page; with it records the bank transfer as arrived. */
  @Post(':id/confirm-transfer')
  async confirmTransfer(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam()) id: string, @Body() form: Form) {
    const lang = requestLocale(req);
    const t = translator(lang);
    if (text(form, 'confirm') !== '1') {
      const o = await this.orders.getForAdmin(actor, id);
      return this.renderConfirm(req, reply, {
        title: t('adminOrders.confirmTransferConfirm', { amount: vnd(o.totalVnd, lang), reference: o.reference }),
        orderId: o.id,
        texts: [t('adminOrders.confirmTransferText')],
        facts: [
          { label: t('adminOrders.reference'), value: o.reference },
          { label: t('adminOrders.amount'), value: vnd(o.totalVnd, lang) },
        ],
        action: `/orders/${o.id}/confirm-transfer`,
        hidden: [],
        button: t('adminOrders.confirmTransfer'),
      });
    }
    try {
      await this.payments.confirmTransferManually(actor, id);
      return reply.redirect(`/orders/${id}?done=confirmed`, 303);
    } catch (err) {
      if (err instanceof ConflictError) return this.renderDetail(req, reply, actor, id, { error: conflictWords(t, 'adminOrders.conflict', err) }, err.status);
      throw err;
    }
  }

  /** The order's payment, or null when it has none. */
  private paymentOf(orderId: string) {
    return this.payments.paymentForOrder(orderId).catch((err: unknown) => {
      if (err instanceof NotFoundError) return null;
      throw err;
    });
  }

  private renderConfirm(
    req: FastifyRequest,
    reply: FastifyReply,
    data: { title: string; orderId: string; texts: string[]; facts: { label: string; value: string }[]; action: string; hidden: { name: string; value: string }[]; button: string },
  ) {
    return req.server.ocopViews!.send(req, reply, 'confirm', { ...data, back: `/orders/${data.orderId}` });
  }

  private async renderReview(
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    data: { notice?: string | null; error?: string; failedId?: string; form?: Form; errors?: FormErrorsView },
    status = 200,
  ) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const flagged = await this.orders.flagged(actor);
    return req.server.ocopViews!.send(
      req,
      reply,
      'orders-review',
      {
        title: t('adminOrders.review.title'),
        notice: data.notice ?? null,
        error: data.error,
        items: flagged.map((s) => {
          const failed = s.id === data.failedId;
          return {
            id: s.id,
            orderId: s.orderId,
            reference: s.reference,
            orderReference: s.orderReference,
            vendorName: s.vendorName,
            statusText: t(`adminOrders.status.${s.status}`),
            total: vnd(s.totalVnd, lang),
            flaggedAt: vnTime(s.reviewFlaggedAt, lang),
            reason: wordsFor(t, 'adminOrders.reviewReason', s.reviewReason),
            note: failed ? text(data.form, 'note') : '',
            errors: failed ? (data.errors ?? formErrorsView([])) : formErrorsView([]),
          };
        }),
      },
      status,
    );
  }

  private async renderDetail(
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    data: {
      notice?: string | null;
      error?: string;
      cancelForm?: Form;
      cancelErrors?: FormErrorsView;
      refundForm?: Form;
      refundErrors?: FormErrorsView;
    },
    status = 200,
  ) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const [o, payment, refunds] = await Promise.all([this.orders.getForAdmin(actor, id), this.paymentOf(id), this.refunds.refundsOfOrder(actor, id)]);
    const bookings = o.bookingsVnd > 0 ? await this.bookings.listForOrderAsAdmin(actor, id) : [];
    const subRef = new Map(o.subOrders.map((s) => [s.id, s.reference]));
    const bookingRef = new Map(bookings.map((b) => [b.id, b.reference]));
    const refundForm = data.refundForm ?? {};
    const subOrders = o.subOrders.map((s) => ({
      id: s.id,
      reference: s.reference,
      vendorName: s.vendorName,
      status: s.status,
      statusText: t(`adminOrders.status.${s.status}`),
      items: vnd(s.itemsVnd, lang),
      shipping: vnd(s.shippingVnd, lang),
      total: vnd(s.totalVnd, lang),
      refunded: s.refundedVnd > 0 ? vnd(s.refundedVnd, lang) : null,
      commission: percent(s.commissionBps, lang),
      tracking: s.shippedAt ? `${vnTime(s.shippedAt, lang)} · ${s.carrier ?? ''} · ${s.trackingNumber ?? ''}` : null,
      review: s.reviewFlaggedAt ? { reason: wordsFor(t, 'adminOrders.reviewReason', s.reviewReason), note: s.reviewNote, open: !s.reviewedAt } : null,
      lines: s.lines.map((l) => ({ title: titleIn(l.title, lang), quantity: l.quantity, amount: vnd(l.lineVnd, lang) })),
      refundable: refundable(o, s.id) > 0,
    }));
    const canRefund = refundable(o, null) > 0 && !!payment;
    return req.server.ocopViews!.send(
      req,
      reply,
      'orders-detail',
      {
        title: `${t('adminOrders.reference')} ${o.reference}`,
        notice: data.notice ?? null,
        error: data.error,
        order: {
          id: o.id,
          reference: o.reference,
          status: o.status,
          statusText: t(`adminOrders.status.${o.status}`),
          placedAt: vnTime(o.createdAt, lang),
          expiresAt: o.status === 'awaiting_payment' ? vnTime(o.expiresAt, lang) : null,
          cancelled: o.cancelledAt ? `${vnTime(o.cancelledAt, lang)} · ${wordsFor(t, 'adminOrders.cancelReason', o.cancelReason)}` : null,
          items: vnd(o.itemsVnd, lang),
          shipping: vnd(o.shippingVnd, lang),
          total: vnd(o.totalVnd, lang),
          refunded: o.refundedVnd > 0 ? vnd(o.refundedVnd, lang) : null,
          address: { ...o.shippingAddress, countryName: countryName(o.shippingAddress.country, lang) },
        },
        subOrders,
        bookings: bookings.map((b) => ({
          reference: b.reference,
          status: b.status,
          statusText: t(`adminOrders.bookingStatus.${b.status}`),
          title: titleIn(b.experience.title, lang),
          village: b.village?.name ?? '',
          when: vnTime(b.slot.startsAt, lang),
          people: b.people,
          total: vnd(b.totalVnd, lang),
          refunded: b.refundedVnd > 0 ? vnd(b.refundedVnd, lang) : null,
        })),
        bookingsTotal: o.bookingsVnd > 0 ? vnd(o.bookingsVnd, lang) : null,
        payment: payment
          ? {
              provider: t(`adminOrders.provider.${payment.provider}`),
              status: payment.status,
              statusText: t(`adminOrders.payment.${payment.status}`),
              amount: vnd(payment.amountVnd, lang),
              paidAt: vnTime(o.paidAt, lang),
            }
          : null,
        refunds: refunds.map((r) => ({
          what: r.bookingId ? t('adminOrders.refundBooking', { reference: bookingRef.get(r.bookingId) ?? '' }) : r.subOrderId ? (subRef.get(r.subOrderId) ?? '') : t('adminOrders.refundWhole'),
          amount: vnd(r.amountVnd, lang),
          status: r.status,
          statusText: t(`adminOrders.refundStatus.${r.status}`),
          reason: /^[a-z_]+$/.test(r.reason) ? wordsFor(t, 'adminOrders.refundReason', r.reason) : r.reason,
          at: vnTime(r.createdAt, lang),
        })),
        canCancel: o.status === 'awaiting_payment',
        canConfirmTransfer: o.status === 'awaiting_payment' && payment?.provider === 'vietqr' && payment.status === 'pending',
        canRefund,
        refundOptions: [
          { value: '', label: `${t('adminOrders.refundWhole')} · ${vnd(refundable(o, null), lang)}`, selected: !refundForm.subOrderId },
          ...o.subOrders
            .filter((s) => refundable(o, s.id) > 0)
            .map((s) => ({ value: s.id, label: `${s.reference} · ${s.vendorName} · ${vnd(refundable(o, s.id), lang)}`, selected: refundForm.subOrderId === s.id })),
        ],
        cancelForm: data.cancelForm ?? {},
        cancelErrors: data.cancelErrors ?? formErrorsView([]),
        refundForm,
        refundErrors: data.refundErrors ?? formErrorsView([]),
      },
      status,
    );
  }
}
