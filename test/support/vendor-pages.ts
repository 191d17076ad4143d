import request from 'supertest';
import { Certificate } from '@ocop/certification';
import { MailMessage } from '@ocop/notifications';
import { DEMO_LOGINS } from './demo-data';
import { TEST_ADMIN, type TestMarketplace } from './marketplace';

/** A 1×1 PNG and a tiny JPEG, real enough for the image checks. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 1)]);

/** Passes a response on when it has `status`; otherwise fails naming the request and the answer. */
const answered =
  (status: number) =>
  (res: request.Response): request.Response => {
    if (res.status !== status)
      throw new Error(
        `${(res as unknown as { req?: { method: string; path: string } }).req?.method} ${(res as unknown as { req?: { path: string } }).req?.path} answered ${res.status}, not ${status}: ${JSON.stringify(res.body)}`,
      );
    return res;
  };

/** What the vendor pages need from the demo data, with every state a vendor meets. */
export interface VendorFixtures {
  /** The demo vendor's products: listed, a draft, one delisted by a revocation, a draft under an expired certificate. */
  listedId: string;
  draftId: string;
  revokedId: string;
  expiredDraftId: string;
  expiredCertId: string;
  revokedCertId: string;
  /** Sub-orders of the demo vendor: paid (to pack), shipped, awaiting payment. */
  paidSubOrderId: string;
  shippedSubOrderId: string;
  unpaidSubOrderId: string;
  experienceId: string;
  /** A date of that experience within the next 14 days with a paid booking. */
  bookedSlotId: string;
  storyId: string;
  staffUserId: string;
  invitationId: string;
}

/**
 * Brings the demo vendor (DEMO_LOGINS.vendor) into every state its pages show: certificates
 * expiring soon, expired and revoked beside the valid one; a draft, a product delisted by a
 * revocation and a draft under the expired certificate; a paid booking in the next days; a
 * story; a staff member and an open invitation. Orders come from the demo data. Runs once per
 * marketplace, after `seedDemoData`.
 */
