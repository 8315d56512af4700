import { percentOf } from '../../../../libs/kz';
import { daysInMonth } from '../../../../libs/kz/calendar.util';
import type {
  HostOverheadMode,
  LocalizedText,
  PaymentsRule,
  ReportStage,
} from '../../competitions/domain/rulebook.types';
import type { ContractReporting } from './contract-reporting';

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
  /** The rulebook's share of the contract sum; null for a fixed sum. */
  percent: number | null;
  amount: number;
  /** When it is due: after the contract becomes active, or after the reports are accepted. */
  condition: 'after_activation' | 'after_reports_accepted';
  /**
   * Whose reports it waits for (with `after_reports_accepted`): the programmatic and the
   * financial report of this stage, both accepted. Contracts made before stages existed: final.
   */
  stage?: ReportStage;
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
  /** The reports' stages with their due dates (contracts made before stages: a single `dueOn`). */
  reporting: ContractReporting;
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
export const DEFAULT_TRANCHE_PERCENTS: readonly {
  percent: number;
  condition: ContractTranche['condition'];
  stage?: ReportStage;
}[] = [
  { percent: 70, condition: 'after_activation' },
  { percent: 30, condition: 'after_reports_accepted', stage: 'final' },
];

/**
 * The tranches of a contract sum: the rulebook's rule when it has one, else the default.
 * A percent is of the contract sum (rounded half up), a fixed sum as it is, never more than
 * what remains; the last tranche takes the rest, so the tranches add up exactly to the sum.
 * A tranche left with nothing (fixed sums above a small contract) is not in the schedule.
 */
export function paymentSchedule(total: number, rule?: PaymentsRule | null): ContractTranche[] {
  const planned = rule?.tranches?.length
    ? rule.tranches.map((t) => ({
        percent: t.amount !== undefined && t.amount !== null ? null : (t.percent ?? 0),
        fixed: t.amount ?? null,
        condition:
          t.condition === 'after_reports' ? ('after_reports_accepted' as const) : ('after_activation' as const),
        stage: t.condition === 'after_reports' ? (t.stage ?? 'final') : undefined,
      }))
    : DEFAULT_TRANCHE_PERCENTS.map((t) => ({
        percent: t.percent,
        fixed: null,
        condition: t.condition,
        stage: t.stage,
      }));
  let paid = 0;
  const tranches: ContractTranche[] = [];
  planned.forEach((t, i) => {
    const last = i === planned.length - 1;
    const nominal = t.fixed ?? percentOf(total, t.percent ?? 0);
    const amount = last ? total - paid : Math.min(nominal, total - paid);
    paid += amount;
    if (amount <= 0) return;
    tranches.push({
      index: tranches.length + 1,
      percent: t.percent,
      amount,
      condition: t.condition,
      ...(t.stage && { stage: t.stage }),
    });
  });
  return tranches;
}

/** How a tranche's condition is said (documents and pages): on activation, or after the interim or final reports. */
export type TrancheConditionKey = 'after_activation' | 'after_reports_interim' | 'after_reports_final';

export function trancheConditionKey(tranche: Pick<ContractTranche, 'condition' | 'stage'>): TrancheConditionKey {
  if (tranche.condition === 'after_activation') return 'after_activation';
  return tranche.stage === 'interim' ? 'after_reports_interim' : 'after_reports_final';
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
