import { AppException } from '../../common/errors/app.exception';

export enum AllocationErrorCode {
  NO_DRAW_IN_RULEBOOK = 'NO_DRAW_IN_RULEBOOK',
  DRAW_ALREADY_PREPARED = 'DRAW_ALREADY_PREPARED',
  DRAW_ALREADY_DONE = 'DRAW_ALREADY_DONE',
  NO_PREPARED_DRAW = 'NO_PREPARED_DRAW',
  POOL_CHANGED = 'POOL_CHANGED',
  EMPTY_POOL = 'EMPTY_POOL',
  DRAW_SEAL_KEY_MISSING = 'DRAW_SEAL_KEY_MISSING',
  DRAW_NOT_YET = 'DRAW_NOT_YET',
}

/** The A/B/C draw refused an action in the current state. Every code is a conflict with the current state (409), in the caller's language. */
export class AllocationException extends AppException {
  constructor(code: AllocationErrorCode, params: Record<string, string | number> = {}) {
    super(409, code, params);
  }
}
