import { AppException } from '../../common/errors/app.exception';

export enum SurveysErrorCode {
  /** No link or code like this: a typo, or a link of another site. */
  SURVEY_LINK_NOT_FOUND = 'SURVEY_LINK_NOT_FOUND',
  SURVEY_ALREADY_ANSWERED = 'SURVEY_ALREADY_ANSWERED',
  /** The competition's rulebook says `survey: null`. */
  SURVEY_NOT_IN_RULEBOOK = 'SURVEY_NOT_IN_RULEBOOK',
  /** Participants are asked about a project carried out under a contract in force (or completed). */
  SURVEY_CONTRACT_NOT_IN_FORCE = 'SURVEY_CONTRACT_NOT_IN_FORCE',
}

const STATUS: Record<SurveysErrorCode, number> = {
  SURVEY_LINK_NOT_FOUND: 404,
  SURVEY_ALREADY_ANSWERED: 409,
  SURVEY_NOT_IN_RULEBOOK: 409,
  SURVEY_CONTRACT_NOT_IN_FORCE: 409,
};

/** A survey action refused, in the caller's language. */
export class SurveysException extends AppException {
  constructor(code: SurveysErrorCode, params: Record<string, string | number> = {}) {
    super(STATUS[code], code, params);
  }
}
