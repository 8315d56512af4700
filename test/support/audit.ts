import type { DataSource, QueryRunner } from 'typeorm';

/**
 * What a superuser could do to the audit log behind the application's back: switch the
 * trigger that forbids UPDATE and DELETE off, run `sql`, switch it back on, in one
 * transaction — to show that the hash chain names the entry that was changed.
 */
export async function behindTheAppsBack(db: DataSource, sql: string, params: unknown[] = []): Promise<void> {
  const runner: QueryRunner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
    await runner.query(sql, params);
    await runner.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
    await runner.commitTransaction();
  } catch (err) {
    await runner.rollbackTransaction();
    throw err;
  } finally {
    await runner.release();
  }
}
