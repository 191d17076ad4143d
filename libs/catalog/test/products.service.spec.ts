import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { Certificate } from '@ocop/certification';
import { FakeClock, loadConfig, type Actor } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { LocalDiskStorage } from '@ocop/storage';
import { describeMysql, openTestDatabase } from '@ocop/testing';
import { ListingChange } from '../src/listing-change.entity';
import { ListingService } from '../src/listing.service';
import { Product } from '../src/product.entity';
import { ProductsService } from '../src/products.service';
import { insertProducts, productRow, seedVendorWithCertificate } from '@ocop/testing';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function productsSuite(dialect: 'sqlite' | 'mysql') {
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  let dir: string;
  let tx: Transactions;
  let storage: LocalDiskStorage;
  let products: ProductsService;
  const clock = new FakeClock(new Date('2026-06-01T00:00:00Z'));

  beforeEach(async () => {
    ({ dataSource: ds, cleanup } = await openTestDatabase(dialect));
    dir = mkdtempSync(join(tmpdir(), 'ocop-products-'));
    tx = new Transactions(ds);
    storage = new LocalDiskStorage(dir);
    const listing = new ListingService(tx, clock);
    products = new ProductsService(tx, clock, loadConfig({ NODE_ENV: 'test', STOREFRONT_URL: 'https://cho-ocop.example.vn' }), storage, listing);
  });
  afterEach(async () => {
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const member = (vendorId: string | null): Actor => ({
    id: randomUUID(),
    email: 'lan@example.vn',
    name: 'Lan',
    roles: vendorId ? ['vendor'] : ['shopper'],
    vendorId,
    vendorRole: vendorId ? 'owner' : null,
    locale: 'vi',
  });
  const seed = (opts: Parameters<typeof seedVendorWithCertificate>[1] = {}) => tx.run((em) => seedVendorWithCertificate(em, { products: 0, ...opts }));
  const input = (certificateId: string) => ({ certificateId, title: { vi: 'Bình gốm men lam', en: 'Blue-glazed vase' }, productGroup: 'handicrafts' as const, priceVnd: 350000, stock: 12 });

  it("creates a draft with a trace code, an ASCII slug and the vendor's village", async () => {
    const s = await seed();
    const p = await products.create(member(s.vendor.id), { ...input(s.cert.id), gtin: '8938000000015', traceability: { brand: ' Gốm Lan ', shelfLife: '' } });
    expect(p).toMatchObject({ state: 'draft', vendorId: s.vendor.id, villageId: s.village.id, gtin: '8938000000015', traceability: { brand: 'Gốm Lan' }, sellable: false, reason: 'not_published' });
    expect(p.slug).toMatch(/^binh-gom-men-lam-[a-z2-9]{5}$/);
    expect(p.traceCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(p.verifyUrl).toBe(`https://cho-ocop.example.vn/verify/${p.traceCode}`);
    expect(p.certificate).toMatchObject({ id: s.cert.id, stars: 4, publicStatus: 'active' });
    const again = await products.create(member(s.vendor.id), input(s.cert.id));
    expect(again.slug).not.toBe(p.slug);
    expect(again.traceCode).not.toBe(p.traceCode);
    expect(await ds.getRepository(Product).count()).toBe(2);
  });

  it('refuses a caller without a vendor, an unknown certificate or village, and a bad check digit', async () => {
    const s = await seed();
    await expect(products.create(member(null), input(s.cert.id))).rejects.toMatchObject({ status: 403 });
    await expect(products.create(member(s.vendor.id), input(randomUUID()))).rejects.toMatchObject({ status: 404, message: 'No such certificate', details: { errors: [{ field: 'certificateId' }] } });
    await expect(products.create(member(s.vendor.id), { ...input(s.cert.id), villageId: randomUUID() })).rejects.toMatchObject({ field: 'villageId' });
    await expect(products.create(member(s.vendor.id), { ...input(s.cert.id), gtin: '8938000000016' })).rejects.toMatchObject({ field: 'gtin' });
    expect(await ds.getRepository(Product).count()).toBe(0);
  });

  it("refuses another vendor's certificate with 404 when creating and editing, exactly as an unknown one", async () => {
    const mine = await seed();
    const theirs = await seed();
    const me = member(mine.vendor.id);
    const refusal = { status: 404, message: 'No such certificate', details: { errors: [{ field: 'certificateId', message: 'no certificate of your vendor has this id' }] } };
    await expect(products.create(me, input(theirs.cert.id))).rejects.toMatchObject(refusal);
    await expect(products.create(me, input(randomUUID()))).rejects.toMatchObject(refusal);
    expect(await ds.getRepository(Product).count()).toBe(0);

    const draft = await products.create(me, input(mine.cert.id));
    await expect(products.update(me, draft.id, { certificateId: theirs.cert.id })).rejects.toMatchObject(refusal);
    const listed = await products.create(me, input(mine.cert.id));
    await products.publish(me, listed.id);
    await expect(products.update(me, listed.id, { certificateId: theirs.cert.id })).rejects.toMatchObject(refusal);
    const rows = await ds.getRepository(Product).find();
    expect(rows.map((p) => p.certificateId)).toEqual([mine.cert.id, mine.cert.id]);
  });

  it("shows nothing of another vendor's certificate on a product saved under one before, and it cannot be published", async () => {
    const mine = await seed();
    const theirs = await seed();
    const me = member(mine.vendor.id);
    const [old] = [productRow({ vendorId: mine.vendor.id, villageId: mine.village.id }, theirs.cert.id, 1, 'draft')];
    await tx.run((em) => insertProducts(em, [old]));
    const p = await products.get(me, old.id);
    expect(p).toMatchObject({ certificateId: theirs.cert.id, certificate: null, sellable: false, reason: 'certificate_not_vendors' });
    expect(JSON.stringify(p)).not.toContain(theirs.cert.decisionNo);
    expect((await products.list(me)).items[0].certificate).toBeNull();
    await expect(products.publish(me, p.id)).rejects.toMatchObject({ status: 409, details: { reason: 'certificate_not_vendors' } });
    expect(await products.update(me, p.id, { certificateId: mine.cert.id })).toMatchObject({ certificateId: mine.cert.id, certificate: { id: mine.cert.id }, reason: 'not_published' });
  });

  it('publishes and unpublishes through the listing service, with audit rows', async () => {
    const s = await seed();
    const me = member(s.vendor.id);
    const p = await products.create(me, input(s.cert.id));
    expect(await products.publish(me, p.id)).toMatchObject({ state: 'listed', sellable: true, reason: null });
    clock.advance(1000);
    expect(await products.unpublish(me, p.id)).toMatchObject({ state: 'delisted', delistReason: 'vendor', sellable: false, reason: 'delisted' });
    const history = await products.history(me, p.id);
    expect(history.items.map((h) => h.reason)).toEqual(['vendor', 'published']);
    expect(await ds.getRepository(ListingChange).countBy({ productId: p.id })).toBe(2);
  });

  it("hides another vendor's products behind 404, for reads and writes", async () => {
    const mine = await seed();
    const theirs = await seed();
    const p = await products.create(member(theirs.vendor.id), input(theirs.cert.id));
    const me = member(mine.vendor.id);
    await expect(products.get(me, p.id)).rejects.toMatchObject({ status: 404 });
    await expect(products.update(me, p.id, { stock: 1 })).rejects.toMatchObject({ status: 404 });
    await expect(products.publish(me, p.id)).rejects.toMatchObject({ status: 404 });
    await expect(products.addImages(me, p.id, [PNG])).rejects.toMatchObject({ status: 404 });
    await expect(products.qrLabel(me, p.id, 'png')).rejects.toMatchObject({ status: 404 });
    expect((await products.list(me)).total).toBe(0);
    expect((await ds.getRepository(Product).findOneByOrFail({ id: p.id })).stock).toBe(12);
  });

  it('merges titles per language, clears optional fields and keeps slug and trace code', async () => {
    const s = await seed();
    const me = member(s.vendor.id);
    const p = await products.create(me, { ...input(s.cert.id), gtin: '8938000000015', weightGrams: 900 });
    const u = await products.update(me, p.id, { title: { en: '', de: 'Blaue Vase' }, gtin: null, weightGrams: null, stock: 0, priceVnd: 420000 });
    expect(u).toMatchObject({ title: { vi: 'Bình gốm men lam', de: 'Blaue Vase' }, gtin: null, weightGrams: null, stock: 0, priceVnd: 420000, slug: p.slug, traceCode: p.traceCode });
    expect(u.title.en).toBeUndefined();
    await expect(products.update(me, p.id, { priceVnd: 0 })).rejects.toMatchObject({ field: 'priceVnd' });
  });

  it('refuses to move a listed product to a certificate that would stop it selling, but lets a draft move', async () => {
    const s = await seed();
    const me = member(s.vendor.id);
    const expired = Object.assign(new Certificate(), { ...s.cert, id: randomUUID(), productName: 'Bình cũ', expiresAt: new Date('2026-05-01T00:00:00Z') });
    await tx.run((em) => em.insert(Certificate, expired));
    const listed = await products.create(me, input(s.cert.id));
    await products.publish(me, listed.id);
    await expect(products.update(me, listed.id, { certificateId: expired.id })).rejects.toMatchObject({ status: 409, details: { reason: 'certificate_expired' } });
    expect((await ds.getRepository(Product).findOneByOrFail({ id: listed.id })).certificateId).toBe(s.cert.id);
    const draft = await products.create(me, input(s.cert.id));
    expect(await products.update(me, draft.id, { certificateId: expired.id })).toMatchObject({ certificateId: expired.id, reason: 'certificate_expired' });
    await expect(products.update(me, draft.id, { certificateId: randomUUID() })).rejects.toMatchObject({ status: 404, details: { errors: [{ field: 'certificateId' }] } });
  });

  it('stores uploaded images under random keys and appends them; a bad file stores nothing', async () => {
    const s = await seed();
    const me = member(s.vendor.id);
    const p = await products.create(me, { ...input(s.cert.id), images: ['https://cdn.example.vn/a.jpg'] });
    const u = await products.addImages(me, p.id, [PNG, PNG]);
    expect(u.images).toHaveLength(3);
    expect(u.images[0]).toBe('https://cdn.example.vn/a.jpg');
    const key = u.images[1].replace('/media/', '');
    expect(key).toMatch(/^[0-9a-f]{32}\.png$/);
    expect((await storage.get(key))!.contentType).toBe('image/png');
    await expect(products.addImages(me, p.id, [PNG, Buffer.from('just text, named photo.png')])).rejects.toMatchObject({ field: 'file' });
    expect((await products.get(me, p.id)).images).toHaveLength(3);
    await expect(products.addImages(me, p.id, [])).rejects.toMatchObject({ field: 'file' });
  });

  it('refuses images past twenty and removes the files it stored for them', async () => {
    const s = await seed();
    const me = member(s.vendor.id);
    const p = await products.create(me, { ...input(s.cert.id), images: Array.from({ length: 19 }, (_, i) => `https://cdn.example.vn/${i}.jpg`) });
    await expect(products.addImages(me, p.id, [PNG, PNG])).rejects.toMatchObject({ field: 'images' });
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir).filter((f) => !f.startsWith('.'))).toEqual([]);
  });

  it("lists the vendor's certificates and renders QR labels of the verification URL", async () => {
    const s = await seed();
    const me = member(s.vendor.id);
    expect((await products.certificates(me)).map((c) => [c.id, c.publicStatus])).toEqual([[s.cert.id, 'active']]);
    const p = await products.create(me, input(s.cert.id));
    const png = await products.qrLabel(me, p.id, 'png');
    expect(png.contentType).toBe('image/png');
    expect((png.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
    const svg = await products.qrLabel(me, p.id, 'svg');
    expect(svg.body).toContain(`>${p.traceCode}</text>`);
  });
}

describe('ProductsService on SQLite', () => productsSuite('sqlite'));
describeMysql('ProductsService', () => productsSuite('mysql'));
