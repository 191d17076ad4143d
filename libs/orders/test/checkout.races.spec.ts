import type { DataSource } from 'typeorm';
import { Product } from '@ocop/catalog';
import { describeMysql, openTestDatabase } from '@ocop/testing';
import { cartKeyForUser } from '../src/cart-keys';
import { Order } from '../src/order.entity';
import { OrderLine } from '../src/order-line.entity';
import { HANOI, ordersOn, shopper, vendorWithProducts } from './orders-fixtures';

const SHOPPERS = 50;
const LAST_UNITS = 5;

/** 50 shoppers with one unit each in their carts check out at once for the last 5 units. */
function raceForTheLastUnits(dialect: 'sqlite' | 'mysql') {
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  let o: ReturnType<typeof ordersOn>;

  beforeEach(async () => {
    ({ dataSource: ds, cleanup } = await openTestDatabase(dialect));
    o = ordersOn(ds);
  });
  afterEach(async () => {
    await o.jobs.close();
    await cleanup();
  });

  it(`sells the last ${LAST_UNITS} units to exactly ${LAST_UNITS} of ${SHOPPERS} shoppers checking out at once, and stock never goes below 0`, async () => {
    const s = await vendorWithProducts(o.tx, { products: 1 });
    const productId = s.products[0].id;
    await o.tx.run((em) => em.update(Product, { id: productId }, { stock: LAST_UNITS }));
    const shoppers = await Promise.all(Array.from({ length: SHOPPERS }, (_, i) => shopper(o.tx, `S${i}`)));
    for (const sh of shoppers) await o.cart.add(cartKeyForUser(sh.id), productId, 1);

    const results = await Promise.allSettled(shoppers.map((sh) => o.checkout.checkout(sh, { shippingAddress: HANOI, paymentMethod: 'sandbox' }, 'vi')));

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(LAST_UNITS);
    expect(lost.map((r) => (r.reason as { status?: number }).status)).toEqual(Array(SHOPPERS - LAST_UNITS).fill(409));
    expect((await ds.getRepository(Product).findOneByOrFail({ id: productId })).stock).toBe(0);
    expect(await ds.getRepository(Order).count()).toBe(LAST_UNITS);
    expect(await ds.getRepository(OrderLine).sum('quantity', { productId })).toBe(LAST_UNITS);
  });

  it('puts stock back exactly once when an unpaid order is cancelled by several callers at once', async () => {
    const s = await vendorWithProducts(o.tx, { products: 1 });
    const productId = s.products[0].id;
    const lan = await shopper(o.tx);
    await o.cart.add(cartKeyForUser(lan.id), productId, 4);
    const order = await o.checkout.checkout(lan, { shippingAddress: HANOI, paymentMethod: 'sandbox' }, 'vi');
    const results = await Promise.all([o.orders.cancelUnpaid(order.id, 'shopper'), o.orders.cancelUnpaid(order.id, 'payment_expired'), o.orders.expireUnpaid(new Date('2030-01-01T00:00:00Z'))]);
    expect(results.filter((r) => r === true || r === 1)).toHaveLength(1);
    expect((await ds.getRepository(Product).findOneByOrFail({ id: productId })).stock).toBe(10);
  });
}

describe('checkout races on SQLite', () => raceForTheLastUnits('sqlite'));
describeMysql('checkout races', () => raceForTheLastUnits('mysql'));
