import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, translator, ValidationError, type Actor, type Locale } from '@ocop/core';
import { OrdersService, ShipSubOrderDto } from '@ocop/orders';
import { CurrentUser, domainFormError, formErrorsView, intQueryParam, requestLocale, Roles, textQueryParam, validateForm, type FormErrorsView, type FormSpec } from '@ocop/web';
import { idParam } from '../products/vendor-products.controller';
import { countryName, percent, titleIn, vnd, vnTime } from './present';
import './orders.i18n';

type Form = Record<string, unknown>;
type T = ReturnType<typeof translator>;
type VendorSubOrder = Awaited<ReturnType<OrdersService['getForVendor']>>;

const STATUSES = ['awaiting_payment', 'paid', 'packed', 'shipped', 'cancelled', 'refunded'] as const;
const PAGE_SIZE = 20;
/** Lines named in a row of the list; the rest are counted. */
const LINES_SHOWN = 3;

/** The ship form's fields, read into the API's ship DTO. */
const SHIP_FORM: FormSpec = {
  carrier: { label: 'vendorOrders.carrier' },
  trackingNumber: { label: 'vendorOrders.trackingNumber' },
};

/** The words and figures a page shows for one sub-order. */
function present(s: VendorSubOrder, lang: Locale, t: T) {
  const address = s.shippingAddress;
  const lines = s.lines.map((l) => ({
    title: titleIn(l.title, lang),
    quantity: l.quantity,
    unitPrice: vnd(l.unitPriceVnd, lang),
    amount: vnd(l.lineVnd, lang),
    certificate: `${l.decisionNo}${l.certificateNo ? ` · ${l.certificateNo}` : ''} · ${t('vendorOrders.starsValue', { count: l.stars })}`,
  }));
  return {
    id: s.id,
    reference: s.reference,
    status: s.status,
    statusText: t(`vendorOrders.status.${s.status}`),
    placedAt: vnTime(s.createdAt, lang),
    packedAt: vnTime(s.packedAt, lang),
    shippedAt: vnTime(s.shippedAt, lang),
    place: address ? `${address.city}, ${countryName(address.country, lang)}` : '',
    address: address ? { ...address, countryName: countryName(address.country, lang) } : null,
    lines,
    firstLines: lines.slice(0, LINES_SHOWN),
    moreLines: lines.length > LINES_SHOWN ? t('vendorOrders.more', { count: lines.length - LINES_SHOWN }) : null,
    items: vnd(s.itemsVnd, lang),
    shipping: vnd(s.shippingVnd, lang),
    total: vnd(s.totalVnd, lang),
    commission: percent(s.commissionBps, lang),
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    underReview: !!s.reviewFlaggedAt && !s.reviewedAt,
    canPack: s.status === 'paid',
    canShip: s.status === 'paid' || s.status === 'packed',
  };
}

/**
 * The vendor's order pages: `/orders` (its sub-orders, filtered by state) and `/orders/:id`
 * (lines, shipping address, and the pack and ship forms, each confirmed on a page of its own).
 */
