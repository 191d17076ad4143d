import { ACCOUNTS_ENTITIES } from '@ocop/accounts';
import { JOBS_ENTITIES } from '@ocop/jobs';
import { NOTIFICATIONS_ENTITIES } from '@ocop/notifications';

/** Every entity of the marketplace; the migrations are generated from exactly this list. */
export const ENTITIES = [...JOBS_ENTITIES, ...NOTIFICATIONS_ENTITIES, ...ACCOUNTS_ENTITIES];
