import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Grant contracts (issue 16): one per winner, numbered per competition, with the revisions
 * that were sent. The database keeps what was sent as it was: a contract's content cannot
 * change within a revision once it left the draft, and a revision row's content never changes.
 */
export class Contracts1796000100000 implements MigrationInterface {
  name = 'Contracts1796000100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "contracts" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "competition_id" uuid NOT NULL,
        "application_id" uuid NOT NULL,
        "number" character varying(32) NOT NULL,
        "sequence_no" integer NOT NULL,
        "status" character varying(20) NOT NULL DEFAULT 'draft',
        "revision" integer NOT NULL DEFAULT '1',
        "content" jsonb NOT NULL,
        "amount" bigint NOT NULL,
        "sent_at" TIMESTAMP WITH TIME ZONE,
        "signed_copy_key" character varying(60),
        "signed_copy_kind" character varying(8),
        "signed_copy_sha256" character(64),
        "signed_copy_size" integer,
        "signed_copy_name" character varying(255),
        "signed_at" TIMESTAMP WITH TIME ZONE,
        "signed_by" uuid,
        "countersigned_at" TIMESTAMP WITH TIME ZONE,
        "countersigned_by" uuid,
        "terminated_at" TIMESTAMP WITH TIME ZONE,
        "termination_reason" text,
        "created_by" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "chk_contract_terminated_reason" CHECK ("status" <> 'terminated' OR length(btrim("termination_reason")) > 0),
        CONSTRAINT "chk_contract_amount" CHECK ("amount" >= 0),
        CONSTRAINT "chk_contract_status" CHECK ("status" IN ('draft', 'sent', 'signed_by_grantee', 'active', 'completed', 'terminated')),
        CONSTRAINT "PK_2c7b8f3a7b1acdd49497d83d0fb" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_38bbd3192ab07e56c4ee9d54a9" ON "contracts" ("competition_id", "status")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_contract_sequence" ON "contracts" ("competition_id", "sequence_no")`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_contract_application" ON "contracts" ("application_id")`);
    await queryRunner.query(`
      CREATE TABLE "contract_revisions" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "contract_id" uuid NOT NULL,
        "revision" integer NOT NULL,
        "content" jsonb NOT NULL,
        "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "sent_by" uuid NOT NULL,
        "signed_copy" jsonb,
        "superseded_at" TIMESTAMP WITH TIME ZONE,
        "supersede_reason" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_4fe2d66e4bf51f2622446051ef1" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_contract_revision" ON "contract_revisions" ("contract_id", "revision")`,
    );
    // Sent means frozen: within a revision, the content of a contract past its draft stays as sent.
    await queryRunner.query(`
      CREATE FUNCTION contracts_refuse_frozen_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status <> 'draft' AND NEW.revision = OLD.revision
           AND (NEW.content IS DISTINCT FROM OLD.content OR NEW.amount IS DISTINCT FROM OLD.amount) THEN
          RAISE EXCEPTION 'contract % is frozen since it was sent: a change is a new revision', OLD.number
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.revision < OLD.revision THEN
          RAISE EXCEPTION 'contract % revision cannot go back', OLD.number USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER contracts_frozen_once_sent BEFORE UPDATE ON contracts
      FOR EACH ROW EXECUTE FUNCTION contracts_refuse_frozen_change()`);
    await queryRunner.query(`
      CREATE FUNCTION contract_revisions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR NEW.content IS DISTINCT FROM OLD.content OR NEW.revision <> OLD.revision
           OR NEW.contract_id <> OLD.contract_id OR NEW.sent_at <> OLD.sent_at THEN
          RAISE EXCEPTION 'a sent contract revision is kept as it was sent: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER contract_revisions_immutable BEFORE UPDATE OR DELETE ON contract_revisions
      FOR EACH ROW EXECUTE FUNCTION contract_revisions_refuse_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER contract_revisions_immutable ON contract_revisions`);
    await queryRunner.query(`DROP FUNCTION contract_revisions_refuse_change()`);
    await queryRunner.query(`DROP TRIGGER contracts_frozen_once_sent ON contracts`);
    await queryRunner.query(`DROP FUNCTION contracts_refuse_frozen_change()`);
    await queryRunner.query(`DROP INDEX "public"."uq_contract_revision"`);
    await queryRunner.query(`DROP TABLE "contract_revisions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_contract_application"`);
    await queryRunner.query(`DROP INDEX "public"."uq_contract_sequence"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_38bbd3192ab07e56c4ee9d54a9"`);
    await queryRunner.query(`DROP TABLE "contracts"`);
  }
}
