import { AppException } from '../../common/errors/app.exception';

export enum ContractsErrorCode {
  /** The competition gives no grant contracts (awards, host-organization or mentor selection). */
  CONTRACTS_NOT_IN_COMPETITION = 'CONTRACTS_NOT_IN_COMPETITION',
  CONTRACT_RESULTS_NOT_PUBLISHED = 'CONTRACT_RESULTS_NOT_PUBLISHED',
  CONTRACT_NOT_A_WINNER = 'CONTRACT_NOT_A_WINNER',
  CONTRACT_NO_WINNERS = 'CONTRACT_NO_WINNERS',
  CONTRACT_FROZEN = 'CONTRACT_FROZEN',
  CONTRACT_ALREADY_SENT = 'CONTRACT_ALREADY_SENT',
  CONTRACT_NOT_AWAITING_SIGNATURE = 'CONTRACT_NOT_AWAITING_SIGNATURE',
  CONTRACT_NOT_SIGNED_BY_GRANTEE = 'CONTRACT_NOT_SIGNED_BY_GRANTEE',
  CONTRACT_NOT_SENT_YET = 'CONTRACT_NOT_SENT_YET',
  CONTRACT_ENDED = 'CONTRACT_ENDED',
  CONTRACT_DATES_ORDER = 'CONTRACT_DATES_ORDER',
  CONTRACT_SIGNED_COPY_KIND = 'CONTRACT_SIGNED_COPY_KIND',
  CONTRACT_NO_SIGNED_COPY = 'CONTRACT_NO_SIGNED_COPY',
  /** A new revision's sum below what has already been paid under the contract. */
  CONTRACT_BELOW_PAID = 'CONTRACT_BELOW_PAID',
}

const STATUS: Record<ContractsErrorCode, number> = {
  CONTRACTS_NOT_IN_COMPETITION: 409,
  CONTRACT_RESULTS_NOT_PUBLISHED: 409,
  CONTRACT_NOT_A_WINNER: 409,
  CONTRACT_NO_WINNERS: 409,
  CONTRACT_FROZEN: 409,
  CONTRACT_ALREADY_SENT: 409,
  CONTRACT_NOT_AWAITING_SIGNATURE: 409,
  CONTRACT_NOT_SIGNED_BY_GRANTEE: 409,
  CONTRACT_NOT_SENT_YET: 409,
  CONTRACT_ENDED: 409,
  CONTRACT_DATES_ORDER: 400,
  CONTRACT_SIGNED_COPY_KIND: 415,
  CONTRACT_NO_SIGNED_COPY: 404,
  CONTRACT_BELOW_PAID: 409,
};

/** A contract action refused: a conflict with the contract's state (409) unless said otherwise, in the caller's language. */
export class ContractsException extends AppException {
  constructor(code: ContractsErrorCode, params: Record<string, string | number> = {}) {
    super(STATUS[code], code, params);
  }
}
