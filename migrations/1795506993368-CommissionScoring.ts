import { MigrationInterface, QueryRunner } from "typeorm";

export class CommissionScoring1795506993368 implements MigrationInterface {
    name = 'CommissionScoring1795506993368'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "selection_results" (
                "application_id" uuid NOT NULL,
                "competition_id" uuid NOT NULL,
                "rank" integer,
                "mean" double precision,
                "selected" boolean NOT NULL,
                "reason" character varying(40) NOT NULL,
                "params" jsonb,
                CONSTRAINT "PK_ba512040d709bbbaa1c190dc5a1" PRIMARY KEY ("application_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_169c9053d43cc645ec8efc5526" ON "selection_results" ("competition_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "commission_scores" (
                "application_id" uuid NOT NULL,
                "member_id" uuid NOT NULL,
                "competition_id" uuid NOT NULL,
                "scores" jsonb NOT NULL,
                "total" double precision NOT NULL,
                "criterion_points" double precision array NOT NULL,
                "version" integer NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_813dfdb0f0956b157b1dabb1e3a" PRIMARY KEY ("application_id", "member_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_906a3c32875789749551b1453f" ON "commission_scores" ("competition_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "commission_assignments" (
                "application_id" uuid NOT NULL,
                "member_id" uuid NOT NULL,
                "competition_id" uuid NOT NULL,
                CONSTRAINT "PK_44e94aff4add597ff18a336af29" PRIMARY KEY ("application_id", "member_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d92a82cfa6994fe4a571730443" ON "commission_assignments" ("competition_id", "member_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "commission_conflicts" (
                "application_id" uuid NOT NULL,
                "member_id" uuid NOT NULL,
                "competition_id" uuid NOT NULL,
                "source" character varying(10) NOT NULL,
                "status" character varying(10) NOT NULL,
                "reason" character varying(1000) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_cbfb683c9ec0f83dbade7415af9" PRIMARY KEY ("application_id", "member_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a72a3be65c55d0d5f6ef3d3b8d" ON "commission_conflicts" ("competition_id", "member_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "competitions"
            ADD "scoring_closed_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "competitions"
            ADD "scoring_forced_reason" text
        `);
        await queryRunner.query(`
            ALTER TABLE "competitions"
            ADD "results_published_at" TIMESTAMP WITH TIME ZONE
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "competitions" DROP COLUMN "results_published_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "competitions" DROP COLUMN "scoring_forced_reason"
        `);
        await queryRunner.query(`
            ALTER TABLE "competitions" DROP COLUMN "scoring_closed_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a72a3be65c55d0d5f6ef3d3b8d"
        `);
        await queryRunner.query(`
            DROP TABLE "commission_conflicts"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d92a82cfa6994fe4a571730443"
        `);
        await queryRunner.query(`
            DROP TABLE "commission_assignments"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_906a3c32875789749551b1453f"
        `);
        await queryRunner.query(`
            DROP TABLE "commission_scores"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_169c9053d43cc645ec8efc5526"
        `);
        await queryRunner.query(`
            DROP TABLE "selection_results"
        `);
    }

}
