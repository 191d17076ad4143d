import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { StoriesService, Story } from '@ocop/villages';
import { startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';
import { Browser, confirmationFields, makeOwner, registerPerson, seedSeller } from '../../../test/support/order-fixtures';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF'), Buffer.alloc(64, 1), Buffer.from([0xff, 0xd9])]);
const PASSWORD = 'Gom-Bat-Trang-2026';

type Seller = Awaited<ReturnType<typeof seedSeller>>;

describe('vendor story pages with photo uploads (embedded default)', () => {
  let m: TestMarketplace;
  let dir: string;
  let a: Seller;
  let b: Seller;
  let owner: Browser;
  let admin: Browser;
  let adminAuth: { authorization: string };
  let vendorAuth: { authorization: string };
  const shop = () => request(m.storefront.getHttpServer());
  const stories = () => m.infra.dataSource.getRepository(Story);
  const stored = () => readdirSync(dir).filter((f) => !f.endsWith('~type')).length;

  /**
   * Posts the story form as a browser does: multipart, the CSRF token as its first field (never in
   * the address), text fields, then the chosen files.
   */
  async function postStory(path: string, fields: Record<string, string | string[]>, files: { data: Buffer; name: string }[] = [], lang = 'en', token?: string) {
    const _csrf = token ?? (await owner.token(path === '/stories' ? '/stories/new' : path));
    let req = request(m.vendor.getHttpServer()).post(`${path}?lang=${lang}`).set('cookie', owner.cookie).field('_csrf', _csrf);
    for (const [name, value] of Object.entries(fields)) for (const v of ([] as string[]).concat(value)) req = req.field(name, v);
    for (const f of files) req = req.attach('photos', f.data, f.name);
    return req;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocop-story-photos-'));
    m = await startTestMarketplace({ env: { STORAGE_DIR: dir } });
    a = await seedSeller(m, 'HTX Gốm sứ Bát Tràng');
    b = await seedSeller(m, 'HTX Lụa Vạn Phúc');
    const lan = await registerPerson(m, 'lan@htx.example.vn', 'Lan', PASSWORD);
    await makeOwner(m, lan, a.vendor.id);
    owner = new Browser(m.vendor);
    await owner.login('lan@htx.example.vn', PASSWORD);
    admin = new Browser(m.admin);
    await admin.login(TEST_ADMIN.email, TEST_ADMIN.password);
    adminAuth = { authorization: `Bearer ${await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password)}` };
    vendorAuth = { authorization: `Bearer ${await m.token(m.vendor, 'lan@htx.example.vn', PASSWORD)}` };
  }, 60_000);
  afterAll(async () => {
    await m?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('links the stories from the menu; the list starts empty', async () => {
    const home = await owner.get('/?lang=en');
    expect(home.text).toContain('<a href="/stories">Stories</a>');
    const list = await owner.get('/stories?lang=en');
    expect(list.status).toBe(200);
    expect(list.text).toContain('data-testid="no-stories"');
    expect(list.text).toContain('<a class="button" href="/stories/new"');
  });

  it("offers a form with four languages, the vendor's village chosen, its own products by name and several photos at once", async () => {
    const form = await owner.get('/stories/new?lang=en');
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/<form class="card" method="post" action="\/stories" enctype="multipart\/form-data" data-testid="story-form">\s*<input type="hidden" name="_csrf" value="[^"]+">/);
    expect(form.text).not.toContain('_csrf=');
    for (const name of ['title_vi', 'title_en', 'title_de', 'title_id', 'body_vi', 'body_en', 'body_de', 'body_id']) expect(form.text).toContain(`name="${name}"`);
    expect(form.text).toContain(`<option value="${a.village.id}" selected>`);
    expect(form.text).toContain(`<input type="checkbox" name="productIds" value="${a.products[0].id}" > ${a.products[0].title.vi}</label>`);
    expect(form.text).not.toContain(b.products[0].id);
    expect(form.text).toContain('<input id="photos" type="file" name="photos" accept="image/jpeg,image/png,image/webp" multiple');
    expect(form.text).toContain('Title (Vietnamese, required)');
  });

  it('refuses a story without a Vietnamese title, a file that is no image and a product of another vendor, naming each, and writes nothing', async () => {
    const before = { rows: await stories().count(), files: stored() };
    const res = await postStory('/stories', { villageId: a.village.id, kind: 'village', title_vi: '', body_vi: 'Chuyện lò.', productIds: [b.products[0].id] }, [
      { data: PNG, name: 'lo-gom.png' },
      { data: Buffer.from('not a picture'), name: 'notes.txt' },
    ]);
    expect(res.status).toBe(400);
    expect(res.text).toContain('Title (Vietnamese, required): please fill this in.');
    expect(res.text).toContain('notes.txt is not a JPEG, PNG or WebP image.');
    expect(res.text).toContain('Products the story tells about: the chosen entry does not exist or is not yours.');
    expect(res.text).toContain('data-testid="choose-again"');
    expect(res.text).toContain('>Chuyện lò.</textarea>');
    expect({ rows: await stories().count(), files: stored() }).toEqual(before);

    const vi = await postStory(
      '/stories',
      { villageId: a.village.id, title_vi: 'Lò gốm', body_vi: 'x' },
      [
        { data: Buffer.alloc(0), name: '' },
        { data: Buffer.from('GIF89a'), name: 'anh.gif' },
      ],
      'vi',
    );
    expect(vi.status).toBe(400);
    expect(vi.text).toContain('anh.gif: không phải ảnh JPEG, PNG hoặc WebP.');
    expect({ rows: await stories().count(), files: stored() }).toEqual(before);
  });

  let storyId = '';
  let photos: string[] = [];

  it('keeps the CSRF token out of every address: a refused form is shown again on its POST, and a wrong or missing token in the form is refused with 403', async () => {
    const count = await stories().count();
    const refused = await postStory('/stories', { villageId: a.village.id, title_vi: '', body_vi: 'Chuyện.' }, [{ data: PNG, name: 'lo.png' }]);
    expect(refused.status).toBe(400);
    expect(refused.headers.location).toBeUndefined();
    expect(refused.text).not.toContain('_csrf=');
    expect(refused.text).toContain('data-testid="choose-again"');
    const forged = await postStory('/stories', { villageId: a.village.id, title_vi: 'Lò', body_vi: 'Chuyện.' }, [{ data: PNG, name: 'lo.png' }], 'en', 'forged-token');
    expect(forged.status).toBe(403);
    const none = await request(m.vendor.getHttpServer()).post('/stories?lang=en').set('cookie', owner.cookie).field('villageId', a.village.id).field('title_vi', 'Lò').field('body_vi', 'Chuyện.');
    expect(none.status).toBe(403);
    expect(await stories().count()).toBe(count);
  });

  it('submits a story with two photos uploaded at once; it waits for approval and its photos are served', async () => {
    const res = await postStory(
      '/stories',
      {
        villageId: a.village.id,
        kind: 'artisan',
        title_vi: 'Nghệ nhân Lan và lò gốm',
        title_en: 'Lan and her kiln',
        body_vi: 'Bà Lan nặn **gốm** từ năm 1980.',
        body_en: 'Lan has thrown pots since 1980.',
        productIds: [a.products[0].id],
      },
      [
        { data: PNG, name: 'lo-gom.png' },
        { data: JPEG, name: 'ba-lan.jpg' },
      ],
    );
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/stories?done=submitted');
    const [row] = await stories().findBy({ vendorId: a.vendor.id });
    expect(row).toMatchObject({ status: 'pending', kind: 'artisan', villageId: a.village.id, productIds: [a.products[0].id], title: { vi: 'Nghệ nhân Lan và lò gốm', en: 'Lan and her kiln' } });
    expect(row.photos).toHaveLength(2);
    expect(row.photos.join(' ')).toMatch(/^\/media\/[0-9a-f]{32}\.png \/media\/[0-9a-f]{32}\.jpg$/);
    storyId = row.id;
    photos = row.photos;
    expect(stored()).toBe(2);

    const list = await owner.get('/stories?done=submitted&lang=en');
    expect(list.text).toContain('Story sent. An administrator will read it before it is published.');
    expect(list.text).toContain('<strong data-testid="story-state">waiting for approval</strong>');
    expect(list.text).toContain(`<img src="${photos[0]}" alt="Photo 1 of “Lan and her kiln”"`);
    const de = await owner.get('/stories?lang=de');
    expect(de.text).toContain('<strong data-testid="story-state">wartet auf Freigabe</strong>');

    for (const app of [m.vendor, m.storefront]) {
      const png = await request(app.getHttpServer()).get(photos[0]);
      expect(png.status).toBe(200);
      expect(png.headers['content-type']).toBe('image/png');
      expect(Buffer.compare(png.body as Buffer, PNG)).toBe(0);
    }
    expect((await request(m.storefront.getHttpServer()).get(photos[1])).headers['content-type']).toBe('image/jpeg');

    // Not published yet: the village page does not show it.
    const village = await shop().get(`/villages/${a.village.slug}?lang=en`);
    expect(village.text).not.toContain('Lan and her kiln');
  });

  it('shows a pending story without a form; nobody else can open it', async () => {
    const page = await owner.get(`/stories/${storyId}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('The story is waiting for an administrator, so it cannot be changed now.');
    expect(page.text).not.toContain('data-testid="story-form"');
    expect(page.text).toContain(`<img src="${photos[1]}" alt="Photo 2 of “Lan and her kiln”"`);
    const change = await postStory(`/stories/${storyId}`, { villageId: a.village.id, title_vi: 'Khác', body_vi: 'Khác' });
    expect(change.status).toBe(409);
    expect(change.text).toContain('Only a rejected story can be changed.');
    expect((await stories().findOneByOrFail({ id: storyId })).title.vi).toBe('Nghệ nhân Lan và lò gốm');

    const hostB = { id: b.vendor.id, email: 'b@htx.vn', name: 'B', roles: ['vendor' as const], vendorId: b.vendor.id, vendorRole: 'owner' as const, locale: 'vi' as const };
    await expect(m.vendor.get(StoriesService, { strict: false }).getOwn(hostB, storyId)).rejects.toMatchObject({ status: 404 });
    expect((await request(m.vendor.getHttpServer()).get(`/api/vendor/stories/${storyId}`).set(vendorAuth)).body).toMatchObject({ id: storyId, status: 'pending' });
  });

  it('is published when an admin approves it, and then shows on the village page and its own page with the photos', async () => {
    const review = await admin.get('/stories?lang=en');
    expect(review.text).toContain(`<img src="${photos[0]}" alt="Photo 1 of “Lan and her kiln”"`);
    // The admin app serves the photos to its admins, so a story is reviewed with its pictures.
    const adminPhoto = await request(m.admin.getHttpServer()).get(photos[0]).set('cookie', admin.cookie);
    expect(adminPhoto.status).toBe(200);
    expect(adminPhoto.headers['content-type']).toBe('image/png');
    const confirm = await admin.post(`/stories/${storyId}/approve?lang=en`, { note: '' }, '/stories');
    expect(confirm.status).toBe(200);
    const done = await admin.post(`/stories/${storyId}/approve`, confirmationFields(confirm.text), '/stories');
    expect(done.status).toBe(303);

    const village = await shop().get(`/villages/${a.village.slug}?lang=en`);
    const card = village.text.slice(village.text.indexOf('data-testid="story-card"'));
    expect(card.slice(0, card.indexOf('</li>'))).toContain(`<img src="${photos[0]}" alt="Lan and her kiln"`);
    const row = await stories().findOneByOrFail({ id: storyId });
    const page = await shop().get(`/stories/${row.slug}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<img src="${photos[0]}" alt="Lan and her kiln"`);
    expect(page.text).toContain(`<img src="${photos[1]}" alt="Lan and her kiln, picture 2"`);
    expect(page.text).toContain('<p>Lan has thrown pots since 1980.</p>');
    expect((await shop().get(`/stories/${row.slug}?lang=vi`)).text).toContain('<strong>gốm</strong>');

    const list = await owner.get('/stories?lang=en');
    expect(list.text).toContain('<strong data-testid="story-state">published</strong>');
    expect(list.text).toContain(`/stories/${row.slug}" data-testid="shop-link"`);
  });

  it('lets a rejected story be changed and sent again: photos removed and added, the note cleared', async () => {
    const res = await postStory('/stories', { villageId: a.village.id, title_vi: 'Lò bầu', body_vi: 'Chuyện lò bầu.' }, [
      { data: PNG, name: 'a.png' },
      { data: PNG, name: 'b.png' },
    ]);
    expect(res.status).toBe(303);
    const row = (await stories().findBy({ vendorId: a.vendor.id })).find((s) => s.title.vi === 'Lò bầu')!;
    await request(m.admin.getHttpServer()).post(`/api/admin/stories/${row.id}/reject`).set(adminAuth).send({ note: 'Thêm ảnh lò và bản tiếng Anh' }).expect(201);

    const list = await owner.get('/stories?lang=en');
    expect(list.text).toContain('<strong data-testid="story-state">rejected</strong>');
    expect(list.text).toContain('Administrator&#x27;s note: Thêm ảnh lò và bản tiếng Anh');
    expect(list.text).toContain(`<a href="/stories/${row.id}" data-testid="edit-again">Change and send again</a>`);

    const form = await owner.get(`/stories/${row.id}?lang=en`);
    expect(form.text).toContain('data-testid="story-form"');
    expect(form.text).toContain('value="Lò bầu"');
    expect(form.text).toContain(`<input type="checkbox" name="removePhotos" value="${row.photos[0]}" >`);

    const again = await postStory(`/stories/${row.id}`, { villageId: a.village.id, title_vi: 'Lò bầu', title_en: 'The climbing kiln', body_vi: 'Chuyện lò bầu.', removePhotos: row.photos[0] }, [
      { data: JPEG, name: 'lo-bau.jpg' },
    ]);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe('/stories?done=resubmitted');
    const after = await stories().findOneByOrFail({ id: row.id });
    expect(after).toMatchObject({ status: 'pending', reviewNote: null, title: { vi: 'Lò bầu', en: 'The climbing kiln' } });
    expect(after.photos).toHaveLength(2);
    expect(after.photos[0]).toBe(row.photos[1]);
    expect(after.photos[1]).toMatch(/^\/media\/[0-9a-f]{32}\.jpg$/);
  });

  it('refuses by API a story naming another vendor’s product, or without Vietnamese, with a 400 naming the field', async () => {
    const api = () => request(m.vendor.getHttpServer());
    const other = await api()
      .post('/api/vendor/stories')
      .set(vendorAuth)
      .send({ villageId: a.village.id, title: { vi: 'Lụa' }, body: { vi: 'Lụa.' }, productIds: [b.products[0].id] });
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([{ field: 'productIds', message: 'no product has this id' }]);
    const english = await api()
      .post('/api/vendor/stories')
      .set(vendorAuth)
      .send({ villageId: a.village.id, title: { en: 'Only English' }, body: { vi: 'x' } });
    expect(english.status).toBe(400);
    expect(english.body.errors).toEqual([{ field: 'title.vi', message: 'must not be empty' }]);
    const pending = (await stories().findBy({ vendorId: a.vendor.id })).find((s) => s.status === 'pending')!;
    const put = await api()
      .put(`/api/vendor/stories/${pending.id}`)
      .set(vendorAuth)
      .send({ villageId: a.village.id, title: { vi: 'Khác' }, body: { vi: 'Khác' } });
    expect(put.status).toBe(409);
    expect(put.body).toMatchObject({ statusCode: 409, reason: 'story_not_rejected' });
    expect(stored()).toBe(5);

    // A story refused after its photos were stored (an unknown village) leaves none of them behind.
    const lan = { id: a.vendor.id, email: 'lan@htx.example.vn', name: 'Lan', roles: ['vendor' as const], vendorId: a.vendor.id, vendorRole: 'owner' as const, locale: 'vi' as const };
    const service = m.vendor.get(StoriesService, { strict: false });
    await expect(service.submit(lan, { villageId: '00000000-0000-4000-8000-000000000000', title: { vi: 'Lạc' }, body: { vi: 'Lạc.' } }, [PNG, JPEG])).rejects.toMatchObject({ field: 'villageId' });
    await expect(service.submit(lan, { villageId: a.village.id, title: { vi: 'Lạc' }, body: { vi: 'Lạc.' } }, [PNG, Buffer.from('GIF89a')])).rejects.toMatchObject({ field: 'photos' });
    expect(stored()).toBe(5);
    expect(JSON.stringify((await api().get('/api/vendor/stories').set(vendorAuth)).body)).toMatch(/"photos":\["\/media\/[0-9a-f]{32}\.png"/);
  });
});
