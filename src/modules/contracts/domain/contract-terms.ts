import { percentOf } from '../../../../libs/kz';
import { daysInMonth } from '../../../../libs/kz/calendar.util';
import type { HostOverheadMode, LocalizedText } from '../../competitions/domain/rulebook.types';

/**
 * What a grant contract says, computed from the winner's application and the competition's
 * rulebook. Stored as JSON on the contract (and, once sent, frozen in its revision row), so
 * a document downloaded a year later reads exactly as the one that was signed.
 */

export interface ContractOrganization {
  name: string;
  bin: string;
  address: string | null;
  headName: string | null;
}

export interface ContractPerson {
  iin: string;
  fullName: string;
}

export type GranteeKind = 'initiative_group' | 'ngo' | 'host_organization' | 'individual';

export interface ContractBudgetLine {
  item: string;
  quantity: number;
  unitCost: number;
  total: number;
}

export interface ContractAmounts {
  /** The approved budget's total. */
  budget: number;
  /** Null when no overhead is paid (no host organization, or the rulebook has none). */
  overheadPercent: number | null;
  overheadMode: HostOverheadMode | null;
  overhead: number;
  /** What goes to the project's own budget lines. */
  projectFunds: number;
  /** The contract sum. */
  total: number;
}

export interface ContractTranche {
  /** 1-based. */
  index: number;
  percent: number;
  amount: number;
  /** When it is due: after the contract becomes active, or after the reports are accepted. */
  condition: 'after_activation' | 'after_reports_accepted';
}

export interface ContractContent {
  number: string;
  revision: number;
  competition: { id: string; templateCode: string; title: LocalizedText; timeZone: string };
  application: { id: string; number: string; title: string };
  organizer: ContractOrganization | null;
  grantee: {
    kind: GranteeKind;
    /** The initiative group's leader, the individual, or the team leader of a host organization's group. */
    person: ContractPerson | null;
    /** The NGO or host organization signing, with its head. */
    organization: ContractOrganization | null;
  };
  amounts: ContractAmounts;
  budget: ContractBudgetLine[];
  startsOn: string;
  endsOn: string;
  payments: { tranches: ContractTranche[]; isDefault: boolean };
  reporting: { dueOn: string; daysAfterEnd: number; isDefault: boolean };
}

/**
 * The overhead arithmetic. `on_top`: contract sum = budget + percent × budget. `inside`:
 * contract sum = budget, of which percent × budget is the overhead and the rest the project's.
 * Rounded half up to whole tenge. No host organization, or no percent: no overhead line.
 */
export function contractAmounts(input: {
  budget: number;
  hostOrganization: boolean;
  overheadPercent?: number;
  overheadMode?: HostOverheadMode;
}): ContractAmounts {
  const { budget } = input;
  if (!input.hostOrganization || input.overheadPercent === undefined || input.overheadPercent === 0) {
    return { budget, overheadPercent: null, overheadMode: null, overhead: 0, projectFunds: budget, total: budget };
  }
  const mode = input.overheadMode ?? 'on_top';
  const overhead = percentOf(budget, input.overheadPercent);
  return mode === 'on_top'
    ? {
        budget,
        overheadPercent: input.overheadPercent,
        overheadMode: mode,
        overhead,
        projectFunds: budget,
        total: budget + overhead,
      }
    : {
        budget,
        overheadPercent: input.overheadPercent,
        overheadMode: mode,
        overhead,
        projectFunds: budget - overhead,
        total: budget,
      };
}

/** Calendar months later, the day clamped to the month's length (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Two months when the application does not say (the short-term projects' length). */
export const DEFAULT_DURATION_MONTHS = 2;

/**
 * The project's dates: from the start date the application asked for (never before today),
 * for the months it asked for; the organizer may change them while the contract is a draft.
 * The last day is the day before the same date N months later.
 */
export function projectDates(today: string, answers: Record<string, unknown>): { startsOn: string; endsOn: string } {
  const asked = typeof answers.startDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(answers.startDate);
  const startsOn = asked && (answers.startDate as string) > today ? (answers.startDate as string) : today;
  const months =
    Number.isInteger(answers.durationMonths) && (answers.durationMonths as number) > 0
      ? (answers.durationMonths as number)
      : DEFAULT_DURATION_MONTHS;
  return { startsOn, endsOn: addDays(addMonths(startsOn, months), -1) };
}

/** The default payment schedule, stated as such in the document while the rulebook has none. */
export const DEFAULT_TRANCHE_PERCENTS: readonly { percent: number; condition: ContractTranche['condition'] }[] = [
  { percent: 70, condition: 'after_activation' },
  { percent: 30, condition: 'after_reports_accepted' },
];

/** Tranches of the contract sum; the last takes the rounding rest, so they add up exactly. */
export function paymentSchedule(total: number): ContractTranche[] {
  let paid = 0;
  return DEFAULT_TRANCHE_PERCENTS.map((t, i) => {
    const last = i === DEFAULT_TRANCHE_PERCENTS.length - 1;
    const amount = last ? total - paid : percentOf(total, t.percent);
    paid += amount;
    return { index: i + 1, percent: t.percent, amount, condition: t.condition };
  });
}

/** Programmatic and financial reports are due this many days after the project ends (default). */
export const DEFAULT_REPORT_DAYS_AFTER_END = 10;

/**
 * A contract's number: the competition's number prefix, the year, and a sequence per
 * competition, e.g. `MG-2026/001` (the applications of the same competition read `MG-2026-0007`).
 */
export function contractNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}/${String(sequence).padStart(3, '0')}`;
}
