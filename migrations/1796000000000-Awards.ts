import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Awards of prize competitions and volunteer awards (issue 16): one per application, one
 * winner per place (per nomination where there are nominations), and a handover that always
 * carries its date and the signed transfer act's scan — held by the database, so two
 * organizers at once cannot break them.
 */
export class Awards1796000000000 implements MigrationInterface {
  name = 'Awards1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "awards" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "competition_id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'recorded',
                "place" integer,
                "nomination" character varying(40),
                "prize_kk" character varying(300) NOT NULL,
                "prize_ru" character varying(300) NOT NULL,
                "amount" bigint,
                "handed_over_on" date,
                "handed_over_at" TIMESTAMP WITH TIME ZONE,
                "handed_over_by" uuid,
                "scan_storage_key" character varying(64),
                "scan_kind" character varying(8),
                "scan_sha256" character(64),
                "scan_size" integer,
                "scan_name" character varying(255),
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "chk_award_handover" CHECK (("status" = 'handed_over') = ("handed_over_on" IS NOT NULL AND "scan_storage_key" IS NOT NULL)),
                CONSTRAINT "chk_award_amount" CHECK ("amount" IS NULL OR "amount" >= 0),
                CONSTRAINT "chk_award_place" CHECK ("place" IS NULL OR "place" >= 1),
                CONSTRAINT "chk_award_status" CHECK ("status" IN ('recorded', 'handed_over')),
                CONSTRAINT "PK_bc3f6adc548ff46c76c03e06377" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_award_nomination_place" ON "awards" ("competition_id", "nomination", "place") WHERE place IS NOT NULL AND nomination IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_award_place" ON "awards" ("competition_id", "place") WHERE place IS NOT NULL AND nomination IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_fb3ea50a3be29380aa229cda7e" ON "awards" ("competition_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_award_application" ON "awards" ("application_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "awards"`);
  }
}
