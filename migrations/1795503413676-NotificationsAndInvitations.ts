import { MigrationInterface, QueryRunner } from "typeorm";

export class NotificationsAndInvitations1795503413676 implements MigrationInterface {
    name = 'NotificationsAndInvitations1795503413676'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "competition_invitations" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "competition_id" uuid NOT NULL,
                "email" character varying(254) NOT NULL,
                "role" character varying(20) NOT NULL,
                "token_hash" character(64) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "accepted_at" TIMESTAMP WITH TIME ZONE,
                "accepted_by" uuid,
                "invited_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_3974289ad45df308a3f50e58d46" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_a6d2512e1d802d27df83d34e67" ON "competition_invitations" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_3514a7ad8c7a00cd639fbffc2a" ON "competition_invitations" ("competition_id", "email")
        `);
        await queryRunner.query(`
            CREATE TABLE "competitions" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "template_code" character varying(40) NOT NULL,
                "title_kk" character varying(300) NOT NULL,
                "title_ru" character varying(300) NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'draft',
                "time_zone" character varying(40) NOT NULL DEFAULT 'Asia/Almaty',
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "PK_ef273910798c3a542b475e75c7d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_outbox"
            ADD "competition_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_outbox"
            ADD "retries" integer NOT NULL DEFAULT '0'
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_b2f277072372ba6ee805e01f28" ON "notification_outbox" ("competition_id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_b2f277072372ba6ee805e01f28"
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_outbox" DROP COLUMN "retries"
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_outbox" DROP COLUMN "competition_id"
        `);
        await queryRunner.query(`
            DROP TABLE "competitions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_3514a7ad8c7a00cd639fbffc2a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a6d2512e1d802d27df83d34e67"
        `);
        await queryRunner.query(`
            DROP TABLE "competition_invitations"
        `);
    }

}
