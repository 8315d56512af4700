import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One lifecycle: the scoring round (quorum set at assignment, close, publication) moves out
 * of `competitions` into a table the scoring module owns; the ranking is stored at close
 * and the database refuses to change it; a draw's sealed seed names the key that sealed it.
 *
 * Competitions closed before this migration keep their close and publication dates but have
 * no stored ranking (none was live when this shipped). Seeds sealed before it carry the key
 * id `legacy`: the refresh-token secret they were sealed under still opens them.
 */
export class Lifecycle1795700792778 implements MigrationInterface {
  name = 'Lifecycle1795700792778';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "scoring_rounds" (
                "competition_id" uuid NOT NULL,
                "assigned_quorum" integer,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "closed_by" uuid,
                "forced_reason" text,
                "below_quorum" text array NOT NULL DEFAULT '{}',
                "results_published_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_493fafc12e4948f3ca0492e247e" PRIMARY KEY ("competition_id")
            )
        `);
    await queryRunner.query(`
            INSERT INTO scoring_rounds (competition_id, closed_at, forced_reason, results_published_at)
            SELECT id, scoring_closed_at, scoring_forced_reason, results_published_at FROM competitions
             WHERE scoring_closed_at IS NOT NULL OR results_published_at IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "ranking_entries" (
                "competition_id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "entry" jsonb NOT NULL,
                CONSTRAINT "PK_fa153720e66ec6089c52a6ea29c" PRIMARY KEY ("competition_id", "application_id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_1953fa1702f1f919a69b15c94c" ON "ranking_entries" ("competition_id", "position")
        `);
    await queryRunner.query(`
            CREATE FUNCTION ranking_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'ranking_entries is a published snapshot: % refused', TG_OP USING ERRCODE = 'integrity_constraint_violation';
            END
            $$`);
    await queryRunner.query(`
            CREATE TRIGGER ranking_entries_immutable BEFORE UPDATE OR DELETE ON ranking_entries
            FOR EACH ROW EXECUTE FUNCTION ranking_entries_refuse_change()`);
    await queryRunner.query(`
            CREATE TRIGGER ranking_entries_no_truncate BEFORE TRUNCATE ON ranking_entries
            FOR EACH STATEMENT EXECUTE FUNCTION ranking_entries_refuse_change()`);
    await queryRunner.query(`ALTER TABLE "competitions" DROP COLUMN "scoring_closed_at"`);
    await queryRunner.query(`ALTER TABLE "competitions" DROP COLUMN "results_published_at"`);
    await queryRunner.query(`ALTER TABLE "competitions" DROP COLUMN "scoring_forced_reason"`);
    await queryRunner.query(`ALTER TABLE "draws" ADD "seal_key_id" character varying(40) NOT NULL DEFAULT 'legacy'`);
    await queryRunner.query(`ALTER TABLE "draws" ALTER COLUMN "seal_key_id" DROP DEFAULT`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "draws" DROP COLUMN "seal_key_id"`);
    await queryRunner.query(`ALTER TABLE "competitions" ADD "scoring_forced_reason" text`);
    await queryRunner.query(`ALTER TABLE "competitions" ADD "results_published_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "competitions" ADD "scoring_closed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`
            UPDATE competitions c SET scoring_closed_at = r.closed_at, scoring_forced_reason = r.forced_reason, results_published_at = r.results_published_at
              FROM scoring_rounds r WHERE r.competition_id = c.id
        `);
    await queryRunner.query(`DROP TRIGGER ranking_entries_no_truncate ON ranking_entries`);
    await queryRunner.query(`DROP TRIGGER ranking_entries_immutable ON ranking_entries`);
    await queryRunner.query(`DROP FUNCTION ranking_entries_refuse_change()`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1953fa1702f1f919a69b15c94c"`);
    await queryRunner.query(`DROP TABLE "ranking_entries"`);
    await queryRunner.query(`DROP TABLE "scoring_rounds"`);
  }
}
