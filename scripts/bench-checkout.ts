/**
 * Checkout benchmark, run by `npm run bench` (compiled to dist/scripts):
 *   bench-checkout <DATABASE_URL> [shoppers] [rounds]
 * Drives the real CheckoutService in this process, built as the apps build it (Transactions,
 * DomainEvents, the configured payment methods), against a fresh database the caller made and
 * drops. Each round fills the carts of shoppers first (not timed), then `shoppers` concurrent
 * shoppers check them out one after another as fast as they can:
 *   distinct  each shopper buys its own products (plenty of stock): one line, or two lines of two
 *             vendors (two sub-orders), so no two concurrent checkouts touch the same product row;
 *   hot       every shopper buys 1 or 2 units of ONE product whose stock runs out three quarters of
 *             the way through the round (the rest get 409); the stock is refilled between rounds.
 * After every round it counts what was sold against what the stock gave (order lines, `stock`,
 * `unitsSold`), and fails when they disagree. The time spent in the stock reservation (the
 * conditional `UPDATE products … WHERE stock >= q`, row-lock wait included on MariaDB) is timed
 * by wrapping OrdersRepository.reserve in this process only. Prints one JSON line of figures.
 */
import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import { loadConfig, SystemClock, type Actor } from '@ocop/core';
import { DomainEvents, openDatabase, Transactions } from '@ocop/database';
import { Product } from '@ocop/catalog';
import { ENTITIES } from '@ocop/infra';
import { CartItem, cartKeyForUser, CheckoutService, OrderLine, OrdersRepository, type CheckoutInput } from '@ocop/orders';
import { seedVendorWithCertificate } from '@ocop/testing';

const VENDORS = 8;
const PRODUCTS_PER_VENDOR = 8;
const PLENTY = 1_000_000;
const INPUT: CheckoutInput = {
  shippingAddress: { name: 'Nguyễn Thị Lan', line1: '12 Phố Huế', city: 'Hà Nội', country: 'VN', phone: '+84 912 345 678' },
  paymentMethod: 'sandbox',
};

/** Checkouts of one shopper in a round: the shopper's cart lines. */
type Cart = { actor: Actor; lines: { productId: string; quantity: number }[] };

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pct = (xs: number[], p: number) => (xs.length ? sorted(xs)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] : NaN);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)];
const round1 = (x: number) => Math.round(x * 10) / 10;

// Every reservation statement's time, from the call to its answer (on MariaDB the row-lock wait
// is inside it). Recorded only while a round runs.
let recording = false;
let reserveMs: number[] = [];
const reserve = OrdersRepository.prototype.reserve;
OrdersRepository.prototype.reserve = async function timedReserve(this: OrdersRepository, productId: string, quantity: number) {
  const t = performance.now();
  try {
    return await reserve.call(this, productId, quantity);
  } finally {
    if (recording) reserveMs.push(performance.now() - t);
  }
};

function shopperActor(): Actor {
  const id = randomUUID();
  return { id, email: `bench-${id.slice(0, 8)}@example.vn`, name: 'Bench', roles: ['shopper'], vendorId: null, vendorRole: null, locale: 'vi' };
}

/** Puts the carts' lines in (directly: the cart service is not what is measured). */
async function fillCarts(tx: Transactions, carts: Cart[]): Promise<void> {
  const rows = carts.flatMap((c) => c.lines.map((l) => ({ id: randomUUID(), cartKey: cartKeyForUser(c.actor.id), productId: l.productId, quantity: l.quantity, createdAt: new Date() })));
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await tx.run((em) => em.insert(CartItem, chunk));
  }
}

/** Server-wide InnoDB row-lock counters (other clients of the server count too); null on SQLite. */
async function innodbRowLocks(ds: DataSource): Promise<{ waits: number; timeMs: number } | null> {
  if (ds.options.type === 'better-sqlite3') return null;
  const rows: { Variable_name: string; Value: string }[] = await ds.query("SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_row_lock_waits', 'Innodb_row_lock_time')");
  const v = (name: string) => Number(rows.find((r) => r.Variable_name === name)?.Value ?? 0);
  return { waits: v('Innodb_row_lock_waits'), timeMs: v('Innodb_row_lock_time') };
}

