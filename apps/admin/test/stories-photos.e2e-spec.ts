import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Story } from '@ocop/villages';
import { startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';
import { Browser, seedSeller } from '../../../test/support/order-fixtures';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(14, 0)]);

describe('admin: story photos are uploaded from the form (embedded default)', () => {
  let m: TestMarketplace;
  let dir: string;
  let admin: Browser;
  let villageId: string;
  let villageSlug: string;
  const stories = () => m.infra.dataSource.getRepository(Story);
  const stored = () => readdirSync(dir).filter((f) => !f.endsWith('~type')).length;

  async function publish(fields: Record<string, string>, files: { data: Buffer; name: string }[], lang = 'en') {
    const token = await admin.token('/stories');
    // The token travels in the form, first, as the browser sends it: never in the address.
    let req = request(m.admin.getHttpServer()).post(`/stories?lang=${lang}`).set('cookie', admin.cookie).field('_csrf', token);
    for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
    for (const f of files) req = req.attach('photos', f.data, f.name);
    return req;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocop-admin-photos-'));
    m = await startTestMarketplace({ env: { STORAGE_DIR: dir } });
    const seller = await seedSeller(m, 'HTX Gốm sứ Bát Tràng');
    villageId = seller.village.id;
    villageSlug = seller.village.slug;
    admin = new Browser(m.admin);
    await admin.login(TEST_ADMIN.email, TEST_ADMIN.password);
  }, 60_000);
  afterAll(async () => {
    await m?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers a file input for several photos instead of addresses', async () => {
    const page = await admin.get('/stories?lang=en');
    expect(page.text).toMatch(/<form class="card" method="post" action="\/stories" enctype="multipart\/form-data" data-testid="publish-story">\s*<input type="hidden" name="_csrf" value="[^"]+">/);
    expect(page.text).not.toContain('_csrf=');
    expect(page.text).toContain('<input id="photos" type="file" name="photos" accept="image/jpeg,image/png,image/webp" multiple');
    expect(page.text).not.toContain('<textarea id="photos"');
  });

  it('refuses a file that is not an image and a story without Vietnamese, naming both, and stores nothing', async () => {
    const res = await publish({ villageId, kind: 'village', title_vi: '', title_en: 'Kilns', body_vi: '' }, [
      { data: PNG, name: 'lo.png' },
      { data: Buffer.from('<svg/>'), name: 've.svg' },
    ]);
    expect(res.status).toBe(400);
    expect(res.text).toContain('ve.svg is not a JPEG, PNG or WebP image.');
    expect(res.text).toContain('Title (Vietnamese): please fill this in.');
    expect(res.text).toContain('Text in Markdown (Vietnamese): please fill this in.');
    expect(res.text).toContain('value="Kilns"');
    // The refused form is shown again at the form's own address: no token in any link of the page.
    expect(res.text).not.toContain('_csrf=');
    expect(await stories().count()).toBe(0);
    expect(stored()).toBe(0);
  });

  it('publishes a story with its uploaded photos, shown on the village page and served by the storefront', async () => {
    const res = await publish({ villageId, kind: 'village', title_vi: 'Những lò gốm cổ', body_vi: 'Lò bầu, lò đàn.' }, [
      { data: PNG, name: 'lo.png' },
      { data: WEBP, name: 'lo-bau.webp' },
    ]);
    expect(res.status).toBe(303);
    const [row] = await stories().find();
    expect(row.status).toBe('published');
    expect(row.photos.join(' ')).toMatch(/^\/media\/[0-9a-f]{32}\.png \/media\/[0-9a-f]{32}\.webp$/);
    const village = await request(m.storefront.getHttpServer()).get(`/villages/${villageSlug}?lang=vi`);
    expect(village.text).toContain(`<img src="${row.photos[0]}" alt="Những lò gốm cổ"`);
    const webp = await request(m.storefront.getHttpServer()).get(row.photos[1]);
    expect(webp.status).toBe(200);
    expect(webp.headers['content-type']).toBe('image/webp');
  });

  it('serves the photos on the admin app to admins only', async () => {
    const [row] = await stories().find();
    expect((await request(m.admin.getHttpServer()).get(row.photos[0]).set('cookie', admin.cookie)).status).toBe(200);
    const anonymous = await request(m.admin.getHttpServer()).get(row.photos[0]);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login/);
  });
});
