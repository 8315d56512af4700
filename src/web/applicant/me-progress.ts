import { armEntitlements, ArmEntitlements } from '../../modules/allocation/domain/arm-entitlements';
import { type ApplicationStatus, isApplicationStatus } from '../../modules/applications/domain/application-status';

/** An application on "My page" with what its owner has been told about it so far. */
export interface MyApplicationItem {
  id: string;
  number: string | null;
  title: string | null;
  competitionTitle: string;
  /** The status as stored (GET /me/applications). */
  status: string;
  submittedAt: Date | null;
  /** The competition's submission deadline (UTC) and its zone, for a draft's "submit by". */
  deadline: Date | null;
  timeZone: string;
  /** The draw's arm (A, B, C), null outside a draw. */
  arm: string | null;
  /**
   * The technical screening's outcome as the applicant may read it (the screening service
   * shows it to them once published); null while it is not theirs to read.
   */
  screening: { reasons: { label: string; message: string }[]; comment: string | null } | null;
  /** The competition's results are published (the ranking is public). */
  resultsPublished: boolean;
}

/** Outcomes the organizer may still correct until they are told; before that the applicant sees the step before. */
const SCREENING_OUTCOMES = new Set(['screened_in', 'screened_out']);
const SELECTION_OUTCOMES = new Set(['shortlisted', 'not_selected', 'winner']);

/**
 * The status the applicant is shown: a screening decision not yet published reads as
 * "submitted", a selection not yet published as "scored" (the draw's arms are public from
 * the moment of the draw). An unknown stored status is shown as it is named in the list.
 */
export function shownStatus(item: Pick<MyApplicationItem, 'status' | 'screening' | 'resultsPublished' | 'arm'>) {
  const status = item.status;
  if (SCREENING_OUTCOMES.has(status) && !item.screening) return 'submitted';
  if (SELECTION_OUTCOMES.has(status) && !item.resultsPublished && !item.arm) return 'scored';
  return status;
}

export type TagColour = 'green' | 'red' | 'grey' | 'yellow' | 'blue';

const COLOUR: Record<ApplicationStatus, TagColour> = {
  draft: 'grey',
  submitted: 'blue',
  withdrawn: 'grey',
  screened_in: 'green',
  screened_out: 'red',
  scored: 'blue',
  shortlisted: 'yellow',
  not_selected: 'grey',
  allocated: 'green',
  winner: 'green',
  contracted: 'green',
  reporting: 'blue',
  completed: 'green',
  terminated: 'red',
};

export function tagColour(status: string): TagColour {
  return isApplicationStatus(status) ? COLOUR[status] : 'grey';
}

/** What the arm of the draw gives the team, in the order the programme names them. */
export function entitlementsOf(arm: string | null): (keyof ArmEntitlements)[] {
  const e = armEntitlements(arm);
  if (!e) return [];
  return (['grant', 'training', 'mentor'] as const).filter((k) => e[k]);
}

/** Time left until a draft's deadline in the largest whole unit people read ("3 days", "5 hours"). */
export function timeLeftUnit(deadline: Date, now: Date): { unit: 'days' | 'hours' | 'minutes'; value: number } | null {
  const minutes = Math.floor((deadline.getTime() - now.getTime()) / 60_000);
  if (minutes <= 0) return null;
  if (minutes >= 1440) return { unit: 'days', value: Math.floor(minutes / 1440) };
  if (minutes >= 60) return { unit: 'hours', value: Math.floor(minutes / 60) };
  return { unit: 'minutes', value: minutes };
}