export async function vendorFixtures(m: TestMarketplace): Promise<VendorFixtures> {
  const vendorApi = () => request(m.vendor.getHttpServer());
  const adminApi = () => request(m.admin.getHttpServer());
  const shop = () => request(m.storefront.getHttpServer());
  const vendor = { Authorization: `Bearer ${await m.token(m.vendor, DEMO_LOGINS.vendor.email, DEMO_LOGINS.vendor.password)}` };
  const admin = { Authorization: `Bearer ${await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password)}` };
  const shopper = { Authorization: `Bearer ${await m.token(m.storefront, DEMO_LOGINS.shopper.email, DEMO_LOGINS.shopper.password)}` };
  const me = (await vendorApi().get('/api/auth/me').set(vendor).then(answered(200))).body as { vendorId: string };
  const now = m.infra.clock.now().getTime();
  const day = 86_400_000;

  const certificate = async (decisionNo: string, productName: string, expiresAt?: Date) =>
    (
      await adminApi()
        .post('/api/admin/certificates')
        .set(admin)
        .send({
          decisionNo,
          decisionDate: new Date(now - 400 * day).toISOString().slice(0, 10),
          issuingBody: 'UBND thành phố Hà Nội',
          level: 'provincial',
          vendorId: me.vendorId,
          productName,
          productGroup: 'handicrafts',
          stars: 3,
          ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
        })
        .then(answered(201))
    ).body as { id: string };
  const soon = await certificate('DEMO-2201/QĐ-UBND', 'Đĩa gốm vẽ tay', new Date(now + 30 * day));
  const toRevoke = await certificate('DEMO-2202/QĐ-UBND', 'Chum gốm men nâu');
  const expired = await certificate('DEMO-2203/QĐ-UBND', 'Ấm tích men lam');
  // A certificate that lapsed weeks ago (the registry takes only future expiries for new records).
  await m.infra.dataSource.getRepository(Certificate).update({ id: expired.id }, { expiresAt: new Date(now - 20 * day) });

  const product = async (certificateId: string, vi: string, en: string) => {
    const res = await vendorApi()
      .post('/api/vendor/products')
      .set(vendor)
      .send({ certificateId, title: { vi, en }, description: { vi: `${vi}, làm tại Bát Tràng.` }, productGroup: 'handicrafts', priceVnd: 320000, stock: 6, weightGrams: 900 });
    if (res.status !== 201) throw new Error(`creating ${vi}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  const draft = await product(soon.id, 'Đĩa gốm vẽ sen', 'Lotus-painted plate');
  const revoked = await product(toRevoke.id, 'Chum gốm men nâu', 'Brown-glazed jar');
  await vendorApi().post(`/api/vendor/products/${revoked.id}/publish`).set(vendor).then(answered(200));
  await adminApi().post(`/api/admin/certificates/${toRevoke.id}/revoke`).set(admin).send({ reason: 'Mẫu hậu kiểm không đạt chỉ tiêu chì' }).then(answered(200));
  const expiredDraft = await product(expired.id, 'Ấm tích men lam', 'Blue-glazed teapot');

  const own = (await vendorApi().get('/api/vendor/products').set(vendor).then(answered(200))).body.items as { id: string; state: string }[];
  const listed = own.find((p) => p.state === 'listed')!;

  const subs = (await vendorApi().get('/api/vendor/orders').set(vendor).then(answered(200))).body.items as { id: string; status: string }[];
  const sub = (status: string) => {
    const found = subs.find((s) => s.status === status);
    if (!found) throw new Error(`the demo vendor has no ${status} sub-order: ${subs.map((s) => s.status).join(', ')}`);
    return found.id;
  };

  const experiences = (await vendorApi().get('/api/vendor/experiences').set(vendor).then(answered(200))).body.items as { id: string }[];
  const experienceId = experiences[0].id;
  const slots = (await vendorApi().get(`/api/vendor/experiences/${experienceId}`).set(vendor).then(answered(200))).body.slots as { id: string; startsAt: string; status: string }[];
  const slot = slots.find((s) => s.status === 'open' && Date.parse(s.startsAt) > now + day && Date.parse(s.startsAt) < now + 13 * day);
  if (!slot) throw new Error('the demo experience has no date in the next two weeks');
  const booking = (await shop().post('/api/bookings').set(shopper).send({ slotId: slot.id, people: 2, paymentMethod: 'sandbox' }).then(answered(201))).body as { payment: { id: string } };
  await shop().post(`/api/payments/sandbox/${booking.payment.id}/complete`).set(shopper).send({ outcome: 'succeeded' }).then(answered(200));

  const story = (
    await vendorApi()
      .post('/api/vendor/stories')
      .set(vendor)
      .send({
        villageId: (await vendorApi().get('/api/vendor/profile').set(vendor).then(answered(200))).body.village.id,
        kind: 'artisan',
        title: { vi: 'Nghệ nhân vuốt gốm', en: 'The potter at the wheel' },
        body: { vi: 'Ông Hùng vuốt gốm từ năm 12 tuổi.', en: 'Mr Hùng has thrown pots since he was 12.' },
        productIds: [listed.id],
      })
      .then(answered(201))
  ).body as { id: string };

  const staffEmail = 'tho.gom@example.vn';
  await vendorApi().post('/api/auth/register').send({ email: staffEmail, password: 'Tho-Gom-Bat-Trang-2026', name: 'Trần Văn Thọ' }).then(answered(201));
  const staffToken = await m.token(m.vendor, staffEmail, 'Tho-Gom-Bat-Trang-2026');
  await vendorApi().post('/api/vendor/staff').set(vendor).send({ email: staffEmail }).then(answered(202));
  const mail = await m.infra.dataSource.getRepository(MailMessage).findOneOrFail({ where: { to: staffEmail, template: 'staff-invitation' } });
  const token = /\/invitations\/([^"/]+)"/.exec(mail.html)![1];
  await vendorApi()
    .post(`/api/vendor/invitations/${token}/accept`)
    .set({ Authorization: `Bearer ${staffToken}` })
    .then(answered(200));
  await vendorApi().post('/api/vendor/staff').set(vendor).send({ email: 'moi.vao@example.vn' }).then(answered(202));
  const staff = (await vendorApi().get('/api/vendor/staff').set(vendor).then(answered(200))).body as { items: { userId: string; email: string }[]; invitations: { id: string }[] };

  return {
    listedId: listed.id,
    draftId: draft.id,
    revokedId: revoked.id,
    expiredDraftId: expiredDraft.id,
    expiredCertId: expired.id,
    revokedCertId: toRevoke.id,
    paidSubOrderId: sub('paid'),
    shippedSubOrderId: sub('shipped'),
    unpaidSubOrderId: sub('awaiting_payment'),
    experienceId,
    bookedSlotId: slot.id,
    storyId: story.id,
    staffUserId: staff.items.find((i) => i.email === staffEmail)!.userId,
    invitationId: staff.invitations[0].id,
  };
}

/** One vendor page: opened with GET, or reached by posting a form (a confirmation, a refusal). */
export interface VendorPage {
  path: string;
  /** What the page is, when the path alone does not say it. */
  state?: string;
  /** A form posted to `path` (the CSRF token is added) instead of opening it. */
  post?: Record<string, string>;
  /** The status expected (200 unless given). */
  status?: number;
  /** An element that shows the page is in its state. */
  shows: string;
}

/** Every page of the vendor app a vendor works with, in every state the fixtures give. */
export function vendorPages(f: VendorFixtures): VendorPage[] {
  return [
    { path: '/', shows: '[data-testid=todo]' },
    { path: '/products', shows: '[data-testid=products]' },
    { path: '/products?show=draft', shows: '[data-testid=products]' },
    { path: '/products?show=offsale', shows: '[data-testid=products]' },
    { path: '/products?show=onsale', shows: '[data-testid=products]' },
    { path: '/products/new', shows: '[data-testid=product-form]' },
    { path: `/products/${f.listedId}`, state: 'listed', shows: '[data-testid=current-photos]' },
    { path: `/products/${f.draftId}`, state: 'draft', shows: '[data-testid=product-form]' },
    { path: `/products/${f.revokedId}`, state: 'delisted by a revocation', shows: '[data-testid=product-why]' },
    { path: `/products/${f.expiredDraftId}`, state: 'draft under an expired certificate', shows: '[data-testid=product-why]' },
    {
      path: '/products',
      state: 'refused form',
      post: { certificateId: '', title_vi: '', productGroup: 'handicrafts', priceVnd: 'ba trăm', stock: '-1' },
      status: 400,
      shows: '[data-testid=form-errors]',
    },
    { path: `/products/${f.expiredDraftId}/publish`, state: 'refused publish', post: {}, status: 409, shows: '[data-testid=next-step]' },
    { path: `/products/${f.revokedId}/publish`, state: 'refused publish, from the form', post: { back: 'edit' }, status: 409, shows: '[data-testid=next-step]' },
    { path: `/products/${f.listedId}/unpublish`, state: 'confirmation', post: { back: 'edit' }, shows: '[data-testid=confirm-form]' },
    { path: '/certificates', shows: '[data-testid=certificates]' },
    { path: '/orders', shows: '[data-testid=orders]' },
    { path: '/orders?status=paid', shows: '[data-testid=orders]' },
    { path: `/orders/${f.paidSubOrderId}`, state: 'paid', shows: '[data-testid=ship]' },
    { path: `/orders/${f.shippedSubOrderId}`, state: 'shipped', shows: '[data-testid=shipped]' },
    { path: `/orders/${f.unpaidSubOrderId}`, state: 'awaiting payment', shows: '[data-testid=order]' },
    { path: `/orders/${f.paidSubOrderId}/packed`, state: 'confirmation', post: {}, shows: '[data-testid=confirm-form]' },
    { path: `/orders/${f.paidSubOrderId}/ship`, state: 'confirmation', post: { carrier: 'Viettel Post', trackingNumber: 'VTP0001' }, shows: '[data-testid=confirm-form]' },
    { path: '/experiences', shows: '[data-testid=experiences]' },
    { path: '/experiences/new', shows: '[data-testid=save-experience]' },
    { path: `/experiences/${f.experienceId}`, shows: '[data-testid=slots]' },
    { path: `/experiences/${f.experienceId}/slots/${f.bookedSlotId}`, shows: '[data-testid=bookings]' },
    { path: `/experiences/${f.experienceId}/slots/${f.bookedSlotId}/cancel`, state: 'confirmation', post: {}, shows: '[data-testid=confirm-form]' },
    { path: `/experiences/${f.experienceId}/unpublish`, state: 'confirmation', post: {}, shows: '[data-testid=confirm-form]' },
    { path: '/stories', shows: '[data-testid=stories]' },
    { path: '/stories/new', shows: '[data-testid=story-form]' },
    { path: `/stories/${f.storyId}`, shows: '[data-testid=story-view]' },
    { path: '/payouts', shows: '[data-testid=balance]' },
    { path: '/staff', shows: '[data-testid=staff]' },
    { path: `/staff/${f.staffUserId}/remove`, state: 'confirmation', post: {}, shows: '[data-testid=confirm-form]' },
    { path: `/staff/invitations/${f.invitationId}/withdraw`, state: 'confirmation', post: {}, shows: '[data-testid=confirm-form]' },
    { path: '/account/password', shows: '#currentPassword' },
  ];
}