/** Units of each product in order lines. */
async function soldUnits(ds: DataSource, productIds: string[]): Promise<Map<string, number>> {
  const rows: { productId: string; sold: string | number }[] = await ds
    .getRepository(OrderLine)
    .createQueryBuilder('l')
    .select('l.productId', 'productId')
    .addSelect('SUM(l.quantity)', 'sold')
    .where({ productId: In(productIds) })
    .groupBy('l.productId')
    .getRawMany();
  return new Map(rows.map((r) => [r.productId, Number(r.sold)]));
}

interface RoundResult {
  placed: number;
  conflicts: number;
  seconds: number;
  /** Successful checkouts per second (until the last successful one). */
  rate: number;
  /** Attempts (placed and 409) per second over the whole round. */
  attemptRate: number;
  latencies: number[];
  reserveMs: number[];
  oversold: number;
  rowLocks: { waits: number; timeMs: number } | null;
}

/** Every worker checks out its carts one after another; all workers at once. */
async function runRound(ds: DataSource, checkout: CheckoutService, queues: Cart[][]): Promise<Omit<RoundResult, 'oversold'>> {
  const latencies: number[] = [];
  let placed = 0;
  let conflicts = 0;
  const locksBefore = await innodbRowLocks(ds);
  reserveMs = [];
  recording = true;
  const start = performance.now();
  let lastPlaced = start;
  await Promise.all(
    queues.map(async (queue) => {
      for (const cart of queue) {
        const t = performance.now();
        try {
          await checkout.checkout(cart.actor, INPUT, 'vi');
          const end = performance.now();
          latencies.push(end - t);
          lastPlaced = Math.max(lastPlaced, end);
          placed += 1;
        } catch (err) {
          if ((err as { status?: number }).status !== 409) throw err;
          conflicts += 1;
        }
      }
    }),
  );
  const end = performance.now();
  recording = false;
  const locksAfter = await innodbRowLocks(ds);
  return {
    placed,
    conflicts,
    seconds: (end - start) / 1000,
    rate: placed / ((lastPlaced - start) / 1000),
    attemptRate: (placed + conflicts) / ((end - start) / 1000),
    latencies,
    reserveMs,
    rowLocks: locksBefore && locksAfter ? { waits: locksAfter.waits - locksBefore.waits, timeMs: locksAfter.timeMs - locksBefore.timeMs } : null,
  };
}

function summary(rounds: RoundResult[]) {
  const latencies = rounds.flatMap((r) => r.latencies);
  const reserves = rounds.flatMap((r) => r.reserveMs);
  return {
    checkoutsPerSecond: Math.round(median(rounds.map((r) => r.rate))),
    attemptsPerSecond: Math.round(median(rounds.map((r) => r.attemptRate))),
    rounds: rounds.map((r) => ({ placed: r.placed, conflicts: r.conflicts, seconds: round1(r.seconds), rate: Math.round(r.rate) })),
    placed: rounds.reduce((s, r) => s + r.placed, 0),
    conflicts: rounds.reduce((s, r) => s + r.conflicts, 0),
    p50Ms: round1(pct(latencies, 50)),
    p99Ms: round1(pct(latencies, 99)),
    reservations: reserves.length,
    reserveP50Ms: round1(pct(reserves, 50)),
    reserveP99Ms: round1(pct(reserves, 99)),
    oversold: rounds.reduce((s, r) => s + r.oversold, 0),
    rowLocks: rounds[0].rowLocks ? { waits: rounds.reduce((s, r) => s + r.rowLocks!.waits, 0), timeMs: rounds.reduce((s, r) => s + r.rowLocks!.timeMs, 0) } : null,
  };
}

