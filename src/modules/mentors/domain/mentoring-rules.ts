import { armEntitlements } from '../../allocation/domain/arm-entitlements';

/**
 * The rules of mentoring in the youth micro-projects programme (SPEC §1, seed 002): a
 * mentor (тәлімгер / наставник) takes at most 2 micro-projects and at most 10 people, and
 * meets each team at least twice a month. The limits are also the database's (a counter
 * row per mentor with CHECK constraints, see the migration): this file says them once for
 * the service's own, friendlier refusal and for the pages.
 */
export const MENTOR_LIMITS = { projects: 2, people: 10 } as const;

/** Meetings a team needs in a calendar month (in the competition's zone). */
export const MEETINGS_PER_MONTH = 2;

/** The reminder goes out in the month's last days, while there is still time to meet. */
export const REMINDER_DAYS_BEFORE_MONTH_END = 7;

/** A meeting's length in minutes: at least a few minutes, at most a working day. */
export const MEETING_MINUTES = { min: 5, max: 600 } as const;

/**
 * Whether a drawn team gets a mentor now. Only arms whose entitlements include a mentor (A
 * and C); arm A after the draw is a `winner` and keeps its mentor through its contract and
 * reporting, arm C (no grant) stays `allocated` until the programme ends.
 */
export function mayHaveMentor(arm: string | null, status: string): boolean {
  if (!armEntitlements(arm)?.mentor) return false;
  return arm === 'C' ? status === 'allocated' : ['winner', 'contracted', 'reporting'].includes(status);
}

export interface MentorLoad {
  projects: number;
  people: number;
}

export type LoadProblem =
  | { code: 'MENTOR_PROJECT_LIMIT'; params: { max: number; count: number } }
  | { code: 'MENTOR_PEOPLE_LIMIT'; params: { max: number; count: number } };

/** null when a mentor may carry this load; else the limit it breaks (projects first) and the count it would reach. */
export function checkLoad(load: MentorLoad): LoadProblem | null {
  if (load.projects > MENTOR_LIMITS.projects)
    return { code: 'MENTOR_PROJECT_LIMIT', params: { max: MENTOR_LIMITS.projects, count: load.projects } };
  if (load.people > MENTOR_LIMITS.people)
    return { code: 'MENTOR_PEOPLE_LIMIT', params: { max: MENTOR_LIMITS.people, count: load.people } };
  return null;
}

/** `2026-03` of a calendar date `2026-03-14`. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The calendar dates [first day, first day of the next month) of `YYYY-MM`. */
export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Whether `today` (a local calendar date) is in its month's last days, when the reminder is due. */
export function reminderDue(today: string): boolean {
  const day = Number(today.slice(8, 10));
  return daysInMonth(monthOf(today)) - day < REMINDER_DAYS_BEFORE_MONTH_END;
}

export function isBehind(meetingsThisMonth: number): boolean {
  return meetingsThisMonth < MEETINGS_PER_MONTH;
}

export type MeetingProblem =
  | { field: 'heldOn'; code: 'MEETING_IN_FUTURE'; params: { today: string } }
  | { field: 'attendeeIins'; code: 'ATTENDEE_NOT_IN_TEAM'; params: { iin: string } };

/**
 * What is wrong with a meeting as logged: held after today (in the competition's zone), or
 * someone marked present who is not a member of the team. Empty when it may be saved.
 */
export function meetingProblems(input: {
  heldOn: string;
  today: string;
  attendeeIins: readonly string[];
  teamIins: readonly string[];
}): MeetingProblem[] {
  const problems: MeetingProblem[] = [];
  if (input.heldOn > input.today)
    problems.push({ field: 'heldOn', code: 'MEETING_IN_FUTURE', params: { today: input.today } });
  const team = new Set(input.teamIins);
  for (const iin of input.attendeeIins)
    if (!team.has(iin)) problems.push({ field: 'attendeeIins', code: 'ATTENDEE_NOT_IN_TEAM', params: { iin } });
  return problems;
}
