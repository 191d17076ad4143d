import request from 'supertest';
import type { Actor } from '@ocop/core';
import { Booking, ExperiencesService } from '@ocop/experiences';
import { LedgerEntry, Refund } from '@ocop/payments';
import { seedVendorWithCertificate } from '@ocop/testing';
import { formatVietnamTime } from '../src/products/present';
import { startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';
import { Browser, registerPerson } from '../../../test/support/order-fixtures';
import { untranslatedOn } from '../../../test/support/untranslated';

const PASSWORD = 'Gio-Hang-Gom-2026';
const ADDRESS = { name: 'Nguyễn Thị Lan', line1: '12 Phố Huế', city: 'Hà Nội', country: 'VN', phone: '+84 912 345 678' };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The words a person reads on a page: tags, attributes, styles and scripts left out. */
const visibleText = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('a cart holding products and experience bookings through the storefront API and pages (embedded default, sandbox)', () => {
  let m: TestMarketplace;
  const shop = () => request(m.storefront.getHttpServer());
  let seed: Awaited<ReturnType<typeof seedVendorWithCertificate>>;
  let experienceId: string;
  let slot: { id: string; startsAt: Date };
  let small: { id: string; startsAt: Date };
  let n = 0;

  async function shopperToken(): Promise<{ authorization: string; email: string }> {
    const email = `gio${++n}@example.vn`;
    await registerPerson(m, email, `Khách ${n}`, PASSWORD);
    return { authorization: `Bearer ${await m.token(m.storefront, email, PASSWORD)}`, email };
  }

  beforeAll(async () => {
    m = await startTestMarketplace();
    seed = await m.infra.tx.run((em) => seedVendorWithCertificate(em, { vendorName: 'HTX Gốm sứ Bát Tràng', products: 1 }));
    await m.reindex();
    const host: Actor = { id: seed.vendor.id, email: 'host@htx.vn', name: 'Host', roles: ['vendor'], vendorId: seed.vendor.id, vendorRole: 'owner', locale: 'vi' };
    const experiences = m.vendor.get(ExperiencesService, { strict: false });
    const x = await experiences.create(host, {
      title: { vi: 'Lớp làm gốm Bát Tràng', en: 'Bát Tràng pottery class', de: 'Töpferkurs in Bát Tràng', id: 'Kelas tembikar Bát Tràng' },
      durationMinutes: 120,
      pricePerPersonVnd: 250000,
      languages: ['vi', 'en'],
      meetingPoint: 'Chợ gốm Bát Tràng',
      maxGroupSize: 6,
      freeCancellationHours: 48,
    });
    experienceId = x.id;
    const s = await experiences.addSlot(host, x.id, { startsAt: new Date(Date.now() + 10 * 86_400_000).toISOString(), capacity: 10 });
    slot = { id: s.id, startsAt: s.startsAt };
    const t = await experiences.addSlot(host, x.id, { startsAt: new Date(Date.now() + 12 * 86_400_000).toISOString(), capacity: 2 });
    small = { id: t.id, startsAt: t.startsAt };
    await experiences.setPublished(host, x.id, true);
  }, 60000);
  afterAll(() => m?.close());

  it('puts a product and a pottery class in the cart, pays both in one sandbox checkout and confirms the booking with its ledger entries', async () => {
    const lan = await shopperToken();
    await shop().post('/api/cart/bookings').send({ slotId: slot.id, people: 2 }).expect(401);
    await shop().post('/api/cart/items').set(lan).send({ productId: seed.products[0].id, quantity: 1 }).expect(201);
    const added = await shop().post('/api/cart/bookings').set(lan).set('accept-language', 'en').send({ slotId: slot.id, people: 2 }).expect(201);
    expect(added.body).toMatchObject({
      itemsVnd: 350_000,
      bookingsVnd: 500_000,
      totalVnd: 850_000,
      count: 2,
      bookings: [{ slotId: slot.id, experienceId, people: 2, unitPriceVnd: 250_000, lineVnd: 500_000, available: true, reason: null, title: { en: 'Bát Tràng pottery class' } }],
    });
    expect((await shop().get('/api/cart').set(lan).expect(200)).body).toMatchObject({ totalVnd: 850_000, bookings: [{ slotId: slot.id }] });

    const placed = await shop().post('/api/checkout').set(lan).send({ shippingAddress: ADDRESS, paymentMethod: 'sandbox' }).expect(201);
    expect(placed.body).toMatchObject({ totalVnd: 350_000 + 30_000 + 500_000, payment: { provider: 'sandbox', status: 'pending', amountVnd: 880_000 } });
    const orderId = placed.body.orderId as string;
    expect((await shop().get(`/api/orders/${orderId}`).set(lan).expect(200)).body).toMatchObject({ bookingsVnd: 500_000, totalVnd: 880_000, subOrders: [{ totalVnd: 380_000 }] });
    expect((await shop().get('/api/cart').set(lan).expect(200)).body).toMatchObject({ items: [], bookings: [], totalVnd: 0 });
    expect((await shop().get(`/api/experiences/${experienceId}/slots`).expect(200)).body.items).toMatchObject([{ id: slot.id, remaining: 8 }, { id: small.id }]);

    // The booking waits for the order's payment and cannot be cancelled on its own meanwhile.
    const [waiting] = (await shop().get('/api/bookings').set(lan).expect(200)).body.items;
    expect(waiting).toMatchObject({ status: 'awaiting_payment', order: { id: orderId, reference: placed.body.reference }, cancellable: false });
    const refused = await shop().post(`/api/bookings/${waiting.id}/cancel`).set(lan).expect(409);
    expect(refused.body.message).toContain(placed.body.reference);

    await shop().post(`/api/payments/sandbox/${placed.body.payment.id}/complete`).set(lan).send({ outcome: 'succeeded' }).expect(200);
    const confirmed = await shop().get(`/api/bookings/${waiting.id}`).set(lan).expect(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', order: { id: orderId }, payment: { status: 'succeeded' }, refundIfCancelledVnd: 500_000 });
    const entries = await m.infra.dataSource.getRepository(LedgerEntry).findBy({ bookingId: waiting.id });
    expect(entries.map((e) => [e.kind, e.amountVnd, e.orderId]).sort()).toEqual([
      ['commission', -40_000, orderId],
      ['sale', 500_000, orderId],
    ]);

    // Cancelled within the policy: the booking's part comes back from the order's payment, once.
    const cancelled = await shop().post(`/api/bookings/${waiting.id}/cancel`).set(lan).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'refunded', refundedVnd: 500_000 });
    expect(await m.infra.dataSource.getRepository(Refund).findBy({ bookingId: waiting.id })).toMatchObject([{ orderId, subOrderId: null, amountVnd: 500_000, status: 'succeeded' }]);
    const order = await shop().get(`/api/orders/${orderId}`).set(lan).expect(200);
    expect(order.body).toMatchObject({ status: 'paid', refundedVnd: 500_000, paymentState: 'partially_refunded', subOrders: [{ status: 'paid', refundedVnd: 0 }] });
    await shop().post(`/api/bookings/${waiting.id}/cancel`).set(lan).expect(409);

    // The admin's page of the order lists the visit it paid for, and names the refund after the booking.
    const admin = new Browser(m.admin);
    await admin.login(TEST_ADMIN.email, TEST_ADMIN.password);
    const page = await admin.get(`/orders/${orderId}?lang=en`);
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(text).toContain(`${confirmed.body.reference} · Bát Tràng pottery class`);
    expect(text).toMatch(/Village visits ₫500[.,]000/);
    expect(text).toContain('Payment Partly refunded');
    expect(text).toContain('Cancelled and refunded');
    expect(text).toContain(`Booking ${confirmed.body.reference}`);
    expect(text).not.toMatch(UUID);
  });

  it('refuses bad places with the field named (400), unknown dates (404) and full dates (409), and removes a place', async () => {
    const minh = await shopperToken();
    const bad = await shop().post('/api/cart/bookings').set(minh).send({ slotId: 'nope', people: 0 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['people', 'slotId']);
    const tooMany = await shop().post('/api/cart/bookings').set(minh).send({ slotId: slot.id, people: 7 }).expect(400);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ field: 'people' })]);
    await shop().post('/api/cart/bookings').set(minh).send({ slotId: '0b3f1c2e-7d4a-4c5b-9e8f-1a2b3c4d5e6f', people: 1 }).expect(404);
    const full = await shop().post('/api/cart/bookings').set(minh).send({ slotId: small.id, people: 3 }).expect(409);
    expect(full.body).toMatchObject({ statusCode: 409, reason: 'slot_full' });
    await shop().post('/api/cart/bookings').set(minh).send({ slotId: small.id, people: 2 }).expect(201);
    await shop().delete('/api/cart/bookings/not-a-uuid').set(minh).expect(400);
    expect((await shop().delete(`/api/cart/bookings/${small.id}`).set(minh).expect(200)).body.bookings).toEqual([]);
    expect((await shop().delete(`/api/cart/bookings/${small.id}`).set(minh).expect(200)).body.bookings).toEqual([]);
  });

  it('checks a cart of bookings alone out without an address, and answers 409 naming a date filled meanwhile with nothing written', async () => {
    const hoa = await shopperToken();
    const tuan = await shopperToken();
    await shop().post('/api/cart/bookings').set(hoa).send({ slotId: small.id, people: 2 }).expect(201);
    await shop().post('/api/cart/bookings').set(tuan).send({ slotId: small.id, people: 1 }).expect(201);
    const placed = await shop().post('/api/checkout').set(hoa).send({ paymentMethod: 'sandbox' }).expect(201);
    expect(placed.body).toMatchObject({ totalVnd: 500_000 });
    const order = await shop().get(`/api/orders/${placed.body.orderId}`).set(hoa).expect(200);
    expect(order.body).toMatchObject({ itemsVnd: 0, shippingVnd: 0, bookingsVnd: 500_000, subOrders: [] });

    const before = await m.infra.dataSource.getRepository(Booking).count();
    const lost = await shop().post('/api/checkout').set(tuan).send({ paymentMethod: 'sandbox' }).expect(409);
    expect(lost.body.errors).toEqual([{ field: `bookings.${small.id}`, message: expect.stringContaining('fully booked') }]);
    expect(await m.infra.dataSource.getRepository(Booking).count()).toBe(before);
    expect((await shop().get('/api/cart').set(tuan).expect(200)).body.bookings).toMatchObject([{ slotId: small.id, available: false, reason: 'slot_full' }]);
  });

  it('lets a guest add the class from its page, keeps it through sign-in, and shows it on the cart, checkout, order and booking pages', async () => {
    const email = `khach.trang${++n}@example.de`;
    await registerPerson(m, email, 'Khách trang', PASSWORD);
    const browser = new Browser(m.storefront);
    const page = await browser.get(`/experiences/${experienceId}?lang=en`);
    expect(page.text).toContain('data-testid="add-booking-to-cart"');
    expect(page.text).not.toContain('data-testid="book"');
    const added = await browser.post(`/experiences/${experienceId}/cart`, { slotId: slot.id, people: '3' }, `/experiences/${experienceId}?lang=en`);
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe('/cart?done=bookingAdded');
    const noParty = await browser.post(`/experiences/${experienceId}/cart`, { slotId: slot.id, people: '99' }, `/experiences/${experienceId}?lang=en`);
    expect(noParty.status).toBe(400);
    expect(noParty.text).toContain('id="people-error"');

    const cart = await browser.get('/cart?lang=en&done=bookingAdded');
    const cartText = visibleText(cart.text);
    expect(cartText).toContain('The experience was added to your cart.');
    expect(cartText).toContain('Bát Tràng pottery class');
    expect(cartText).toContain(formatVietnamTime(slot.startsAt, 'en'));
    expect(cartText).toContain('3 people');
    expect(cartText).toContain('₫750,000');
    expect(cartText).not.toMatch(UUID);

    await browser.login(email, PASSWORD);
    const checkout = await browser.get('/checkout?lang=en');
    const checkoutText = visibleText(checkout.text);
    expect(checkout.text).toContain('data-testid="no-address"');
    expect(checkout.text).not.toContain('id="line1"');
    expect(checkoutText).toContain('Bát Tràng pottery class');
    expect(checkoutText).toContain('₫750,000');

    const english: string[] = [];
    for (const lang of ['de', 'id'] as const)
      for (const path of [`/experiences/${experienceId}`, '/cart', '/checkout']) english.push(...untranslatedOn(path, (await browser.get(`${path}?lang=${lang}`)).text, lang));

    const placed = await browser.post('/checkout', { paymentMethod: 'sandbox', action: 'place' }, '/checkout?lang=en');
    expect(placed.status).toBe(303);
    const payPage = placed.headers.location as string;
    expect(payPage).toMatch(/^\/pay\/[0-9a-f-]{36}$/);
    const paid = await browser.post(`${payPage}/pay`, {}, payPage);
    expect(paid.status).toBe(303);
    const orderPath = paid.headers.location as string;
    expect(orderPath).toMatch(/^\/orders\/[0-9a-f-]{36}$/);

    const orderPage = await browser.get(`${orderPath}?lang=en`);
    const orderText = visibleText(orderPage.text);
    expect(orderText).toContain('Experiences');
    expect(orderText).toContain('Confirmed');
    expect(orderPage.text).not.toContain('data-testid="address"');
    const bookingPath = /href="(\/bookings\/[0-9a-f-]{36})" data-testid="order-booking-link"/.exec(orderPage.text)?.[1];
    expect(bookingPath).toBeDefined();
    const reference = /Order (OCOP[A-Z0-9]{8})/.exec(orderText)?.[1];
    const bookingPage = visibleText((await browser.get(`${bookingPath}?lang=en`)).text);
    expect(bookingPage).toContain('Your booking is confirmed');
    expect(bookingPage).toContain(`Paid with order ${reference}`);

    for (const lang of ['vi', 'de', 'id'] as const) {
      const html = (await browser.get(`${bookingPath}?lang=${lang}`)).text;
      expect(visibleText(html)).toContain(reference!);
      expect(visibleText(html)).not.toContain('Paid with order');
      if (lang !== 'vi') english.push(...untranslatedOn(bookingPath!, html, lang), ...untranslatedOn(orderPath, (await browser.get(`${orderPath}?lang=${lang}`)).text, lang));
    }
    expect(english).toEqual([]);
  });
});
