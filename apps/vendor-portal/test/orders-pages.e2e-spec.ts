import { randomUUID } from 'node:crypto';
import type { Actor } from '@ocop/core';
import type { Order } from '@ocop/orders';
import { Payout } from '@ocop/payments';
import { startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';
import { Browser, confirmationFields, makeOwner, placeOrder, registerPerson, seedSeller } from '../../../test/support/order-fixtures';

const PASSWORD = 'Gom-Bat-Trang-2025';

describe('vendor order pages (embedded default)', () => {
  let m: TestMarketplace;
  let owner: Browser;
  let shopper: Actor;
  let paid: Order;
  let other: Order;
  let subOfA: string;
  let subOfB: string;

  beforeAll(async () => {
    m = await startTestMarketplace();
    const a = await seedSeller(m, 'HTX Gốm Lan');
    const b = await seedSeller(m, 'HTX Mây Tre Phú Vinh');
    const lan = await registerPerson(m, 'lan@htx.example.vn', 'Lan', PASSWORD);
    await makeOwner(m, lan, a.vendor.id);
    shopper = await registerPerson(m, 'minh@example.vn', 'Minh', PASSWORD);
    paid = await placeOrder(m, shopper, [a.products[0].id, b.products[0].id], { pay: true });
    other = await placeOrder(m, shopper, [b.products[0].id], { pay: true });
    const subs: { id: string; vendorId: string }[] = await m.infra.dataSource.query('SELECT id, vendorId FROM sub_orders WHERE orderId = ?', [paid.id]);
    subOfA = subs.find((s) => s.vendorId === a.vendor.id)!.id;
    subOfB = subs.find((s) => s.vendorId === b.vendor.id)!.id;
    owner = new Browser(m.vendor);
    await owner.login('lan@htx.example.vn', PASSWORD);
  });
  afterAll(() => m.close());

  it("lists only the vendor's own sub-orders, with the buyer's city and the state in words, and no ids", async () => {
    const res = await owner.get('/orders?lang=en');
    expect(res.status).toBe(200);
    expect(res.text).toContain(`${paid.reference}-`);
    expect(res.text).not.toContain(other.reference);
    expect(res.text).toContain('Huế, Vietnam');
    expect(res.text).toContain('Paid — to pack');
    expect(res.text).toContain('class="stack"');
    const shown = res.text.replace(/href="[^"]*"/g, '');
    expect(shown).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });

  it('filters the list by state', async () => {
    expect((await owner.get('/orders?status=shipped&lang=en')).text).toContain('data-testid="no-orders"');
    expect((await owner.get('/orders?status=paid&lang=en')).text).toContain(`${paid.reference}-`);
  });

  it("answers 404 for another vendor's sub-order", async () => {
    expect((await owner.get(`/orders/${subOfB}`)).status).toBe(404);
    expect((await owner.post(`/orders/${subOfB}/ship`, { carrier: 'VNPost', trackingNumber: 'X1' }, `/orders/${subOfA}`)).status).toBe(404);
  });

  it('shows the lines and the shipping address, and ships through a confirmation page', async () => {
    const detail = await owner.get(`/orders/${subOfA}?lang=en`);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain('5 Lê Lợi');
    expect(detail.text).toContain('+84 905 123 456');
    expect(detail.text).toContain('data-testid="ship"');

    const missing = await owner.post(`/orders/${subOfA}/ship`, { carrier: '', trackingNumber: '' }, `/orders/${subOfA}`);
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('data-testid="form-errors"');

    const confirm = await owner.post(`/orders/${subOfA}/ship?lang=en`, { carrier: 'Viettel Post', trackingNumber: 'VTP123456789' }, `/orders/${subOfA}`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('cannot be undone');
    const [{ status: before }] = await m.infra.dataSource.query('SELECT status FROM sub_orders WHERE id = ?', [subOfA]);
    expect(before).toBe('paid');

    const done = await owner.post(`/orders/${subOfA}/ship`, confirmationFields(confirm.text), `/orders/${subOfA}`);
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/orders/${subOfA}?done=shipped`);
    const [row] = await m.infra.dataSource.query('SELECT status, carrier, trackingNumber FROM sub_orders WHERE id = ?', [subOfA]);
    expect(row).toEqual({ status: 'shipped', carrier: 'Viettel Post', trackingNumber: 'VTP123456789' });
    const after = await owner.get(`/orders/${subOfA}?lang=en`);
    expect(after.text).toContain('VTP123456789');
    expect(after.text).not.toContain('data-testid="ship"');
    const [{ status: theirs }] = await m.infra.dataSource.query('SELECT status FROM sub_orders WHERE id = ?', [subOfB]);
    expect(theirs).toBe('paid');
  });

  it('shows the balance and the ledger in words on /payouts, each entry with its sub-order reference', async () => {
    const res = await owner.get('/payouts?lang=en');
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-testid="balance"');
    expect(res.text).toContain('Sale');
    expect(res.text).toMatch(/Commission 8 %/);
    const [{ reference }] = await m.infra.dataSource.query('SELECT reference FROM sub_orders WHERE id = ?', [subOfA]);
    expect(res.text).toContain(`<a href="/orders/${subOfA}">${reference}</a>`);
    expect(res.text).toContain('data-testid="no-payouts"');
  });

  it("lists the vendor's own payouts with the state in words, the transfer time in Vietnam time and the bank reference", async () => {
    const vendorOf = async (sub: string) => ((await m.infra.dataSource.query('SELECT vendorId FROM sub_orders WHERE id = ?', [sub])) as { vendorId: string }[])[0].vendorId;
    const payouts = m.infra.dataSource.getRepository(Payout);
    const row = (vendorId: string, periodStart: string, periodEnd: string, amountVnd: number, paid: boolean) => ({
      id: randomUUID(),
      vendorId,
      periodStart,
      periodEnd,
      amountVnd,
      status: paid ? ('paid' as const) : ('due' as const),
      bankReference: paid ? 'VCB-FT2603700145' : null,
      paidAt: paid ? new Date('2026-02-05T17:30:00Z') : null,
    });
    await payouts.insert([
      row(await vendorOf(subOfA), '2026-01-01', '2026-01-31', 1_250_000, true),
      row(await vendorOf(subOfA), '2026-02-01', '2026-02-28', 640_000, false),
      row(await vendorOf(subOfB), '2026-01-01', '2026-01-31', 999_000, true),
    ]);
    const res = await owner.get('/payouts?lang=en');
    const table = /<table[^>]*data-testid="payouts"[\s\S]*?<\/table>/.exec(res.text)?.[0] ?? '';
    expect(table).toContain('2026-02-01 – 2026-02-28');
    expect(table).toContain('Waiting for the transfer');
    expect(table).toContain('2026-01-01 – 2026-01-31');
    expect(table).toContain('>Transferred<');
    // Paid at 17:30 UTC on 5 February: 00:30 on 6 February in Vietnam.
    expect(table).toContain('6 Feb 2026, 00:30');
    expect(table).toContain('VCB-FT2603700145');
    expect(table.indexOf('2026-02-01')).toBeLessThan(table.indexOf('2026-01-01'));
    expect(table).not.toMatch(/999[.,]000/);
    const vi = await owner.get('/payouts?lang=vi');
    expect(vi.text).toContain('01/02/2026 – 28/02/2026');
    expect(vi.text).toContain('Chờ chuyển khoản');
  });

  it('links orders and payouts from the home page', async () => {
    const res = await owner.get('/?lang=en');
    expect(res.text).toContain('href="/orders"');
    expect(res.text).toContain('href="/payouts"');
  });
});
