import { In } from 'typeorm';
import { Product } from '@ocop/catalog';
import { Events } from '@ocop/core';
import { DomainEventRecord } from '@ocop/database';
import { Certificate } from '../src/certificate.entity';
import { admin, openRegistry, record, seedMember, seedProducts, seedVendor, shopper, type Registry } from './certification-fixtures';

describe('CertificationService on SQLite', () => {
  let r: Registry;
  beforeEach(async () => {
    r = await openRegistry();
  });
  afterEach(() => r.close());

  const events = async (type: string) => (await r.ds.getRepository(DomainEventRecord).findBy({ type })).map((e) => JSON.parse(e.payload));
  const states = async (ids: string[]) => (await r.ds.getRepository(Product).findBy({ id: In(ids) })).map((p) => `${p.state}:${p.delistReason ?? ''}`).sort();

  it('records a certificate valid 36 months from signing and schedules its expiry job at that instant a day ahead', async () => {
    const v = await r.tx.run((em) => seedVendor(em));
    const c = await r.certification.create(admin, record(v.id, { productName: '  Bình gốm men lam ' }));
    expect(c).toMatchObject({ productName: 'Bình gốm men lam', status: 'active', vendorId: v.id, certificateNo: null, validThrough: '2028-02-29', supersedesId: null });
    expect(c.expiresAt.toISOString()).toBe('2028-02-29T17:00:00.000Z');
    // Years away: nothing queued yet; the hourly scheduler queues it once it is within a day.
    expect(await r.jobs.status(`expire:${c.id}`)).toMatchObject({ state: 'missing' });
    const before = r.clock.now();
    r.clock.set(new Date(c.expiresAt.getTime() - 3 * 3600_000));
    expect(await r.expiry.scheduleUpcoming()).toBeGreaterThanOrEqual(1);
    expect(await r.jobs.status(`expire:${c.id}`)).toMatchObject({ name: 'certification.expire-certificate', state: 'delayed' });
    r.clock.set(before);
    const explicit = await r.certification.create(admin, record(v.id, { productName: 'Lọ hoa', expiresAt: '2027-01-01' }));
    expect(explicit.expiresAt.toISOString()).toBe('2026-12-31T17:00:00.000Z');
  });

  it('refuses a second certificate with the same decision number and product, an unknown vendor and a non-admin', async () => {
    const v = await r.tx.run((em) => seedVendor(em));
    await r.certification.create(admin, record(v.id));
    await expect(r.certification.create(admin, record(v.id, { issuingBody: 'Khác' }))).rejects.toMatchObject({ status: 409, details: { reason: 'duplicate' } });
    await expect(r.certification.create(admin, record('00000000-0000-4000-8000-000000000000', { productName: 'Khác' }))).rejects.toMatchObject({ status: 400, field: 'vendorId' });
    await expect(r.certification.create(admin, record(v.id, { productName: 'Khác', decisionDate: '2099-01-01' }))).rejects.toMatchObject({ field: 'decisionDate' });
    await expect(r.certification.create(shopper, record(v.id, { productName: 'Khác' }))).rejects.toMatchObject({ status: 403 });
    expect(await r.ds.getRepository(Certificate).count()).toBe(1);
  });

  it('revokes in one transaction with the CertificateRevoked outbox row and the delisting of its products', async () => {
    const v = await r.tx.run((em) => seedVendor(em));
    const c = await r.certification.create(admin, record(v.id));
    const products = await r.tx.run((em) => seedProducts(em, v, c.id, 2));
    const revoked = await r.certification.revoke(admin, c.id, { reason: 'Vi phạm an toàn thực phẩm', decisionNo: '55/QĐ-UBND' });
    expect(revoked).toMatchObject({ status: 'revoked', revokeReason: 'Vi phạm an toàn thực phẩm', revokedByDecisionNo: '55/QĐ-UBND', revokedAt: r.clock.now() });
    expect(await events(Events.CertificateRevoked)).toEqual([{ certificateId: c.id, vendorId: v.id, reason: 'Vi phạm an toàn thực phẩm', at: '2026-06-01T03:00:00.000Z' }]);
    expect(await states(products.map((p) => p.id))).toEqual(['delisted:certificate_revoked', 'delisted:certificate_revoked']);
  });

  it('leaves the certificate active and writes no event when a reaction in the revoking transaction fails', async () => {
    const v = await r.tx.run((em) => seedVendor(em));
    const c = await r.certification.create(admin, record(v.id));
    r.events.onInTransaction(Events.CertificateRevoked, async () => {
      throw new Error('catalogue unavailable');
    });
    await expect(r.certification.revoke(admin, c.id, { reason: 'x' })).rejects.toThrow('catalogue unavailable');
    expect(await r.ds.getRepository(Certificate).findOneByOrFail({ id: c.id })).toMatchObject({ status: 'active', revokedAt: null });
    expect(await events(Events.CertificateRevoked)).toEqual([]);
  });

  it('refuses to revoke twice, to revoke a renewed certificate and to revoke without a reason', async () => {
    const v = await r.tx.run((em) => seedVendor(em));
    const c = await r.certification.create(admin, record(v.id));
    await expect(r.certification.revoke(admin, c.id, { reason: ' ' })).rejects.toMatchObject({ field: 'reason' });
    await r.certification.revoke(admin, c.id, { reason: 'first' });
    await expect(r.certification.revoke(admin, c.id, { reason: 'second' })).rejects.toMatchObject({ status: 409, details: { reason: 'already_revoked' } });
    const other = await r.certification.create(admin, record(v.id, { productName: 'Lọ hoa' }));
    await r.certification.renew(admin, other.id, { decisionNo: '99/QĐ-UBND', decisionDate: '2026-05-20', stars: 5 });
    await expect(r.certification.revoke(admin, other.id, { reason: 'x' })).rejects.toMatchObject({ status: 409, details: { reason: 'superseded' } });
    await expect(r.certification.revoke(admin, '00000000-0000-4000-8000-000000000000', { reason: 'x' })).rejects.toMatchObject({ status: 404 });
    expect(await events(Events.CertificateRevoked)).toHaveLength(1);
  });

  it('renews into a new certificate that supersedes the old one, moving its products and relisting what the system took down', async () => {
    const v = await r.tx.run((em) => seedVendor(em));
    const old = await r.certification.create(admin, record(v.id, { certificateNo: 'HN-2025-001' }));
    const [expiredOne] = await r.tx.run((em) => seedProducts(em, v, old.id, 1));
    const [byVendor] = await r.tx.run((em) => seedProducts(em, v, old.id, 1, 'delisted'));
    await r.tx.run((em) => em.update(Product, { id: byVendor.id }, { delistReason: 'vendor' }));
    await r.tx.run((em) => em.update(Product, { id: expiredOne.id }, { state: 'delisted', delistReason: 'certificate_expired' }));
    const fresh = await r.certification.renew(admin, old.id, { decisionNo: '2361/QĐ-UBND', decisionDate: '2026-05-20', stars: 3 });
    expect(fresh).toMatchObject({
      status: 'active',
      stars: 3,
      supersedesId: old.id,
      vendorId: v.id,
      productName: old.productName,
      productGroup: 'handicrafts',
      level: 'provincial',
      issuingBody: old.issuingBody,
      certificateNo: null,
      validThrough: '2029-05-19',
    });
    expect(await r.ds.getRepository(Certificate).findOneByOrFail({ id: old.id })).toMatchObject({ status: 'superseded', supersededById: fresh.id });
    expect(await events(Events.CertificateRenewed)).toEqual([{ oldCertificateId: old.id, newCertificateId: fresh.id, vendorId: v.id, stars: 3, at: '2026-06-01T03:00:00.000Z' }]);
    const moved = await r.ds.getRepository(Product).findBy({ id: In([expiredOne.id, byVendor.id]) });
    expect(moved.map((p) => p.certificateId)).toEqual([fresh.id, fresh.id]);
    expect(await states([expiredOne.id, byVendor.id])).toEqual(['delisted:vendor', 'listed:']);
    expect((await r.certification.get(admin, old.id)).status).toBe('superseded');
    await expect(r.certification.renew(admin, old.id, { decisionNo: '3000/QĐ-UBND', decisionDate: '2026-05-21', stars: 4 })).rejects.toMatchObject({ status: 409, details: { reason: 'superseded' } });
    await expect(r.certification.renew(admin, fresh.id, { decisionNo: '3000/QĐ-UBND', decisionDate: '2024-01-01', stars: 4 })).rejects.toMatchObject({ field: 'decisionDate' });
  });

  it('lists by derived status, vendor, text and nearness of expiry', async () => {
    const [a, b] = await r.tx.run(async (em) => [await seedVendor(em), await seedVendor(em, { name: 'HTX Lụa Vạn Phúc' })]);
    const lapsed = await r.certification.create(admin, record(a.id, { productName: 'Trà sen', decisionDate: '2023-05-01', productGroup: 'beverages' }));
    const soon = await r.certification.create(admin, record(a.id, { productName: 'Miến dong', decisionDate: '2023-07-15', productGroup: 'food' }));
    const silk = await r.certification.create(admin, record(b.id, { decisionNo: '77/QĐ-UBND', productName: 'Khăn lụa tơ tằm' }));
    const gone = await r.certification.create(admin, record(b.id, { decisionNo: '78/QĐ-UBND', productName: 'Áo dài lụa' }));
    await r.certification.revoke(admin, gone.id, { reason: 'x' });
    const ids = (res: { items: { id: string }[] }) => res.items.map((i) => i.id).sort();
    expect(ids(await r.certification.list(admin, { status: 'expired' }))).toEqual([lapsed.id]);
    expect(ids(await r.certification.list(admin, { status: 'active' }))).toEqual([soon.id, silk.id].sort());
    expect(ids(await r.certification.list(admin, { status: 'revoked' }))).toEqual([gone.id]);
    expect(ids(await r.certification.list(admin, { vendorId: b.id }))).toEqual([silk.id, gone.id].sort());
    expect(ids(await r.certification.list(admin, { q: 'lụa' }))).toEqual([silk.id, gone.id].sort());
    expect(ids(await r.certification.list(admin, { q: '77/QĐ' }))).toEqual([silk.id]);
    expect(ids(await r.certification.list(admin, { q: '100%' }))).toEqual([]);
    const expiring = await r.certification.list(admin, { expiringWithinDays: 60 });
    expect(expiring.items.map((i) => [i.id, i.daysUntilExpiry])).toEqual([[soon.id, 44]]);
    expect((await r.certification.list(admin, {})).items[0].vendor).toMatchObject({ name: expect.any(String) });
    await expect(r.certification.list(admin, { status: 'lost' })).rejects.toMatchObject({ field: 'status' });
  });

  it("lists only the caller's vendor's certificates to a vendor member", async () => {
    const [a, b] = await r.tx.run(async (em) => [await seedVendor(em), await seedVendor(em)]);
    const mine = await r.certification.create(admin, record(a.id));
    await r.certification.create(admin, record(b.id, { productName: 'Khác' }));
    const owner = await r.tx.run((em) => seedMember(em, a.id, { email: 'lan@example.vn' }));
    const own = await r.certification.listOwn({ ...shopper, id: owner.id, roles: ['vendor'], vendorId: a.id, vendorRole: 'owner' });
    expect(own.map((c) => c.id)).toEqual([mine.id]);
    await expect(r.certification.listOwn(shopper)).rejects.toMatchObject({ status: 404 });
  });

  it('corrects fields of an active certificate, following the default expiry, but not of a revoked one', async () => {
    const v = await r.tx.run((em) => seedVendor(em));
    const c = await r.certification.create(admin, record(v.id));
    const changed = await r.certification.update(admin, c.id, { stars: 5, decisionDate: '2025-04-01', certificateNo: 'HN-01' });
    expect(changed).toMatchObject({ stars: 5, decisionDate: '2025-04-01', certificateNo: 'HN-01', validThrough: '2028-03-31' });
    const other = await r.certification.create(admin, record(v.id, { productName: 'Lọ hoa' }));
    await expect(r.certification.update(admin, other.id, { productName: 'Bình gốm men lam' })).rejects.toMatchObject({ status: 409, details: { reason: 'duplicate' } });
    await expect(r.certification.update(admin, other.id, { expiresAt: '2020-01-01' })).rejects.toMatchObject({ field: 'expiresAt' });
    await r.certification.revoke(admin, other.id, { reason: 'x' });
    await expect(r.certification.update(admin, other.id, { stars: 3 })).rejects.toMatchObject({ status: 409, details: { reason: 'revoked' } });
  });

  it('records inspections and lists them newest first, filtered by result', async () => {
    const v = await r.tx.run((em) => seedVendor(em));
    const c = await r.certification.create(admin, record(v.id));
    await r.inspections.record(admin, c.id, { inspectedOn: '2026-01-10', body: 'Sở NN&MT Hà Nội', result: 'pass' });
    const failed = await r.inspections.record(admin, c.id, { inspectedOn: '2026-05-30', body: 'Chi cục QLCL', result: 'fail', notes: 'Mẫu không đạt chỉ tiêu chì' });
    expect(failed).toMatchObject({ certificateId: c.id, result: 'fail', recordedBy: admin.id, certificate: { id: c.id, decisionNo: c.decisionNo, status: 'active' } });
    expect((await r.inspections.list(admin)).items.map((i) => i.inspectedOn)).toEqual(['2026-05-30', '2026-01-10']);
    expect((await r.inspections.list(admin, { result: 'fail' })).items.map((i) => i.id)).toEqual([failed.id]);
    await expect(r.inspections.record(admin, c.id, { inspectedOn: '2026-06-02', body: 'x', result: 'pass' })).rejects.toMatchObject({ field: 'inspectedOn' });
    await expect(r.inspections.record(admin, '00000000-0000-4000-8000-000000000000', { inspectedOn: '2026-05-02', body: 'x', result: 'pass' })).rejects.toMatchObject({ status: 404 });
    await expect(r.inspections.list(shopper)).rejects.toMatchObject({ status: 403 });
  });
});
