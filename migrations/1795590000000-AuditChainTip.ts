import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Appending to the audit chain took three round trips, two of them under the chain's lock
 * (take the lock, read the tip, insert). This function takes the lock and reads the tip
 * inside the INSERT itself: a VOLATILE function takes a fresh snapshot for each statement it
 * runs, so the read after the lock sees every entry committed while this transaction waited
 * for it (a plain sub-select would use the INSERT's snapshot, taken before the wait, and fork
 * the chain).
 */
export class AuditChainTip1795590000000 implements MigrationInterface {
  name = 'AuditChainTip1795590000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_chain_tip(lock_key bigint) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        tip text;
      BEGIN
        PERFORM pg_advisory_xact_lock(lock_key);
        SELECT hash INTO tip FROM audit_log ORDER BY id DESC LIMIT 1;
        RETURN tip;
      END
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION audit_chain_tip(bigint)');
  }
}
