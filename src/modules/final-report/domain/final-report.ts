import {
  DEFAULT_CATEGORY_PRECEDENCE,
  FINAL_REPORT_TARGET_CODES,
  type FinalReportRule,
  type FinalReportTarget,
  type FinalReportTargetCode,
  REPORT_CATEGORIES,
  type ReportCategory,
} from '../../competitions/domain/final-report-rule';
import { AGE_BANDS, type AgeBand, type CountGender, type SocialFact } from './participants';

/**
 * How the final report (the 004 form) counts people. Ages are full years on the reference
 * date: the last day of the competition's projects (the latest contract's end date), or the
 * day the report is made while no contract has dates. Age groups, as the social table uses them:
 */
export const AGE_LIMITS = {
  /** Children (балалар / дети): under 18. */
  childrenUnder: 18,
  /** Youth (жастар / молодёжь): 14 to 35 inclusive (the youth policy law); 14–17 go to children by default. */
  youthFrom: 14,
  youthTo: 35,
  /** Over 50 (50 жастан жоғары / старше 50 лет): 51 full years and more. */
  over50From: 51,
} as const;

/** The age band of a full-years age; under 13 and unknown share a row so the band table adds up. */
export function ageBandOf(age: number | null): AgeBand {
  if (age === null || age < 13) return 'under_13_or_unknown';
  if (age <= 16) return '13-16';
  if (age <= 22) return '17-22';
  if (age <= 27) return '23-27';
  if (age <= 32) return '28-32';
  if (age <= 45) return '33-45';
  if (age <= 58) return '46-58';
  return '59+';
}

/** What is known of one (deduplicated) person: the facts of every list naming them and of their profile. */
export interface PersonFacts {
  age: number | null;
  facts: ReadonlySet<SocialFact>;
}

function fits(category: ReportCategory, p: PersonFacts): boolean {
  const age = p.age;
  switch (category) {
    case 'children':
      return age !== null && age < AGE_LIMITS.childrenUnder;
    case 'youth':
      return age !== null && age >= AGE_LIMITS.youthFrom && age <= AGE_LIMITS.youthTo;
    case 'over_50':
      return age !== null && age >= AGE_LIMITS.over50From;
    case 'other':
      return true;
    default:
      return p.facts.has(category);
  }
}

/** The one column a person is counted in: the first of the precedence that fits, else `other`. */
export function categoryOf(p: PersonFacts, precedence: readonly ReportCategory[]): ReportCategory {
  return precedence.find((c) => fits(c, p)) ?? 'other';
}

/** Vulnerable (for the programme's target): a disability, unemployed, NEET or on a low income. */
export function isVulnerable(facts: ReadonlySet<SocialFact | 'neet'>): boolean {
  return facts.has('disability') || facts.has('unemployed') || facts.has('low_income') || facts.has('neet');
}

/** The same rule as SQL, for counting a whole competition in the database: `flagged` columns in, a category out. */
export function categorySql(precedence: readonly ReportCategory[]): string {
  const predicate: Record<ReportCategory, string> = {
    children: `(age IS NOT NULL AND age < ${AGE_LIMITS.childrenUnder})`,
    youth: `(age IS NOT NULL AND age BETWEEN ${AGE_LIMITS.youthFrom} AND ${AGE_LIMITS.youthTo})`,
    over_50: `(age IS NOT NULL AND age >= ${AGE_LIMITS.over50From})`,
    disability: 'disability',
    civil_servant: 'civil_servant',
    public_sector_worker: 'public_sector_worker',
    unemployed: 'unemployed',
    ngo_representative: 'ngo_representative',
    business: 'business',
    other: 'TRUE',
  };
  const whens = precedence
    .filter((c) => (REPORT_CATEGORIES as readonly string[]).includes(c))
    .map((c) => `WHEN ${predicate[c]} THEN '${c}'`);
  return `CASE ${whens.join(' ')} ELSE 'other' END`;
}

export const AGE_BAND_SQL = `CASE WHEN age IS NULL OR age < 13 THEN 'under_13_or_unknown' WHEN age <= 16 THEN '13-16'
  WHEN age <= 22 THEN '17-22' WHEN age <= 27 THEN '23-27' WHEN age <= 32 THEN '28-32' WHEN age <= 45 THEN '33-45'
  WHEN age <= 58 THEN '46-58' ELSE '59+' END`;

/** People of one combination: how the database hands the counts over. */
export interface ParticipantCell {
  gender: CountGender;
  ageBand: AgeBand;
  category: ReportCategory;
  vulnerable: boolean;
  disabled: boolean;
  /** The draw's arm of the grant (youth micro-projects), for the targets per cohort. */
  arm: string | null;
  n: number;
}

export interface ParticipantTables {
  total: number;
  byGender: Record<CountGender, number>;
  byCategory: Record<ReportCategory, number>;
  byAgeBand: Record<AgeBand, number>;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** The three tables of the form from the cells: each adds up to the total by construction. */
export function tablesOf(cells: readonly ParticipantCell[]): ParticipantTables {
  const t: ParticipantTables = {
    total: 0,
    byGender: zeros(['male', 'female', 'unknown'] as const),
    byCategory: zeros(REPORT_CATEGORIES),
    byAgeBand: zeros(AGE_BANDS),
  };
  for (const c of cells) {
    t.total += c.n;
    t.byGender[c.gender] += c.n;
    t.byCategory[c.category] += c.n;
    t.byAgeBand[c.ageBand] += c.n;
  }
  return t;
}

export interface TargetResult {
  code: FinalReportTargetCode;
  target: number;
  /** The share reached, 0–1; null when nobody is counted. */
  actual: number | null;
  /** actual − target: negative is how far the cohort is below. */
  gap: number | null;
  people: number;
  cohorts: { arm: string | null; people: number; actual: number | null; gap: number | null }[];
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function share(
  cells: readonly ParticipantCell[],
  code: FinalReportTargetCode,
): { people: number; actual: number | null } {
  const people = cells.reduce((s, c) => s + c.n, 0);
  const hits = cells
    .filter((c) => (code === 'women' ? c.gender === 'female' : code === 'vulnerable' ? c.vulnerable : c.disabled))
    .reduce((s, c) => s + c.n, 0);
  return { people, actual: people ? round4(hits / people) : null };
}

/** Each target's share among everyone counted, and in each cohort (the draw's arm of their grant). */
export function targetsOf(cells: readonly ParticipantCell[], targets: readonly FinalReportTarget[]): TargetResult[] {
  const arms = [...new Set(cells.map((c) => c.arm))].filter((a) => a !== null).sort() as string[];
  const order = (t: FinalReportTarget) => FINAL_REPORT_TARGET_CODES.indexOf(t.code);
  return [...targets]
    .sort((a, b) => order(a) - order(b))
    .map((t) => {
      const all = share(cells, t.code);
      return {
        code: t.code,
        target: t.target,
        actual: all.actual,
        gap: all.actual === null ? null : round4(all.actual - t.target),
        people: all.people,
        cohorts: arms.map((arm) => {
          const s = share(
            cells.filter((c) => c.arm === arm),
            t.code,
          );
          return {
            arm,
            people: s.people,
            actual: s.actual,
            gap: s.actual === null ? null : round4(s.actual - t.target),
          };
        }),
      };
    });
}

export function precedenceOf(rule: FinalReportRule | null | undefined): ReportCategory[] {
  return rule?.categoryPrecedence?.length ? [...rule.categoryPrecedence] : [...DEFAULT_CATEGORY_PRECEDENCE];
}
