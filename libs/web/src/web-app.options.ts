export type AppName = 'storefront' | 'vendor' | 'admin';

/** Each app's folder under `apps/` (the vendor app's is not `vendor/`, which tools read as third-party code). */
export const APP_FOLDERS: Record<AppName, string> = { storefront: 'storefront', vendor: 'vendor-portal', admin: 'admin' };

/** Per-app settings of the HTTP layer (cookie names keep the apps' logins apart on one host). */
export class WebAppOptions {
  constructor(
    readonly name: AppName,
    readonly port: number,
    /** Who may log in through this app's login page (empty: anyone). */
    readonly pageLoginRoles: string[] = [],
  ) {}

  get sessionCookie(): string {
    return `ocop_${this.name}_sid`;
  }

  get csrfCookie(): string {
    return `ocop_${this.name}_csrf`;
  }

  /**
   * The page-language cookie, one per app, so a language chosen in one app (on one host) leaves
   * the others as they were; the storefront keeps the name its visitors already have.
   */
  get langCookie(): string {
    return this.name === 'storefront' ? 'ocop_lang' : `ocop_${this.name}_lang`;
  }
}
