import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The participants' satisfaction survey (issue 17): batches of links an organizer makes for a
 * contract's project (the questions frozen in each), the links with their token and short
 * code, and the answers — one per link, held by a unique index, so two answers sent at the
 * same moment leave one.
 */
export class Surveys1796100400000 implements MigrationInterface {
  name = 'Surveys1796100400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "survey_batches" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "competition_id" uuid NOT NULL,
        "contract_id" uuid NOT NULL,
        "rule" jsonb NOT NULL,
        "project" jsonb NOT NULL,
        "count" integer NOT NULL,
        "form_key" character varying(64),
        "created_by" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_survey_batch_count" CHECK ("count" >= 1 AND "count" <= 500),
        CONSTRAINT "PK_a558056b94268b3016f77ce1078" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_survey_batches_competition" ON "survey_batches" ("competition_id")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_survey_batch_form_key" ON "survey_batches" ("contract_id", "form_key") WHERE "form_key" IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "survey_links" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "batch_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "token" character varying(32) NOT NULL,
        "code" character(8) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_survey_link_position" CHECK ("position" >= 1),
        CONSTRAINT "PK_e4bca128cf66d13811bac966212" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_survey_link_position" ON "survey_links" ("batch_id", "position")`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_survey_link_code" ON "survey_links" ("code")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_survey_link_token" ON "survey_links" ("token")`);
    await queryRunner.query(`
      CREATE TABLE "survey_answers" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "link_id" uuid NOT NULL,
        "batch_id" uuid NOT NULL,
        "competition_id" uuid NOT NULL,
        "contract_id" uuid NOT NULL,
        "answers" jsonb NOT NULL,
        "satisfied" boolean NOT NULL,
        "locale" character varying(2) NOT NULL,
        "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "chk_survey_answer_locale" CHECK ("locale" IN ('kk', 'ru')),
        CONSTRAINT "PK_e4cab112318f766c93435f77a1a" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_survey_answers_competition" ON "survey_answers" ("competition_id", "contract_id")`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_survey_answer_link" ON "survey_answers" ("link_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "survey_answers"`);
    await queryRunner.query(`DROP TABLE "survey_links"`);
    await queryRunner.query(`DROP TABLE "survey_batches"`);
  }
}
