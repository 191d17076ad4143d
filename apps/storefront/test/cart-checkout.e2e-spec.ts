import request from 'supertest';
import { AccountsService } from '@ocop/accounts';
import { Product } from '@ocop/catalog';
import { OrdersService, SubOrder } from '@ocop/orders';
import { seedVendorWithCertificate } from '@ocop/testing';
import { startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';

const ADDRESS = { name: 'Nguyễn Thị Lan', line1: '12 Phố Huế', city: 'Hà Nội', country: 'VN', phone: '+84 912 345 678' };

describe('cart, checkout and orders API (embedded default)', () => {
  let m: TestMarketplace;
  const shop = () => request(m.storefront.getHttpServer());
  const vendorApi = () => request(m.vendor.getHttpServer());
  let lan: string;
  let minh: string;
  let a: Awaited<ReturnType<typeof seedVendorWithCertificate>>;
  let b: Awaited<ReturnType<typeof seedVendorWithCertificate>>;
  let memberA: string;

  async function register(app: 'storefront' | 'vendor', email: string): Promise<string> {
    const server = (app === 'storefront' ? m.storefront : m.vendor).getHttpServer();
    await request(server)
      .post('/api/auth/register')
      .send({ email, password: 'Mua-Hang-2025x', name: email.split('@')[0] })
      .expect(201);
    return m.token(app === 'storefront' ? m.storefront : m.vendor, email, 'Mua-Hang-2025x');
  }

  beforeAll(async () => {
    m = await startTestMarketplace();
    a = await m.infra.tx.run((em) => seedVendorWithCertificate(em, { products: 1, vendorName: 'HTX Gốm Bát Tràng' }));
    b = await m.infra.tx.run((em) => seedVendorWithCertificate(em, { products: 1, vendorName: 'HTX Lụa Vạn Phúc' }));
    lan = await register('storefront', 'lan@example.vn');
    minh = await register('storefront', 'minh@example.vn');
    await register('vendor', 'staff-a@htx.example.vn');
    const [user] = await m.infra.dataSource.query('SELECT id FROM users WHERE email = ?', ['staff-a@htx.example.vn']);
    await m.vendor.get(AccountsService, { strict: false }).setVendor(user.id, a.vendor.id, 'staff');
    memberA = await m.token(m.vendor, 'staff-a@htx.example.vn', 'Mua-Hang-2025x');
  });
  afterAll(() => m.close());

  it('fills a cart from two vendors, checks out into two sub-orders and shows the order only to its shopper', async () => {
    const added = await shop().post('/api/cart/items').set('authorization', `Bearer ${lan}`).send({ productId: a.products[0].id, quantity: 2 });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ totalVnd: 700_000, count: 2, items: [{ productId: a.products[0].id, quantity: 2, sellable: true, reason: null }] });
    await shop().post('/api/cart/items').set('authorization', `Bearer ${lan}`).send({ productId: b.products[0].id, quantity: 1 }).expect(201);
    const cart = await shop().get('/api/cart').set('authorization', `Bearer ${lan}`).expect(200);
    expect(cart.body).toMatchObject({ totalVnd: 1_050_000, count: 3 });

    const placed = await shop().post('/api/checkout').set('authorization', `Bearer ${lan}`).send({ shippingAddress: ADDRESS, paymentMethod: 'sandbox' });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({
      orderId: expect.any(String),
      reference: expect.stringMatching(/^OCOP[A-Z2-9]{8}$/),
      totalVnd: 1_050_000 + 2 * 30_000,
      payment: expect.objectContaining({ provider: 'sandbox' }),
    });
    const orderId = placed.body.orderId as string;

    const order = await shop().get(`/api/orders/${orderId}`).set('authorization', `Bearer ${lan}`).expect(200);
    expect(order.body.subOrders).toHaveLength(2);
    expect(order.body.subOrders.map((s: { vendorName: string }) => s.vendorName).sort()).toEqual(['HTX Gốm Bát Tràng', 'HTX Lụa Vạn Phúc']);
    expect(order.body).toMatchObject({ status: 'awaiting_payment', paymentState: 'unpaid' });
    const mine = await shop().get('/api/orders').set('authorization', `Bearer ${lan}`).expect(200);
    expect(mine.body.items.map((o: { id: string }) => o.id)).toEqual([orderId]);
    expect((await shop().get('/api/cart').set('authorization', `Bearer ${lan}`).expect(200)).body.items).toEqual([]);

    await shop().get(`/api/orders/${orderId}`).set('authorization', `Bearer ${minh}`).expect(404);
    expect((await shop().get('/api/orders').set('authorization', `Bearer ${minh}`).expect(200)).body.items).toEqual([]);

    // The vendor sees only its own sub-order, and ships it once paid.
    const list = await vendorApi().get('/api/vendor/orders').set('authorization', `Bearer ${memberA}`).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ orderId, vendorId: a.vendor.id, shippingAddress: null });
    const subB = await m.infra.dataSource.getRepository(SubOrder).findOneByOrFail({ orderId, vendorId: b.vendor.id });
    await vendorApi().get(`/api/vendor/orders/${subB.id}`).set('authorization', `Bearer ${memberA}`).expect(404);
    const subA = list.body.items[0].id as string;
    await vendorApi().post(`/api/vendor/orders/${subA}/ship`).set('authorization', `Bearer ${memberA}`).send({ carrier: 'Viettel Post', trackingNumber: 'VTP1' }).expect(409);
    await m.storefront.get(OrdersService, { strict: false }).markPaid(orderId, new Date());
    const shipped = await vendorApi().post(`/api/vendor/orders/${subA}/ship`).set('authorization', `Bearer ${memberA}`).send({ carrier: 'Viettel Post', trackingNumber: 'VTP1' });
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ status: 'shipped', carrier: 'Viettel Post', trackingNumber: 'VTP1', shippingAddress: ADDRESS });
  });

  it('answers 409 naming the short line with nothing reserved, and 400/404/401 for bad requests', async () => {
    await shop().post('/api/cart/items').set('authorization', `Bearer ${minh}`).send({ productId: b.products[0].id, quantity: 2 }).expect(201);
    await m.infra.tx.run((em) => em.update(Product, { id: b.products[0].id }, { stock: 1 }));
    const res = await shop().post('/api/checkout').set('authorization', `Bearer ${minh}`).send({ shippingAddress: ADDRESS, paymentMethod: 'sandbox' });
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([{ field: `items.${b.products[0].id}`, message: expect.stringContaining('only 1 left') }]);
    expect((await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id: b.products[0].id })).stock).toBe(1);

    const bad = await shop()
      .post('/api/checkout')
      .set('authorization', `Bearer ${minh}`)
      .send({ shippingAddress: { ...ADDRESS, country: 'Vietnam' }, paymentMethod: 'sandbox' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'shippingAddress.country' })]);
    await shop().post('/api/cart/items').set('authorization', `Bearer ${minh}`).send({ productId: '00000000-0000-4000-8000-000000000000', quantity: 1 }).expect(404);
    await shop().post('/api/cart/items').set('authorization', `Bearer ${minh}`).send({ productId: a.products[0].id, quantity: 0 }).expect(400);
    await shop().patch(`/api/cart/items/${b.products[0].id}`).set('authorization', `Bearer ${minh}`).send({ quantity: 1 }).expect(200);
    await shop().delete(`/api/cart/items/${b.products[0].id}`).set('authorization', `Bearer ${minh}`).expect(200);
    await shop().get('/api/cart').expect(401);
    await shop().post('/api/checkout').send({ shippingAddress: ADDRESS, paymentMethod: 'sandbox' }).expect(401);
  });
});
