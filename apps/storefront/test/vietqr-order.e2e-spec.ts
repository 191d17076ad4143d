import { createHmac } from 'node:crypto';
import request from 'supertest';
import { Order } from '@ocop/orders';
import { LedgerEntry, Payment, PaymentEvent } from '@ocop/payments';
import { seedVendorWithCertificate } from '@ocop/testing';
import { startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';
import { formatVietnamTime, formatVnd } from '../src/products/present';

const PASSWORD = 'Chuyen-Khoan-2026';
const BANK = { VIETQR_BANK_BIN: '970436', VIETQR_ACCOUNT_NO: '0011001234567', VIETQR_ACCOUNT_NAME: 'CONG TY OCOP MARKET', VIETQR_WEBHOOK_SECRET: 'bank-notification-secret-e2e-0123' };
const ADDRESS = { name: 'Phạm Thị Thu', line1: '8 Lê Lợi, phường Bến Nghé', city: 'TP Hồ Chí Minh', country: 'VN', phone: '0903 456 789' };

type Agent = ReturnType<typeof request.agent>;
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** The text of the element carrying `data-testid="<id>"`, without tags. */
const testId = (html: string, id: string) =>
  (new RegExp(`data-testid="${id}"[^>]*>([\\s\\S]*?)</(dd|h1|span|section|p)>`).exec(html)?.[1] ?? '')
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();

describe('paying an order by VietQR bank transfer through the storefront (embedded default)', () => {
  let m: TestMarketplace;
  let seed: Awaited<ReturnType<typeof seedVendorWithCertificate>>;
  let n = 0;
  const server = () => m.storefront.getHttpServer();

  beforeAll(async () => {
    m = await startTestMarketplace({ env: BANK });
    seed = await m.infra.tx.run((em) => seedVendorWithCertificate(em, { vendorName: 'HTX Chè Thái Nguyên', products: 1 }));
  }, 60000);
  afterAll(() => m?.close());

  /** A shopper logged in through the login page, reading English pages. */
  async function shopper(): Promise<{ agent: Agent; userId: string }> {
    const email = `thu${++n}.transfer@example.vn`;
    const created = await request(server()).post('/api/auth/register').send({ email, password: PASSWORD, name: 'Phạm Thị Thu' }).expect(201);
    const agent = request.agent(server());
    const login = await agent.get('/login');
    await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(login.text), email, password: PASSWORD, next: '/' })
      .expect(303);
    await agent.get('/?lang=en');
    return { agent, userId: created.body.id as string };
  }

  /** Checks a Vietnamese address out with VietQR from the checkout page; answers the order and where the page sent the shopper. */
  async function checkoutByTransfer(agent: Agent, userId: string) {
    const product = await agent.get(`/products/${seed.products[0].slug}`);
    await agent
      .post('/cart/items')
      .type('form')
      .send({ _csrf: csrfOf(product.text), productId: seed.products[0].id, quantity: '2', back: '/cart' })
      .expect(303);
    const form = await agent.get('/checkout').expect(200);
    expect(form.text).toMatch(/data-testid="method-vietqr"/);
    const placed = await agent
      .post('/checkout')
      .type('form')
      .send({ _csrf: csrfOf(form.text), ...ADDRESS, paymentMethod: 'vietqr', action: 'place' });
    expect(placed.status).toBe(303);
    const [order] = await m.infra.dataSource.getRepository(Order).find({ where: { userId }, order: { createdAt: 'DESC' }, take: 1 });
    return { order, location: placed.headers.location as string };
  }

  const notify = (body: object) => {
    const raw = JSON.stringify(body);
    const signature = createHmac('sha256', BANK.VIETQR_WEBHOOK_SECRET).update(raw).digest('hex');
    return request(server()).post('/api/payments/vietqr/notifications').set('content-type', 'application/json').set('x-signature', signature).send(raw);
  };

  it('shows the QR code, bank, account, exact amount, reference and 24-hour deadline, then confirms the order when a signed notification of the exact amount arrives', async () => {
    const { agent, userId } = await shopper();
    const { order, location } = await checkoutByTransfer(agent, userId);
    expect(location).toBe(`/orders/${order.id}`);
    expect(order).toMatchObject({ status: 'awaiting_payment', paymentMethod: 'vietqr' });
    expect(order.expiresAt.getTime() - order.createdAt.getTime()).toBe(24 * 3600_000);

    const page = await agent.get(location).expect(200);
    expect(page.text).toMatch(/data-testid="vietqr"/);
    // Handlebars writes the padding `=` as `&#x3D;`, which the browser reads back as `=`.
    expect(page.text).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/]+(=|&#x3D;)*" alt="VietQR code for the transfer"/);
    expect(testId(page.text, 'vietqr-bank')).toBe('Vietcombank (BIN 970436)');
    expect(testId(page.text, 'vietqr-account')).toBe('0011001234567');
    expect(page.text).toContain('CONG TY OCOP MARKET');
    expect(testId(page.text, 'vietqr-amount')).toBe(formatVnd(order.totalVnd, 'en'));
    expect(testId(page.text, 'vietqr-reference')).toBe(order.reference);
    expect(page.text).toContain(`Transfer by ${formatVietnamTime(order.expiresAt, 'en')}. We confirm the order when the money arrives.`);
    expect(page.text).not.toContain('data-testid="pay-now"');

    const paid = await notify({ transactionId: 'FT26001VQR001', amountVnd: order.totalVnd, description: `${order.reference} chuyen tien mua hang`, bankAccount: BANK.VIETQR_ACCOUNT_NO });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ outcome: 'applied' });

    const after = await agent.get(location).expect(200);
    expect(testId(after.text, 'confirmation')).toBe('Thank you — your order is confirmed');
    expect(testId(after.text, 'payment-status')).toBe('Paid');
    expect(after.text).not.toMatch(/data-testid="vietqr"/);
    expect(await m.infra.dataSource.getRepository(Payment).findOneByOrFail({ subjectId: order.id })).toMatchObject({ status: 'succeeded', amountVnd: order.totalVnd });
    const entries = await m.infra.dataSource.getRepository(LedgerEntry).findBy({ orderId: order.id });
    expect(entries.filter((e) => e.kind === 'sale').reduce((a, e) => a + e.amountVnd, 0)).toBe(order.totalVnd);
    expect(entries.some((e) => e.kind === 'commission' && e.amountVnd < 0)).toBe(true);
  });

  it('leaves the order unpaid and flags a notification whose amount is not the exact total', async () => {
    const { agent, userId } = await shopper();
    const { order } = await checkoutByTransfer(agent, userId);

    const short = await notify({ transactionId: 'FT26001VQR002', amountVnd: order.totalVnd - 1000, description: order.reference, bankAccount: BANK.VIETQR_ACCOUNT_NO });
    expect(short.status).toBe(200);
    expect(short.body).toMatchObject({ outcome: 'flagged', reason: 'amount_short' });

    expect(await m.infra.dataSource.getRepository(Order).findOneByOrFail({ id: order.id })).toMatchObject({ status: 'awaiting_payment' });
    expect(await m.infra.dataSource.getRepository(Payment).findOneByOrFail({ subjectId: order.id })).toMatchObject({ status: 'pending' });
    expect(await m.infra.dataSource.getRepository(LedgerEntry).countBy({ orderId: order.id })).toBe(0);
    expect(await m.infra.dataSource.getRepository(PaymentEvent).findOneByOrFail({ eventId: 'FT26001VQR002' })).toMatchObject({
      outcome: 'flagged',
      reason: 'amount_short',
      amountVnd: order.totalVnd - 1000,
    });
    // The shopper still sees how to pay the exact amount.
    const page = await agent.get(`/orders/${order.id}`).expect(200);
    expect(page.text).not.toContain('data-testid="confirmation"');
    expect(testId(page.text, 'vietqr-amount')).toBe(formatVnd(order.totalVnd, 'en'));
    expect(testId(page.text, 'order-status')).toBe('Awaiting payment');
  });
});
