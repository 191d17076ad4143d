import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { FakeClock, ForbiddenError, NotFoundError, ValidationError, type Actor } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { openTestDatabase } from '@ocop/testing';
import { Village, VillagesService } from '@ocop/villages';

const admin: Actor = { id: randomUUID(), email: 'admin@test.ocop.vn', name: 'Admin', roles: ['admin'], vendorId: null, vendorRole: null, locale: 'vi' };
const shopper: Actor = { ...admin, id: randomUUID(), email: 'lan@example.vn', roles: ['shopper'] };

describe('VillagesService on SQLite', () => {
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  let villages: VillagesService;
  let clock: FakeClock;

  beforeEach(async () => {
    clock = new FakeClock(new Date('2026-03-10T00:00:00Z'));
    ({ dataSource: ds, cleanup } = await openTestDatabase('sqlite'));
    villages = new VillagesService(new Transactions(ds), clock);
  });
  afterEach(() => cleanup());

  const create = (name: string, extra: Record<string, unknown> = {}) => villages.create(admin, { name, province: 'Hà Nội', craft: 'gốm sứ', ...extra });

  it('creates a village with an ASCII slug from its name and numbers clashing slugs', async () => {
    const a = await create('Bát Tràng', {
      story: { vi: 'Làng gốm bên sông Hồng', en: 'A pottery village on the Red River' },
      networks: ['World Craft Cities'],
      photos: ['/uploads/lo-gom.jpg'],
      latitude: 20.975,
      longitude: 105.912,
    });
    const b = await create('Bát  Tràng');
    const c = await create('bát tràng');
    expect([a.slug, b.slug, c.slug]).toEqual(['bat-trang', 'bat-trang-2', 'bat-trang-3']);
    const row = await ds.getRepository(Village).findOneByOrFail({ id: a.id });
    expect(row).toMatchObject({
      name: 'Bát Tràng',
      province: 'Hà Nội',
      story: { vi: 'Làng gốm bên sông Hồng', en: 'A pottery village on the Red River' },
      networks: ['World Craft Cities'],
      photos: ['/uploads/lo-gom.jpg'],
      latitude: 20.975,
      featured: false,
    });
  });

  it('refuses missing fields naming them, and non-admins', async () => {
    await expect(villages.create(admin, { name: '', province: 'Hà Nội', craft: 'gốm' })).rejects.toMatchObject({ field: 'name' });
    await expect(villages.create(admin, { name: 'Vạn Phúc', province: 'Hà Nội', craft: 'lụa', story: { fr: 'Soie' } as never })).rejects.toMatchObject({ field: 'story.fr' });
    await expect(villages.create(shopper, { name: 'Vạn Phúc', province: 'Hà Nội', craft: 'lụa' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await ds.getRepository(Village).count()).toBe(0);
  });

  it('updates the given fields, merges the story and keeps the slug after a rename', async () => {
    const v = await create('Vạn Phúc', { story: { vi: 'Làng lụa', en: 'Silk village' } });
    const after = await villages.update(admin, v.id, { name: 'Làng lụa Vạn Phúc', story: { en: '', de: 'Seidendorf' } });
    expect(after).toMatchObject({ slug: 'van-phuc', name: 'Làng lụa Vạn Phúc', craft: 'gốm sứ', story: { vi: 'Làng lụa', de: 'Seidendorf' } });
    await expect(villages.update(admin, randomUUID(), { name: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(villages.update(admin, v.id, { latitude: 200 })).rejects.toMatchObject({ field: 'latitude' });
  });

  it('lists villages featured now first by rank, then the others by name, and drops them when the window ends', async () => {
    const vp = await create('Vạn Phúc');
    const bt = await create('Bát Tràng');
    const dh = await create('Đông Hồ');
    await create('Chu Đậu');
    await villages.setFeatured(admin, vp.id, { featured: true, rank: 2 });
    await villages.setFeatured(admin, dh.id, { featured: true, rank: 1, from: '2026-03-01T00:00:00Z', until: '2026-03-15T00:00:00Z' });
    const featured = await villages.setFeatured(admin, bt.id, { featured: true, rank: 3, from: '2026-04-01T00:00:00Z' });
    expect(featured).toMatchObject({ featured: true, featuredRank: 3, featuredNow: false });
    expect((await villages.listForStorefront()).map((v) => `${v.name}:${v.featured}`)).toEqual(['Đông Hồ:true', 'Vạn Phúc:true', 'Bát Tràng:false', 'Chu Đậu:false']);
    clock.set('2026-04-02T00:00:00Z');
    expect((await villages.listForStorefront()).map((v) => v.name)).toEqual(['Vạn Phúc', 'Bát Tràng', 'Chu Đậu', 'Đông Hồ']);
  });

  it('un-features a village, clearing rank and window, and checks rank and window', async () => {
    const v = await create('Phù Lãng');
    await villages.setFeatured(admin, v.id, { featured: true, rank: 1, from: '2026-01-01', until: '2026-12-31' });
    await villages.setFeatured(admin, v.id, { featured: false });
    expect(await ds.getRepository(Village).findOneByOrFail({ id: v.id })).toMatchObject({ featured: false, featuredRank: null, featuredFrom: null, featuredUntil: null });
    await expect(villages.setFeatured(admin, v.id, { featured: true, rank: 0 })).rejects.toMatchObject({ field: 'rank' });
    await expect(villages.setFeatured(admin, v.id, { featured: true, from: '2026-02-01', until: '2026-01-01' })).rejects.toBeInstanceOf(ValidationError);
    await expect(villages.setFeatured(admin, randomUUID(), { featured: true })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('finds a village by slug and answers not found for an unknown one', async () => {
    await create('Bát Tràng', { story: { vi: 'Làng gốm' } });
    expect(await villages.getBySlug('bat-trang')).toMatchObject({ name: 'Bát Tràng', story: { vi: 'Làng gốm' }, networks: [], photos: [], featured: false });
    await expect(villages.getBySlug('khong-co')).rejects.toBeInstanceOf(NotFoundError);
  });
});
