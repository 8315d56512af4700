import type { ReportIndicator, ReportingRule, ReportingStage } from '../../competitions/domain/rulebook.types';
import {
  DEFAULT_OVERSPEND_TOLERANCE_PERCENT,
  DEFAULT_REMINDER_OFFSETS_DAYS,
} from '../../competitions/domain/templates/reporting-defaults';
import { addDays, DEFAULT_REPORT_DAYS_AFTER_END } from './contract-terms';

/** One reporting stage of a contract with its due date, computed once from the contract's dates. */
export interface ContractReportingStage {
  stage: ReportingStage;
  dueOn: string;
  /** How the date was set: a fixed date, or days after the project's start or end. */
  rule: { dueOn?: string; daysAfterStart?: number; daysAfterEnd?: number };
}

/**
 * What a contract says about reports (frozen with the rest of its content). Contracts made
 * before stages existed carry only `dueOn` (both reports, once, after the end): they read as
 * one final stage due then. `dueOn` and `daysAfterEnd` stay for them and name the last stage.
 */
export interface ContractReporting {
  dueOn: string;
  daysAfterEnd: number;
  /** No reporting rule in the rulebook: the default (both reports 10 days after the end) applies. */
  isDefault: boolean;
  stages?: ContractReportingStage[];
  reminderOffsetsDays?: number[];
  overspendTolerancePercent?: number;
  indicators?: ReportIndicator[];
}

/**
 * The contract's reporting terms from the rulebook's rule and the project's dates. A stage due
 * days after the start that would fall after the project's end is due on the last day instead
 * (a project shorter than the rule foresaw still reports in the order the rule says).
 */
export function reportingTerms(
  rule: ReportingRule | null | undefined,
  dates: { startsOn: string; endsOn: string },
): ContractReporting {
  const rules = rule?.stages?.length
    ? rule.stages
    : [{ stage: 'final' as const, daysAfterEnd: DEFAULT_REPORT_DAYS_AFTER_END }];
  const stages: ContractReportingStage[] = rules.map((r) => {
    const ruleOf: ContractReportingStage['rule'] =
      r.dueOn != null
        ? { dueOn: r.dueOn }
        : r.daysAfterStart != null
          ? { daysAfterStart: r.daysAfterStart }
          : { daysAfterEnd: r.daysAfterEnd ?? DEFAULT_REPORT_DAYS_AFTER_END };
    return { stage: r.stage, dueOn: stageDueOn(ruleOf, dates), rule: ruleOf };
  });
  const last = stages[stages.length - 1];
  return {
    dueOn: last.dueOn,
    daysAfterEnd: last.rule.daysAfterEnd ?? daysBetween(dates.endsOn, last.dueOn),
    isDefault: !rule?.stages?.length,
    stages,
    reminderOffsetsDays: [...(rule?.reminderOffsetsDays ?? DEFAULT_REMINDER_OFFSETS_DAYS)].sort((a, b) => a - b),
    overspendTolerancePercent: rule?.overspendTolerancePercent ?? DEFAULT_OVERSPEND_TOLERANCE_PERCENT,
    indicators: (rule?.indicators ?? []).map((i) => ({ ...i })),
  };
}

function stageDueOn(rule: ContractReportingStage['rule'], dates: { startsOn: string; endsOn: string }): string {
  if (rule.dueOn) return rule.dueOn;
  if (rule.daysAfterStart !== undefined) {
    const due = addDays(dates.startsOn, rule.daysAfterStart);
    return due > dates.endsOn ? dates.endsOn : due;
  }
  return addDays(dates.endsOn, rule.daysAfterEnd ?? DEFAULT_REPORT_DAYS_AFTER_END);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The same terms with the project's dates changed (a draft's new dates): every stage recomputed from its rule. */
export function withProjectDates(
  reporting: ContractReporting,
  dates: { startsOn: string; endsOn: string },
): ContractReporting {
  const stages = (reporting.stages ?? []).map((s) => ({ ...s, dueOn: stageDueOn(s.rule, dates) }));
  if (stages.length === 0) return { ...reporting, dueOn: addDays(dates.endsOn, reporting.daysAfterEnd) };
  const last = stages[stages.length - 1];
  return { ...reporting, stages, dueOn: last.dueOn };
}

/** The stages a contract's reports follow, however old the contract: one final stage when it predates stages. */
export function contractStages(reporting: ContractReporting): { stage: ReportingStage; dueOn: string }[] {
  if (reporting.stages?.length) return reporting.stages.map((s) => ({ stage: s.stage, dueOn: s.dueOn }));
  return [{ stage: 'final', dueOn: reporting.dueOn }];
}

/** The reminders' offsets, the overspend tolerance and the indicators, with the defaults for old contracts. */
export function reportingSettings(reporting: ContractReporting): {
  reminderOffsetsDays: number[];
  overspendTolerancePercent: number;
  indicators: ReportIndicator[];
} {
  return {
    reminderOffsetsDays: reporting.reminderOffsetsDays ?? [...DEFAULT_REMINDER_OFFSETS_DAYS],
    overspendTolerancePercent: reporting.overspendTolerancePercent ?? DEFAULT_OVERSPEND_TOLERANCE_PERCENT,
    indicators: reporting.indicators ?? [],
  };
}
