import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../../config/typeorm.options';

/**
 * The database the committed migrations built (global setup ran them) must be exactly
 * what the entities describe. If someone edits an entity without a migration, or a
 * migration without the entity, TypeORM's schema builder finds statements to run.
 */
describe('schema: entities and migrations agree', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = new DataSource(typeormOptions(process.env.DATABASE_URL!));
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('loads the entities of every module (an empty glob would make the drift check vacuous)', () => {
    const tables = ds.entityMetadatas.map((m) => m.tableName).sort();
    expect(tables).toEqual(
      expect.arrayContaining([
        'audit_log',
        'competition_memberships',
        'organizations',
        'persons',
        'territories',
        'users',
      ]),
    );
  });

  it('has no pending migration', async () => {
    expect(await ds.showMigrations()).toBe(false);
  });

  it('needs no schema change to match the entities', async () => {
    const sql = await ds.driver.createSchemaBuilder().log();
    const pending = sql.upQueries.map(
      (q) => `${q.query}${q.parameters?.length ? ` -- ${JSON.stringify(q.parameters)}` : ''}`,
    );
    if (pending.length) {
      throw new Error(
        `entities and migrations disagree; a migration would need:\n${pending.map((q) => `  ${q};`).join('\n')}`,
      );
    }
    expect(pending).toEqual([]);
  });

  it('notices a column the entities do not know (the check above can fail)', async () => {
    await ds.query('ALTER TABLE territories ADD COLUMN drift_probe integer');
    try {
      const sql = await ds.driver.createSchemaBuilder().log();
      expect(sql.upQueries.map((q) => q.query)).toEqual([
        expect.stringMatching(/ALTER TABLE "territories" DROP COLUMN "drift_probe"/),
      ]);
    } finally {
      await ds.query('ALTER TABLE territories DROP COLUMN IF EXISTS drift_probe');
    }
  });

  it('keeps the append-only triggers on audit_log, enabled', async () => {
    const triggers: { name: string; enabled: string }[] = await ds.query(
      `SELECT tgname AS name, tgenabled AS enabled FROM pg_trigger
        WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal ORDER BY tgname`,
    );
    expect(triggers).toEqual([
      { name: 'audit_log_no_truncate', enabled: 'O' },
      { name: 'audit_log_no_update_delete', enabled: 'O' },
    ]);
  });
});
