import { AppException } from '../../common/errors/app.exception';

export enum AwardsErrorCode {
  /** Awards are for prize competitions and volunteer awards only. */
  NOT_AN_AWARD_COMPETITION = 'NOT_AN_AWARD_COMPETITION',
  /** The results (and so the winners) are not published yet. */
  AWARD_RESULTS_NOT_PUBLISHED = 'AWARD_RESULTS_NOT_PUBLISHED',
  /** The application is not a winner of the published selection. */
  AWARD_NOT_A_WINNER = 'AWARD_NOT_A_WINNER',
  /** An award for this application exists already and the request did not name its version. */
  AWARD_ALREADY_RECORDED = 'AWARD_ALREADY_RECORDED',
  /** The prize was handed over: the award no longer changes, and it is not handed over twice. */
  AWARD_ALREADY_HANDED_OVER = 'AWARD_ALREADY_HANDED_OVER',
  /** Another winner holds this place (in this nomination). */
  AWARD_PLACE_TAKEN = 'AWARD_PLACE_TAKEN',
}

/** An award refused in the current state of the competition or the award: a conflict (409), in the caller's language. */
export class AwardsException extends AppException {
  constructor(code: AwardsErrorCode, params: Record<string, string | number> = {}) {
    super(409, code, params);
  }
}
