import { Initial1795461130061 as M0 } from './1795461130061-Initial';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const SQLITE_MIGRATIONS: Function[] = [M0];
