import request from 'supertest';
import { CartService, cartKeyForUser } from '@ocop/orders';
import { seedVendorWithCertificate } from '@ocop/testing';
import { startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';

type Agent = ReturnType<typeof request.agent>;
const PASSWORD = 'Gốm-Bát-Tràng-2025';

describe('storefront shop pages (embedded default)', () => {
  let m: TestMarketplace;
  let seed: Awaited<ReturnType<typeof seedVendorWithCertificate>>;
  let other: Awaited<ReturnType<typeof seedVendorWithCertificate>>;
  let n = 0;

  const server = () => m.storefront.getHttpServer();
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const cookieNames = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split('=')[0]);

  async function csrf(agent: Agent, path = '/cart'): Promise<string> {
    const res = await agent.get(path).set('accept-language', 'en');
    return csrfOf(res.text);
  }

  async function addFromProductPage(agent: Agent, slug: string, quantity: number): Promise<request.Response> {
    const page = await agent.get(`/products/${slug}`).set('accept-language', 'en');
    expect(page.status).toBe(200);
    const productId = /name="productId" value="([^"]+)"/.exec(page.text)?.[1];
    return agent
      .post('/cart/items')
      .type('form')
      .send({ _csrf: csrfOf(page.text), productId, quantity: String(quantity), back: `/products/${slug}` });
  }

  /** A new shopper signed up through the API and logged in through the login page, in a fresh browser. */
  async function shopper(): Promise<{ agent: Agent; email: string; userId: string }> {
    const email = `shopper${++n}@example.vn`;
    const created = await request(server())
      .post('/api/auth/register')
      .send({ email, password: PASSWORD, name: `Shopper ${n}` });
    expect(created.status).toBe(201);
    const agent = request.agent(server());
    // The token first: an agent attaches its cookies when a request is made.
    const token = await csrf(agent, '/login');
    const login = await agent.post('/login').type('form').send({ _csrf: token, email, password: PASSWORD, next: '/' });
    expect(login.status).toBe(303);
    // The login sets the account's language (Vietnamese); these tests read English pages.
    await agent.get('/?lang=en');
    return { agent, email, userId: created.body.id as string };
  }

  beforeAll(async () => {
    m = await startTestMarketplace();
    const em = m.infra.dataSource.manager;
    seed = await seedVendorWithCertificate(em, { vendorName: 'HTX Gốm Bát Tràng', products: 3 });
    other = await seedVendorWithCertificate(em, { vendorName: 'HTX Lụa Vạn Phúc', products: 1 });
    await em.query('UPDATE products SET stock = 0 WHERE id = ?', [seed.products[2].id]);
  }, 60000);
  afterAll(() => m?.close());

  describe('sign-up page', () => {
    it('creates a shopper account, signs them in and returns them where they came from', async () => {
      const agent = request.agent(server());
      const page = await agent.get('/register?next=%2Fcart').set('accept-language', 'en');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Create an account');
      const res = await agent
        .post('/register')
        .set('accept-language', 'en')
        .type('form')
        .send({ _csrf: csrfOf(page.text), name: 'Nguyễn Thị Lan', email: 'Lan.Page@Example.vn', password: PASSWORD, next: '/cart' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/cart');
      expect(cookieNames(res)).toContain('ocop_storefront_sid');
      const [user] = await m.infra.dataSource.query('SELECT name, roles, locale FROM users WHERE email = ?', ['lan.page@example.vn']);
      expect(user).toMatchObject({ name: 'Nguyễn Thị Lan', locale: 'en' });
      expect(String(user.roles)).toContain('shopper');
      const account = await agent.get('/account').set('accept-language', 'en');
      expect(account.status).toBe(200);
      expect(account.text).toContain('Nguyễn Thị Lan');
      expect(account.text).toContain('You have not ordered anything yet.');
    });

    it('shows each problem beside its field in the page language and creates nothing', async () => {
      const agent = request.agent(server());
      const token = await csrf(agent, '/register');
      const weak = await agent.post('/register?lang=vi').type('form').send({ _csrf: token, name: '', email: 'khong-phai-email', password: 'ngan' });
      expect(weak.status).toBe(400);
      expect(weak.text).toMatch(/id="name-error"[^>]*>Họ và tên: vui lòng điền thông tin\./);
      expect(weak.text).toMatch(/id="email-error"[^>]*>Email: phải là một địa chỉ email hợp lệ\./);
      expect(weak.text).not.toMatch(/must be|password:/);
      const short = await agent.post('/register?lang=de').type('form').send({ _csrf: token, name: 'Anna', email: 'anna@example.de', password: 'kurz1' });
      expect(short.status).toBe(400);
      expect(short.text).toMatch(/id="password-error"[^>]*>Passwort: mindestens 10 Zeichen/);
      expect(await m.infra.dataSource.query('SELECT id FROM users WHERE email IN (?, ?)', ['khong-phai-email', 'anna@example.de'])).toEqual([]);
    });

    it('answers 409 beside the e-mail when the account exists, and the login page links to sign-up', async () => {
      const agent = request.agent(server());
      const token = await csrf(agent, '/register');
      const res = await agent.post('/register?lang=id').type('form').send({ _csrf: token, name: 'Lan', email: 'lan.page@example.vn', password: PASSWORD });
      expect(res.status).toBe(409);
      expect(res.text).toMatch(/id="email-error"[^>]*>Sudah ada akun dengan email ini/);
      const login = await agent.get('/login?next=%2Fcheckout').set('accept-language', 'en');
      expect(login.text).toContain('href="/register?next=%2Fcheckout"');
    });
  });

  describe('cart', () => {
    it('adds to the cart from the product page form and counts the items in the header', async () => {
      const agent = request.agent(server());
      const res = await addFromProductPage(agent, seed.products[0].slug, 2);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/cart?done=added');
      expect(cookieNames(res)).toContain('ocop_cart');
      const cart = await agent.get(res.headers.location).set('accept-language', 'en');
      expect(cart.status).toBe(200);
      expect(cart.text).toContain('Added to your cart.');
      expect(cart.text).toContain('Bình gốm 0');
      expect(cart.text).toContain('HTX Gốm Bát Tràng');
      expect(cart.text).toMatch(/data-testid="cart-count">\(2\)/);
      expect(cart.text).toMatch(/data-testid="cart-total">₫700,000/);
      // Every page's header shows the count.
      expect((await agent.get('/products').set('accept-language', 'en')).text).toMatch(/data-testid="cart-count">\(2\)/);
    });

    it('shows "Out of stock" and no form for a product without stock, and goes back with a message when the stock is short', async () => {
      const agent = request.agent(server());
      const sold = await agent.get(`/products/${seed.products[2].slug}`).set('accept-language', 'en');
      expect(sold.text).toContain('Out of stock');
      expect(sold.text).not.toContain('data-testid="add-to-cart"');
      const res = await addFromProductPage(agent, seed.products[1].slug, 11);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/products/${seed.products[1].slug}?cart=not_enough_stock`);
      const back = await agent.get(res.headers.location).set('accept-language', 'en');
      expect(back.text).toContain('There is not enough in stock for that quantity.');
    });

    it('changes a quantity and removes a line', async () => {
      const agent = request.agent(server());
      await addFromProductPage(agent, seed.products[0].slug, 1);
      const page = await agent.get('/cart');
      const productId = /name="productId" value="([^"]+)"/.exec(page.text)![1];
      const updated = await agent
        .post('/cart/update')
        .type('form')
        .send({ _csrf: csrfOf(page.text), productId, quantity: '3' });
      expect(updated.headers.location).toBe('/cart?done=updated');
      expect((await agent.get('/cart').set('accept-language', 'en')).text).toMatch(/data-testid="cart-total">₫1,050,000/);
      const removed = await agent
        .post('/cart/remove')
        .type('form')
        .send({ _csrf: csrfOf(page.text), productId });
      expect(removed.headers.location).toBe('/cart?done=removed');
      expect((await agent.get('/cart').set('accept-language', 'en')).text).toContain('Your cart is empty.');
    });

    it('moves the guest cart into the account on login and forgets the guest cookie', async () => {
      const email = 'merge@example.vn';
      await request(server()).post('/api/auth/register').send({ email, password: PASSWORD, name: 'Merge' }).expect(201);
      const agent = request.agent(server());
      await addFromProductPage(agent, seed.products[1].slug, 2);
      const token = await csrf(agent, '/login');
      const login = await agent.post('/login').type('form').send({ _csrf: token, email, password: PASSWORD, next: '/cart' });
      expect(login.status).toBe(303);
      expect(login.headers.location).toBe('/cart');
      expect(([] as string[]).concat(login.headers['set-cookie']).find((c) => c.startsWith('ocop_cart='))).toMatch(/Expires=Thu, 01 Jan 1970/);
      const [{ id }] = await m.infra.dataSource.query('SELECT id FROM users WHERE email = ?', [email]);
      const cart = await m.storefront.get(CartService, { strict: false }).view(cartKeyForUser(id));
      expect(cart.items.map((l) => [l.slug, l.quantity])).toEqual([[seed.products[1].slug, 2]]);
      const page = await agent.get('/cart').set('accept-language', 'en');
      expect(page.text).toContain('Bình gốm 1');
    });

    it("shows an unsellable line's reason in words and leaves it out of the total, as the API does", async () => {
      const { agent, userId } = await shopper();
      await addFromProductPage(agent, seed.products[0].slug, 1);
      await addFromProductPage(agent, other.products[0].slug, 2);
      await m.infra.dataSource.query("UPDATE vendors SET status = 'suspended' WHERE id = ?", [other.vendor.id]);
      try {
        const page = await agent.get('/cart').set('accept-language', 'en');
        expect(page.text).toContain('Cannot be bought now: the producer is suspended.');
        expect(page.text).toContain('Not counted in the total');
        expect(page.text).not.toContain('vendor_suspended');
        const cart = await m.storefront.get(CartService, { strict: false }).view(cartKeyForUser(userId));
        expect(cart.totalVnd).toBe(350000);
        expect(page.text).toMatch(/data-testid="cart-total">₫350,000/);
      } finally {
        await m.infra.dataSource.query("UPDATE vendors SET status = 'approved' WHERE id = ?", [other.vendor.id]);
      }
    });
  });

  describe('checkout and orders', () => {
    const address = { name: 'Trần Văn Minh', line1: '12 Phố Huế', city: 'Hà Nội', country: 'VN', postalCode: '100000', phone: '+84 912 345 678' };

    it('sends a guest to log in and back', async () => {
      const res = await request(server()).get('/checkout');
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/login?next=%2Fcheckout');
    });

    it('places the order with the sandbox and sends the shopper to pay, then shows the order', async () => {
      const { agent, userId } = await shopper();
      await addFromProductPage(agent, seed.products[0].slug, 1);
      await addFromProductPage(agent, other.products[0].slug, 1);
      const form = await agent.get('/checkout').set('accept-language', 'en');
      expect(form.status).toBe(200);
      expect(form.text).toContain('Parcel from HTX Gốm Bát Tràng');
      expect(form.text).toContain('Parcel from HTX Lụa Vạn Phúc');
      // Two parcels of 500 g each within Vietnam: 30,000 each.
      expect(form.text).toMatch(/data-testid="checkout-total">₫760,000/);
      const res = await agent
        .post('/checkout')
        .type('form')
        .send({ _csrf: csrfOf(form.text), ...address, paymentMethod: 'sandbox', action: 'place' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toMatch(/^\/pay\/[0-9a-f-]{36}$/);
      const [order] = await m.infra.dataSource.query('SELECT id, reference, status, totalVnd AS total FROM orders WHERE userId = ?', [userId]);
      expect(order).toMatchObject({ status: 'awaiting_payment' });
      expect(Number(order.total)).toBe(760000);
      expect((await m.storefront.get(CartService, { strict: false }).view(cartKeyForUser(userId))).items).toEqual([]);
      const page = await agent.get(`/orders/${order.id}`).set('accept-language', 'en');
      expect(page.status).toBe(200);
      expect(page.text).toContain(`Order ${order.reference}`);
      expect(page.text).toContain('Awaiting payment');
      expect(page.text).toMatch(/data-testid="pay-now"/);
      expect(page.text).toContain('Trần Văn Minh');
      // The reference names the order; its id appears only inside links.
      expect(page.text.replace(/<[^>]*>/g, '')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    });

    it('names the problem lines in words on a conflict and leaves the cart as it was', async () => {
      const { agent, userId } = await shopper();
      await addFromProductPage(agent, seed.products[1].slug, 2);
      await m.infra.dataSource.query('UPDATE products SET stock = 1 WHERE id = ?', [seed.products[1].id]);
      try {
        const form = await agent.get('/checkout').set('accept-language', 'en');
        const res = await agent
          .post('/checkout')
          .set('accept-language', 'en')
          .type('form')
          .send({ _csrf: csrfOf(form.text), ...address, paymentMethod: 'sandbox' });
        expect(res.status).toBe(409);
        expect(res.text).toContain('Some products in your cart cannot be bought.');
        expect(res.text).toContain('Bình gốm 1: only 1 left in stock');
        const cart = await m.storefront.get(CartService, { strict: false }).view(cartKeyForUser(userId));
        expect(cart.items.map((l) => l.quantity)).toEqual([2]);
      } finally {
        await m.infra.dataSource.query('UPDATE products SET stock = 10 WHERE id = ?', [seed.products[1].id]);
      }
    });

    it("answers 404 for another shopper's order", async () => {
      const buyer = await shopper();
      await addFromProductPage(buyer.agent, seed.products[0].slug, 1);
      const form = await buyer.agent.get('/checkout');
      const placed = await buyer.agent
        .post('/checkout')
        .type('form')
        .send({ _csrf: csrfOf(form.text), ...address, paymentMethod: 'sandbox' });
      expect(placed.status).toBe(303);
      const mine = await buyer.agent.get('/account').set('accept-language', 'en');
      const orderPath = /href="(\/orders\/[0-9a-f-]{36})"/.exec(mine.text)![1];
      expect((await buyer.agent.get(orderPath)).status).toBe(200);
      const stranger = await shopper();
      const res = await stranger.agent.get(orderPath).set('accept-language', 'en');
      expect(res.status).toBe(404);
    });
  });
});
