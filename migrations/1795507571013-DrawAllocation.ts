import { MigrationInterface, QueryRunner } from "typeorm";

export class DrawAllocation1795507571013 implements MigrationInterface {
    name = 'DrawAllocation1795507571013'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "draws" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "competition_id" uuid NOT NULL,
                "status" character varying(10) NOT NULL,
                "stratum_attribute" character varying(60) NOT NULL,
                "arms" jsonb NOT NULL,
                "pool" jsonb NOT NULL,
                "pool_hash" character(64) NOT NULL,
                "commitment" character(64) NOT NULL,
                "sealed_seed" text NOT NULL,
                "prepared_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "announced_at" TIMESTAMP WITH TIME ZONE,
                "drawn_at" TIMESTAMP WITH TIME ZONE,
                "seed" character(64),
                "public_entropy" text,
                "assignments" jsonb,
                "cancelled_at" TIMESTAMP WITH TIME ZONE,
                "cancel_reason" text,
                CONSTRAINT "PK_abe4e6df5ea65731c53b968f8d1" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_draw_live_per_competition" ON "draws" ("competition_id")
            WHERE status IN ('prepared', 'drawn')
        `);
        await queryRunner.query(`
            ALTER TABLE "applications"
            ADD "arm" character varying(8)
        `);
            // A drawn record is immutable: the database refuses any change or deletion of it.
        await queryRunner.query(`
            CREATE FUNCTION draws_refuse_change_after_draw() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF OLD.status = 'drawn' THEN
                RAISE EXCEPTION 'a drawn record is immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
              END IF;
              IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
              RETURN NEW;
            END
            $$`);
        await queryRunner.query(`
            CREATE TRIGGER draws_immutable_after_draw BEFORE UPDATE OR DELETE ON draws
            FOR EACH ROW EXECUTE FUNCTION draws_refuse_change_after_draw()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER draws_immutable_after_draw ON draws`);
        await queryRunner.query(`DROP FUNCTION draws_refuse_change_after_draw()`);
        await queryRunner.query(`
            ALTER TABLE "applications" DROP COLUMN "arm"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_draw_live_per_competition"
        `);
        await queryRunner.query(`
            DROP TABLE "draws"
        `);
    }

}
