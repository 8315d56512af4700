import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public numbers unique across competitions: each competition gets a series per number prefix
 * (MG1, MG2, …) written into its numbers, and numbers with a series are unique over the whole
 * table. Numbers given before (MG-2026-0001, unique per competition only) keep their value and
 * stay outside the new index, which they could not satisfy if two competitions shared one.
 */
export class PublicNumberSeries1795800600000 implements MigrationInterface {
  name = 'PublicNumberSeries1795800600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "application_number_series" (
                "competition_id" uuid NOT NULL,
                "prefix" character varying(4) NOT NULL,
                "series" integer NOT NULL,
                CONSTRAINT "PK_application_number_series" PRIMARY KEY ("competition_id")
            )`);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_application_number_series" ON "application_number_series" ("prefix", "series")`);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_application_public_number" ON "applications" ("number")
            WHERE number ~ '^[A-Z]{2,4}[0-9]'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_application_public_number"`);
    await queryRunner.query(`DROP INDEX "public"."uq_application_number_series"`);
    await queryRunner.query(`DROP TABLE "application_number_series"`);
  }
}
