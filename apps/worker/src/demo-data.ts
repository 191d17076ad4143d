import type { AccountsService } from '@ocop/accounts';

/** The demo logins of the embedded default; never seeded unless DEMO_DATA is on. */
export const DEMO_LOGINS = {
  admin: { email: 'admin@demo.ocop.vn', password: 'Demo-Admin-2025', name: 'Quản trị viên' },
  vendor: { email: 'vendor@demo.ocop.vn', password: 'Demo-Vendor-2025', name: 'HTX Gốm Bát Tràng' },
  shopper: { email: 'shopper@demo.ocop.vn', password: 'Demo-Shopper-2025', name: 'Nguyễn Thị Lan' },
} as const;

/** Seeds the demo accounts; idempotent, so a second start reuses the data. */
export async function seedDemoData(accounts: AccountsService): Promise<void> {
  await accounts.ensureUser({ ...DEMO_LOGINS.admin, roles: ['admin'] });
  await accounts.ensureUser({ ...DEMO_LOGINS.vendor, roles: ['shopper'] });
  await accounts.ensureUser({ ...DEMO_LOGINS.shopper, roles: ['shopper'], locale: 'en' });
}
