import { AppException } from '../../common/errors/app.exception';

export enum ScoringErrorCode {
  SCORING_CLOSED = 'SCORING_CLOSED',
  SELECTION_NOT_OPEN = 'SELECTION_NOT_OPEN',
  BELOW_QUORUM = 'BELOW_QUORUM',
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  RESULTS_PUBLISHED = 'RESULTS_PUBLISHED',
  NOT_COMMISSION_MEMBER = 'NOT_COMMISSION_MEMBER',
  PERSON_NAME_MISSING = 'PERSON_NAME_MISSING',
  RESULTS_NOT_YET = 'RESULTS_NOT_YET',
  CONFLICT_ALREADY_DECIDED = 'CONFLICT_ALREADY_DECIDED',
}

/** The commission's scoring refused an action: closed, not yet open, below quorum, or a stale save. Every code is a conflict with the current state (409), in the caller's language. */
export class ScoringException extends AppException {
  /** `variant` words the same code for another audience: the message is `errors.<CODE>.<variant>`. */
  constructor(code: ScoringErrorCode, params: Record<string, string | number> = {}, variant?: 'unpublished') {
    super(409, code, params, [], variant ? `errors.${code}.${variant}` : undefined);
  }
}
