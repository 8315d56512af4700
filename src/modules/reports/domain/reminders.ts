import { daysBetween } from '../../contracts/domain/contract-reporting';

/**
 * Which reminder is due today for a report due on `dueOn`: the latest offset (days from the
 * due date, negative before it) that has been reached, so a sweep that missed a day still
 * sends it, and a report created late gets only the one that applies now, not every earlier
 * one. Each offset is sent once (the caller's dedupe key names it). Null: none yet.
 */
export function reminderOffsetDue(today: string, dueOn: string, offsets: readonly number[]): number | null {
  const elapsed = daysBetween(dueOn, today);
  const reached = offsets.filter((o) => o <= elapsed);
  if (reached.length === 0) return null;
  return Math.max(...reached);
}

/** Days left until the due date (negative: days overdue). */
export function daysLeft(today: string, dueOn: string): number {
  return daysBetween(today, dueOn);
}
