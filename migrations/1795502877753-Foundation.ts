import { MigrationInterface, QueryRunner } from "typeorm";

export class Foundation1795502877753 implements MigrationInterface {
    name = 'Foundation1795502877753'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`);
        await queryRunner.query(`
            CREATE TABLE "territories" (
                "code" character varying(20) NOT NULL,
                "parent_code" character varying(20),
                "kind" character varying(20) NOT NULL,
                "name_kk" character varying(120) NOT NULL,
                "name_ru" character varying(120) NOT NULL,
                CONSTRAINT "PK_e1a81c0cf29b429237ed209cc07" PRIMARY KEY ("code")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_814a30c22e7dc775c99a2352ab" ON "territories" ("parent_code")
        `);
        await queryRunner.query(`
            CREATE TABLE "organization_representatives" (
                "organization_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "added_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_3d27f02e2224f640da1687d7f3c" PRIMARY KEY ("organization_id", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_29dbfd8edebf2245fb440c740d" ON "organization_representatives" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "organizations" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "bin" character(12) NOT NULL,
                "name" character varying(300) NOT NULL,
                "kind" character varying(24) NOT NULL,
                "region_code" character varying(20) NOT NULL,
                "registered_on" date NOT NULL,
                "head_name" character varying(200),
                "accountant_name" character varying(200),
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "UQ_e58cd432aaf2b07186fc0dd45ca" UNIQUE ("bin"),
                CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "notification_outbox" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "template" character varying(80) NOT NULL,
                "locale" character varying(2) NOT NULL,
                "recipient_user_id" uuid,
                "recipient_email" character varying(254) NOT NULL,
                "payload" jsonb NOT NULL,
                "dedupe_key" character varying(200),
                "status" character varying(12) NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "lease_until" TIMESTAMP WITH TIME ZONE,
                "last_error" text,
                "smtp_response" text,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "read_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_83d47c7dba1da2d038749fe757e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_72e977de00da26b6d19e09eaeb" ON "notification_outbox" ("dedupe_key")
            WHERE dedupe_key IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_b086a759c37e5545c361ac802e" ON "notification_outbox" ("recipient_user_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_765bd35a1604fb3c0a0473c401" ON "notification_outbox" ("status", "available_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "email" character varying(254) NOT NULL,
                "password_hash" text NOT NULL,
                "locale" character varying(2) NOT NULL DEFAULT 'kk',
                "is_admin" boolean NOT NULL DEFAULT false,
                "email_verified_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "refresh_tokens" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "user_id" uuid NOT NULL,
                "family_id" uuid NOT NULL,
                "token_hash" character(64) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_a7838d2ba25be1342091b6695f" ON "refresh_tokens" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_3ddc983c5f7bcf132fd8732c3f" ON "refresh_tokens" ("user_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d5e27da0cd39bc3bb2811fc8ba" ON "refresh_tokens" ("family_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "persons" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "iin" character(12) NOT NULL,
                "user_id" uuid,
                "last_name" character varying(100) NOT NULL,
                "first_name" character varying(100) NOT NULL,
                "middle_name" character varying(100),
                "birth_date" date NOT NULL,
                "gender" character varying(6) NOT NULL,
                "phone" character varying(16),
                "social_categories" text array NOT NULL DEFAULT '{}',
                "education_status" character varying(24),
                "has_disability" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "PK_74278d8812a049233ce41440ac7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_5244fc8babb4d2eea0a1581232" ON "persons" ("iin")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_2acb7b7dc8eb45407636712750" ON "persons" ("user_id")
            WHERE user_id IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "one_time_tokens" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "user_id" uuid NOT NULL,
                "purpose" character varying(20) NOT NULL,
                "token_hash" character(64) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_8e470cc9ffc1b2afa054304db17" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_22e595d22f108ce4f2843e043a" ON "one_time_tokens" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_c3008703af87258da5d23e5f75" ON "one_time_tokens" ("user_id", "purpose")
        `);
        await queryRunner.query(`
            CREATE TABLE "login_throttle" (
                "key" character(64) NOT NULL,
                "failures" integer NOT NULL DEFAULT '0',
                "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "locked_until" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_14c03bac82292a8310c54cb98d0" PRIMARY KEY ("key")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "audit_log" (
                "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "actor_id" uuid,
                "actor_ip" character varying(64) NOT NULL,
                "request_id" character varying(100) NOT NULL,
                "action" character varying(80) NOT NULL,
                "entity_type" character varying(60) NOT NULL,
                "entity_id" character varying(100) NOT NULL,
                "summary" jsonb NOT NULL,
                "prev_hash" character(64) NOT NULL,
                "hash" character(64) NOT NULL,
                CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_43fef0ec7f613c19c612fffe62" ON "audit_log" ("entity_type", "entity_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "competition_memberships" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "competition_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "role" character varying(20) NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'active',
                "invited_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_ce7ecd01c4f67a0955251a10aeb" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_563bab336b9a42b9ce91982df6" ON "competition_memberships" ("user_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_28d6dc0eac44f572a8f5dfe5a7" ON "competition_memberships" ("competition_id", "user_id", "role")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_28d6dc0eac44f572a8f5dfe5a7"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_563bab336b9a42b9ce91982df6"
        `);
        await queryRunner.query(`
            DROP TABLE "competition_memberships"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_43fef0ec7f613c19c612fffe62"
        `);
        await queryRunner.query(`
            DROP TABLE "audit_log"
        `);
        await queryRunner.query(`
            DROP TABLE "login_throttle"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_c3008703af87258da5d23e5f75"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_22e595d22f108ce4f2843e043a"
        `);
        await queryRunner.query(`
            DROP TABLE "one_time_tokens"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_2acb7b7dc8eb45407636712750"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_5244fc8babb4d2eea0a1581232"
        `);
        await queryRunner.query(`
            DROP TABLE "persons"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d5e27da0cd39bc3bb2811fc8ba"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_3ddc983c5f7bcf132fd8732c3f"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a7838d2ba25be1342091b6695f"
        `);
        await queryRunner.query(`
            DROP TABLE "refresh_tokens"
        `);
        await queryRunner.query(`
            DROP TABLE "users"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_765bd35a1604fb3c0a0473c401"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_b086a759c37e5545c361ac802e"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_72e977de00da26b6d19e09eaeb"
        `);
        await queryRunner.query(`
            DROP TABLE "notification_outbox"
        `);
        await queryRunner.query(`
            DROP TABLE "organizations"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_29dbfd8edebf2245fb440c740d"
        `);
        await queryRunner.query(`
            DROP TABLE "organization_representatives"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_814a30c22e7dc775c99a2352ab"
        `);
        await queryRunner.query(`
            DROP TABLE "territories"
        `);
    }

}
