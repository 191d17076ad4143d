import { schemaDrift } from '@ocop/database';
import { openTestDatabase } from '@ocop/testing';

describe('SQLite migrations', () => {
  it('build exactly the schema the entities describe (no drift)', async () => {
    const db = await openTestDatabase('sqlite');
    try {
      expect(await schemaDrift(db.dataSource)).toEqual([]);
      const tables = (await db.dataSource.query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)).map((r: { name: string }) => r.name);
      expect(tables).toEqual(expect.arrayContaining(['jobs', 'mail_messages', 'sessions', 'users', 'migrations']));
    } finally {
      await db.cleanup();
    }
  });

  it('revert down to an empty database', async () => {
    const db = await openTestDatabase('sqlite');
    try {
      while ((await db.dataSource.query('SELECT COUNT(*) AS n FROM migrations'))[0].n > 0) await db.dataSource.undoLastMigration();
      const tables = (await db.dataSource.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('migrations', 'sqlite_sequence')`)) as unknown[];
      expect(tables).toEqual([]);
    } finally {
      await db.cleanup();
    }
  });
});
