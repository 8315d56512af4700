import { pathOf, type ProblemReader } from './problem-reader.util';

/**
 * The columns of the final report's social table (the 004 form's «Санаттар бойынша әлеуметтік
 * дәрежесі»), in the form's order. Each participant is counted in exactly one column.
 */
export const REPORT_CATEGORIES = [
  'children',
  'youth',
  'civil_servant',
  'public_sector_worker',
  'disability',
  'over_50',
  'unemployed',
  'ngo_representative',
  'business',
  'other',
] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/**
 * Which column a person who fits several goes to: the first that fits. The default puts first
 * what a person is by circumstance and the programmes measure inclusion by (a disability), then
 * the age groups read from the IIN (the same person lands in the same column whoever wrote the
 * list), then unemployment (vulnerability), then where a person works from the narrowest
 * (civil servant, a kind of public-sector worker) to the broadest; `other` takes the rest.
 */
export const DEFAULT_CATEGORY_PRECEDENCE: readonly ReportCategory[] = [
  'disability',
  'children',
  'youth',
  'over_50',
  'unemployed',
  'civil_servant',
  'public_sector_worker',
  'ngo_representative',
  'business',
  'other',
];

/**
 * Programme targets the final report measures each cohort against (youth micro-projects: 60%
 * vulnerable, 55% women, 5% with a disability). Vulnerable: with a disability, unemployed
 * (registered or not), not in education, employment or training, or on a low income.
 */
export const FINAL_REPORT_TARGET_CODES = ['vulnerable', 'women', 'disability'] as const;
export type FinalReportTargetCode = (typeof FINAL_REPORT_TARGET_CODES)[number];

export interface FinalReportTarget {
  code: FinalReportTargetCode;
  /** A share, 0–1: 0.55 is 55%. */
  target: number;
}

/** How the final report (the 004 form) counts participants. */
export interface FinalReportRule {
  /** Every category once, `other` last. */
  categoryPrecedence: ReportCategory[];
  targets?: FinalReportTarget[];
}

export const YOUTH_PROGRAMME_TARGETS: FinalReportTarget[] = [
  { code: 'vulnerable', target: 0.6 },
  { code: 'women', target: 0.55 },
  { code: 'disability', target: 0.05 },
];

/** Problems with a rulebook's `finalReport`, at `finalReport.categoryPrecedence[3]`-style paths. */
export function checkFinalReportRule(reader: ProblemReader, value: unknown): void {
  const rule = reader.object(value, 'finalReport', ['categoryPrecedence'], ['targets']);
  if (!rule) return;
  const path = 'finalReport.categoryPrecedence';
  if ('categoryPrecedence' in rule) {
    const list = reader.array(rule.categoryPrecedence, path, REPORT_CATEGORIES.length, REPORT_CATEGORIES.length);
    if (list) {
      const codes = list.map((v, i) => reader.oneOf(v, pathOf(path, i), REPORT_CATEGORIES));
      reader.unique(codes, (i) => pathOf(path, i));
      const missing = REPORT_CATEGORIES.filter((c) => !codes.includes(c));
      if (list.length === REPORT_CATEGORIES.length && missing.length && codes.every((c) => c !== undefined))
        reader.add(path, 'PRECEDENCE_INCOMPLETE', { missing: missing.join(', ') });
      if (codes.includes('other') && codes[codes.length - 1] !== 'other') reader.add(path, 'PRECEDENCE_OTHER_LAST');
    }
  }
  if (rule.targets !== undefined && rule.targets !== null) {
    const targets = reader.array(rule.targets, 'finalReport.targets', 0, FINAL_REPORT_TARGET_CODES.length);
    const codes = (targets ?? []).map((t, i) => {
      const at = pathOf('finalReport.targets', i);
      const target = reader.object(t, at, ['code', 'target']);
      if (!target) return undefined;
      if ('target' in target) reader.number(target.target, pathOf(at, 'target'), { min: 0, max: 1 });
      return 'code' in target ? reader.oneOf(target.code, pathOf(at, 'code'), FINAL_REPORT_TARGET_CODES) : undefined;
    });
    reader.unique(codes, (i) => pathOf(pathOf('finalReport.targets', i), 'code'));
  }
}
