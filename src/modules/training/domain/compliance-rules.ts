import type { ArmEntitlement, DrawArm } from '../../competitions/domain/rulebook.types';
import { armEntitlements } from '../../allocation/domain/arm-entitlements';
import { isBehind, MEETINGS_PER_MONTH, monthOf } from '../../mentors/domain/mentoring-rules';

/**
 * Assigned versus received (issue 16, deliverable 6): for every application the draw put in
 * an arm, whether it got what the arm entitles it to. The rules are written here once; the
 * API returns them with the table and the pages print them under it in words (kk/ru), so a
 * reader of the programme's evaluation knows exactly what "received" means.
 */

/** Contract states in which a grant is in force (or was carried out): `active`, `completed`. */
export const GRANT_CONTRACT_STATES = ['active', 'completed'] as const;

/**
 * Training (life-skills and project management, seed 002) counts as received when at least
 * `TEAM_SHARE` of the team's members each attended at least `SESSION_SHARE` of the sessions
 * held so far (both rounded up: a team of 3 needs 2 people, 3 sessions need 2 each). Before
 * the first session is held nobody has received it yet.
 */
export const TRAINING_RULE = { sessionShare: 0.5, teamShare: 0.5 } as const;

/**
 * A mentor counts as received when one is assigned and the team had at least
 * `MEETINGS_PER_MONTH` meetings in every full calendar month since the assignment (a month
 * counts once it has ended and the mentor was there from its first day). Right after the
 * assignment, with no full month yet, having the mentor is enough.
 */
export const MENTOR_RULE = { meetingsPerMonth: MEETINGS_PER_MONTH } as const;

/** What an arm gives: the rulebook's `entitles` when the arm says it, else the youth programme's A/B/C. */
export function entitlementsOf(arms: readonly DrawArm[], code: string): ArmEntitlement[] {
  const stated = arms.find((a) => a.code === code)?.entitles;
  if (stated) return [...stated];
  const known = armEntitlements(code);
  if (!known) return [];
  return (['grant', 'training', 'mentor'] as const).filter((e) => known[e]);
}

export interface GrantFacts {
  contractStatus: string | null;
  amount: number | null;
  paid: number;
  payments: number;
}

export interface GrantOutcome {
  received: boolean;
  paidInFull: boolean;
}

/** A grant is received when its contract is in force (or completed) and at least one payment is recorded. */
export function grantReceived(facts: GrantFacts): GrantOutcome {
  const inForce = (GRANT_CONTRACT_STATES as readonly string[]).includes(facts.contractStatus ?? '');
  const received = inForce && facts.payments > 0;
  return { received, paidInFull: received && facts.amount !== null && facts.paid >= facts.amount };
}

/** Rounded up, so "half of 3" is 2: a share of a whole group of people or sessions. */
export function atLeast(share: number, of: number): number {
  return Math.max(0, Math.ceil(share * of - 1e-9));
}

export interface TrainingOutcome {
  received: boolean;
  sessionsHeld: number;
  /** Sessions a member must have attended to count. */
  sessionsNeeded: number;
  members: number;
  /** Members who attended enough sessions. */
  membersAttending: number;
  /** Members the team needs attending enough. */
  membersNeeded: number;
}

/** `attendedByMember`: for each active member of the team, the held sessions they attended. */
export function trainingReceived(sessionsHeld: number, attendedByMember: readonly number[]): TrainingOutcome {
  const sessionsNeeded = atLeast(TRAINING_RULE.sessionShare, sessionsHeld);
  const members = attendedByMember.length;
  const membersNeeded = atLeast(TRAINING_RULE.teamShare, members);
  const membersAttending = sessionsHeld === 0 ? 0 : attendedByMember.filter((n) => n >= sessionsNeeded).length;
  return {
    received: sessionsHeld > 0 && members > 0 && membersAttending >= membersNeeded,
    sessionsHeld,
    sessionsNeeded,
    members,
    membersAttending,
    membersNeeded,
  };
}

/** `2026-03` → `2026-04`. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * The full calendar months since an assignment made on `assignedOn` (a local date) up to
 * `today` (excluded: this month has not ended): the assignment's own month only when it was
 * made on its first day.
 */
export function fullMonthsSince(assignedOn: string, today: string): string[] {
  let month = assignedOn.endsWith('-01') ? monthOf(assignedOn) : nextMonth(monthOf(assignedOn));
  const months: string[] = [];
  while (month < monthOf(today)) {
    months.push(month);
    month = nextMonth(month);
  }
  return months;
}

export interface MentorOutcome {
  received: boolean;
  assigned: boolean;
  meetings: number;
  /** The full months counted, and those with fewer meetings than the rule's (behind). */
  fullMonths: number;
  monthsBehind: string[];
}

/** `meetingDates`: the local dates of the team's logged meetings. */
export function mentorReceived(
  assignedOn: string | null,
  meetingDates: readonly string[],
  today: string,
): MentorOutcome {
  if (!assignedOn)
    return { received: false, assigned: false, meetings: meetingDates.length, fullMonths: 0, monthsBehind: [] };
  const perMonth = new Map<string, number>();
  for (const d of meetingDates) perMonth.set(monthOf(d), (perMonth.get(monthOf(d)) ?? 0) + 1);
  const months = fullMonthsSince(assignedOn, today);
  const monthsBehind = months.filter((m) => isBehind(perMonth.get(m) ?? 0));
  return {
    received: monthsBehind.length === 0,
    assigned: true,
    meetings: meetingDates.length,
    fullMonths: months.length,
    monthsBehind,
  };
}

/** Received of drawn, as a share rounded to a tenth of a percent; null when the arm has no applications. */
export function percentOf(received: number, drawn: number): number | null {
  return drawn === 0 ? null : Math.round((received / drawn) * 1000) / 10;
}
