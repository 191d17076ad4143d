import { Injectable } from '@nestjs/common';
import { AppConfig, type OrderEvent, type SubOrderShippedEvent, numberFormat } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { Mailer } from '@ocop/notifications';
import { OrderLine } from './order-line.entity';
import { OrdersRepository } from './orders.repository';

const NUMBER_LOCALE: Record<string, string> = { vi: 'vi-VN', en: 'en-GB', de: 'de-DE', id: 'id-ID' };

/** An amount of VND written for people in `locale`, e.g. `350.000 ₫`. Pure. */
export function formatVnd(amount: number, locale: string): string {
  return numberFormat(NUMBER_LOCALE[locale] ?? 'vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(amount);
}

function lineData(lines: OrderLine[], locale: string) {
  return lines.map((l) => {
    const t = l.title as Record<string, string | undefined>;
    return { title: t[locale] ?? t.vi ?? l.productSlug, quantity: l.quantity, unitPrice: formatVnd(l.unitPriceVnd, locale), lineTotal: formatVnd(l.lineVnd, locale), stars: l.stars };
  });
}

/**
 * The e-mails shoppers get about their orders, in the language they ordered in: the confirmation
 * once the order is paid and a notice for each parcel shipped. Each goes out once per order or
 * parcel (dedupe keys `order-paid:<orderId>`, `order-shipped:<subOrderId>`), however often the job runs.
 */
@Injectable()
export class OrderNotices {
  private readonly repo: OrdersRepository;

  constructor(
    tx: Transactions,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
  ) {
    this.repo = new OrdersRepository(tx);
  }

  /** Queues the order confirmation (template `order-confirmation`); false when unknown or already sent. */
  async sendConfirmation(event: Pick<OrderEvent, 'orderId'>): Promise<boolean> {
    const order = await this.repo.order(event.orderId);
    if (!order) return false;
    const user = (await this.repo.users([order.userId])).get(order.userId);
    if (!user) return false;
    const subs = await this.repo.subOrdersOf([order.id]);
    const [lines, names] = await Promise.all([this.repo.linesOfOrders([order.id]), this.repo.vendorNames(subs.map((s) => s.vendorId))]);
    const locale = order.locale;
    const message = await this.mailer.queue({
      to: user.email,
      template: 'order-confirmation',
      locale,
      dedupeKey: `order-paid:${order.id}`,
      data: {
        name: user.name,
        reference: order.reference,
        parcels: subs.map((s) => ({
          reference: s.reference,
          vendorName: names.get(s.vendorId) ?? '',
          items: lineData(
            lines.filter((l) => l.subOrderId === s.id),
            locale,
          ),
          shipping: formatVnd(s.shippingVnd, locale),
        })),
        itemsTotal: formatVnd(order.itemsVnd, locale),
        shippingTotal: formatVnd(order.shippingVnd, locale),
        // Experience bookings paid with the order (each also gets its own confirmation).
        bookingsTotal: order.bookingsVnd > 0 ? formatVnd(order.bookingsVnd, locale) : null,
        total: formatVnd(order.totalVnd, locale),
        address: order.shippingAddress,
        orderUrl: `${this.config.urls.storefront}/orders/${order.id}`,
      },
    });
    return message !== null;
  }

  /** Queues the shipped notice of one parcel (template `order-shipped`); false when unknown or already sent. */
  async sendShippedNotice(event: Pick<SubOrderShippedEvent, 'subOrderId'>): Promise<boolean> {
    const sub = await this.repo.subOrder(event.subOrderId);
    if (!sub) return false;
    const order = await this.repo.order(sub.orderId);
    const user = order ? (await this.repo.users([order.userId])).get(order.userId) : undefined;
    if (!order || !user) return false;
    const [lines, names] = await Promise.all([this.repo.linesOfSubOrders([sub.id]), this.repo.vendorNames([sub.vendorId])]);
    const message = await this.mailer.queue({
      to: user.email,
      template: 'order-shipped',
      locale: order.locale,
      dedupeKey: `order-shipped:${sub.id}`,
      data: {
        name: user.name,
        reference: order.reference,
        parcelReference: sub.reference,
        vendorName: names.get(sub.vendorId) ?? '',
        carrier: sub.carrier ?? '',
        trackingNumber: sub.trackingNumber ?? '',
        items: lineData(lines, order.locale),
        orderUrl: `${this.config.urls.storefront}/orders/${order.id}`,
      },
    });
    return message !== null;
  }
}
