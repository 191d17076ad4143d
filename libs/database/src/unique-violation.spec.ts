import Database from 'better-sqlite3';
import { QueryFailedError } from 'typeorm';
import { isUniqueViolation } from './unique-violation';

/** The error better-sqlite3 really throws for `sql` on a table with a primary key and a unique column. */
function sqliteError(sql: string): Error {
  const db = new Database(':memory:');
  try {
    db.exec("CREATE TABLE t (id TEXT PRIMARY KEY, slug TEXT NOT NULL UNIQUE); INSERT INTO t VALUES ('1', 'a')");
    db.exec(sql);
  } catch (err) {
    return err as Error;
  } finally {
    db.close();
  }
  throw new Error(`expected ${sql} to fail`);
}

/** The shape of the error mysql2 raises for a duplicate key (message, code, errno, sqlState, sqlMessage). */
function mysqlError(code: string, errno: number): Error {
  return Object.assign(new Error("Duplicate entry 'a' for key 'slug'"), { code, errno, sqlState: '23000', sqlMessage: "Duplicate entry 'a' for key 'slug'" });
}

const wrapped = (driverError: Error) => new QueryFailedError('INSERT INTO t VALUES (?, ?)', ['2', 'a'], driverError);

describe('isUniqueViolation', () => {
  it('recognises a better-sqlite3 clash on a unique column and on the primary key, bare or wrapped by TypeORM', () => {
    for (const sql of ["INSERT INTO t VALUES ('2', 'a')", "INSERT INTO t VALUES ('1', 'b')"]) {
      const err = sqliteError(sql);
      expect(isUniqueViolation(err)).toBe(true);
      expect(isUniqueViolation(wrapped(err))).toBe(true);
    }
  });

  it('recognises a mysql2 duplicate entry, bare or wrapped by TypeORM', () => {
    const err = mysqlError('ER_DUP_ENTRY', 1062);
    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(wrapped(err))).toBe(true);
  });

  it('recognises a wrapped duplicate entry by its errno alone', () => {
    expect(isUniqueViolation({ driverError: { errno: 1062 } })).toBe(true);
  });

  it('does not mistake other constraint failures for a unique violation', () => {
    const notNull = sqliteError("INSERT INTO t (id) VALUES ('3')");
    const foreignKeyish = mysqlError('ER_NO_REFERENCED_ROW_2', 1452);
    for (const err of [notNull, wrapped(notNull), foreignKeyish, wrapped(foreignKeyish)]) expect(isUniqueViolation(err)).toBe(false);
  });

  it('answers false for anything that is not a driver error', () => {
    for (const err of [undefined, null, 'ER_DUP_ENTRY', 1062, new Error('boom'), { code: 'SQLITE_CONSTRAINT' }, { driverError: null }]) expect(isUniqueViolation(err)).toBe(false);
  });
});
