import { createMysqlDatabase, describeMysql } from '@ocop/testing';
import { migrate, openDatabase, schemaDrift } from '@ocop/database';
import { ENTITIES } from '@ocop/infra';

describeMysql('MySQL-compatible migrations', () => {
  it('build exactly the schema the entities describe (no drift), in utf8mb4', async () => {
    const db = await createMysqlDatabase('mig');
    const ds = await openDatabase(db.config, ENTITIES);
    try {
      expect(await schemaDrift(ds)).toEqual([]);
      const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN ('jobs','mail_messages','sessions','users')`);
      expect(Number(n)).toBe(4);
      await ds.query(`INSERT INTO users (id, email, name, passwordHash, roles) VALUES ('u1', 'lan@example.vn', 'Nguyễn Thị Ánh Tuyết', 'x', 'shopper')`);
      const [row] = await ds.query(`SELECT name FROM users WHERE id = 'u1'`);
      expect(row.name).toBe('Nguyễn Thị Ánh Tuyết');
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });

  it('are applied once when several processes start together', async () => {
    const db = await createMysqlDatabase('migrace');
    const sources = await Promise.all([0, 1, 2].map(() => openDatabase(db.config, ENTITIES, { migrate: false })));
    try {
      await Promise.all(sources.map((s) => migrate(s)));
      const rows = await sources[0].query('SELECT name FROM migrations');
      expect(rows.length).toBe(sources[0].migrations.length);
    } finally {
      for (const s of sources) await s.destroy();
      await db.drop();
    }
  });

  it('revert down to an empty database', async () => {
    const db = await createMysqlDatabase('migdown');
    const ds = await openDatabase(db.config, ENTITIES);
    try {
      for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration();
      const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name <> 'migrations'`);
      expect(Number(n)).toBe(0);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
