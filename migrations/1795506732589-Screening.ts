import { MigrationInterface, QueryRunner } from "typeorm";

export class Screening1795506732589 implements MigrationInterface {
    name = 'Screening1795506732589'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "screening_checklists" (
                "application_id" uuid NOT NULL,
                "competition_id" uuid NOT NULL,
                "lines" jsonb NOT NULL,
                "decision" character varying(16),
                "decision_comment" text,
                "decided_by" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "PK_20578ec2a6fcc619723ec62c41a" PRIMARY KEY ("application_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_972fc25c4bcb84f6d211e764af" ON "screening_checklists" ("competition_id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_972fc25c4bcb84f6d211e764af"
        `);
        await queryRunner.query(`
            DROP TABLE "screening_checklists"
        `);
    }

}
