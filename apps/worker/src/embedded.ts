import { runProcess } from '@ocop/infra';
import { DEMO_EXPIRY_MINUTES, DEMO_LOGINS, seedDemoData } from './demo-data';
import { createEmbedded } from './embedded-app';

/**
 * The all-in-one process of the embedded default: storefront, vendor and admin apps and the
 * worker over SQLite, in-process jobs and embedded search, with demo data.
 */
void runProcess(
  'embedded',
  async (infra) => {
    const e = await createEmbedded(infra);
    if (infra.config.demoData) await seedDemoData(e.admin, infra.clock);
    const { host, ports, urls } = infra.config;
    await e.storefront.listen({ port: ports.storefront, host });
    await e.vendor.listen({ port: ports.vendor, host });
    await e.admin.listen({ port: ports.admin, host });
    const lines = [
      '',
      'OCOP Marketplace is running (embedded: one process, SQLite, in-process jobs, embedded search, sandbox payments)',
      `  storefront  ${urls.storefront}    API docs ${urls.storefront}/api/docs`,
      `  vendor      ${urls.vendor}    API docs ${urls.vendor}/api/docs`,
      `  admin       ${urls.admin}    API docs ${urls.admin}/api/docs`,
      `  database    ${infra.config.database.type === 'sqlite' ? infra.config.database.path : infra.config.database.database}`,
    ];
    if (infra.config.demoData) {
      lines.push('Demo logins (e-mail / password):');
      lines.push(`  admin    ${DEMO_LOGINS.admin.email} / ${DEMO_LOGINS.admin.password}   -> ${urls.admin}/login`);
      lines.push(`  vendor   ${DEMO_LOGINS.vendor.email} / ${DEMO_LOGINS.vendor.password}  -> ${urls.vendor}/login`);
      lines.push(`  shopper  ${DEMO_LOGINS.shopper.email} / ${DEMO_LOGINS.shopper.password} -> ${urls.storefront}/login`);
      lines.push(`Demo catalogue: 7 craft villages and their OCOP products; the West Lake lotus tea certificate`);
      lines.push(`expires ${DEMO_EXPIRY_MINUTES} minutes after the first start (watch it leave ${urls.storefront}/products), and`);
      lines.push(`the Van Don oyster floss certificate is revoked (see ${urls.admin}/audit).`);
      lines.push(`Demo orders of the shopper (sandbox payments): one shipped, one paid and waiting to be shipped`);
      lines.push(`(${urls.vendor}/orders, ${urls.vendor}/payouts), one awaiting payment until the payment time runs out.`);
    }
    if (infra.config.admin) lines.push(`Admin from ADMIN_EMAIL: ${infra.config.admin.email}`);
    lines.push('Press Ctrl-C to stop.', '');
    process.stdout.write(lines.join('\n') + '\n');
    return e.contexts;
  },
  (env) => {
    // The demo is the point of the embedded default; production deployments run the separate apps.
    if (env.NODE_ENV !== 'production') env.DEMO_DATA ??= 'true';
    env.LOG_LEVEL ??= 'warn';
  },
);
