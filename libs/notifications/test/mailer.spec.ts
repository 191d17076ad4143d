import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { loadConfig, registerDeclaredJobs, SystemClock, type FindProvider } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { InProcessJobQueue } from '@ocop/jobs';
import { openTestDatabase } from '@ocop/testing';
import { Mailer, MailMessage, NOTIFICATIONS_WIRING } from '@ocop/notifications';
import type { DataSource } from 'typeorm';

const welcome = (to: string) => ({ to, template: 'welcome', locale: 'vi', data: { name: 'Lan <b>', email: to, loginUrl: 'http://127.0.0.1:3000/login' } });

describe('Mailer outbox on SQLite', () => {
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  let jobs: InProcessJobQueue;

  beforeEach(async () => {
    ({ dataSource: ds, cleanup } = await openTestDatabase('sqlite'));
    jobs = new InProcessJobQueue(ds, new Transactions(ds));
  });
  afterEach(async () => {
    await jobs.close();
    await cleanup();
  });

  const mailer = (env: Record<string, string> = {}) => new Mailer(new Transactions(ds), jobs, loadConfig(env), new SystemClock());

  it('renders the template in the asked language, escapes values, and keeps the message without SMTP', async () => {
    const m = mailer();
    const msg = await m.queue(welcome('lan@example.vn'));
    expect(msg!.subject).toBe('Chào mừng bạn đến Chợ OCOP, Lan <b>');
    expect(msg!.html).toContain('Lan &lt;b&gt;');
    expect(msg!.text).toContain('Đăng nhập (http://127.0.0.1:3000/login)');
    await m.deliver(msg!.id);
    expect(await ds.getRepository(MailMessage).findOneByOrFail({ id: msg!.id })).toMatchObject({ status: 'kept', attempts: 1, processedBy: expect.stringMatching(/:\d+$/) });
  });

  it('falls back to English for a language without a template', async () => {
    const msg = await mailer().queue({ ...welcome('d@example.de'), locale: 'de' });
    expect(msg!.locale).toBe('en');
    expect(msg!.subject).toBe('Welcome to OCOP Market, Lan <b>');
  });

  it('stores a message with a dedupe key once, however often it is sent', async () => {
    const m = mailer();
    const first = await m.queue({ ...welcome('once@example.vn'), dedupeKey: 'reminder:cert-1:30' });
    const second = await m.queue({ ...welcome('once@example.vn'), dedupeKey: 'reminder:cert-1:30' });
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    expect(await ds.getRepository(MailMessage).countBy({ to: 'once@example.vn' })).toBe(1);
  });

  it('delivers over SMTP when configured and marks the message sent', async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, done) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString()));
        stream.on('end', () => {
          received.push(raw);
          done();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.server.address() as AddressInfo).port;
    try {
      const m = mailer({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'OCOP <no-reply@ocop.test>' });
      const msg = await m.queue(welcome('smtp@example.vn'));
      await m.deliver(msg!.id);
      expect(received).toHaveLength(1);
      expect(received[0]).toContain('To: smtp@example.vn');
      expect(received[0]).toContain('From: OCOP <no-reply@ocop.test>');
      expect(await ds.getRepository(MailMessage).findOneByOrFail({ id: msg!.id })).toMatchObject({ status: 'sent' });
      // Delivering again (a retried job) sends nothing more.
      await m.deliver(msg!.id);
      expect(received).toHaveLength(1);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('keeps a message queued with its error when SMTP is unreachable, so the job retries it', async () => {
    const m = mailer({ SMTP_URL: 'smtp://127.0.0.1:1' });
    const msg = await m.queue(welcome('down@example.vn'));
    await expect(m.deliver(msg!.id)).rejects.toThrow();
    expect(await ds.getRepository(MailMessage).findOneByOrFail({ id: msg!.id })).toMatchObject({ status: 'queued', attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });
  });

  it('relays messages whose delivery job was lost', async () => {
    const m = mailer();
    await ds
      .getRepository(MailMessage)
      .insert({ ...(await m.queue(welcome('lost@example.vn')))!, id: '00000000-0000-4000-8000-000000000001', dedupeKey: null, createdAt: new Date(Date.now() - 60_000) });
    await registerDeclaredJobs([NOTIFICATIONS_WIRING], ((cls: unknown) => (cls === Mailer ? m : undefined)) as FindProvider, jobs);
    expect(await m.relay(5000)).toBeGreaterThanOrEqual(1);
    await jobs.startProcessing();
    const repo = ds.getRepository(MailMessage);
    const deadline = Date.now() + 5000;
    while ((await repo.findOneByOrFail({ id: '00000000-0000-4000-8000-000000000001' })).status === 'queued' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((await repo.findOneByOrFail({ id: '00000000-0000-4000-8000-000000000001' })).status).toBe('kept');
  });
});
