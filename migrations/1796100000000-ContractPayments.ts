import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments of grant contracts (issue 16): the payments recorded against a contract's
 * tranches, the tranches withheld by the organizer, and the report stages whose acceptance
 * released the tranches waiting for them. The database refuses payments above the contract
 * sum (a trigger that locks the contract row, so concurrent payments queue and the second
 * sees the first) and keeps payments as they were recorded.
 */
export class ContractPayments1796100000000 implements MigrationInterface {
  name = 'ContractPayments1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "contract_payments" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "contract_id" uuid NOT NULL,
        "competition_id" uuid NOT NULL,
        "tranche" integer NOT NULL,
        "amount" bigint NOT NULL,
        "paid_on" date NOT NULL,
        "reference" character varying(100) NOT NULL,
        "recorded_by" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_contract_payment_tranche" CHECK ("tranche" >= 1),
        CONSTRAINT "chk_contract_payment_amount" CHECK ("amount" > 0),
        CONSTRAINT "PK_contract_payments" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_contract_payments_contract" ON "contract_payments" ("contract_id", "tranche")`,
    );
    await queryRunner.query(`
      CREATE TABLE "contract_tranche_holds" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "contract_id" uuid NOT NULL,
        "tranche" integer NOT NULL,
        "reason" text NOT NULL,
        "held_by" uuid NOT NULL,
        "held_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "lifted_at" TIMESTAMP WITH TIME ZONE,
        "lifted_by" uuid,
        "lift_reason" text,
        CONSTRAINT "PK_contract_tranche_holds" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_contract_tranche_hold_active" ON "contract_tranche_holds" ("contract_id", "tranche") WHERE "lifted_at" IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "contract_tranche_releases" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "contract_id" uuid NOT NULL,
        "stage" character varying(10) NOT NULL,
        "report_ids" uuid array NOT NULL,
        "released_by" uuid,
        "released_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "chk_contract_tranche_release_stage" CHECK ("stage" IN ('interim', 'final')),
        CONSTRAINT "PK_contract_tranche_releases" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_contract_tranche_release" ON "contract_tranche_releases" ("contract_id", "stage")`,
    );
    for (const table of ['contract_payments', 'contract_tranche_holds', 'contract_tranche_releases']) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "fk_${table}_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }
    // Never above the contract sum: the contract row is locked first, so concurrent payments of
    // one contract queue here and each counts the ones committed before it.
    await queryRunner.query(`
      CREATE FUNCTION contract_payments_within_sum() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        contract_sum bigint;
        paid bigint;
      BEGIN
        SELECT amount INTO contract_sum FROM contracts WHERE id = NEW.contract_id FOR UPDATE;
        SELECT COALESCE(sum(amount), 0) INTO paid FROM contract_payments WHERE contract_id = NEW.contract_id;
        IF contract_sum IS NULL OR paid + NEW.amount > contract_sum THEN
          RAISE EXCEPTION 'payments of contract % would exceed its sum: % + % > %',
            NEW.contract_id, paid, NEW.amount, contract_sum
            USING ERRCODE = 'check_violation', CONSTRAINT = 'contract_payments_within_contract_sum';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER contract_payments_within_contract_sum BEFORE INSERT ON contract_payments
      FOR EACH ROW EXECUTE FUNCTION contract_payments_within_sum()`);
    // A payment is a record of money that moved: it is never edited or removed.
    await queryRunner.query(`
      CREATE FUNCTION contract_payments_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a recorded payment is kept as recorded: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER contract_payments_immutable BEFORE UPDATE OR DELETE ON contract_payments
      FOR EACH ROW EXECUTE FUNCTION contract_payments_refuse_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER contract_payments_immutable ON contract_payments`);
    await queryRunner.query(`DROP FUNCTION contract_payments_refuse_change()`);
    await queryRunner.query(`DROP TRIGGER contract_payments_within_contract_sum ON contract_payments`);
    await queryRunner.query(`DROP FUNCTION contract_payments_within_sum()`);
    await queryRunner.query(`DROP TABLE "contract_tranche_releases"`);
    await queryRunner.query(`DROP TABLE "contract_tranche_holds"`);
    await queryRunner.query(`DROP TABLE "contract_payments"`);
  }
}
