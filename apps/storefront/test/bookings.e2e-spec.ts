import request from 'supertest';
import { Mailer, MailMessage } from '@ocop/notifications';
import { LedgerEntry } from '@ocop/payments';
import { startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';
import { makeOwner, registerPerson, seedSeller } from '../../../test/support/order-fixtures';

const PASSWORD = 'Dat-Cho-2025x';

/** Polls `read` until it answers something truthy (jobs run after commit in the embedded worker). */
async function eventually<T>(read: () => Promise<T | null | undefined>, ms = 8000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('bookings through the storefront and vendor APIs (embedded default, sandbox)', () => {
  let m: TestMarketplace;
  const shop = () => request(m.storefront.getHttpServer());
  const vendorApi = () => request(m.vendor.getHttpServer());
  let host: { authorization: string };
  let other: { authorization: string };
  let lan: { authorization: string };
  let minh: { authorization: string };
  let experienceId: string;
  let slotId: string;

  beforeAll(async () => {
    m = await startTestMarketplace();
    const seller = await seedSeller(m, 'HTX Gốm Bát Tràng');
    const owner = await registerPerson(m, 'chu.nha@example.vn', 'Chủ nhà', PASSWORD);
    await makeOwner(m, owner, seller.vendor.id);
    host = { authorization: `Bearer ${await m.token(m.vendor, 'chu.nha@example.vn', PASSWORD)}` };
    const rival = await seedSeller(m, 'HTX Lụa Vạn Phúc');
    const rivalOwner = await registerPerson(m, 'lua@example.vn', 'Lụa', PASSWORD);
    await makeOwner(m, rivalOwner, rival.vendor.id);
    other = { authorization: `Bearer ${await m.token(m.vendor, 'lua@example.vn', PASSWORD)}` };
    await registerPerson(m, 'lan.book@example.vn', 'Lan', PASSWORD);
    await registerPerson(m, 'minh.book@example.vn', 'Minh', PASSWORD);
    lan = { authorization: `Bearer ${await m.token(m.storefront, 'lan.book@example.vn', PASSWORD)}` };
    minh = { authorization: `Bearer ${await m.token(m.storefront, 'minh.book@example.vn', PASSWORD)}` };
  });
  afterAll(() => m.close());

  it('lets a vendor create, publish and schedule an experience; another vendor gets 404 and bad input 400 naming the field', async () => {
    const created = await vendorApi()
      .post('/api/vendor/experiences')
      .set(host)
      .send({
        villageId: undefined,
        title: { vi: 'Lớp làm gốm', en: 'Pottery class' },
        durationMinutes: 90,
        pricePerPersonVnd: 200000,
        languages: ['vi', 'en'],
        maxGroupSize: 3,
        meetingPoint: 'Bến Chương Dương',
      })
      .expect(201);
    experienceId = created.body.id;
    expect(created.body).toMatchObject({ status: 'draft', pricePerPersonVnd: 200000 });
    const bad = await vendorApi()
      .post('/api/vendor/experiences')
      .set(host)
      .send({ title: 'Gốm', durationMinutes: 5, pricePerPersonVnd: 1, languages: ['vi'], maxGroupSize: 2 })
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'durationMinutes' })]);
    await vendorApi().patch(`/api/vendor/experiences/${experienceId}`).set(other).send({ durationMinutes: 60 }).expect(404);
    await vendorApi().get(`/api/vendor/experiences/${experienceId}/bookings`).set(other).expect(404);
    await vendorApi().patch(`/api/vendor/experiences/${experienceId}`).set(host).send({ durationMinutes: 120 }).expect(200);
    await shop().get(`/api/experiences/${experienceId}`).expect(404);
    await vendorApi().post(`/api/vendor/experiences/${experienceId}/publish`).set(host).expect(200);
    const startsAt = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const slot = await vendorApi().post(`/api/vendor/experiences/${experienceId}/slots`).set(host).send({ startsAt, capacity: 4 }).expect(201);
    slotId = slot.body.id;
    await vendorApi().post(`/api/vendor/experiences/${experienceId}/slots`).set(other).send({ startsAt, capacity: 4 }).expect(404);
    expect((await vendorApi().get('/api/vendor/experiences').set(other).expect(200)).body.items).toEqual([]);

    expect((await shop().get(`/api/experiences/${experienceId}`).expect(200)).body).toMatchObject({ id: experienceId, village: { name: 'Bát Tràng' } });
    expect((await shop().get(`/api/experiences/${experienceId}/slots`).expect(200)).body.items).toMatchObject([{ id: slotId, capacity: 4, remaining: 4 }]);
    expect((await shop().get('/api/experiences').expect(200)).body.items.map((e: { id: string }) => e.id)).toContain(experienceId);
  });

  it('books, pays through the sandbox and confirms; the e-mail carries a calendar file; full slots answer 409', async () => {
    await shop().post('/api/bookings').send({ slotId, people: 2 }).expect(401);
    await shop().post('/api/bookings').set(lan).send({ slotId, people: 4 }).expect(400);
    const booked = await shop()
      .post('/api/bookings')
      .set({ ...lan, 'accept-language': 'en' })
      .send({ slotId, people: 3, paymentMethod: 'sandbox' })
      .expect(201);
    expect(booked.body).toMatchObject({ status: 'awaiting_payment', totalVnd: 600000, payment: { status: 'pending', provider: 'sandbox' } });
    const full = await shop().post('/api/bookings').set(minh).send({ slotId, people: 2 }).expect(409);
    expect(full.body).toMatchObject({ statusCode: 409 });
    expect((await shop().get(`/api/experiences/${experienceId}/slots`).expect(200)).body.items).toMatchObject([{ remaining: 1 }]);
    await shop().get(`/api/bookings/${booked.body.id}`).set(minh).expect(404);
    await shop().post(`/api/payments/sandbox/${booked.body.payment.id}/complete`).set(minh).send({ outcome: 'succeeded' }).expect(404);

    await shop().post(`/api/payments/sandbox/${booked.body.payment.id}/complete`).set(lan).send({ outcome: 'succeeded' }).expect(200);
    const confirmed = await shop().get(`/api/bookings/${booked.body.id}`).set(lan).expect(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', payment: { status: 'succeeded' }, refundIfCancelledVnd: 600000 });
    expect((await shop().get('/api/bookings').set(lan).expect(200)).body.items).toHaveLength(1);
    const sale = await m.infra.dataSource.getRepository(LedgerEntry).findOneByOrFail({ bookingId: booked.body.id, kind: 'sale' });
    expect(sale.amountVnd).toBe(600000);

    const mail = await eventually(() => m.infra.dataSource.getRepository(MailMessage).findOneBy({ template: 'booking-confirmation', to: 'lan.book@example.vn' }));
    expect(mail.locale).toBe('en');
    expect(mail.text).toContain('Bến Chương Dương');
    const [ics] = await m.storefront.get(Mailer, { strict: false }).attachmentsOf(mail);
    expect(ics.filename).toBe('booking.ics');
    expect(ics.content).toMatch(/BEGIN:VCALENDAR[\s\S]*BEGIN:VEVENT[\s\S]*DTSTART:\d{8}T\d{6}Z/);

    const vendorView = await vendorApi().get(`/api/vendor/experiences/${experienceId}/bookings`).set(host).expect(200);
    expect(vendorView.body.items).toMatchObject([{ id: booked.body.id, status: 'confirmed', people: 3, shopperName: 'Lan' }]);
  });

  it('refunds every confirmed booking when the vendor cancels the slot, and a cancelled booking cannot be cancelled again', async () => {
    const [booking] = (await shop().get('/api/bookings').set(lan).expect(200)).body.items;
    await vendorApi().post(`/api/vendor/slots/${slotId}/cancel`).set(other).expect(404);
    const res = await vendorApi().post(`/api/vendor/slots/${slotId}/cancel`).set(host).expect(200);
    expect(res.body).toMatchObject({ refunded: 1, refundedVnd: 600000 });
    expect((await shop().get(`/api/bookings/${booking.id}`).set(lan).expect(200)).body).toMatchObject({ status: 'refunded', refundedVnd: 600000, payment: { status: 'refunded' } });
    const cancel = await shop().post(`/api/bookings/${booking.id}/cancel`).set(lan).expect(409);
    expect(cancel.body).toMatchObject({ reason: 'not_cancellable' });
  });
});
