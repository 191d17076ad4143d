import request from 'supertest';
import type { Actor } from '@ocop/core';
import { ExperiencesService } from '@ocop/experiences';
import { startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';
import { seedSeller } from '../../../test/support/order-fixtures';

describe('storefront: the host of an experience (embedded default)', () => {
  let m: TestMarketplace;
  let experienceId: string;
  const shop = () => request(m.storefront.getHttpServer());

  beforeAll(async () => {
    m = await startTestMarketplace();
    const seller = await seedSeller(m, 'HTX Gốm sứ Bát Tràng');
    const host: Actor = { id: seller.vendor.id, email: 'host@htx.vn', name: 'Lan', roles: ['vendor'], vendorId: seller.vendor.id, vendorRole: 'owner', locale: 'vi' };
    const experiences = m.vendor.get(ExperiencesService, { strict: false });
    experienceId = (await experiences.create(host, { title: { vi: 'Lớp làm gốm', en: 'Pottery class' }, durationMinutes: 120, pricePerPersonVnd: 350000, languages: ['vi', 'en'], maxGroupSize: 8 }))
      .id;
    await experiences.setPublished(host, experienceId, true);
  }, 60_000);
  afterAll(() => m?.close());

  it("names the host cooperative on the experience page in the page's language and in the API answer", async () => {
    const en = await shop().get(`/experiences/${experienceId}?lang=en`);
    expect(en.status).toBe(200);
    expect(en.text).toContain('Hosted by HTX Gốm sứ Bát Tràng · <a href="/villages/');
    expect((await shop().get(`/experiences/${experienceId}?lang=de`)).text).toContain('Veranstaltet von HTX Gốm sứ Bát Tràng');
    expect((await shop().get(`/experiences/${experienceId}?lang=vi`)).text).toContain('Tổ chức bởi HTX Gốm sứ Bát Tràng');
    expect((await shop().get(`/api/experiences/${experienceId}`).expect(200)).body.vendor).toEqual({ name: 'HTX Gốm sứ Bát Tràng' });
  });
});
