import { MigrationInterface, QueryRunner } from 'typeorm';

/** Counters behind the rate limit of "send the verification link again" (per address, per IP). */
export class EmailVerificationResend1795800300000 implements MigrationInterface {
  name = 'EmailVerificationResend1795800300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "rate_limit_counters" (
        "key" character(64) NOT NULL,
        "hits" integer NOT NULL DEFAULT '0',
        "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_ad665f1998311a7bd0e8265365d" PRIMARY KEY ("key")
      )
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit_counters"`);
  }
}
