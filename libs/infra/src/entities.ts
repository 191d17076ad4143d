import { ACCOUNTS_ENTITIES } from '@ocop/accounts';
import { CATALOG_ENTITIES } from '@ocop/catalog';
import { CERTIFICATION_ENTITIES } from '@ocop/certification';
import { EXPERIENCES_ENTITIES } from '@ocop/experiences';
import { DomainEventRecord } from '@ocop/database';
import { JOBS_ENTITIES } from '@ocop/jobs';
import { NOTIFICATIONS_ENTITIES } from '@ocop/notifications';
import { ORDERS_ENTITIES } from '@ocop/orders';
import { PAYMENTS_ENTITIES } from '@ocop/payments';
import { VENDORS_ENTITIES } from '@ocop/vendors';
import { VILLAGES_ENTITIES } from '@ocop/villages';

/** Every entity of the marketplace; the migrations are generated from exactly this list. */
export const ENTITIES = [
  DomainEventRecord,
  ...JOBS_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
  ...ACCOUNTS_ENTITIES,
  ...VILLAGES_ENTITIES,
  ...VENDORS_ENTITIES,
  ...CERTIFICATION_ENTITIES,
  ...CATALOG_ENTITIES,
  ...ORDERS_ENTITIES,
  ...PAYMENTS_ENTITIES,
  ...EXPERIENCES_ENTITIES,
];
