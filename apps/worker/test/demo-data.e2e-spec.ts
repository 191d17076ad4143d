import { DEMO_LOGINS, seedDemoData } from '../src/demo-data';
import { startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';
import { Browser } from '../../../test/support/order-fixtures';

type Row = Record<string, string | number | null>;

describe('demo data (embedded default)', () => {
  let m: TestMarketplace;
  const query = (sql: string, params: unknown[] = []): Promise<Row[]> => m.infra.dataSource.query(sql, params);
  const shopperOrders = () =>
    query(`SELECT o.id, o.reference, o.status, o.totalVnd FROM orders o JOIN users u ON u.id = o.userId WHERE u.email = ? ORDER BY o.createdAt, o.reference`, [DEMO_LOGINS.shopper.email]);

  beforeAll(async () => {
    m = await startTestMarketplace();
    await seedDemoData(m.admin, m.infra.clock);
  }, 60_000);
  afterAll(() => m.close());

  it("places the demo shopper's orders through checkout and the sandbox: one shipped, one paid, one awaiting payment, across two cooperatives", async () => {
    const orders = await shopperOrders();
    expect(orders.map((o) => o.status).sort()).toEqual(['awaiting_payment', 'paid', 'paid']);
    const subs = await query(
      `SELECT s.orderId, s.status, s.carrier, s.trackingNumber, s.commissionBps, v.name AS vendor, v.type FROM sub_orders s JOIN vendors v ON v.id = s.vendorId WHERE s.orderId IN (${orders.map(() => '?').join(',')})`,
      orders.map((o) => o.id),
    );
    expect(new Set(subs.map((s) => s.vendor))).toEqual(new Set(['HTX Gốm sứ Bát Tràng', 'HTX Miến Minh Dương']));
    expect(subs.every((s) => s.type === 'cooperative' && s.commissionBps === 800)).toBe(true);
    const shipped = subs.filter((s) => s.status === 'shipped');
    expect(shipped).toHaveLength(2);
    expect(shipped.every((s) => s.carrier && s.trackingNumber)).toBe(true);
    expect(subs.filter((s) => s.status === 'paid')).toHaveLength(2);
    expect(subs.filter((s) => s.status === 'awaiting_payment')).toHaveLength(1);
    const payments = await query(
      `SELECT status, provider FROM payments WHERE subjectId IN (${orders.map(() => '?').join(',')})`,
      orders.map((o) => o.id),
    );
    expect(payments.map((p) => `${p.provider}:${p.status}`).sort()).toEqual(['sandbox:pending', 'sandbox:succeeded', 'sandbox:succeeded']);
  });

  it('writes ledger entries whose sales sum to the paid totals and whose balances are the sales less the 8 % commission', async () => {
    const paid = (await shopperOrders()).filter((o) => o.status === 'paid');
    const ids = paid.map((o) => o.id);
    const [{ sales }] = await query(`SELECT COALESCE(SUM(amountVnd), 0) AS sales FROM ledger_entries WHERE kind = 'sale' AND orderId IN (${ids.map(() => '?').join(',')})`, ids);
    expect(Number(sales)).toBe(paid.reduce((a, o) => a + Number(o.totalVnd), 0));
    const subs = await query(`SELECT id, totalVnd, itemsVnd FROM sub_orders WHERE orderId IN (${ids.map(() => '?').join(',')})`, ids);
    for (const s of subs) {
      const [{ net }] = await query('SELECT SUM(amountVnd) AS net FROM ledger_entries WHERE subOrderId = ?', [s.id]);
      expect(Number(net)).toBe(Number(s.totalVnd) - Math.round(Number(s.itemsVnd) * 0.08));
    }
    const [{ unpaid }] = await query(`SELECT COUNT(*) AS unpaid FROM ledger_entries e JOIN orders o ON o.id = e.orderId WHERE o.status = 'awaiting_payment'`);
    expect(Number(unpaid)).toBe(0);
  });

  it('adds nothing when seeded a second time', async () => {
    const before = await query('SELECT (SELECT COUNT(*) FROM orders) AS orders, (SELECT COUNT(*) FROM ledger_entries) AS entries, (SELECT COUNT(*) FROM villages) AS villages');
    await seedDemoData(m.admin, m.infra.clock);
    expect(await query('SELECT (SELECT COUNT(*) FROM orders) AS orders, (SELECT COUNT(*) FROM ledger_entries) AS entries, (SELECT COUNT(*) FROM villages) AS villages')).toEqual(before);
  });

  it("lets the printed demo logins in and shows the orders on the vendor's, the shopper's and the admin's pages", async () => {
    const [paid] = (await shopperOrders()).filter((o) => o.status === 'paid');
    const vendor = new Browser(m.vendor);
    await vendor.login(DEMO_LOGINS.vendor.email, DEMO_LOGINS.vendor.password);
    const vendorOrders = await vendor.get('/orders?lang=en');
    expect(vendorOrders.status).toBe(200);
    expect(vendorOrders.text).toContain(`${paid.reference}-`);
    const payouts = await vendor.get('/payouts?lang=en');
    expect(payouts.text).toContain('data-testid="ledger"');
    expect(payouts.text).toContain('Commission 8 %');

    const admin = new Browser(m.admin);
    await admin.login(DEMO_LOGINS.admin.email, DEMO_LOGINS.admin.password);
    expect((await admin.get('/orders?lang=en')).text).toContain(String(paid.reference));
    const home = await admin.get('/?lang=en');
    expect(home.text).toContain('data-testid="sales-chart"');
    expect(home.text).toContain('Bát Tràng');

    const shopper = new Browser(m.storefront);
    await shopper.login(DEMO_LOGINS.shopper.email, DEMO_LOGINS.shopper.password);
    for (const o of await shopperOrders()) {
      const own = await shopper.get(`/orders/${o.id}?lang=en`);
      expect(own.status).toBe(200);
      expect(own.text).toContain(String(o.reference));
    }
  });
});
