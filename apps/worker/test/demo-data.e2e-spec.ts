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

  it('lists tens of products over the seven villages and every product group, each with a picture, four-language titles and a certificate of 3–5 stars', async () => {
    const rows = await query(
      `SELECT p.title, p.description, p.images, p.productGroup, p.priceVnd, p.stock, p.weightGrams, c.stars, vil.name AS village FROM products p JOIN certificates c ON c.id = p.certificateId JOIN vendors v ON v.id = p.vendorId JOIN villages vil ON vil.id = v.villageId`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(rows.length).toBeLessThanOrEqual(60);
    expect(new Set(rows.map((r) => r.village)).size).toBe(7);
    expect(new Set(rows.map((r) => r.productGroup))).toEqual(new Set(['food', 'beverages', 'herbal', 'handicrafts', 'ornamentals']));
    expect(new Set(rows.map((r) => Number(r.stars)))).toEqual(new Set([3, 4, 5]));
    for (const r of rows) {
      const title = JSON.parse(String(r.title)) as Record<string, string>;
      const description = JSON.parse(String(r.description)) as Record<string, string>;
      const images = JSON.parse(String(r.images)) as string[];
      expect([title.vi, title.en, title.de, title.id].every((x) => typeof x === 'string' && x.length > 0)).toBe(true);
      expect([description.vi, description.en, description.de, description.id].every((x) => typeof x === 'string' && x.length > 0)).toBe(true);
      expect(images.length).toBeGreaterThan(0);
      expect(Number(r.priceVnd) > 0 && Number(r.weightGrams) > 0 && Number(r.stock) > 0).toBe(true);
    }
    const villages = await query('SELECT name, photos FROM villages');
    expect(villages.every((v) => (JSON.parse(String(v.photos)) as string[]).length > 0)).toBe(true);
  });

  it("serves every demo product's and village's pictures from the storefront", async () => {
    const addresses = new Set<string>();
    for (const r of await query('SELECT images AS list FROM products UNION ALL SELECT photos AS list FROM villages')) for (const a of JSON.parse(String(r.list)) as string[]) addresses.add(a);
    const shop = new Browser(m.storefront);
    for (const a of addresses) {
      const res = await shop.get(a);
      expect([a, res.status, String(res.headers['content-type']).split(';')[0]]).toEqual([a, 200, 'image/svg+xml']);
      expect(Number(res.headers['content-length'])).toBeLessThan(30 * 1024);
    }
  });

  it('keeps the lotus-tea certificate expiring minutes after the first start and the oyster floss revoked', async () => {
    const [lotus] = await query(`SELECT expiresAt FROM certificates WHERE productName = 'Trà sen Tây Hồ'`);
    expect(new Date(String(lotus.expiresAt)).getTime() - m.infra.clock.now().getTime()).toBeLessThanOrEqual(5 * 60_000);
    const [oyster] = await query(`SELECT status FROM certificates WHERE productName = 'Ruốc hàu Vân Đồn'`);
    expect(oyster.status).toBe('revoked');
  });

  it('adds nothing when seeded a second time', async () => {
    const counts =
      'SELECT (SELECT COUNT(*) FROM orders) AS orders, (SELECT COUNT(*) FROM ledger_entries) AS entries, (SELECT COUNT(*) FROM villages) AS villages, (SELECT COUNT(*) FROM products) AS products, (SELECT COUNT(*) FROM certificates) AS certificates';
    const before = await query(counts);
    await seedDemoData(m.admin, m.infra.clock);
    expect(await query(counts)).toEqual(before);
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
  const demoExperiences = () =>
    query(
      `SELECT e.id, e.title, e.included, e.durationMinutes, e.pricePerPersonVnd, e.languages, e.meetingPoint, e.maxGroupSize, e.status, v.name AS vendor, vi.name AS village
       FROM experiences e JOIN vendors v ON v.id = e.vendorId JOIN villages vi ON vi.id = e.villageId ORDER BY e.pricePerPersonVnd`,
    );

  it('offers a pottery class in Bát Tràng and a silk-weaving visit in Vạn Phúc, in four languages, with dates over the coming four weeks', async () => {
    const [pottery, silk] = await demoExperiences();
    expect(pottery).toMatchObject({ vendor: 'HTX Gốm sứ Bát Tràng', village: 'Bát Tràng', durationMinutes: 120, pricePerPersonVnd: 250000, maxGroupSize: 12, status: 'published' });
    expect(JSON.parse(String(pottery.languages))).toEqual(['vi', 'en']);
    expect(String(pottery.meetingPoint)).toContain('Chợ gốm Bát Tràng');
    expect(JSON.parse(String(pottery.included)).en).toContain('Firing and shipping one piece');
    expect(silk).toMatchObject({ vendor: 'Hộ kinh doanh Lụa Vạn Phúc', village: 'Vạn Phúc', durationMinutes: 240, pricePerPersonVnd: 350000, maxGroupSize: 10, status: 'published' });
    for (const x of [pottery, silk]) {
      expect(Object.keys(JSON.parse(String(x.title))).sort()).toEqual(['de', 'en', 'id', 'vi']);
      const slots = await query('SELECT startsAt, capacity, status FROM experience_slots WHERE experienceId = ?', [x.id]);
      expect(slots.length).toBeGreaterThanOrEqual(4);
      const now = m.infra.clock.now().getTime();
      for (const slot of slots) {
        const at = new Date(String(slot.startsAt)).getTime();
        expect(at).toBeGreaterThan(now);
        expect(at).toBeLessThanOrEqual(now + 29 * 86_400_000);
        expect(slot).toMatchObject({ capacity: x.maxGroupSize, status: 'open' });
      }
    }
    const page = await new Browser(m.storefront).get(`/experiences/${pottery.id}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Pottery class on the wheel in Bát Tràng');
    expect(page.text).toContain('₫250,000 per person');
  });

  it('adds no experience or date when seeded again', async () => {
    const counts = 'SELECT (SELECT COUNT(*) FROM experiences) AS experiences, (SELECT COUNT(*) FROM experience_slots) AS slots';
    const before = await query(counts);
    expect(Number(before[0].experiences)).toBe(2);
    await seedDemoData(m.admin, m.infra.clock);
    expect(await query(counts)).toEqual(before);
  });
});
