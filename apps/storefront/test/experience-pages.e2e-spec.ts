import type { Actor } from '@ocop/core';
import { ExperiencesService } from '@ocop/experiences';
import { seedVendorWithCertificate } from '@ocop/testing';
import { formatVietnamTime } from '../src/products/present';
import { startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';
import { Browser, confirmationFields, registerPerson } from '../../../test/support/order-fixtures';

const PASSWORD = 'Gốm-Bát-Tràng-2026';
const HOUR = 3_600_000;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The words a person reads on a page: tags, attributes, styles and scripts left out. */
const visibleText = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('experience and booking pages (embedded default)', () => {
  let m: TestMarketplace;
  let seed: Awaited<ReturnType<typeof seedVendorWithCertificate>>;
  let experienceId: string;
  const slots: Record<'soon' | 'later' | 'small', { id: string; startsAt: Date }> = {} as never;
  let n = 0;

  async function shopper(): Promise<Browser> {
    const email = `tourist${++n}@example.de`;
    await registerPerson(m, email, `Tourist ${n}`, PASSWORD);
    const browser = new Browser(m.storefront);
    await browser.login(email, PASSWORD);
    await browser.get('/?lang=en');
    return browser;
  }

  /** Books through the experience page's form; answers the POST's response. */
  async function book(browser: Browser, slotId: string, people: number) {
    return browser.post(`/experiences/${experienceId}/book`, { slotId, people: String(people), paymentMethod: 'sandbox' }, `/experiences/${experienceId}`);
  }

  /** Books and pays in the sandbox; answers the booking's id. */
  async function bookAndPay(browser: Browser, slotId: string, people: number): Promise<string> {
    const booked = await book(browser, slotId, people);
    expect(booked.status).toBe(303);
    const payPage = booked.headers.location as string;
    expect(payPage).toMatch(/^\/pay\/[0-9a-f-]{36}$/);
    const paid = await browser.post(`${payPage}/pay`, {}, payPage);
    expect(paid.status).toBe(303);
    expect(paid.headers.location).toMatch(/^\/bookings\/[0-9a-f-]{36}$/);
    return (paid.headers.location as string).split('/')[2];
  }

  beforeAll(async () => {
    m = await startTestMarketplace();
    seed = await m.infra.tx.run((em) => seedVendorWithCertificate(em, { vendorName: 'HTX Gốm sứ Bát Tràng', products: 2 }));
    // The rows were written past the events that index them.
    await m.reindex();
    const host: Actor = { id: seed.vendor.id, email: 'host@htx.vn', name: 'Host', roles: ['vendor'], vendorId: seed.vendor.id, vendorRole: 'owner', locale: 'vi' };
    const experiences = m.vendor.get(ExperiencesService, { strict: false });
    const x = await experiences.create(host, {
      title: { vi: 'Lớp làm gốm Bát Tràng', en: 'Bát Tràng pottery class', de: 'Töpferkurs in Bát Tràng', id: 'Kelas tembikar Bát Tràng' },
      description: { vi: 'Vuốt gốm trên bàn xoay.', en: 'Throw a bowl on the wheel.' },
      included: { vi: 'Nung và gửi một sản phẩm', en: 'Firing and shipping one piece\nTea' },
      durationMinutes: 120,
      pricePerPersonVnd: 250000,
      languages: ['vi', 'en'],
      meetingPoint: 'Chợ gốm Bát Tràng',
      maxGroupSize: 12,
      freeCancellationHours: 48,
    });
    experienceId = x.id;
    const now = Date.now();
    for (const [key, hours, capacity] of [
      ['later', 24 * 10, 12],
      ['soon', 24, 12],
      ['small', 24 * 5, 2],
    ] as const) {
      const s = await experiences.addSlot(host, x.id, { startsAt: new Date(now + hours * HOUR).toISOString(), capacity });
      slots[key] = { id: s.id, startsAt: s.startsAt };
    }
    await experiences.setPublished(host, x.id, true);
  }, 60000);
  afterAll(() => m?.close());

  it('shows the experience with its facts, dates and places left in Vietnam time, and asks a visitor to log in to book', async () => {
    const page = await new Browser(m.storefront).get(`/experiences/${experienceId}?lang=en`);
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(text).toContain('Bát Tràng pottery class');
    expect(text).toContain('Throw a bowl on the wheel.');
    expect(text).toContain('₫250,000 per person');
    expect(text).toContain('2 hours');
    expect(text).toContain('Vietnamese, English');
    expect(text).toContain('Chợ gốm Bát Tràng');
    expect(text).toContain('Up to 12 people');
    expect(text).toContain('Firing and shipping one piece');
    expect(text).toContain('Free cancellation up to 48 hours before the start: you get all your money back. Later cancellations are not refunded.');
    expect(page.text).toContain(`href="/villages/${seed.village.slug}"`);
    expect(text).toContain(formatVietnamTime(slots.soon.startsAt, 'en'));
    expect(text).toContain('12 places left');
    expect(text).toContain('2 places left');
    expect(page.text).toContain('data-testid="login-to-book"');
    // A visitor may put the class in a cart; booking and paying at once needs an account.
    expect(page.text).toContain('data-testid="add-booking-to-cart"');
    expect(page.text).not.toContain('data-testid="book"');
    expect(text).not.toMatch(UUID);
  });

  it('speaks Vietnamese, German and Indonesian', async () => {
    const browser = new Browser(m.storefront);
    const vi = visibleText((await browser.get(`/experiences/${experienceId}?lang=vi`)).text);
    expect(vi).toContain('Lớp làm gốm Bát Tràng');
    expect(vi).toContain('Huỷ miễn phí trước giờ bắt đầu ít nhất 48 giờ');
    const de = visibleText((await browser.get(`/experiences/${experienceId}?lang=de`)).text);
    expect(de).toContain('Töpferkurs in Bát Tràng');
    expect(de).toContain('Kostenlose Stornierung bis 48 Stunden vor Beginn');
    const id = visibleText((await browser.get(`/experiences/${experienceId}?lang=id`)).text);
    expect(id).toContain('Kelas tembikar Bát Tràng');
    expect(id).toContain('Pembatalan gratis hingga 48 jam sebelum mulai');
  });

  it('answers 404 for an experience that does not exist', async () => {
    const page = await new Browser(m.storefront).get('/experiences/00000000-0000-4000-8000-000000000000?lang=en');
    expect(page.status).toBe(404);
  });

  it('books through the form, pays in the sandbox and shows the confirmation with the village products; the account lists it', async () => {
    const browser = await shopper();
    const form = await browser.get(`/experiences/${experienceId}?lang=en`);
    expect(form.text).toContain('data-testid="booking-form"');
    expect(form.text).toContain('name="_csrf"');
    const bookingId = await bookAndPay(browser, slots.later.id, 2);
    const page = await browser.get(`/bookings/${bookingId}?lang=en`);
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(text).toContain('Your booking is confirmed');
    expect(text).toContain(formatVietnamTime(slots.later.startsAt, 'en'));
    expect(text).toContain('Chợ gốm Bát Tràng');
    expect(text).toContain('2 people');
    expect(text).toContain('₫500,000');
    expect(page.text).toContain('data-testid="village-products"');
    expect(page.text).toContain(`href="/products/${seed.products[0].slug}"`);
    expect(text).not.toMatch(UUID);

    const account = await browser.get('/account?lang=en');
    expect(account.text).toContain(`href="/bookings/${bookingId}"`);
    expect(visibleText(account.text)).toContain('Bát Tràng pottery class');

    const after = visibleText((await browser.get(`/experiences/${experienceId}?lang=en`)).text);
    expect(after).toContain('10 places left');
  });

  it('refuses a party larger than the places left and books nothing', async () => {
    const browser = await shopper();
    const res = await book(browser, slots.small.id, 3);
    expect(res.status).toBe(409);
    expect(visibleText(res.text)).toContain('There are not enough places left on that date.');
    const [{ count }] = await m.infra.dataSource.query('SELECT COUNT(*) AS count FROM bookings WHERE slotId = ?', [slots.small.id]);
    expect(Number(count)).toBe(0);
  });

  it('names a missing date and a bad party size beside their fields', async () => {
    const browser = await shopper();
    const res = await browser.post(`/experiences/${experienceId}/book`, { people: 'many', paymentMethod: 'sandbox' }, `/experiences/${experienceId}`);
    expect(res.status).toBe(400);
    expect(res.text).toContain('id="slotId-error"');
    expect(res.text).toContain('id="people-error"');
  });

  it('cancels with a confirmation page that says the money comes back when early enough', async () => {
    const browser = await shopper();
    const bookingId = await bookAndPay(browser, slots.later.id, 1);
    const ask = await browser.post(`/bookings/${bookingId}/cancel`, {}, `/bookings/${bookingId}?lang=en`);
    expect(ask.status).toBe(200);
    expect(visibleText(ask.text)).toContain('so you get all your money back (₫250,000)');
    const done = await browser.post(`/bookings/${bookingId}/cancel`, confirmationFields(ask.text), `/bookings/${bookingId}?lang=en`);
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/bookings/${bookingId}?done=cancelled`);
    const page = visibleText((await browser.get(`/bookings/${bookingId}?done=cancelled&lang=en`)).text);
    expect(page).toContain('Your booking is cancelled.');
    expect(page).toContain('Cancelled and refunded');
    expect(page).toContain('you cancelled it');
    expect(page).toContain('₫250,000');
  });

  it('says a late cancellation is not refunded', async () => {
    const browser = await shopper();
    const bookingId = await bookAndPay(browser, slots.soon.id, 1);
    const ask = await browser.post(`/bookings/${bookingId}/cancel`, {}, `/bookings/${bookingId}?lang=en`);
    expect(visibleText(ask.text)).toContain('The start is less than 48 hours away, so this cancellation is not refunded.');
  });

  it('keeps a booking from anyone but its shopper', async () => {
    const owner = await shopper();
    const bookingId = await bookAndPay(owner, slots.later.id, 1);
    const stranger = await shopper();
    expect((await stranger.get(`/bookings/${bookingId}?lang=en`)).status).toBe(404);
    expect((await new Browser(m.storefront).get(`/bookings/${bookingId}`)).status).toBe(303);
  });

  it("lists the experience on its village's page and offers it on the village's product pages", async () => {
    const browser = new Browser(m.storefront);
    const village = await browser.get(`/villages/${seed.village.slug}?lang=en`);
    expect(village.text).toContain(`href="/experiences/${experienceId}"`);
    const api = await browser.get(`/api/villages/${seed.village.slug}`);
    expect(api.body.experiences).toEqual([expect.objectContaining({ id: experienceId, title: 'Lớp làm gốm Bát Tràng', pricePerPersonVnd: 250000 })]);
    const product = await browser.get(`/products/${seed.products[0].slug}?lang=en`);
    expect(product.text).toContain('data-testid="village-experiences"');
    expect(product.text).toContain(`href="/experiences/${experienceId}"`);
  });
});
