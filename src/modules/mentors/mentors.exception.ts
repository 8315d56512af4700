import { AppException } from '../../common/errors/app.exception';

export enum MentorsErrorCode {
  /** A third project for a mentor (also the database's CHECK on the mentor's load). */
  MENTOR_PROJECT_LIMIT = 'MENTOR_PROJECT_LIMIT',
  /** More than 10 people in a mentor's teams. */
  MENTOR_PEOPLE_LIMIT = 'MENTOR_PEOPLE_LIMIT',
  /** The account is neither an invited mentor of the competition nor a winner of a mentor selection. */
  NOT_A_MENTOR = 'NOT_A_MENTOR',
  /** The application was not drawn into an arm with a mentor (A or C), or has left it. */
  NOT_MENTORED_ARM = 'NOT_MENTORED_ARM',
  MEETING_IN_FUTURE = 'MEETING_IN_FUTURE',
  ATTENDEE_NOT_IN_TEAM = 'ATTENDEE_NOT_IN_TEAM',
}

/** The form field each refusal belongs to: pages show it there, the API names it in `details`. */
const FIELD: Record<MentorsErrorCode, string> = {
  MENTOR_PROJECT_LIMIT: 'applicationIds',
  MENTOR_PEOPLE_LIMIT: 'applicationIds',
  NOT_A_MENTOR: 'mentorUserId',
  NOT_MENTORED_ARM: 'applicationIds',
  MEETING_IN_FUTURE: 'heldOn',
  ATTENDEE_NOT_IN_TEAM: 'attendeeIins',
};

/**
 * Mentoring refused an assignment or a meeting, in the caller's language, with the field it
 * is about. Limits and arms are conflicts with the current state (409); a meeting's own
 * bad input (a future date, a stranger marked present) is 400.
 */
export class MentorsException extends AppException {
  constructor(code: MentorsErrorCode, params: Record<string, string | number> = {}, more: MentorsException[] = []) {
    const status =
      code === MentorsErrorCode.MEETING_IN_FUTURE || code === MentorsErrorCode.ATTENDEE_NOT_IN_TEAM ? 400 : 409;
    super(status, code, params, [{ field: FIELD[code], code, params }, ...more.flatMap((m) => m.details)]);
  }
}
