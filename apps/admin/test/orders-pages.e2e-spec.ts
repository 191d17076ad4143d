import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { In } from 'typeorm';
import type { Actor } from '@ocop/core';
import { OrdersService, type Order } from '@ocop/orders';
import { PaymentEvent, Payout } from '@ocop/payments';
import { seedVendorWithCertificate } from '@ocop/testing';
import { startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';
import { Browser, confirmationFields, placeOrder, registerPerson, seedSeller } from '../../../test/support/order-fixtures';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const shownText = (html: string) =>
  html
    .replace(/<(a|form)\b[^>]*>/g, '')
    .replace(/<input[^>]*>/g, '')
    .replace(/<option[^>]*>/g, '');

describe('admin order pages (embedded default)', () => {
  let m: TestMarketplace;
  let admin: Browser;
  let shopper: Actor;
  let unpaid: Order;
  let paid: Order;
  let flaggedOrder: Order;
  let a: Awaited<ReturnType<typeof seedSeller>>;
  let b: Awaited<ReturnType<typeof seedSeller>>;

  beforeAll(async () => {
    m = await startTestMarketplace();
    a = await seedSeller(m, 'HTX Gốm Lan');
    b = await seedSeller(m, 'HTX Mây Tre Phú Vinh');
    const c = await seedSeller(m, 'HTX Lụa Vạn Phúc');
    await m.infra.tx.run(async (em) => {
      await seedVendorWithCertificate(em, { vendorName: 'HTX chờ duyệt', vendorStatus: 'pending', products: 0 });
      await seedVendorWithCertificate(em, { vendorName: 'HTX sắp hết hạn', expiresAt: new Date(Date.now() + 10 * 24 * 3600 * 1000), products: 0 });
    });
    shopper = await registerPerson(m, 'minh@example.vn', 'Minh', 'Mua-Hang-2025!');
    unpaid = await placeOrder(m, shopper, [a.products[0].id]);
    paid = await placeOrder(m, shopper, [a.products[0].id, b.products[0].id], { pay: true });
    flaggedOrder = await placeOrder(m, shopper, [c.products[0].id], { pay: true });
    await m.admin.get(OrdersService, { strict: false }).handleCertificateRevoked(c.cert.id);
    admin = new Browser(m.admin);
    await admin.login(TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterAll(() => m.close());

  const stock = async (productId: string) => Number((await m.infra.dataSource.query('SELECT stock FROM products WHERE id = ?', [productId]))[0].stock);

  it('lists orders with filters by state, payment and vendor, showing no ids', async () => {
    const all = await admin.get('/orders?lang=en');
    expect(all.status).toBe(200);
    for (const o of [unpaid, paid, flaggedOrder]) expect(all.text).toContain(o.reference);
    expect(shownText(all.text)).not.toMatch(UUID);

    const onlyUnpaid = await admin.get('/orders?paymentState=unpaid&lang=en');
    expect(onlyUnpaid.text).toContain(unpaid.reference);
    expect(onlyUnpaid.text).not.toContain(paid.reference);

    const ofB = await admin.get(`/orders?vendorId=${b.vendor.id}&status=paid&lang=en`);
    expect(ofB.text).toContain(paid.reference);
    expect(ofB.text).not.toContain(unpaid.reference);
    expect(ofB.text).not.toContain(flaggedOrder.reference);
  });

  it('cancels an unpaid order through a confirmation page that says the stock goes back and the shopper is told', async () => {
    const before = await stock(a.products[0].id);
    const noReason = await admin.post(`/orders/${unpaid.id}/cancel`, { reason: '' }, `/orders/${unpaid.id}`);
    expect(noReason.status).toBe(400);

    const confirm = await admin.post(`/orders/${unpaid.id}/cancel?lang=en`, { reason: 'Shopper asked by phone' }, `/orders/${unpaid.id}`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('go back into the vendors&#x27; stock');
    expect(confirm.text).toContain('the shopper gets an e-mail');
    expect((await m.infra.dataSource.query('SELECT status FROM orders WHERE id = ?', [unpaid.id]))[0].status).toBe('awaiting_payment');

    const done = await admin.post(`/orders/${unpaid.id}/cancel`, confirmationFields(confirm.text), `/orders/${unpaid.id}`);
    expect(done.status).toBe(303);
    expect((await m.infra.dataSource.query('SELECT status FROM orders WHERE id = ?', [unpaid.id]))[0].status).toBe('cancelled');
    expect(await stock(a.products[0].id)).toBe(before + 1);
    const page = await admin.get(`/orders/${unpaid.id}?lang=en`);
    expect(page.text).toContain('Cancelled by the marketplace team');
    expect(page.text).not.toContain('data-testid="cancel"');
  });

  it('refunds one paid sub-order after a confirmation page naming the amount and the provider', async () => {
    const [sub] = await m.infra.dataSource.query('SELECT id, totalVnd FROM sub_orders WHERE orderId = ? AND vendorId = ?', [paid.id, b.vendor.id]);
    const detail = await admin.get(`/orders/${paid.id}?lang=en`);
    expect(detail.text).toContain('data-testid="refund"');
    expect(detail.text).not.toContain('data-testid="cancel"');

    const confirm = await admin.post(`/orders/${paid.id}/refund?lang=en`, { subOrderId: sub.id, reason: 'Goods damaged in transit' }, `/orders/${paid.id}`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Test payment (sandbox)');
    expect(confirm.text).toContain(new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(sub.totalVnd));
    expect(shownText(confirm.text)).not.toMatch(UUID);

    const done = await admin.post(`/orders/${paid.id}/refund`, confirmationFields(confirm.text), `/orders/${paid.id}`);
    expect(done.status).toBe(303);
    const refunds = await m.infra.dataSource.query('SELECT subOrderId, amountVnd FROM refunds WHERE orderId = ?', [paid.id]);
    expect(refunds).toEqual([{ subOrderId: sub.id, amountVnd: sub.totalVnd }]);
    expect((await m.infra.dataSource.query('SELECT status FROM sub_orders WHERE id = ?', [sub.id]))[0].status).toBe('refunded');
    const after = await admin.get(`/orders/${paid.id}?lang=en`);
    expect(after.text).toContain('data-testid="refunds"');
    expect(after.text).toContain('Goods damaged in transit');
  });

  it('lists the flagged sub-order with its reason in words and resolves it with a note', async () => {
    const list = await admin.get('/orders/review?lang=en');
    expect(list.status).toBe(200);
    expect(list.text).toContain(flaggedOrder.reference);
    expect(list.text).toContain('A product&#x27;s OCOP certificate was revoked after the shopper paid');
    expect(list.text).not.toContain('certificate_revoked<');
    const [sub] = await m.infra.dataSource.query('SELECT id FROM sub_orders WHERE orderId = ?', [flaggedOrder.id]);

    expect((await admin.post(`/orders/review/${sub.id}`, { note: '' }, '/orders/review')).status).toBe(400);
    const done = await admin.post(`/orders/review/${sub.id}`, { note: 'Vendor confirmed the goods were made before the revocation' }, '/orders/review');
    expect(done.status).toBe(303);
    expect((await admin.get('/orders/review?lang=en')).text).toContain('data-testid="no-flagged"');
  });

  it('shows the counts that need attention and the sales chart on the home page', async () => {
    const res = await admin.get('/?lang=en');
    expect(res.status).toBe(200);
    const count = (key: string) => Number(new RegExp(`data-testid="${key}-count"[^>]*>(\\d+)<`).exec(res.text)?.[1]);
    expect(count('pending-vendors')).toBe(1);
    expect(count('flagged')).toBe(0);
    expect(count('expiring')).toBe(1);
    expect(count('payouts-due')).toBe(0);
    expect(res.text).toContain('href="/vendors?status&#x3D;pending"');
    expect(res.text).toContain('data-testid="sales-chart"');
    expect(res.text).toMatch(/<svg[^>]*role="img"/);
    expect(res.text).toContain('Bát Tràng');
    expect(res.text).toContain('data-testid="sales-table"');
  });

  it('shows the payout report, its CSV and the flagged transfers page', async () => {
    const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
    const report = await admin.get(`/payouts?from=${today}&to=${today}&lang=en`);
    expect(report.status).toBe(200);
    expect(report.text).toContain('HTX Gốm Lan');
    expect(report.text).toContain('Download CSV');
    const csv = await admin.get(`/payouts/report.csv?from=${today}&to=${today}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect((await admin.get('/payments/flagged?lang=en')).status).toBe(200);
  });

  it('counts the vendors with payouts due and their total on the home page', async () => {
    const payouts = m.infra.dataSource.getRepository(Payout);
    const row = (vendorId: string, periodStart: string, amountVnd: number, status: 'due' | 'paid') => ({
      id: randomUUID(),
      vendorId,
      periodStart,
      periodEnd: periodStart.replace(/-01$/, '-28'),
      amountVnd,
      status,
      bankReference: status === 'paid' ? 'VCB-1' : null,
      paidAt: status === 'paid' ? new Date() : null,
    });
    await payouts.insert([
      row(a.vendor.id, '2026-01-01', 300_000, 'due'),
      row(a.vendor.id, '2026-02-01', 200_000, 'due'),
      row(b.vendor.id, '2026-01-01', 150_000, 'due'),
      row(b.vendor.id, '2025-12-01', 90_000, 'paid'),
    ]);
    try {
      const res = await admin.get('/?lang=en');
      expect(Number(/data-testid="payouts-due-count"[^>]*>(\d+)</.exec(res.text)?.[1])).toBe(2);
      expect(res.text).toContain('(₫650,000 in all)');
    } finally {
      await payouts.delete({ vendorId: In([a.vendor.id, b.vendor.id]) });
    }
  });

  it('links each flagged transfer to the order its payment or its text names, with the reason in words', async () => {
    const [payment] = await m.infra.dataSource.query('SELECT id FROM payments WHERE subjectId = ?', [paid.id]);
    const events = m.infra.dataSource.getRepository(PaymentEvent);
    const event = (eventId: string, reason: string, reference: string, paymentId: string | null) => ({
      id: randomUUID(),
      provider: 'vietqr',
      eventId,
      type: 'bank.transfer',
      paymentId,
      outcome: 'flagged',
      reason,
      amountVnd: 120_000,
      reference,
    });
    await events.insert([
      event('FT-1', 'duplicate_transfer', paid.reference, payment.id),
      event('FT-2', 'no_matching_order', `NGUYEN VAN MINH CK ${unpaid.reference.toLowerCase()} MUA HANG`, null),
      event('FT-3', 'no_matching_order', 'CHUYEN TIEN OCOPZZZZZZZZ', null),
    ]);
    const api = await request(m.admin.getHttpServer())
      .get('/api/admin/payments/flagged')
      .set('authorization', `Bearer ${await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password)}`);
    expect(api.status).toBe(200);
    const byEvent = new Map((api.body.items as { eventId: string; order: unknown }[]).map((e) => [e.eventId, e.order]));
    expect(byEvent.get('FT-1')).toEqual({ id: paid.id, reference: paid.reference });
    expect(byEvent.get('FT-2')).toEqual({ id: unpaid.id, reference: unpaid.reference });
    expect(byEvent.get('FT-3')).toBeNull();

    const res = await admin.get('/payments/flagged?lang=en');
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<a href="/orders/${paid.id}">${paid.reference}</a>`);
    expect(res.text).toContain(`<a href="/orders/${unpaid.id}">${unpaid.reference}</a>`);
    expect(res.text).toContain('The order was already paid: a second transfer');
    expect(res.text).toContain('No order matches the transfer description');
    expect(res.text).toContain('No matching order');
    expect(shownText(res.text)).not.toMatch(UUID);
    expect(res.text).not.toContain('no_matching_order');
  });
});
