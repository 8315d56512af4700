import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A contract's sum never drops below what has been paid under it: a new revision of a contract
 * in force is refused by the service when it would be worth less, and here whatever writes it.
 * (Payments themselves are held within the sum by contract_payments_within_contract_sum.)
 */
export class ContractAmountCoversPayments1796100500000 implements MigrationInterface {
  name = 'ContractAmountCoversPayments1796100500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION contracts_amount_covers_payments() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        paid bigint;
      BEGIN
        SELECT COALESCE(sum(amount), 0) INTO paid FROM contract_payments WHERE contract_id = NEW.id;
        IF NEW.amount < paid THEN
          RAISE EXCEPTION 'contract % would be worth % while % has been paid under it', NEW.id, NEW.amount, paid
            USING ERRCODE = 'check_violation', CONSTRAINT = 'contracts_amount_covers_payments';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER contracts_amount_covers_payments BEFORE UPDATE OF amount ON contracts
      FOR EACH ROW WHEN (NEW.amount < OLD.amount) EXECUTE FUNCTION contracts_amount_covers_payments()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER contracts_amount_covers_payments ON contracts`);
    await queryRunner.query(`DROP FUNCTION contracts_amount_covers_payments()`);
  }
}
