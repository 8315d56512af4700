import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Winners' programmatic and financial reports (issue 17): one row per contract, kind and stage
 * with its stored due date; every submission a version kept as it was; every review kept as
 * it was; files per report (receipts per budget line). The database keeps the history: a
 * version or a review row never changes, and a report under review or accepted keeps its content.
 */
export class Reports1796100200000 implements MigrationInterface {
  name = 'Reports1796100200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "reports" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "contract_id" uuid NOT NULL,
        "competition_id" uuid NOT NULL,
        "application_id" uuid NOT NULL,
        "kind" character varying(16) NOT NULL,
        "stage" character varying(10) NOT NULL,
        "due_on" date NOT NULL,
        "scheduled_due_on" date NOT NULL,
        "late_until" date,
        "status" character varying(12) NOT NULL DEFAULT 'draft',
        "content" jsonb NOT NULL DEFAULT '{}',
        "submissions" integer NOT NULL DEFAULT '0',
        "submitted_at" TIMESTAMP WITH TIME ZONE,
        "accepted_at" TIMESTAMP WITH TIME ZONE,
        "accepted_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "chk_report_status" CHECK ("status" IN ('draft', 'submitted', 'returned', 'resubmitted', 'accepted')),
        CONSTRAINT "chk_report_stage" CHECK ("stage" IN ('interim', 'final')),
        CONSTRAINT "chk_report_kind" CHECK ("kind" IN ('programmatic', 'financial')),
        CONSTRAINT "PK_d9013193989303580053c0b5ef6" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_report_due" ON "reports" ("due_on", "status")`);
    await queryRunner.query(`CREATE INDEX "ix_report_competition_status" ON "reports" ("competition_id", "status")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_report_contract_kind_stage" ON "reports" ("contract_id", "kind", "stage")`,
    );
    await queryRunner.query(`
      CREATE TABLE "report_versions" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "report_id" uuid NOT NULL,
        "number" integer NOT NULL,
        "snapshot" jsonb NOT NULL,
        "due_on" date NOT NULL,
        "late" boolean NOT NULL DEFAULT false,
        "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "submitted_by" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_6d3b864a941bf10036efe50ae81" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_report_version" ON "report_versions" ("report_id", "number")`);
    await queryRunner.query(`
      CREATE TABLE "report_reviews" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "report_id" uuid NOT NULL,
        "version_number" integer NOT NULL,
        "decision" character varying(10) NOT NULL,
        "comment" text,
        "sections" jsonb NOT NULL DEFAULT '[]',
        "reviewed_by" uuid NOT NULL,
        "reviewed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_report_review_decision" CHECK ("decision" IN ('accepted', 'returned')),
        CONSTRAINT "PK_362ef797b31f31f05d501ab9beb" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_report_review_version" ON "report_reviews" ("report_id", "version_number")`,
    );
    await queryRunner.query(`
      CREATE TABLE "report_attachments" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "report_id" uuid NOT NULL,
        "kind" character varying(20) NOT NULL,
        "budget_line" integer,
        "storage_key" character varying(60) NOT NULL,
        "file_kind" character varying(8) NOT NULL,
        "sha256" character(64) NOT NULL,
        "size" integer NOT NULL,
        "name" character varying(255) NOT NULL,
        "uploaded_by" uuid NOT NULL,
        "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "removed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "chk_report_attachment_receipt_line" CHECK ("kind" <> 'receipt' OR "budget_line" IS NOT NULL),
        CONSTRAINT "chk_report_attachment_kind" CHECK ("kind" IN ('photo', 'receipt', 'participants_list', 'document')),
        CONSTRAINT "PK_6ba5abf9d442cf6861793b468b0" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_report_attachment_report" ON "report_attachments" ("report_id")`);
    // Submitted means frozen until returned; accepted is for good.
    await queryRunner.query(`
      CREATE FUNCTION reports_refuse_frozen_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status IN ('submitted', 'resubmitted', 'accepted') AND NEW.content IS DISTINCT FROM OLD.content THEN
          RAISE EXCEPTION 'report % is %: its content is kept as submitted', OLD.id, OLD.status
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.status = 'accepted' AND NEW.status <> 'accepted' THEN
          RAISE EXCEPTION 'report % is accepted for good', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.submissions < OLD.submissions THEN
          RAISE EXCEPTION 'report % submissions cannot go back', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER reports_frozen_under_review BEFORE UPDATE ON reports
      FOR EACH ROW EXECUTE FUNCTION reports_refuse_frozen_change()`);
    await queryRunner.query(`
      CREATE FUNCTION report_history_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is kept as it was written: % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER report_versions_immutable BEFORE UPDATE OR DELETE ON report_versions
      FOR EACH ROW EXECUTE FUNCTION report_history_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER report_reviews_immutable BEFORE UPDATE OR DELETE ON report_reviews
      FOR EACH ROW EXECUTE FUNCTION report_history_refuse_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER report_reviews_immutable ON report_reviews`);
    await queryRunner.query(`DROP TRIGGER report_versions_immutable ON report_versions`);
    await queryRunner.query(`DROP FUNCTION report_history_refuse_change()`);
    await queryRunner.query(`DROP TRIGGER reports_frozen_under_review ON reports`);
    await queryRunner.query(`DROP FUNCTION reports_refuse_frozen_change()`);
    await queryRunner.query(`DROP TABLE "report_attachments"`);
    await queryRunner.query(`DROP TABLE "report_reviews"`);
    await queryRunner.query(`DROP TABLE "report_versions"`);
    await queryRunner.query(`DROP TABLE "reports"`);
  }
}
