/** MySQL/MariaDB's "Duplicate entry … for key …" (mysql2 reports it as `ER_DUP_ENTRY`, errno 1062). */
const MYSQL_DUPLICATE_ENTRY = 1062;

/** better-sqlite3's extended result codes for a clash on a unique index or on the primary key. */
const SQLITE_UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

interface DriverErrorFacts {
  code?: unknown;
  errno?: unknown;
  driverError?: unknown;
}

/**
 * Whether `err` is an insert or update refused by a unique index or primary key, on either
 * dialect: a mysql2 or better-sqlite3 error, bare or wrapped in TypeORM's `QueryFailedError`
 * (which keeps the driver's error as `driverError`). Callers use it to turn a lost race on a
 * unique key into a conflict or a retry. Pure; never throws.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { driverError } = err as DriverErrorFacts;
  return isDriverUniqueViolation(err as DriverErrorFacts) || (typeof driverError === 'object' && driverError !== null && isDriverUniqueViolation(driverError as DriverErrorFacts));
}

function isDriverUniqueViolation({ code, errno }: DriverErrorFacts): boolean {
  return code === 'ER_DUP_ENTRY' || errno === MYSQL_DUPLICATE_ENTRY || (typeof code === 'string' && SQLITE_UNIQUE_CODES.has(code));
}
