import { Initial1795461854316 as M0 } from './1795461854316-Initial';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const SQLITE_MIGRATIONS: Function[] = [M0];
