import { AppException } from '../../common/errors/app.exception';

export enum ScoringErrorCode {
  SCORING_CLOSED = 'SCORING_CLOSED',
  SELECTION_NOT_OPEN = 'SELECTION_NOT_OPEN',
  BELOW_QUORUM = 'BELOW_QUORUM',
  VERSION_CONFLICT = 'VERSION_CONFLICT',
}

/** The commission's scoring refused an action: closed, not yet open, below quorum, or a stale save. Every code is a conflict with the current state (409), in the caller's language. */
export class ScoringException extends AppException {
  constructor(code: ScoringErrorCode, params: Record<string, string | number> = {}) {
    super(409, code, params);
  }
}
