import { AppException } from '../../common/errors/app.exception';

export enum PaymentsErrorCode {
  /** Payments are recorded only on a contract in force (countersigned, not ended). */
  PAYMENT_CONTRACT_NOT_ACTIVE = 'PAYMENT_CONTRACT_NOT_ACTIVE',
  PAYMENT_TRANCHE_UNKNOWN = 'PAYMENT_TRANCHE_UNKNOWN',
  PAYMENT_TRANCHE_WAITING_INTERIM = 'PAYMENT_TRANCHE_WAITING_INTERIM',
  PAYMENT_TRANCHE_WAITING_FINAL = 'PAYMENT_TRANCHE_WAITING_FINAL',
  PAYMENT_TRANCHE_WITHHELD = 'PAYMENT_TRANCHE_WITHHELD',
  PAYMENT_TRANCHE_PAID = 'PAYMENT_TRANCHE_PAID',
  /** More than the tranche still needs (params: tranche, remaining). */
  PAYMENT_ABOVE_TRANCHE = 'PAYMENT_ABOVE_TRANCHE',
  /** More than the contract still needs (params: remaining, total); the database's own rule too. */
  PAYMENT_ABOVE_CONTRACT_SUM = 'PAYMENT_ABOVE_CONTRACT_SUM',
  PAYMENT_DATE_IN_FUTURE = 'PAYMENT_DATE_IN_FUTURE',
  PAYMENT_DATE_BEFORE_CONTRACT = 'PAYMENT_DATE_BEFORE_CONTRACT',
  TRANCHE_ALREADY_WITHHELD = 'TRANCHE_ALREADY_WITHHELD',
  TRANCHE_NOT_WITHHELD = 'TRANCHE_NOT_WITHHELD',
}

const STATUS: Record<PaymentsErrorCode, number> = {
  PAYMENT_CONTRACT_NOT_ACTIVE: 409,
  PAYMENT_TRANCHE_UNKNOWN: 400,
  PAYMENT_TRANCHE_WAITING_INTERIM: 409,
  PAYMENT_TRANCHE_WAITING_FINAL: 409,
  PAYMENT_TRANCHE_WITHHELD: 409,
  PAYMENT_TRANCHE_PAID: 409,
  PAYMENT_ABOVE_TRANCHE: 400,
  PAYMENT_ABOVE_CONTRACT_SUM: 400,
  PAYMENT_DATE_IN_FUTURE: 400,
  PAYMENT_DATE_BEFORE_CONTRACT: 400,
  TRANCHE_ALREADY_WITHHELD: 409,
  TRANCHE_NOT_WITHHELD: 409,
};

/** Input refused because of a form field: named at that field, so a page shows it beside the input. */
const FIELD: Partial<Record<PaymentsErrorCode, string>> = {
  PAYMENT_TRANCHE_UNKNOWN: 'tranche',
  PAYMENT_ABOVE_TRANCHE: 'amount',
  PAYMENT_ABOVE_CONTRACT_SUM: 'amount',
  PAYMENT_DATE_IN_FUTURE: 'paidOn',
  PAYMENT_DATE_BEFORE_CONTRACT: 'paidOn',
};

/** A payment action refused, in the caller's language: 409 for the contract's or tranche's state, 400 for a field. */
export class PaymentsException extends AppException {
  constructor(code: PaymentsErrorCode, params: Record<string, string | number> = {}) {
    const field = FIELD[code];
    super(STATUS[code], code, params, field ? [{ field, code, params }] : []);
  }
}
