import { AppException } from '../../common/errors/app.exception';

export enum StipendsErrorCode {
  /** The competition's rulebook pays no social stipends (only youth micro-projects do). */
  NO_STIPENDS_IN_RULEBOOK = 'NO_STIPENDS_IN_RULEBOOK',
}

/** A stipend register asked of a competition that has none: a conflict with its rules (409), in the caller's language. */
export class StipendsException extends AppException {
  constructor(code: StipendsErrorCode, params: Record<string, string | number> = {}) {
    super(409, code, params);
  }
}
