import type { Actor } from '@ocop/core';
import { ExperiencesService } from '@ocop/experiences';
import { startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';
import { Browser, makeOwner, registerPerson, seedSeller } from '../../../test/support/order-fixtures';
import { untranslatedOn } from '../../../test/support/untranslated';

const PASSWORD = 'Gom-Bat-Trang-2026';

describe('vendor experience and story pages in German and Indonesian show no English label (embedded default)', () => {
  let m: TestMarketplace;
  let owner: Browser;
  let experienceId: string;
  let slotId: string;

  beforeAll(async () => {
    m = await startTestMarketplace();
    const seller = await seedSeller(m, 'HTX Gốm sứ Bát Tràng');
    const lan = await registerPerson(m, 'lan@htx.example.vn', 'Lan', PASSWORD);
    await makeOwner(m, lan, seller.vendor.id);
    const host: Actor = { ...lan, roles: ['shopper', 'vendor'], vendorId: seller.vendor.id, vendorRole: 'owner' };
    const experiences = m.vendor.get(ExperiencesService, { strict: false });
    experienceId = (
      await experiences.create(host, {
        title: { vi: 'Lớp làm gốm', de: 'Töpferkurs', id: 'Kelas tembikar' },
        description: { vi: 'Vuốt gốm trên bàn xoay.' },
        durationMinutes: 120,
        pricePerPersonVnd: 350000,
        languages: ['vi', 'de'],
        maxGroupSize: 8,
      })
    ).id;
    slotId = (await experiences.addSlot(host, experienceId, { startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), capacity: 8 })).id;
    owner = new Browser(m.vendor);
    await owner.login('lan@htx.example.vn', PASSWORD);
  }, 60_000);
  afterAll(() => m?.close());

  /** Every page of the experience and story areas in `lang`: lists, forms, a date, a refused form and a confirmation. */
  async function pagesIn(lang: string): Promise<[string, string][]> {
    const out: [string, string][] = [];
    for (const path of ['/experiences', '/experiences/new', `/experiences/${experienceId}`, `/experiences/${experienceId}/slots/${slotId}`, '/stories', '/stories/new']) {
      const res = await owner.get(`${path}?lang=${lang}`);
      expect(res.status).toBe(200);
      out.push([path, res.text]);
    }
    const refused = await owner.post(
      `/experiences?lang=${lang}`,
      { title_vi: '', durationMinutes: 'lâu', pricePerPersonVnd: '-1', languages: '', meetingPoint: '', maxGroupSize: '0' },
      '/experiences/new',
    );
    expect(refused.status).toBe(400);
    out.push(['POST /experiences', refused.text]);
    const slotRefused = await owner.post(`/experiences/${experienceId}/slots?lang=${lang}`, { date: '2020-01-01', time: '09:00', capacity: '4' }, `/experiences/${experienceId}`);
    expect(slotRefused.status).toBe(400);
    out.push(['POST /experiences/:id/slots', slotRefused.text]);
    const confirm = await owner.post(`/experiences/${experienceId}/slots/${slotId}/cancel?lang=${lang}`, {}, `/experiences/${experienceId}`);
    expect(confirm.status).toBe(200);
    out.push(['POST /experiences/:id/slots/:slotId/cancel', confirm.text]);
    const story = await owner.post(`/stories?lang=${lang}`, { title_vi: '', body_vi: '' }, '/stories/new');
    expect(story.status).toBe(400);
    out.push(['POST /stories', story.text]);
    return out;
  }

  for (const lang of ['de', 'id'] as const) {
    it(`finds no English label on the ${lang} pages`, async () => {
      const found = (await pagesIn(lang)).flatMap(([path, html]) => untranslatedOn(path, html, lang));
      expect(found).toEqual([]);
    });
  }

  it('would find the English labels of the same pages in English (the check sees what it should)', async () => {
    const found = (await pagesIn('en')).flatMap(([path, html]) => untranslatedOn(path, html, 'de'));
    expect(found.length).toBeGreaterThan(20);
    expect(found).toContain('/experiences/new: "Price per person (VND)" (vendorExperiences.price)');
    expect(found.some((f) => f.startsWith('/stories/new: "Send for approval"'))).toBe(true);
  });
});
