import { In, type DataSource } from 'typeorm';
import { Events } from '@ocop/core';
import { DomainEventRecord } from '@ocop/database';
import { Product } from '@ocop/catalog';
import { Certificate } from '@ocop/certification';
import { MailMessage } from '@ocop/notifications';
import { openTestDatabase } from '@ocop/testing';
import { cartKeyForGuest, cartKeyForUser } from '../src/cart-keys';
import { OrderLine } from '../src/order-line.entity';
import { Order } from '../src/order.entity';
import { SubOrder } from '../src/sub-order.entity';
import { ADMIN, HANOI, memberOf, ordersOn, shopper, vendorWithProducts } from './orders-fixtures';

describe('orders on SQLite', () => {
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  let o: ReturnType<typeof ordersOn>;

  beforeEach(async () => {
    ({ dataSource: ds, cleanup } = await openTestDatabase('sqlite'));
    o = ordersOn(ds);
  });
  afterEach(async () => {
    await o.jobs.close();
    await cleanup();
  });

  const stockOf = async (ids: string[]) => (await ds.getRepository(Product).findBy({ id: In(ids) })).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id)).map((p) => p.stock);
  const setProduct = (id: string, set: Partial<Product>) => o.tx.run((em) => em.update(Product, { id }, set));
  const eventTypes = async () => (await ds.getRepository(DomainEventRecord).find({ order: { createdAt: 'ASC' } })).map((e) => e.type);

  describe('cart', () => {
    it('adds to a line, totals the sellable lines and counts every item', async () => {
      const s = await vendorWithProducts(o.tx, { products: 2 });
      const key = cartKeyForUser('u1');
      await o.cart.add(key, s.products[0].id, 2);
      const view = await o.cart.add(key, s.products[0].id, 1);
      expect(view.items).toEqual([
        expect.objectContaining({
          productId: s.products[0].id,
          quantity: 3,
          lineVnd: 1_050_000,
          sellable: true,
          reason: null,
          vendor: { id: s.vendor.id, name: s.vendor.name },
          villageName: 'Bát Tràng',
        }),
      ]);
      await o.cart.add(key, s.products[1].id, 1);
      expect(await o.cart.view(key)).toMatchObject({ totalVnd: 1_400_000, count: 4, sellableCount: 4 });
      expect(await o.cart.count(key)).toBe(4);
    });

    it('flags a line whose product stopped selling and leaves it out of the total', async () => {
      const s = await vendorWithProducts(o.tx, { products: 2 });
      const key = cartKeyForUser('u1');
      await o.cart.add(key, s.products[0].id, 1);
      const other = await vendorWithProducts(o.tx, { products: 1 });
      await o.cart.add(key, other.products[0].id, 2);
      await o.tx.run((em) => em.update(Certificate, { id: s.cert.id }, { status: 'revoked' }));
      await setProduct(other.products[0].id, { stock: 1 });
      const view = await o.cart.view(key);
      expect(view.items.map((l) => [l.sellable, l.reason, l.lineVnd])).toEqual([
        [false, 'certificate_revoked', 0],
        [false, 'not_enough_stock', 0],
      ]);
      expect(view).toMatchObject({ totalVnd: 0, count: 3, sellableCount: 0 });
    });

    it('refuses an unknown product (404), an unsellable one or more than the stock (409) and a bad quantity (400)', async () => {
      const s = await vendorWithProducts(o.tx, { products: 2 });
      const key = cartKeyForUser('u1');
      await expect(o.cart.add(key, '00000000-0000-4000-8000-000000000000', 1)).rejects.toMatchObject({ status: 404 });
      await expect(o.cart.add(key, s.products[0].id, 11)).rejects.toMatchObject({ status: 409, details: { reason: 'not_enough_stock' } });
      await o.cart.add(key, s.products[0].id, 8);
      await expect(o.cart.add(key, s.products[0].id, 3)).rejects.toMatchObject({ status: 409, details: { reason: 'not_enough_stock' } });
      await expect(o.cart.add(key, s.products[0].id, 0)).rejects.toMatchObject({ status: 400, field: 'quantity' });
      await expect(o.cart.add(key, s.products[0].id, 100)).rejects.toMatchObject({ status: 400, field: 'quantity' });
      await setProduct(s.products[1].id, { state: 'delisted', delistReason: 'vendor' });
      await expect(o.cart.add(key, s.products[1].id, 1)).rejects.toMatchObject({ status: 409, details: { reason: 'delisted' } });
      await expect(o.cart.setQuantity(key, s.products[0].id, 12)).rejects.toMatchObject({ status: 409 });
      expect((await o.cart.setQuantity(key, s.products[0].id, 2)).count).toBe(2);
      expect((await o.cart.setQuantity(key, s.products[0].id, 0)).items).toEqual([]);
    });

    it("merges a guest's cart into the shopper's, adding quantities capped at the stock", async () => {
      const s = await vendorWithProducts(o.tx, { products: 2 });
      const guest = cartKeyForGuest('cookie-token');
      const user = cartKeyForUser('u1');
      expect(guest).toMatch(/^g:[0-9a-f]{64}$/);
      await o.cart.add(guest, s.products[0].id, 6);
      await o.cart.add(guest, s.products[1].id, 1);
      await o.cart.add(user, s.products[0].id, 7);
      const merged = await o.cart.merge(guest, user);
      expect(merged.items.map((l) => [l.productId, l.quantity])).toEqual([
        [s.products[0].id, 10],
        [s.products[1].id, 1],
      ]);
      expect((await o.cart.view(guest)).items).toEqual([]);
      expect((await o.cart.merge(guest, user)).count).toBe(11);
    });
  });

  describe('checkout', () => {
    it('splits two vendors into two sub-orders with snapshots, frozen commission and shipping, reserving stock and emptying the cart', async () => {
      const a = await vendorWithProducts(o.tx, { products: 1, vendorName: 'HTX Gốm' });
      const b = await vendorWithProducts(o.tx, { products: 1, vendorName: 'HTX Lụa' });
      await o.tx.run((em) => em.update(Product, { id: b.products[0].id }, { weightGrams: 1200, priceVnd: 500_000 }));
      const lan = await shopper(o.tx);
      const key = cartKeyForUser(lan.id);
      await o.cart.add(key, a.products[0].id, 2);
      await o.cart.add(key, b.products[0].id, 1);

      const order = await o.checkout.checkout(lan, { shippingAddress: HANOI, paymentMethod: 'sandbox' }, 'en');
      expect(order).toMatchObject({ status: 'awaiting_payment', itemsVnd: 1_200_000, shippingVnd: 30_000 + 40_000, totalVnd: 1_270_000, locale: 'en', shippingZone: 'domestic' });
      expect(order.reference).toMatch(/^OCOP[A-Z2-9]{8}$/);
      expect(order.expiresAt.getTime() - o.clock.now().getTime()).toBe(30 * 60_000);
      const subs = await ds.getRepository(SubOrder).find({ where: { orderId: order.id }, order: { reference: 'ASC' } });
      expect(subs.map((s) => [s.vendorId, s.itemsVnd, s.shippingVnd, s.commissionBps, s.vendorType, s.status])).toEqual(
        expect.arrayContaining([
          [a.vendor.id, 700_000, 30_000, 800, 'cooperative', 'awaiting_payment'],
          [b.vendor.id, 500_000, 40_000, 800, 'cooperative', 'awaiting_payment'],
        ]),
      );
      expect(subs.map((s) => s.reference).sort()).toEqual([`${order.reference}-1`, `${order.reference}-2`]);
      const lines = await ds.getRepository(OrderLine).findBy({ orderId: order.id });
      expect(lines.find((l) => l.productId === a.products[0].id)).toMatchObject({
        title: a.products[0].title,
        unitPriceVnd: 350_000,
        quantity: 2,
        lineVnd: 700_000,
        decisionNo: a.cert.decisionNo,
        stars: 4,
        weightGrams: 500,
      });
      expect(await stockOf([a.products[0].id, b.products[0].id])).toEqual([8, 9]);
      expect((await o.cart.view(key)).items).toEqual([]);
      expect(await eventTypes()).toEqual([Events.OrderPlaced]);
      const view = await o.orders.get(lan, order.id);
      expect(view.subOrders.map((s) => s.vendorName).sort()).toEqual(['HTX Gốm', 'HTX Lụa']);
      expect(view.paymentState).toBe('unpaid');
      await expect(o.orders.get(await shopper(o.tx, 'Minh'), order.id)).rejects.toMatchObject({ status: 404 });
    });

    it('answers 409 naming every problem line and reserves nothing', async () => {
      const s = await vendorWithProducts(o.tx, { products: 3 });
      const lan = await shopper(o.tx);
      const key = cartKeyForUser(lan.id);
      for (const p of s.products) await o.cart.add(key, p.id, 2);
      await setProduct(s.products[1].id, { stock: 1 });
      await setProduct(s.products[2].id, { state: 'delisted', delistReason: 'admin' });
      const err = await o.checkout.checkout(lan, { shippingAddress: HANOI, paymentMethod: 'sandbox' }, 'vi').catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 409 });
      const fields = (err as { details: { errors: { field: string; message: string }[] } }).details.errors;
      expect(fields.map((f) => f.field).sort()).toEqual([`items.${s.products[1].id}`, `items.${s.products[2].id}`].sort());
      expect(fields.find((f) => f.field === `items.${s.products[1].id}`)!.message).toMatch(/only 1 left/);
      expect(await stockOf(s.products.map((p) => p.id))).toEqual([10, 1, 10]);
      expect(await ds.getRepository(Order).count()).toBe(0);
      expect(await ds.getRepository(SubOrder).count()).toBe(0);
      expect(await eventTypes()).toEqual([]);
      expect((await o.cart.view(key)).count).toBe(6);
    });

    it('refuses an address abroad for a product that may not be exported, naming it (400)', async () => {
      const s = await vendorWithProducts(o.tx, { products: 2 });
      await setProduct(s.products[1].id, { exportEligible: true });
      const lan = await shopper(o.tx);
      await o.cart.add(cartKeyForUser(lan.id), s.products[0].id, 1);
      await o.cart.add(cartKeyForUser(lan.id), s.products[1].id, 1);
      const berlin = { ...HANOI, city: 'Berlin', country: 'DE' };
      await expect(o.checkout.checkout(lan, { shippingAddress: berlin, paymentMethod: 'sandbox' }, 'vi')).rejects.toMatchObject({
        status: 400,
        field: 'shippingAddress.country',
        message: expect.stringContaining('Bình gốm 0'),
      });
      await o.cart.remove(cartKeyForUser(lan.id), s.products[0].id);
      const order = await o.checkout.checkout(lan, { shippingAddress: berlin, paymentMethod: 'sandbox' }, 'de');
      expect(order).toMatchObject({ shippingZone: 'europe', shippingVnd: 450_000 });
    });

    it('refuses an empty cart, a bad address and a payment method that is not enabled (400)', async () => {
      const s = await vendorWithProducts(o.tx, { products: 1 });
      const lan = await shopper(o.tx);
      await expect(o.checkout.checkout(lan, { shippingAddress: HANOI, paymentMethod: 'sandbox' }, 'vi')).rejects.toMatchObject({ status: 400, field: 'items' });
      await o.cart.add(cartKeyForUser(lan.id), s.products[0].id, 1);
      await expect(o.checkout.checkout(lan, { shippingAddress: { ...HANOI, country: 'Vietnam' }, paymentMethod: 'sandbox' }, 'vi')).rejects.toMatchObject({ field: 'shippingAddress.country' });
      await expect(o.checkout.checkout(lan, { shippingAddress: { ...HANOI, phone: '' }, paymentMethod: 'sandbox' }, 'vi')).rejects.toMatchObject({ field: 'shippingAddress.phone' });
      await expect(o.checkout.checkout(lan, { shippingAddress: HANOI, paymentMethod: 'vietqr' }, 'vi')).rejects.toMatchObject({ status: 400, field: 'paymentMethod' });
      expect(await ds.getRepository(Order).count()).toBe(0);
    });
  });

  describe('after checkout', () => {
    async function placed(quantity = 2) {
      const s = await vendorWithProducts(o.tx, { products: 1 });
      const lan = await shopper(o.tx, 'Lan', 'de');
      await o.cart.add(cartKeyForUser(lan.id), s.products[0].id, quantity);
      const order = await o.checkout.checkout(lan, { shippingAddress: HANOI, paymentMethod: 'sandbox' }, 'de');
      return { s, lan, order };
    }

    it('releases stock exactly once when an unpaid order is cancelled twice at the same time', async () => {
      const { s, order } = await placed(3);
      expect(await stockOf([s.products[0].id])).toEqual([7]);
      const results = await Promise.all([o.orders.cancelUnpaid(order.id, 'shopper'), o.orders.cancelUnpaid(order.id, 'shopper')]);
      expect(results.sort()).toEqual([false, true]);
      expect(await stockOf([s.products[0].id])).toEqual([10]);
      expect(await ds.getRepository(Order).findOneByOrFail({ id: order.id })).toMatchObject({ status: 'cancelled', cancelReason: 'shopper' });
      expect(await ds.getRepository(SubOrder).findBy({ orderId: order.id })).toEqual([expect.objectContaining({ status: 'cancelled' })]);
      expect((await eventTypes()).filter((t) => t === Events.OrderCancelled)).toHaveLength(1);
      expect(await o.orders.markPaid(order.id)).toBe('cancelled');
    });

    it('cancels orders left unpaid past their payment time and gives their stock back', async () => {
      const { s, order } = await placed(2);
      o.clock.advance(29 * 60_000);
      expect(await o.orders.expireUnpaid()).toBe(0);
      o.clock.advance(2 * 60_000);
      expect(await o.orders.expireUnpaid()).toBe(1);
      expect(await o.orders.expireUnpaid()).toBe(0);
      expect(await ds.getRepository(Order).findOneByOrFail({ id: order.id })).toMatchObject({ status: 'cancelled', cancelReason: 'payment_expired' });
      expect(await stockOf([s.products[0].id])).toEqual([10]);
    });

    it('marks an order paid once: the second call changes nothing and emits nothing', async () => {
      const { order, lan } = await placed(1);
      expect(await o.orders.markPaid(order.id)).toBe('paid');
      expect(await o.orders.markPaid(order.id)).toBe('already_paid');
      expect((await eventTypes()).filter((t) => t === Events.OrderPaid)).toHaveLength(1);
      const view = await o.orders.get(lan, order.id);
      expect(view).toMatchObject({ status: 'paid', paymentState: 'paid' });
      expect(view.subOrders.map((s) => s.status)).toEqual(['paid']);
      expect(await o.orders.cancelUnpaid(order.id, 'payment_expired')).toBe(false);
      // The confirmation goes out once, in the order's language.
      expect(await o.notices.sendConfirmation({ orderId: order.id })).toBe(true);
      expect(await o.notices.sendConfirmation({ orderId: order.id })).toBe(false);
      const mails = await ds.getRepository(MailMessage).findBy({ template: 'order-confirmation' });
      expect(mails).toEqual([expect.objectContaining({ to: lan.email, locale: 'de', subject: `Ihre Bestellung ${order.reference} ist bezahlt` })]);
    });

    it('on revocation cancels unpaid orders under the certificate (stock back) and flags paid ones for review', async () => {
      const s = await vendorWithProducts(o.tx, { products: 1 });
      const lan = await shopper(o.tx);
      const minh = await shopper(o.tx, 'Minh');
      await o.cart.add(cartKeyForUser(lan.id), s.products[0].id, 2);
      await o.cart.add(cartKeyForUser(minh.id), s.products[0].id, 3);
      const paid = await o.checkout.checkout(lan, { shippingAddress: HANOI, paymentMethod: 'sandbox' }, 'vi');
      const unpaid = await o.checkout.checkout(minh, { shippingAddress: HANOI, paymentMethod: 'sandbox' }, 'vi');
      await o.orders.markPaid(paid.id);
      expect(await stockOf([s.products[0].id])).toEqual([5]);
      await o.tx.run((em) => em.update(Certificate, { id: s.cert.id }, { status: 'revoked' }));

      expect(await o.orders.handleCertificateRevoked(s.cert.id)).toEqual({ cancelled: 1, flagged: 1 });
      expect(await o.orders.handleCertificateRevoked(s.cert.id)).toEqual({ cancelled: 0, flagged: 0 });
      expect(await ds.getRepository(Order).findOneByOrFail({ id: unpaid.id })).toMatchObject({ status: 'cancelled', cancelReason: 'certificate_revoked' });
      expect(await stockOf([s.products[0].id])).toEqual([8]);
      const flagged = await o.orders.flagged(ADMIN);
      expect(flagged).toEqual([expect.objectContaining({ orderId: paid.id, reviewReason: 'certificate_revoked', status: 'paid', orderReference: paid.reference })]);
      // Under review the vendor may not ship; once an admin resolves it, it may.
      const staff = memberOf(s.vendor.id);
      await expect(o.orders.ship(staff, flagged[0].id, { carrier: 'VNPost', trackingNumber: 'EE1' })).rejects.toMatchObject({ status: 409 });
      await o.orders.resolveReview(ADMIN, flagged[0].id, 'Made before the revocation; may ship');
      expect(await o.orders.flagged(ADMIN)).toEqual([]);
      expect(await o.orders.ship(staff, flagged[0].id, { carrier: 'VNPost', trackingNumber: 'EE1' })).toMatchObject({ status: 'shipped', carrier: 'VNPost' });
    });

    it('lets a vendor see, pack and ship only its own sub-orders', async () => {
      const { s, order } = await placed(1);
      const other = await vendorWithProducts(o.tx, { products: 0 });
      const staff = memberOf(s.vendor.id);
      const stranger = memberOf(other.vendor.id);
      const [sub] = (await o.orders.listForVendor(staff)).items;
      expect(sub).toMatchObject({ orderId: order.id, orderReference: order.reference, shippingAddress: null });
      expect((await o.orders.listForVendor(stranger)).items).toEqual([]);
      await expect(o.orders.getForVendor(stranger, sub.id)).rejects.toMatchObject({ status: 404 });
      await expect(o.orders.markPacked(staff, sub.id)).rejects.toMatchObject({ status: 409 });
      await o.orders.markPaid(order.id);
      expect(await o.orders.markPacked(staff, sub.id)).toMatchObject({ status: 'packed', shippingAddress: HANOI });
      await expect(o.orders.ship(stranger, sub.id, { carrier: 'GHN', trackingNumber: 'X1' })).rejects.toMatchObject({ status: 404 });
      await o.orders.ship(staff, sub.id, { carrier: 'GHN', trackingNumber: 'X1' });
      await o.orders.ship(staff, sub.id, { carrier: 'GHN', trackingNumber: 'X1' });
      expect((await eventTypes()).filter((t) => t === Events.SubOrderShipped)).toHaveLength(1);
      expect(await o.notices.sendShippedNotice({ subOrderId: sub.id })).toBe(true);
      expect(await ds.getRepository(MailMessage).findOneByOrFail({ template: 'order-shipped' })).toMatchObject({ locale: 'de', subject: expect.stringContaining(sub.reference) });
    });

    it('lets an admin filter orders, cancel an unpaid one and refuses to cancel a paid one', async () => {
      const first = await placed(1);
      const second = await placed(1);
      await o.orders.markPaid(second.order.id);
      expect((await o.orders.list(ADMIN, { paymentState: 'unpaid' })).items.map((x) => x.id)).toEqual([first.order.id]);
      expect((await o.orders.list(ADMIN, { vendorId: second.s.vendor.id })).items.map((x) => [x.id, x.vendorNames])).toEqual([[second.order.id, [second.s.vendor.name]]]);
      await expect(o.orders.list(ADMIN, { status: 'lost' })).rejects.toMatchObject({ status: 400, field: 'status' });
      await expect(o.orders.list(first.lan, {})).rejects.toMatchObject({ status: 403 });
      await expect(o.orders.cancelByAdmin(ADMIN, second.order.id, 'asked')).rejects.toMatchObject({ status: 409 });
      expect(await o.orders.cancelByAdmin(ADMIN, first.order.id, 'Shopper asked by phone')).toMatchObject({ status: 'cancelled', cancelReason: 'admin', paymentState: 'cancelled' });
      expect(await stockOf([first.s.products[0].id])).toEqual([10]);
    });

    it('records refunds per sub-order and refunds the order when all of it is returned', async () => {
      const { order } = await placed(1);
      await o.orders.markPaid(order.id);
      const [sub] = await ds.getRepository(SubOrder).findBy({ orderId: order.id });
      await expect(o.orders.markRefunded(order.id, sub.id, order.totalVnd + 1)).rejects.toMatchObject({ status: 400 });
      const part = await o.orders.markRefunded(order.id, sub.id, 100_000);
      expect(part).toMatchObject({ status: 'paid', refundedVnd: 100_000, paymentState: 'partially_refunded' });
      const all = await o.orders.markRefunded(order.id, null, order.totalVnd - 100_000);
      expect(all).toMatchObject({ status: 'refunded', refundedVnd: order.totalVnd, paymentState: 'refunded' });
      expect(all.subOrders.map((s) => s.status)).toEqual(['refunded']);
    });
  });
});
