import { DEMO_LOGINS, seedDemoData } from '../../../test/support/demo-data';
import { startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';
import { Browser } from '../../../test/support/order-fixtures';
import { shownText, untranslatedOn } from '../../../test/support/untranslated';
import { vendorFixtures, vendorPages, type VendorFixtures, type VendorPage } from '../../../test/support/vendor-pages';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** A code as the program writes it: `certificate_revoked`, `awaiting_payment`. */
const SNAKE_CODE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/;
/** Template code left in the page. */
const TEMPLATE = /\{\{|\}\}|\[object Object\]|\bundefined\b|\bNaN\b/;
/** A translation key shown instead of its words: `vendorProducts.state.draft`, `form.fixErrors`. */
const KEY = /\b(?:[a-z]+[A-Z][A-Za-z]*|nav|home|form|site|common|money|invitation|onboarding|shop|error)\.[a-z][A-Za-z_]*(?:\.[A-Za-z_]+)*\b/;

/** What a person could not read on a page: each problem with the text around it. */
function unreadable(text: string): string[] {
  const found: string[] = [];
  for (const [what, re] of [
    ['an id', UUID],
    ['a code', SNAKE_CODE],
    ['template code', TEMPLATE],
    ['a translation key', KEY],
  ] as const) {
    const m = re.exec(text);
    if (m) found.push(`${what} "${m[0]}" in "…${text.slice(Math.max(0, m.index - 60), m.index + m[0].length + 60)}…"`);
  }
  return found;
}

describe('every vendor page reads as words: no ids, codes, template code or translation keys (demo data, embedded default)', () => {
  let m: TestMarketplace;
  let f: VendorFixtures;
  let vendor: Browser;

  beforeAll(async () => {
    m = await startTestMarketplace({ env: { LOGIN_MAX_FAILURES: '1000' } });
    await seedDemoData(m.admin, m.infra.clock);
    f = await vendorFixtures(m);
    vendor = new Browser(m.vendor);
    await vendor.login(DEMO_LOGINS.vendor.email, DEMO_LOGINS.vendor.password);
  }, 120_000);
  afterAll(() => m?.close());

  /** Opens (or posts) one page in `lang`: its HTML, after checking it is the page in its state. */
  async function open(page: VendorPage, lang: string): Promise<string> {
    const url = `${page.path}${page.path.includes('?') ? '&' : '?'}lang=${lang}`;
    const res = page.post ? await vendor.post(url, page.post, `/?lang=${lang}`) : await vendor.get(url);
    const where = `${page.post ? 'POST ' : ''}${page.path}${page.state ? ` (${page.state})` : ''}`;
    expect([where, res.status]).toEqual([where, page.status ?? 200]);
    expect([where, res.text.includes(`data-testid="${/data-testid=([\w-]+)/.exec(page.shows)?.[1]}"`) || res.text.includes(`id="${page.shows.slice(1)}"`)]).toEqual([where, true]);
    return res.text;
  }

  for (const lang of ['vi', 'en'] as const) {
    it(`shows no id, code, template code or key on any vendor page in ${lang}`, async () => {
      const problems: string[] = [];
      for (const page of vendorPages(f)) {
        const html = await open(page, lang);
        const where = `${page.post ? 'POST ' : ''}${page.path.replace(UUID, ':id').replace(UUID, ':id')}${page.state ? ` (${page.state})` : ''}`;
        problems.push(...unreadable(shownText(html)).map((p) => `${where}: ${p}`));
        if (lang === 'vi') problems.push(...untranslatedOn(where, html, 'vi'));
      }
      expect(problems).toEqual([]);
    }, 120_000);
  }

  it('would see an id, a code and a key if a page showed them (the check looks where it should)', () => {
    expect(unreadable('Sản phẩm 3f2a1c9e-1b2c-4d5e-8f90-a1b2c3d4e5f6')).toHaveLength(1);
    expect(unreadable('Lý do: certificate_revoked')).toEqual([expect.stringContaining('a code "certificate_revoked"')]);
    expect(unreadable('Trạng thái: awaiting_payment')).toEqual([expect.stringContaining('a code "awaiting_payment"')]);
    expect(unreadable('vendorProducts.state.draft')).toEqual([expect.stringContaining('a translation key')]);
    expect(unreadable('{{t "nav.home"}}')).toHaveLength(2);
    expect(unreadable('Gốm sứ men lam Bát Tràng — DEMO-1125/QĐ-UBND · vendor@demo.ocop.vn · 450.000 ₫')).toEqual([]);
  });

  it('names the counts of what needs doing on the home page, each with its link', async () => {
    const home = shownText((await vendor.get('/?lang=en')).text);
    expect(home).toContain('1 product: the OCOP certificate was revoked');
    expect(home).toMatch(/Đĩa gốm vẽ tay — DEMO-2201\/QĐ-UBND : valid until \d+ \w+ \d{4} \(30 days left\)/);
    expect(home).toContain('1 order paid, waiting to be packed');
    expect(home).toMatch(/Pottery class on the wheel in Bát Tràng — .+? : 1 booking \(2 people\)/);
    const html = (await vendor.get('/?lang=en')).text;
    for (const href of ['/products?show=draft', '/products?show=offsale', '/orders?status=paid', `/experiences/${f.experienceId}/slots/${f.bookedSlotId}`]) expect(html).toContain(`href="${href}"`);
    expect(html).toMatch(/data-testid="todo-drafts">\s*<h3><span class="count due" data-testid="count">2<\/span>/);
  });
});