@ApiExcludeController()
@Controller('orders')
@Roles('vendor')
export class VendorOrdersPages {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const q = (req.query ?? {}) as Record<string, unknown>;
    const page = intQueryParam(q.page, 'page', 100000, 1);
    const raw = textQueryParam(q.status, 'status', 24);
    const status = STATUSES.find((s) => s === raw);
    const res = await this.orders.listForVendor(actor, { status, page });
    const pageUrl = (p: number) => `/orders?${new URLSearchParams(status ? { status, page: String(p) } : { page: String(p) })}`;
    return req.server.ocopViews!.send(req, reply, 'orders', {
      title: t('vendorOrders.title'),
      items: res.items.map((s) => present(s, lang, t)),
      total: res.total,
      statusOptions: STATUSES.map((s) => ({ value: s, label: t(`vendorOrders.status.${s}`), selected: s === status })),
      prev: page > 1 ? pageUrl(page - 1) : null,
      next: page * PAGE_SIZE < res.total ? pageUrl(page + 1) : null,
    });
  }

  @Get(':id')
  show(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Query('done') done?: string) {
    const t = translator(requestLocale(req));
    const notice = done === 'packed' || done === 'shipped' ? t(`vendorOrders.${done}`) : null;
    return this.renderDetail(req, reply, actor, id, { notice });
  }

  /** Without `confirm=1` answers the confirmation page; with it marks the sub-order packed. */
  @Post(':id/packed')
  async packed(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() form: Form) {
    const lang = requestLocale(req);
    const t = translator(lang);
    if (form?.confirm !== '1') {
      const s = present(await this.orders.getForVendor(actor, id), lang, t);
      return req.server.ocopViews!.send(req, reply, 'orders-confirm', {
        title: t('vendorOrders.confirmPacked', { reference: s.reference }),
        order: s,
        action: `/orders/${s.id}/packed`,
        text: t('vendorOrders.confirmPackedText'),
        button: t('vendorOrders.markPacked'),
        fields: [],
      });
    }
    try {
      await this.orders.markPacked(actor, id);
      return reply.redirect(`/orders/${id}?done=packed`, 303);
    } catch (err) {
      if (err instanceof ConflictError) return this.renderDetail(req, reply, actor, id, { conflict: 'pack' }, err.status);
      throw err;
    }
  }

  /** Without `confirm=1` checks the form and answers the confirmation page; with it ships the sub-order. */
  @Post(':id/ship')
  async ship(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() form: Form) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const shipForm = { carrier: form?.carrier, trackingNumber: form?.trackingNumber };
    const checked = await validateForm(ShipSubOrderDto, shipForm, SHIP_FORM, lang);
    if (checked.errors) return this.renderDetail(req, reply, actor, id, { shipForm, shipErrors: formErrorsView(checked.errors) }, 400);
    if (form?.confirm !== '1') {
      const s = present(await this.orders.getForVendor(actor, id), lang, t);
      return req.server.ocopViews!.send(req, reply, 'orders-confirm', {
        title: t('vendorOrders.confirmShipped', { reference: s.reference }),
        order: s,
        action: `/orders/${s.id}/ship`,
        text: t('vendorOrders.confirmShippedText'),
        button: t('vendorOrders.markShipped'),
        fields: [
          { name: 'carrier', label: t('vendorOrders.carrier'), value: checked.value.carrier },
          { name: 'trackingNumber', label: t('vendorOrders.trackingNumber'), value: checked.value.trackingNumber },
        ],
      });
    }
    try {
      await this.orders.ship(actor, id, checked.value);
      return reply.redirect(`/orders/${id}?done=shipped`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.renderDetail(req, reply, actor, id, { shipForm, shipErrors: formErrorsView([domainFormError(err, SHIP_FORM, lang)]) }, 400);
      if (err instanceof ConflictError) return this.renderDetail(req, reply, actor, id, { conflict: 'ship', shipForm }, err.status);
      throw err;
    }
  }

  private async renderDetail(
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    data: { notice?: string | null; conflict?: 'pack' | 'ship'; shipForm?: Form; shipErrors?: FormErrorsView },
    status = 200,
  ) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const s = present(await this.orders.getForVendor(actor, id), lang, t);
    // A refused pack or ship says why in words: the order waits for a review, or is in a state that cannot move.
    const error = data.conflict ? (s.underReview ? t('vendorOrders.refusedReview') : t(`vendorOrders.refused.${data.conflict}`, { status: s.statusText })) : undefined;
    return req.server.ocopViews!.send(
      req,
      reply,
      'orders-detail',
      {
        title: `${t('vendorOrders.reference')} ${s.reference}`,
        order: s,
        notice: data.notice ?? null,
        error,
        shipForm: data.shipForm ?? {},
        shipErrors: data.shipErrors ?? formErrorsView([]),
      },
      status,
    );
  }
}
