import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProductsService, type VendorProduct } from '@ocop/catalog';
import { CertificationService } from '@ocop/certification';
import { Clock, translator, type Actor, type Locale } from '@ocop/core';
import { ExperiencesService } from '@ocop/experiences';
import { OrdersService } from '@ocop/orders';
import { VendorsService } from '@ocop/vendors';
import { requestLocale } from '@ocop/web';
import { dayText, titleIn, vnTime } from '../orders/present';
import { whyNotSelling } from '../products/product-views';
import './home.i18n';

type T = ReturnType<typeof translator>;

/** Certificates lapsing within this many days are named on the home page. */
const EXPIRING_DAYS = 90;
/** Bookings of dates starting within this many days are named on the home page. */
const BOOKING_DAYS = 14;
const DAY_MS = 86_400_000;

/**
 * `/`: the caller's vendor and its status in plain words, and what needs doing, each with a count
 * and a link: drafts, products off sale and why, certificates expiring within 90 days, orders to
 * pack and ship, and the bookings of the next 14 days. Without a vendor, the way to sign one up.
 */
@ApiExcludeController()
@Controller()
export class HomePages {
  constructor(
    private readonly vendors: VendorsService,
    private readonly products: ProductsService,
    private readonly certification: CertificationService,
    private readonly orders: OrdersService,
    private readonly experiences: ExperiencesService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async home(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const actor = req.actor;
    if (!actor?.vendorId) return req.server.ocopViews!.send(req, reply, 'home');
    const lang = requestLocale(req);
    const t = translator(lang);
    const vendor = await this.vendors.profile(actor);
    const [catalogue, certificates, orders, bookings] = await Promise.all([this.catalogue(actor, t), this.expiring(actor, lang, t), this.toShip(actor, t), this.bookings(actor, lang, t)]);
    return req.server.ocopViews!.send(req, reply, 'home', {
      vendor,
      statusText: t(`vendorHome.${vendor.status}`),
      reason: vendor.status === 'suspended' ? vendor.statusReason : null,
      todo: { catalogue, certificates, orders, bookings },
      nothingToDo: catalogue.drafts === 0 && catalogue.offSale === 0 && certificates.length === 0 && orders.paid === 0 && orders.packed === 0 && bookings.slots.length === 0,
    });
  }

  /** Drafts and products off sale, the latter counted by why, in words. */
  private async catalogue(actor: Actor, t: T) {
    const all: VendorProduct[] = [];
    for (let page = 1; ; page++) {
      const { items, total } = await this.products.list(actor, { page, limit: 200 });
      all.push(...items);
      if (items.length === 0 || all.length >= total) break;
    }
    const off = all.filter((p) => !p.sellable && p.state !== 'draft');
    const why = new Map<string, number>();
    for (const p of off) why.set(whyNotSelling(p, t), (why.get(whyNotSelling(p, t)) ?? 0) + 1);
    return {
      drafts: all.filter((p) => p.state === 'draft').length,
      offSale: off.length,
      reasons: [...why].map(([text, count]) => ({ text, count })),
      onSale: all.filter((p) => p.sellable).length,
    };
  }

  /** The vendor's certificates expiring within 90 days, soonest first. */
  private async expiring(actor: Actor, lang: Locale, t: T) {
    return (await this.certification.listOwn(actor))
      .filter((c) => c.status === 'active' && c.daysUntilExpiry <= EXPIRING_DAYS)
      .sort((a, b) => a.daysUntilExpiry - b.daysUntilExpiry)
      .map((c) => ({
        name: `${c.productName} — ${c.decisionNo}`,
        text: t('vendorHome.expiresOn', { date: dayText(c.validThrough, lang), days: t('vendorHome.daysLeft', { count: c.daysUntilExpiry }) }),
        href: `/certificates#cert-${c.id}`,
      }));
  }

  /** How many sub-orders are paid (to pack) and packed (to ship). */
  private async toShip(actor: Actor, t: T) {
    const [paid, packed] = await Promise.all([this.orders.listForVendor(actor, { status: 'paid' }), this.orders.listForVendor(actor, { status: 'packed' })]);
    return {
      paid: paid.total,
      packed: packed.total,
      count: paid.total + packed.total,
      paidText: t('vendorHome.ordersPaid', { count: paid.total }),
      packedText: t('vendorHome.ordersPacked', { count: packed.total }),
    };
  }

  /** The dates of the next 14 days that have paid bookings, soonest first, with their bookings and people. */
  private async bookings(actor: Actor, lang: Locale, t: T) {
    const now = this.clock.now().getTime();
    const until = now + BOOKING_DAYS * DAY_MS;
    const slots: { at: number; title: string; when: string; text: string; href: string; bookings: number; people: number }[] = [];
    for (const own of await this.experiences.listOwn(actor)) {
      const x = await this.experiences.getOwn(actor, own.id);
      const soon = x.slots.filter((s) => s.status === 'open' && +new Date(s.startsAt) > now && +new Date(s.startsAt) <= until);
      if (!soon.length) continue;
      const booked = (await this.experiences.bookingsOfOwn(actor, own.id)).filter((b) => b.status === 'confirmed');
      for (const s of soon) {
        const mine = booked.filter((b) => b.slotId === s.id);
        if (!mine.length) continue;
        const people = mine.reduce((a, b) => a + b.people, 0);
        slots.push({
          at: +new Date(s.startsAt),
          title: titleIn(x.title, lang),
          when: vnTime(s.startsAt, lang),
          text: t('vendorHome.slotBookings', { count: mine.length, people: t('vendorHome.people', { count: people }) }),
          href: `/experiences/${x.id}/slots/${s.id}`,
          bookings: mine.length,
          people,
        });
      }
    }
    slots.sort((a, b) => a.at - b.at);
    const total = slots.reduce((a, s) => a + s.bookings, 0);
    const people = slots.reduce((a, s) => a + s.people, 0);
    return { slots, summary: t('vendorHome.bookingsSummary', { count: total, people: t('vendorHome.people', { count: people }) }) };
  }
}
