import { AppException, ErrorDetail } from '../../common/errors/app.exception';

export enum CompetitionsErrorCode {
  TRANSITION_NOT_ALLOWED = 'TRANSITION_NOT_ALLOWED',
  COMPETITION_LOCKED = 'COMPETITION_LOCKED',
  /** Opening with warnings (details) the organizer has not confirmed. */
  OPENING_NEEDS_CONFIRMATION = 'OPENING_NEEDS_CONFIRMATION',
  DEADLINE_NOT_PASSED = 'DEADLINE_NOT_PASSED',
  COMPETITION_NOT_DRAFT = 'COMPETITION_NOT_DRAFT',
}

/** A competition refused a move or a change. Every code is a conflict with the current state (409), in the caller's language. */
export class CompetitionsException extends AppException {
  constructor(code: CompetitionsErrorCode, params: Record<string, string | number> = {}, details: ErrorDetail[] = []) {
    super(409, code, params, details);
  }
}
