import { MigrationInterface, QueryRunner } from "typeorm";

export class CompetitionsAndApplications1795506019139 implements MigrationInterface {
    name = 'CompetitionsAndApplications1795506019139'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "idempotency_keys" (
                "user_id" uuid NOT NULL,
                "key" character varying(200) NOT NULL,
                "request_hash" character(64) NOT NULL,
                "state" character varying(10) NOT NULL,
                "response_status" integer,
                "response_body" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_392b1af86f210d98d3f0c764728" PRIMARY KEY ("user_id", "key")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "host_org_quota" (
                "competition_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "used" integer NOT NULL DEFAULT '0',
                "max_allowed" integer NOT NULL,
                CONSTRAINT "chk_host_org_quota" CHECK ("used" <= "max_allowed"),
                CONSTRAINT "PK_3453c1dbca3ab61616ec6b363ae" PRIMARY KEY ("competition_id", "organization_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "attachments" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "application_id" uuid NOT NULL,
                "document_code" character varying(60) NOT NULL,
                "file_kind" character varying(8) NOT NULL,
                "storage_key" character varying(100) NOT NULL,
                "sha256" character(64) NOT NULL,
                "size" integer NOT NULL,
                "original_name" character varying(255) NOT NULL,
                "uploaded_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5e1f050bcff31e3084a1d662412" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_1ff3b1466f2f5faf2dcd06833e" ON "attachments" ("application_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "applications" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "competition_id" uuid NOT NULL,
                "applicant_user_id" uuid NOT NULL,
                "applicant_kind" character varying(20) NOT NULL,
                "organization_id" uuid,
                "status" character varying(20) NOT NULL DEFAULT 'draft',
                "number" character varying(24),
                "sequence_no" integer,
                "title" character varying(300),
                "territory_code" character varying(20),
                "direction" character varying(40),
                "nomination" character varying(40),
                "answers" jsonb NOT NULL DEFAULT '{}',
                "budget_lines" jsonb NOT NULL DEFAULT '[]',
                "amount_requested" bigint NOT NULL DEFAULT '0',
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "PK_938c0a27255637bde919591888f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_application_per_group" ON "applications" ("competition_id", "applicant_user_id")
            WHERE applicant_kind = 'initiative_group'
                AND status NOT IN ('draft', 'withdrawn')
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_application_number" ON "applications" ("competition_id", "number")
            WHERE number IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_e06f09fc50f7218a58270e5d55" ON "applications" ("applicant_user_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_99ed20681071da901cd98d9289" ON "applications" ("competition_id", "status")
        `);
        await queryRunner.query(`
            CREATE TABLE "application_members" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "application_id" uuid NOT NULL,
                "competition_id" uuid NOT NULL,
                "iin" character(12) NOT NULL,
                "last_name" character varying(100) NOT NULL,
                "first_name" character varying(100) NOT NULL,
                "phone" character varying(16),
                "email" character varying(254),
                "birth_date" date NOT NULL,
                "gender" character varying(6) NOT NULL,
                "is_leader" boolean NOT NULL DEFAULT false,
                "position" integer NOT NULL,
                "active" boolean NOT NULL DEFAULT false,
                CONSTRAINT "PK_179df41b86c619bb5a048ca2226" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_member_one_application" ON "application_members" ("competition_id", "iin")
            WHERE active
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ebff65863f1c6c8ee179045a16" ON "application_members" ("application_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "competitions"
            ADD "description_kk" text
        `);
        await queryRunner.query(`
            ALTER TABLE "competitions"
            ADD "description_ru" text
        `);
        await queryRunner.query(`
            ALTER TABLE "competitions"
            ADD "rulebook" jsonb NOT NULL DEFAULT '{}'
        `);
        await queryRunner.query(`
            ALTER TABLE "competitions"
            ADD "submission_deadline" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "competitions"
            ADD "number_prefix" character varying(4) NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "competitions"
            ADD "opened_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "competitions"
            ADD "closed_at" TIMESTAMP WITH TIME ZONE
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "competitions" DROP COLUMN "closed_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "competitions" DROP COLUMN "opened_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "competitions" DROP COLUMN "number_prefix"
        `);
        await queryRunner.query(`
            ALTER TABLE "competitions" DROP COLUMN "submission_deadline"
        `);
        await queryRunner.query(`
            ALTER TABLE "competitions" DROP COLUMN "rulebook"
        `);
        await queryRunner.query(`
            ALTER TABLE "competitions" DROP COLUMN "description_ru"
        `);
        await queryRunner.query(`
            ALTER TABLE "competitions" DROP COLUMN "description_kk"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ebff65863f1c6c8ee179045a16"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_member_one_application"
        `);
        await queryRunner.query(`
            DROP TABLE "application_members"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_99ed20681071da901cd98d9289"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_e06f09fc50f7218a58270e5d55"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_application_number"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_application_per_group"
        `);
        await queryRunner.query(`
            DROP TABLE "applications"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_1ff3b1466f2f5faf2dcd06833e"
        `);
        await queryRunner.query(`
            DROP TABLE "attachments"
        `);
        await queryRunner.query(`
            DROP TABLE "host_org_quota"
        `);
        await queryRunner.query(`
            DROP TABLE "idempotency_keys"
        `);
    }

}
