import { In } from 'typeorm';
import { Product } from '@ocop/catalog';
import { Events, registerDeclaredJobs, type FindProvider } from '@ocop/core';
import { DomainEventRecord } from '@ocop/database';
import { MailMessage } from '@ocop/notifications';
import { Certificate } from '../src/certificate.entity';
import { CertificateExpiryService } from '../src/certificate-expiry.service';
import { CertificateProducts } from '../src/certificate-products.port';
import { CERTIFICATION_WIRING } from '../src/certification.wiring';
import { admin, openRegistry, record, seedMember, seedProducts, seedVendor, until, type Registry } from './certification-fixtures';

const DAY = 86_400_000;

/** The providers a worker would hold: the expiry service and, when given, the catalogue's product counts. */
function provides(expiry: CertificateExpiryService, products?: CertificateProducts): FindProvider {
  return ((cls: unknown) => (cls === CertificateExpiryService ? expiry : cls === CertificateProducts ? products : undefined)) as FindProvider;
}

describe('certificate expiry, reminders and delisting notices (SQLite, in-process jobs, fake clock)', () => {
  let r: Registry;
  beforeEach(async () => {
    r = await openRegistry('2026-06-01T03:00:00Z');
  });
  afterEach(() => r.close());

  const expiredEvents = async () => (await r.ds.getRepository(DomainEventRecord).findBy({ type: Events.CertificateExpired })).map((e) => JSON.parse(e.payload));
  const mails = (template: string) => r.ds.getRepository(MailMessage).find({ where: { template }, order: { to: 'ASC' } });

  it('expires each due certificate once, delisting its products, however often and however concurrently it runs', async () => {
    const v = await r.tx.run((em) => seedVendor(em));
    const c = await r.certification.create(admin, record(v.id, { decisionDate: '2025-01-01', expiresAt: '2026-06-10' }));
    const later = await r.certification.create(admin, record(v.id, { productName: 'Lọ hoa', decisionDate: '2025-01-01', expiresAt: '2026-07-01' }));
    const products = await r.tx.run((em) => seedProducts(em, v, c.id, 3));
    expect(await r.expiry.expireDue()).toBe(0);
    r.clock.set('2026-06-09T17:00:00Z');
    const runs = await Promise.all([r.expiry.expireDue(), r.expiry.expireDue(), r.expiry.expireDue()]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await r.expiry.expireDue()).toBe(0);
    expect(await expiredEvents()).toEqual([{ certificateId: c.id, vendorId: v.id, at: '2026-06-09T17:00:00.000Z' }]);
    expect(await r.ds.getRepository(Certificate).findOneByOrFail({ id: c.id })).toMatchObject({ status: 'active', expiryProcessedAt: r.clock.now() });
    expect(await r.ds.getRepository(Certificate).findOneByOrFail({ id: later.id })).toMatchObject({ expiryProcessedAt: null });
    const rows = await r.ds.getRepository(Product).findBy({ id: In(products.map((p) => p.id)) });
    expect(rows.map((p) => `${p.state}:${p.delistReason}`)).toEqual(Array(3).fill('delisted:certificate_expired'));
    expect((await r.certification.get(admin, c.id)).status).toBe('expired');
  });

  it('runs the delayed expiry job at exactly expiresAt and the start-up sweep for what lapsed while no worker ran', async () => {
    const v = await r.tx.run((em) => seedVendor(em));
    const lapsed = await r.certification.create(admin, record(v.id, { productName: 'Trà sen', decisionDate: '2023-05-01' }));
    const c = await r.certification.create(admin, record(v.id, { decisionDate: '2025-01-01', expiresAt: '2026-06-10T00:00:00+07:00' }));
    await registerDeclaredJobs([CERTIFICATION_WIRING], provides(r.expiry, r.products), r.jobs);
    await r.jobs.startProcessing();
    await until(async () => (await expiredEvents()).length === 1);
    expect((await expiredEvents())[0].certificateId).toBe(lapsed.id);
    r.clock.set(new Date(c.expiresAt.getTime() - 1000));
    await new Promise((res) => setTimeout(res, 100));
    expect(await expiredEvents()).toHaveLength(1);
    r.clock.set(c.expiresAt);
    await until(async () => (await expiredEvents()).length === 2);
    // The delayed job and the minute's sweep may race for it; either way it expires once and the job completes.
    await until(async () => (await r.jobs.status(`expire:${c.id}`)).state === 'completed');
    expect(await expiredEvents()).toHaveLength(2);
  });

  it('reminds owner and staff at 90, 30 and 7 days, once each however often the job runs, and only the tightest when several are due', async () => {
    const v = await r.tx.run((em) => seedVendor(em));
    await r.tx.run(async (em) => {
      await seedMember(em, v.id, { email: 'lan@example.vn', locale: 'vi', name: 'Lan' });
      await seedMember(em, v.id, { email: 'staff@example.vn', role: 'staff', locale: 'en', name: 'Minh' });
    });
    // Recorded 20 days before it lapses: the 30-day reminder is due, the 90-day one is skipped.
    const soon = await r.certification.create(admin, record(v.id, { decisionDate: '2025-01-01', expiresAt: new Date(r.clock.now().getTime() + 20 * DAY).toISOString() }));
    const far = await r.certification.create(admin, record(v.id, { productName: 'Lọ hoa', decisionDate: '2025-01-01', expiresAt: new Date(r.clock.now().getTime() + 100 * DAY).toISOString() }));
    expect(await r.expiry.sendExpiryReminders()).toBe(2);
    expect(await r.expiry.sendExpiryReminders()).toBe(0);
    let sent = await mails('certificate-expiry-reminder');
    expect(sent.map((m) => m.dedupeKey).sort()).toEqual([expect.stringMatching(`^cert-reminder:${soon.id}:30:`), expect.stringMatching(`^cert-reminder:${soon.id}:30:`)]);
    expect(sent.map((m) => [m.to, m.locale, m.subject])).toEqual([
      ['lan@example.vn', 'vi', 'Chứng nhận OCOP của Bình gốm men lam hết hạn sau 20 ngày'],
      ['staff@example.vn', 'en', 'The OCOP certificate of Bình gốm men lam expires in 20 days'],
    ]);
    expect(sent[0].html).toContain(soon.validThrough.split('-').reverse().join('/'));

    r.clock.advance(10 * DAY);
    expect(await r.expiry.sendExpiryReminders()).toBe(2);
    r.clock.advance(4 * DAY);
    await Promise.all([r.expiry.sendExpiryReminders(), r.expiry.sendExpiryReminders()].map((p) => p.catch(() => 0)));
    expect(await r.expiry.sendExpiryReminders()).toBe(0);
    sent = await mails('certificate-expiry-reminder');
    const keys = sent.map((m) => m.dedupeKey!.split(':').slice(1, 3).join(':')).sort();
    expect(keys).toEqual([`${far.id}:90`, `${far.id}:90`, `${soon.id}:30`, `${soon.id}:30`, `${soon.id}:7`, `${soon.id}:7`].sort());
  });

  it('tells every member in their language how many products a revocation took down, once per event', async () => {
    const v = await r.tx.run((em) => seedVendor(em));
    await r.tx.run(async (em) => {
      await seedMember(em, v.id, { email: 'lan@example.vn', locale: 'vi', name: 'Lan' });
      await seedMember(em, v.id, { email: 'staff@example.vn', role: 'staff', locale: 'de', name: 'Minh' });
    });
    const c = await r.certification.create(admin, record(v.id));
    await r.tx.run((em) => seedProducts(em, v, c.id, 2));
    await r.tx.run((em) => seedProducts(em, v, c.id, 1, 'draft'));
    await r.certification.revoke(admin, c.id, { reason: 'Mẫu không đạt chỉ tiêu an toàn thực phẩm' });
    const event = await r.ds.getRepository(DomainEventRecord).findOneByOrFail({ type: Events.CertificateRevoked });
    const notice = { ...JSON.parse(event.payload), eventId: event.id, eventType: event.type };
    expect(await r.expiry.notifyDelisted(notice, r.products)).toBe(2);
    expect(await r.expiry.notifyDelisted(notice, r.products)).toBe(0);
    const sent = await mails('certificate-delisted');
    expect(sent.map((m) => [m.to, m.locale, m.subject])).toEqual([
      ['lan@example.vn', 'vi', 'Chứng nhận OCOP của Bình gốm men lam bị thu hồi: 2 sản phẩm bị gỡ'],
      ['staff@example.vn', 'en', 'The OCOP certificate of Bình gốm men lam was revoked: 2 products taken down'],
    ]);
    expect(sent[0].text).toContain('Lý do: Mẫu không đạt chỉ tiêu an toàn thực phẩm');
    expect(sent.map((m) => m.dedupeKey)).toEqual(expect.arrayContaining([expect.stringMatching(`^delisted:${event.id}:`)]));
  });

  it('sends the expiry notice through the relay and the job, without a count when the catalogue gives none', async () => {
    const v = await r.tx.run((em) => seedVendor(em));
    await r.tx.run((em) => seedMember(em, v.id, { email: 'lan@example.vn', locale: 'en', name: 'Lan' }));
    const c = await r.certification.create(admin, record(v.id, { decisionDate: '2025-01-01', expiresAt: '2026-06-02' }));
    await registerDeclaredJobs([CERTIFICATION_WIRING], provides(r.expiry), r.jobs);
    await r.jobs.startProcessing();
    r.clock.set(c.expiresAt);
    await until(async () => (await mails('certificate-delisted')).length === 1);
    const [mail] = await mails('certificate-delisted');
    expect(mail.subject).toBe('The OCOP certificate of Bình gốm men lam has expired');
    expect(mail.text).toContain('was valid through 2026-06-01');
  });
});
