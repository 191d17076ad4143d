import type { Actor } from '@ocop/core';
import { BookingsService, ExperiencesService } from '@ocop/experiences';
import { PaymentsService } from '@ocop/payments';
import { startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';
import { Browser, confirmationFields, makeOwner, registerPerson, seedSeller } from '../../../test/support/order-fixtures';

const PASSWORD = 'Gom-Bat-Trang-2026';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A date and time `days` from now in Vietnam time, as the slot form takes them. */
function vietnamDate(days: number): { date: string; time: string } {
  const at = new Date(Date.now() + days * 86_400_000 + 7 * 3_600_000);
  return { date: at.toISOString().slice(0, 10), time: '09:00' };
}

/** What a page shows outside its links, form targets and hidden fields. */
const shown = (html: string) => html.replace(/(href|action)="[^"]*"/g, '').replace(/<input type="hidden"[^>]*>/g, '');

describe('vendor experience pages (embedded default)', () => {
  let m: TestMarketplace;
  let owner: Browser;
  let shopper: Actor;
  let otherExperience: string;
  let experienceId = '';

  beforeAll(async () => {
    m = await startTestMarketplace();
    const a = await seedSeller(m, 'HTX Gốm sứ Bát Tràng');
    const b = await seedSeller(m, 'HTX Lụa Vạn Phúc');
    const lan = await registerPerson(m, 'lan@htx.example.vn', 'Lan', PASSWORD);
    await makeOwner(m, lan, a.vendor.id);
    shopper = await registerPerson(m, 'anna@example.de', 'Anna Schmidt', PASSWORD);
    const hostB: Actor = { id: b.vendor.id, email: 'b@htx.vn', name: 'B', roles: ['vendor'], vendorId: b.vendor.id, vendorRole: 'owner', locale: 'vi' };
    otherExperience = (
      await m.vendor.get(ExperiencesService, { strict: false }).create(hostB, { title: 'Dệt lụa', durationMinutes: 240, pricePerPersonVnd: 350000, languages: ['vi'], maxGroupSize: 10 })
    ).id;
    owner = new Browser(m.vendor);
    await owner.login('lan@htx.example.vn', PASSWORD);
  }, 60000);
  afterAll(() => m?.close());

  it('links the experiences from the home page and the menu; the list starts empty', async () => {
    const home = await owner.get('/?lang=en');
    expect(home.text).toContain('data-testid="experiences-link"');
    expect(home.text).toContain('<a href="/experiences">Experiences</a>');
    const list = await owner.get('/experiences?lang=en');
    expect(list.status).toBe(200);
    expect(list.text).toContain('data-testid="no-experiences"');
  });

  it('creates an experience from the form with texts in four languages', async () => {
    const form = await owner.get('/experiences/new?lang=en');
    expect(form.status).toBe(200);
    for (const name of [
      'title_vi',
      'title_en',
      'title_de',
      'title_id',
      'description_vi',
      'included_en',
      'durationMinutes',
      'pricePerPersonVnd',
      'languages',
      'meetingPoint',
      'minGroupSize',
      'maxGroupSize',
      'freeCancellationHours',
    ])
      expect(form.text).toContain(`name="${name}"`);
    const res = await owner.post(
      '/experiences',
      {
        kind: 'workshop',
        title_vi: 'Lớp làm gốm Bát Tràng',
        title_en: 'Bát Tràng pottery class',
        title_de: 'Töpferkurs in Bát Tràng',
        title_id: 'Kelas tembikar Bát Tràng',
        description_vi: 'Vuốt gốm trên bàn xoay.',
        description_en: 'Throw a bowl on the wheel.',
        description_de: '',
        description_id: '',
        included_vi: 'Nung và gửi một sản phẩm',
        included_en: 'Firing and shipping one piece',
        included_de: '',
        included_id: '',
        durationMinutes: '120',
        pricePerPersonVnd: '250.000',
        languages: 'vi, EN',
        meetingPoint: 'Chợ gốm Bát Tràng',
        minGroupSize: '1',
        maxGroupSize: '12',
        freeCancellationHours: '48',
        images: '',
      },
      '/experiences/new?lang=en',
    );
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/experiences\/[0-9a-f-]{36}\?done=created$/);
    experienceId = (res.headers.location as string).split('/')[2].split('?')[0];
    const [row] = await m.infra.dataSource.query('SELECT title, pricePerPersonVnd, languages, status, maxGroupSize FROM experiences WHERE id = ?', [experienceId]);
    expect(JSON.parse(row.title)).toEqual({ vi: 'Lớp làm gốm Bát Tràng', en: 'Bát Tràng pottery class', de: 'Töpferkurs in Bát Tràng', id: 'Kelas tembikar Bát Tràng' });
    expect(Number(row.pricePerPersonVnd)).toBe(250000);
    expect(JSON.parse(row.languages)).toEqual(['vi', 'en']);
    expect(row.status).toBe('draft');
  });

  it('names bad fields beside them and keeps what was typed', async () => {
    const res = await owner.post(
      '/experiences',
      { title_vi: '', title_en: 'Only English', durationMinutes: '5', pricePerPersonVnd: 'free', languages: 'vi', maxGroupSize: '12' },
      '/experiences/new?lang=en',
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain('data-testid="form-errors"');
    expect(res.text).toContain('id="durationMinutes-error"');
    expect(res.text).toContain('id="pricePerPersonVnd-error"');
    expect(res.text).toContain('value="Only English"');
  });

  it('edits, publishes and adds dates in Vietnam time', async () => {
    const saved = await owner.post(
      `/experiences/${experienceId}`,
      { title_vi: 'Lớp làm gốm Bát Tràng', title_en: 'Pottery class in Bát Tràng', pricePerPersonVnd: '260000' },
      `/experiences/${experienceId}?lang=en`,
    );
    expect(saved.status).toBe(303);
    const published = await owner.post(`/experiences/${experienceId}/publish`, {}, `/experiences/${experienceId}?lang=en`);
    expect(published.status).toBe(303);
    const { date, time } = vietnamDate(10);
    const added = await owner.post(`/experiences/${experienceId}/slots`, { date, time, capacity: '12' }, `/experiences/${experienceId}?lang=en`);
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe(`/experiences/${experienceId}?done=slotAdded`);
    const page = await owner.get(`/experiences/${experienceId}?lang=en&done=slotAdded`);
    expect(page.text).toContain('Date added.');
    expect(page.text).toContain('open for booking');
    expect(page.text).toContain('data-testid="slot-row"');
    const [slot] = await m.infra.dataSource.query('SELECT startsAt, capacity FROM experience_slots WHERE experienceId = ?', [experienceId]);
    expect(new Date(slot.startsAt).toISOString()).toBe(`${date}T02:00:00.000Z`);
    expect(page.text).toContain(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(`${date}T02:00:00Z`)));
    const [x] = await m.infra.dataSource.query('SELECT title, pricePerPersonVnd FROM experiences WHERE id = ?', [experienceId]);
    expect(JSON.parse(x.title).en).toBe('Pottery class in Bát Tràng');
    expect(Number(x.pricePerPersonVnd)).toBe(260000);
    expect(shown(page.text)).not.toMatch(UUID);
  });

  it('refuses a date in the past', async () => {
    const { date } = vietnamDate(-2);
    const res = await owner.post(`/experiences/${experienceId}/slots`, { date, time: '09:00', capacity: '5' }, `/experiences/${experienceId}?lang=en`);
    expect(res.status).toBe(400);
    expect(res.text).toContain('data-testid="slot-errors"');
    expect(res.text).toContain('id="startsAt-error"');
  });

  it("shows a date's bookings and cancels it after a confirmation page saying how many are refunded", async () => {
    const [{ id: slotId }] = await m.infra.dataSource.query('SELECT id FROM experience_slots WHERE experienceId = ?', [experienceId]);
    const bookings = m.storefront.get(BookingsService, { strict: false });
    const payments = m.storefront.get(PaymentsService, { strict: false });
    const booking = await bookings.book(shopper, { slotId, people: 3, paymentMethod: 'sandbox' }, 'en');
    await payments.completeSandbox(shopper, booking.payment!.id, 'succeeded');

    const slotPage = await owner.get(`/experiences/${experienceId}/slots/${slotId}?lang=en`);
    expect(slotPage.status).toBe(200);
    expect(slotPage.text).toContain('Anna Schmidt');
    expect(slotPage.text).toContain(booking.reference);
    expect(slotPage.text).toContain('confirmed');
    expect(shown(slotPage.text)).not.toMatch(UUID);

    const ask = await owner.post(`/experiences/${experienceId}/slots/${slotId}/cancel`, {}, `/experiences/${experienceId}/slots/${slotId}?lang=en`);
    expect(ask.status).toBe(200);
    expect(ask.text).toContain('1 booking (3 people) will be cancelled and refunded in full, ₫780,000; the shopper is told by e-mail.');
    expect(ask.text).toContain('This cannot be undone.');
    const done = await owner.post(`/experiences/${experienceId}/slots/${slotId}/cancel`, confirmationFields(ask.text), `/experiences/${experienceId}/slots/${slotId}?lang=en`);
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/experiences/${experienceId}?done=slotCancelled`);
    const [b] = await m.infra.dataSource.query('SELECT status, refundedVnd FROM bookings WHERE id = ?', [booking.id]);
    expect(b).toMatchObject({ status: 'refunded' });
    expect(Number(b.refundedVnd)).toBe(780000);
    const again = await owner.get(`/experiences/${experienceId}/slots/${slotId}?lang=en`);
    expect(again.text).toContain('cancelled');
    expect(again.text).not.toContain('data-testid="cancel-slot"');
  });

  it("answers 404 for another vendor's experience and its pages", async () => {
    expect((await owner.get(`/experiences/${otherExperience}?lang=en`)).status).toBe(404);
    const res = await owner.post(`/experiences/${otherExperience}`, { title_vi: 'Chiếm' }, '/experiences?lang=en');
    expect(res.status).toBe(404);
  });

  it('speaks Vietnamese', async () => {
    const page = await owner.get('/experiences?lang=vi');
    expect(page.text).toContain('Trải nghiệm mới');
    expect(page.text).toContain('Lớp làm gốm Bát Tràng');
  });
});
