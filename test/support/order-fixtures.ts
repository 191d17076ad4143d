import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccountsService } from '@ocop/accounts';
import type { Actor } from '@ocop/core';
import { CartService, CheckoutService, cartKeyForUser, type Order, type PaymentMethod } from '@ocop/orders';
import { PaymentsService } from '@ocop/payments';
import { seedVendorWithCertificate } from '@ocop/testing';
import type { TestMarketplace } from './marketplace';

/** A cookie jar for one browser on one app: page GETs hand out CSRF tokens, form POSTs carry them. */
export class Browser {
  private cookies = new Map<string, string>();
  constructor(private readonly app: NestFastifyApplication) {}
  private keep(res: request.Response) {
    for (const c of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  }
  get cookie() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async get(path: string) {
    return this.keep(await request(this.app.getHttpServer()).get(path).set('cookie', this.cookie));
  }
  async token(path: string) {
    const page = await this.get(path);
    return /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
  }
  async post(path: string, form: Record<string, string>, tokenFrom = path) {
    const _csrf = await this.token(tokenFrom);
    return this.keep(
      await request(this.app.getHttpServer())
        .post(path)
        .set('cookie', this.cookie)
        .type('form')
        .send({ _csrf, ...form }),
    );
  }
  async login(email: string, password: string) {
    const res = await this.post('/login', { email, password, next: '/' }, '/login?lang=en');
    if (res.status !== 303) throw new Error(`page login of ${email} failed: ${res.status}`);
    return res;
  }
}

/** The hidden fields of the confirmation form on a confirmation page, `_csrf` left out. */
export function confirmationFields(html: string): Record<string, string> {
  const form = /<form[^>]*data-testid="confirm-form"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const fields: Record<string, string> = {};
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) if (name !== '_csrf') fields[name] = value.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
  return fields;
}

/** A person registered through the storefront API, as an actor. */
export async function registerPerson(m: TestMarketplace, email: string, name: string, password: string): Promise<Actor> {
  const res = await request(m.storefront.getHttpServer()).post('/api/auth/register').send({ email, password, name });
  if (res.status !== 201) throw new Error(`registering ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const [{ id }] = await m.infra.dataSource.query('SELECT id FROM users WHERE email = ?', [email]);
  return { id, email, name, roles: ['shopper'], vendorId: null, vendorRole: null, locale: 'vi' };
}

/** Makes a registered person the owner of a vendor. */
export async function makeOwner(m: TestMarketplace, person: Actor, vendorId: string): Promise<void> {
  await m.vendor.get(AccountsService, { strict: false }).setVendor(person.id, vendorId, 'owner');
}

/** A vendor in its own village with one listed product under a valid certificate. */
export function seedSeller(m: TestMarketplace, vendorName: string) {
  return m.infra.tx.run((em) => seedVendorWithCertificate(em, { vendorName, products: 1 }));
}

/**
 * Places an order through the real cart and checkout, one of each product, shipped to Huế; with
 * `pay`, pays it through the sandbox provider as the shopper would.
 */
export async function placeOrder(m: TestMarketplace, shopper: Actor, productIds: string[], opts: { pay?: boolean; method?: PaymentMethod } = {}): Promise<Order> {
  const cart = m.storefront.get(CartService, { strict: false });
  const checkout = m.storefront.get(CheckoutService, { strict: false });
  const payments = m.storefront.get(PaymentsService, { strict: false });
  for (const id of productIds) await cart.add(cartKeyForUser(shopper.id), id, 1);
  const order = await checkout.checkout(
    shopper,
    { shippingAddress: { name: 'Trần Văn Minh', line1: '5 Lê Lợi', city: 'Huế', country: 'VN', phone: '+84 905 123 456' }, paymentMethod: opts.method ?? 'sandbox' },
    'vi',
  );
  const payment = await payments.startForOrder(order.id);
  if (opts.pay) await payments.completeSandbox(shopper, payment.id, 'succeeded');
  return order;
}
