import { AppException } from '../../common/errors/app.exception';

export enum TrainingErrorCode {
  /** The competition's draw has no arm that includes training: there is nobody to train. */
  NO_TRAINING_IN_RULES = 'NO_TRAINING_IN_RULES',
  /** Attendance is marked once a session has been held, not for a planned one. */
  SESSION_NOT_YET_HELD = 'SESSION_NOT_YET_HELD',
  /** Someone marked present who is not a member of a team whose arm includes training. */
  ATTENDEE_NOT_IN_TRAINING = 'ATTENDEE_NOT_IN_TRAINING',
  /** A session in a classroom needs its place; online ones may name the platform. */
  TRAINING_PLACE_REQUIRED = 'TRAINING_PLACE_REQUIRED',
}

const FIELD: Record<TrainingErrorCode, string> = {
  NO_TRAINING_IN_RULES: 'competitionId',
  SESSION_NOT_YET_HELD: 'heldOn',
  ATTENDEE_NOT_IN_TRAINING: 'attendeeIins',
  TRAINING_PLACE_REQUIRED: 'place',
};

const STATUS: Record<TrainingErrorCode, number> = {
  NO_TRAINING_IN_RULES: 409,
  SESSION_NOT_YET_HELD: 409,
  ATTENDEE_NOT_IN_TRAINING: 400,
  TRAINING_PLACE_REQUIRED: 400,
};

/** Training refused a session or an attendance list, in the caller's language, with the field it is about. */
export class TrainingException extends AppException {
  constructor(code: TrainingErrorCode, params: Record<string, string | number> = {}, more: TrainingException[] = []) {
    super(STATUS[code], code, params, [{ field: FIELD[code], code, params }, ...more.flatMap((m) => m.details)]);
  }
}
