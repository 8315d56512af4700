import { AppException } from '../../common/errors/app.exception';

export enum ScreeningErrorCode {
  TRANSITION_NOT_ALLOWED = 'TRANSITION_NOT_ALLOWED',
  SCREENING_NOT_RUN = 'SCREENING_NOT_RUN',
  SCREENING_UNDECIDED = 'SCREENING_UNDECIDED',
}

/** Technical screening refused an action in the current state. Every code is a conflict with the current state (409), in the caller's language. */
export class ScreeningException extends AppException {
  constructor(code: ScreeningErrorCode, params: Record<string, string | number> = {}) {
    super(409, code, params);
  }
}
