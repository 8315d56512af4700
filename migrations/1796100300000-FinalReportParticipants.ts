import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The participants a programmatic report lists (a person by IIN or by name, or a tally), and
 * its direct and indirect beneficiaries: what the final report (the 004 form) counts.
 * `report_id` has no foreign key: the reports module owns that table and writes these rows
 * through ParticipantsService in its own transaction.
 */
export class FinalReportParticipants1796100300000 implements MigrationInterface {
  name = 'FinalReportParticipants1796100300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "report_participants" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "report_id" uuid NOT NULL,
        "contract_id" uuid NOT NULL,
        "competition_id" uuid NOT NULL,
        "application_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "kind" character varying(6) NOT NULL,
        "iin" character(12),
        "full_name" character varying(300),
        "gender" character varying(7),
        "birth_date" date,
        "facts" text array NOT NULL DEFAULT '{}',
        "count" integer,
        "age_band" character varying(24),
        "category" character varying(24),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_report_participants_kind" CHECK ("kind" IN ('person', 'count')),
        CONSTRAINT "chk_report_participants_gender" CHECK ("gender" IS NULL OR "gender" IN ('male', 'female', 'unknown')),
        CONSTRAINT "chk_report_participants_shape" CHECK (("kind" = 'person' AND "count" IS NULL AND "age_band" IS NULL AND "category" IS NULL AND "gender" <> 'unknown' AND ("iin" IS NOT NULL OR ("full_name" IS NOT NULL AND "gender" IS NOT NULL)))
   OR ("kind" = 'count' AND "count" > 0 AND "iin" IS NULL AND "full_name" IS NULL AND "birth_date" IS NULL AND "gender" IS NOT NULL AND "age_band" IS NOT NULL AND "category" IS NOT NULL)),
        CONSTRAINT "PK_report_participants" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_report_participants_report" ON "report_participants" ("report_id", "position")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_report_participants_competition" ON "report_participants" ("competition_id", "application_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "report_beneficiaries" (
        "report_id" uuid NOT NULL,
        "contract_id" uuid NOT NULL,
        "competition_id" uuid NOT NULL,
        "application_id" uuid NOT NULL,
        "direct" integer NOT NULL,
        "indirect" bigint NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_report_beneficiaries_counts" CHECK ("direct" >= 0 AND "indirect" >= 0),
        CONSTRAINT "PK_report_beneficiaries" PRIMARY KEY ("report_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_report_beneficiaries_competition" ON "report_beneficiaries" ("competition_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "report_beneficiaries"`);
    await queryRunner.query(`DROP TABLE "report_participants"`);
  }
}
