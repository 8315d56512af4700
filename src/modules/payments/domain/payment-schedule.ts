import type { ReportStage } from '../../competitions/domain/rulebook.types';
import type { ContractStatus } from '../../contracts/domain/contract-status';
import type { ContractTranche } from '../../contracts/domain/contract-terms';

/**
 * Where a tranche stands:
 * - `not_yet`: the contract is not in force (not countersigned yet, or terminated);
 * - `waiting`: its condition is not met: the reports of its stage are not both accepted;
 * - `withheld`: the organizer withholds it, with a reason;
 * - `due`: may be paid, nothing paid yet; `partly_paid`: some of it paid; `paid`: all of it.
 */
export const TRANCHE_STATUSES = ['not_yet', 'waiting', 'withheld', 'due', 'partly_paid', 'paid'] as const;
export type TrancheStatus = (typeof TRANCHE_STATUSES)[number];

export interface PaymentRecord {
  id: string;
  tranche: number;
  amount: number;
  paidOn: string;
  reference: string;
  createdAt: string;
}

export interface HoldRecord {
  tranche: number;
  reason: string;
  heldAt: string;
}

export interface TrancheView {
  index: number;
  /** The rulebook's percent of the contract sum; null for a fixed sum. */
  percent: number | null;
  condition: ContractTranche['condition'];
  stage: ReportStage | null;
  planned: number;
  paid: number;
  remaining: number;
  status: TrancheStatus;
  /** Why it is not payable: `contract_not_active` / `contract_terminated` (not_yet), `reports_not_accepted` (waiting), the organizer's reason (withheld). */
  why: string | null;
  /** When its report stage was released (accepted), if it waits for one. */
  releasedAt: string | null;
  payments: PaymentRecord[];
}

export interface ScheduleTotals {
  planned: number;
  paid: number;
  remaining: number;
  /** Payable now: the remaining sums of due and partly paid tranches. */
  due: number;
  waiting: number;
  withheld: number;
}

export interface ScheduleInput {
  contractStatus: ContractStatus;
  contractAmount: number;
  tranches: ContractTranche[];
  releases: { stage: ReportStage; releasedAt: string }[];
  holds: HoldRecord[];
  payments: PaymentRecord[];
}

/** Contracts made before stages existed wait for the final reports. */
export function stageOf(tranche: Pick<ContractTranche, 'condition' | 'stage'>): ReportStage | null {
  return tranche.condition === 'after_reports_accepted' ? (tranche.stage ?? 'final') : null;
}

/** The schedule as it stands: each tranche planned, paid, remaining, and whether it may be paid now (and why not). */
export function computeSchedule(input: ScheduleInput): { tranches: TrancheView[]; totals: ScheduleTotals } {
  const inForce = input.contractStatus === 'active' || input.contractStatus === 'completed';
  const tranches = input.tranches.map((t): TrancheView => {
    const payments = input.payments.filter((p) => p.tranche === t.index);
    const paid = payments.reduce((sum, p) => sum + p.amount, 0);
    const remaining = Math.max(t.amount - paid, 0);
    const stage = stageOf(t);
    const release = stage ? input.releases.find((r) => r.stage === stage) : undefined;
    const hold = input.holds.find((h) => h.tranche === t.index);
    let status: TrancheStatus;
    let why: string | null = null;
    if (remaining === 0) status = 'paid';
    else if (!inForce) {
      status = 'not_yet';
      why = input.contractStatus === 'terminated' ? 'contract_terminated' : 'contract_not_active';
    } else if (hold) {
      status = 'withheld';
      why = hold.reason;
    } else if (stage && !release) {
      status = 'waiting';
      why = 'reports_not_accepted';
    } else status = paid > 0 ? 'partly_paid' : 'due';
    return {
      index: t.index,
      percent: t.percent,
      condition: t.condition,
      stage,
      planned: t.amount,
      paid,
      remaining,
      status,
      why,
      releasedAt: release?.releasedAt ?? null,
      payments,
    };
  });
  const sumOf = (pick: (t: TrancheView) => boolean) => tranches.filter(pick).reduce((sum, t) => sum + t.remaining, 0);
  const paid = input.payments.reduce((sum, p) => sum + p.amount, 0);
  return {
    tranches,
    totals: {
      planned: input.contractAmount,
      paid,
      remaining: Math.max(input.contractAmount - paid, 0),
      due: sumOf((t) => t.status === 'due' || t.status === 'partly_paid'),
      waiting: sumOf((t) => t.status === 'waiting'),
      withheld: sumOf((t) => t.status === 'withheld'),
    },
  };
}

/** Paid in full and nothing still waits for reports: the contract is done with money. */
export function isSettled(schedule: { tranches: TrancheView[]; totals: ScheduleTotals }): boolean {
  return (
    schedule.totals.remaining === 0 &&
    schedule.tranches.every((t) => t.status === 'paid' && (t.stage === null || t.releasedAt !== null))
  );
}