async function main(): Promise<void> {
  const [url, shoppersArg, roundsArg] = process.argv.slice(2);
  if (!url) throw new Error('usage: bench-checkout <DATABASE_URL> [shoppers] [rounds]');
  const shoppers = Number(shoppersArg ?? 32);
  const rounds = Number(roundsArg ?? 3);
  const perShopper = Number(process.env.BENCH_CHECKOUTS_PER_SHOPPER ?? 20);
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const ds = await openDatabase(config.database, ENTITIES);
  const tx = new Transactions(ds);
  const checkout = new CheckoutService(tx, new SystemClock(), config, new DomainEvents());
  try {
    // Vendors with products of plenty of stock for the distinct scenario, and the hot product.
    const vendors: Awaited<ReturnType<typeof seedVendorWithCertificate>>[] = [];
    for (let v = 0; v < VENDORS; v++) vendors.push(await tx.run((em) => seedVendorWithCertificate(em, { products: PRODUCTS_PER_VENDOR, vendorName: `HTX Bench ${v + 1}` })));
    const all = vendors.flatMap((v) => v.products.map((p) => p.id));
    await tx.run((em) => em.update(Product, { id: In(all) }, { stock: PLENTY }));

    // Shopper w buys product A (vendor w mod 8) and, in every other checkout, 2 of product B of
    // the next vendor: no product is shared by two shoppers.
    const slot = (w: number) => Math.floor(w / VENDORS) % (PRODUCTS_PER_VENDOR / 2);
    const productsOf = (w: number) => ({
      a: vendors[w % VENDORS].products[slot(w)].id,
      b: vendors[(w + 1) % VENDORS].products[PRODUCTS_PER_VENDOR / 2 + slot(w)].id,
    });
    if (shoppers > VENDORS * (PRODUCTS_PER_VENDOR / 2)) throw new Error(`at most ${VENDORS * (PRODUCTS_PER_VENDOR / 2)} shoppers for distinct products`);
    const distinct: RoundResult[] = [];
    for (let r = 0; r < rounds; r++) {
      const queues = Array.from({ length: shoppers }, (_, w) =>
        Array.from({ length: perShopper }, (_, j): Cart => {
          const { a, b } = productsOf(w);
          return {
            actor: shopperActor(),
            lines:
              j % 2 === 0
                ? [{ productId: a, quantity: 1 }]
                : [
                    { productId: a, quantity: 1 },
                    { productId: b, quantity: 2 },
                  ],
          };
        }),
      );
      await fillCarts(tx, queues.flat());
      const res = await runRound(ds, checkout, queues);
      if (res.conflicts) throw new Error(`distinct: ${res.conflicts} checkouts refused with plenty of stock`);
      // Every product: units in order lines = stock taken; stock never below 0.
      const sold = await soldUnits(ds, all);
      const stock = await ds.getRepository(Product).find({ select: { id: true, stock: true, unitsSold: true }, where: { id: In(all) } });
      let oversold = 0;
      for (const p of stock) {
        const s = sold.get(p.id) ?? 0;
        if (s !== PLENTY - p.stock || p.unitsSold !== s) throw new Error(`distinct: product ${p.id} sold ${s}, stock took ${PLENTY - p.stock}, unitsSold ${p.unitsSold}`);
        oversold += Math.max(0, -p.stock);
      }
      distinct.push({ ...res, oversold });
    }

    // The hot product: stock for three quarters of the round's demand, refilled every round.
    const hot = vendors[0].products[PRODUCTS_PER_VENDOR - 1].id;
    const hotRounds: RoundResult[] = [];
    for (let r = 0; r < rounds; r++) {
      const queues = Array.from({ length: shoppers }, () =>
        Array.from({ length: perShopper }, (_, j): Cart => ({ actor: shopperActor(), lines: [{ productId: hot, quantity: j % 4 === 3 ? 2 : 1 }] })),
      );
      const demand = queues.flat().reduce((s, c) => s + c.lines[0].quantity, 0);
      const stock = Math.floor(demand * 0.75);
      const soldBefore = (await soldUnits(ds, [hot])).get(hot) ?? 0;
      const unitsSoldBefore = (await ds.getRepository(Product).findOneByOrFail({ id: hot })).unitsSold;
      await tx.run((em) => em.update(Product, { id: hot }, { stock }));
      await fillCarts(tx, queues.flat());
      const res = await runRound(ds, checkout, queues);
      const after = await ds.getRepository(Product).findOneByOrFail({ id: hot });
      const sold = ((await soldUnits(ds, [hot])).get(hot) ?? 0) - soldBefore;
      const taken = stock - after.stock;
      if (sold !== taken || after.unitsSold - unitsSoldBefore !== sold) throw new Error(`hot: sold ${sold}, stock took ${taken}, unitsSold +${after.unitsSold - unitsSoldBefore}`);
      if (res.placed + res.conflicts !== shoppers * perShopper) throw new Error('hot: checkouts went missing');
      hotRounds.push({ ...res, oversold: Math.max(0, sold - stock) + Math.max(0, -after.stock) });
    }
    console.log(
      JSON.stringify({
        dialect: config.database.type,
        shoppers,
        checkoutsPerRound: shoppers * perShopper,
        connectionLimit: (ds.options as { extra?: { connectionLimit?: number } }).extra?.connectionLimit ?? 1,
        distinct: summary(distinct),
        hot: summary(hotRounds),
      }),
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
