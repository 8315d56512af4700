/**
 * The rulebook (конкурс ережесі / положение о конкурсе) a competition carries: who may apply,
 * what they fill in and attach, how much money there is, how the commission scores and how
 * winners are chosen. Plain data, stored as JSON with the competition; checked by
 * rulebook.validation.ts. Every string a person reads comes in Kazakh and Russian.
 */

import type { FinalReportRule } from './final-report-rule';

export type Locale = 'kk' | 'ru';

export interface LocalizedText {
  kk: string;
  ru: string;
}

/** One field-level problem; the same shape as the API's error `details` (message added later). */
export interface FieldProblem {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

export const APPLICANT_KINDS = ['initiative_group', 'ngo', 'host_organization', 'individual'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

/** A team (бастамашыл топ / project team); ages are full years on the submission date, from the IIN. */
export interface TeamRule {
  minSize: number;
  maxSize: number;
  minAge?: number;
  maxAge?: number;
}

/** Age of a single applicant (e.g. a mentor must be 21+), for competitions without a team. */
export interface ApplicantAgeRule {
  minAge?: number;
  maxAge?: number;
}

export interface SubmissionLimits {
  /** At most this many applications per host organization (қабылдаушы ұйым); 7 for youth micro-projects. */
  perHostOrganization?: number;
  onePersonOneApplication: boolean;
  oneApplicationPerGroup: boolean;
}

export const TERRITORY_LEVELS = ['region', 'district'] as const;
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

export interface TerritoryRule {
  /** Territory codes (regions `ZHT`, republican cities `AST`, or districts `ULT-ZHN`). */
  scope: string[];
  /** How precisely an application names its territory. */
  level: TerritoryLevel;
}

export const FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'integer',
  'date',
  'select',
  'multiselect',
  'url',
  'boolean',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldOption {
  value: string;
  label: LocalizedText;
}

export interface FormField {
  key: string;
  label: LocalizedText;
  type: FieldType;
  required: boolean;
  /** Characters, for text, textarea and url. */
  maxLength?: number;
  /** Value bounds for number and integer; number of chosen options for multiselect. */
  min?: number;
  max?: number;
  /** Required for select and multiselect, refused elsewhere. */
  options?: FieldOption[];
}

export const FILE_KINDS = ['pdf', 'jpg', 'png', 'docx', 'xlsx'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface DocumentRequirement {
  code: string;
  label: LocalizedText;
  required: boolean;
  /** Allowed file kinds; any of FILE_KINDS when absent. */
  kinds?: FileKind[];
}

export interface SocialStipends {
  /** School leavers, college and university students (26 000 ₸ in the youth programme). */
  schoolLeaverAndStudents: number;
  /** College and university graduates (61 000 ₸). */
  graduates: number;
}

/**
 * How a host organization's overhead relates to the grant: `on_top` — paid on top of the
 * approved budget (contract sum = budget + overhead); `inside` — part of it (contract sum =
 * budget, of which the overhead is a line). The contract shows the arithmetic either way.
 */
export const HOST_OVERHEAD_MODES = ['on_top', 'inside'] as const;
export type HostOverheadMode = (typeof HOST_OVERHEAD_MODES)[number];

/** Money, in integer tenge. Null for prize and award competitions. */
export interface FundingRule {
  amountCap?: number;
  totalFund?: number;
  perRegionFund?: number;
  /** Paid to a host organization on top of each grant contract sum (15% in the youth programme). */
  hostOrganizationOverheadPercent?: number;
  /** `on_top` when absent; meaningful only with hostOrganizationOverheadPercent. */
  hostOrganizationOverheadMode?: HostOverheadMode;
  stipends?: SocialStipends;
}

/**
 * When a grant contract's tranche (транш) may be paid: once the contract is in force
 * (`on_activation`), or once the programmatic and the financial reports of a stage are both
 * accepted (`after_reports`, with `stage`).
 */
export const TRANCHE_CONDITIONS = ['on_activation', 'after_reports'] as const;
export type TrancheCondition = (typeof TRANCHE_CONDITIONS)[number];
export const REPORT_STAGES = ['interim', 'final'] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

/** A tranche: exactly one of `percent` (of the contract sum) or `amount` (fixed, integer tenge). */
export interface TrancheRule {
  percent?: number;
  amount?: number;
  condition: TrancheCondition;
  /** Required with `after_reports`, refused otherwise. */
  stage?: ReportStage;
}

/**
 * The payment schedule every contract of the competition gets (frozen in the contract when it
 * is generated). Percents alone add up to 100; with fixed sums, the last tranche pays whatever
 * remains of the contract sum, so the tranches always add up to it exactly.
 */
export interface PaymentsRule {
  tranches: TrancheRule[];
}

export interface Criterion {
  code: string;
  label: LocalizedText;
  weight: number;
  maxPoints: number;
  /** Points move in these steps (1 or 0.5); maxPoints is a whole number of steps. */
  step: number;
  /** A commission member must comment when giving fewer points than this. */
  commentBelow?: number;
}

export const WINNER_UNITS = ['district', 'region'] as const;
export type WinnerUnit = (typeof WINNER_UNITS)[number];

export const TIE_BREAKS = ['criteria_then_submission'] as const;
export type TieBreak = (typeof TIE_BREAKS)[number];

export interface SelectionRule {
  winners?: number;
  perNomination?: number;
  oneWinnerPer?: WinnerUnit | null;
  capsByRegion?: boolean;
  useTotalFund?: boolean;
  /** The commission shortlists; the draw (LOTTERY.md) then allocates the shortlist to arms. */
  shortlistForDraw?: boolean;
  /** Minimum number of commission scores per application. */
  quorum?: number;
  tieBreak: TieBreak;
}

export interface Nomination {
  code: string;
  label: LocalizedText;
}

/** What an arm of a draw gives its teams; the arms-compliance table checks each one was received. */
export type ArmEntitlement = 'grant' | 'training' | 'mentor';

export const ARM_ENTITLEMENTS: readonly ArmEntitlement[] = ['grant', 'training', 'mentor'];

export interface DrawArm {
  code: string;
  weight: number;
  /** What the arm entitles a team to (youth programme: A grant + training + mentor, B grant, C training + mentor). */
  entitles?: ArmEntitlement[];
}

export interface DrawRule {
  arms: DrawArm[];
  /** What each arm gives, keyed by arm code. */
  armMeaning: Record<string, LocalizedText>;
  /** Attribute(s) the draw stratifies on, joined with `|` (LOTTERY.md). */
  stratumAttribute: string;
}

/**
 * The months of practical implementation (youth micro-projects: July–November, 5 months).
 * Social stipends are paid for these months. They run from `firstMonth` (YYYY-MM) or, when it
 * is not set, from the month after the draw; an application that states a shorter duration
 * (its `durationMonths` answer) ends earlier. A signed contract's dates, once there, say more.
 */
export interface ProjectPeriodRule {
  months: number;
  firstMonth?: string | null;
}

/** A survey question: a 1–5 scale (required) or a free text (optional). */
export const SURVEY_QUESTION_TYPES = ['scale', 'text'] as const;
export type SurveyQuestionType = (typeof SURVEY_QUESTION_TYPES)[number];
/** Scale answers run from 1 (very poor) to 5 (excellent). */
export const SURVEY_SCALE_MAX = 5;

export interface SurveyQuestion {
  code: string;
  label: LocalizedText;
  type: SurveyQuestionType;
}

/**
 * The participants' satisfaction survey (қанағаттану сауалнамасы / анкета удовлетворённости):
 * its questions, and when a participant counts as satisfied — the answer to the scale question
 * `satisfiedQuestion` is `satisfiedFrom` or more. The programme aims at a `target` share of
 * satisfied participants (0.8: «80%-дан кем емес», seeds 001, 003, 004). A link's questions
 * are frozen when it is made, so a later change reaches only new links.
 */
export interface SurveyRule {
  questions: SurveyQuestion[];
  satisfiedQuestion: string;
  satisfiedFrom: number;
  target: number;
}

/** A report's stage (есеп кезеңі): interim (аралық / промежуточный) or final (қорытынды / итоговый). */
export const REPORTING_STAGES = ['interim', 'final'] as const;
export type ReportingStage = (typeof REPORTING_STAGES)[number];

/**
 * When one stage's programmatic and financial reports are due: exactly one of a fixed date
 * (`dueOn`, YYYY-MM-DD), days after the project's first day, or days after its last day.
 * The contract computes the date once, from its own dates, and the reports keep it.
 */
export interface ReportDueRule {
  stage: ReportingStage;
  dueOn?: string;
  daysAfterStart?: number;
  daysAfterEnd?: number;
}

/** An indicator (көрсеткіш / показатель) the programmatic report gives plan and fact for. */
export interface ReportIndicator {
  code: string;
  label: LocalizedText;
  unit?: LocalizedText;
}

/**
 * The winners' reports: the stages (an interim report, if any, before the final one) with
 * their due dates, the days around a due date the grantee is reminded on (negative: before;
 * default -7, -1, 1, 7), how far a budget line may be overspent without a written
 * justification (percent of the line, default 10), and the indicators to report.
 */
export interface ReportingRule {
  stages: ReportDueRule[];
  reminderOffsetsDays?: number[];
  overspendTolerancePercent?: number;
  indicators?: ReportIndicator[];
}

export const COMPETITION_TIME_ZONE = 'Asia/Almaty';

export interface Deadlines {
  /** ISO 8601 instant with offset; null until the organizer sets it. */
  submissionDeadline: string | null;
  timeZone: typeof COMPETITION_TIME_ZONE;
}

export const LANGUAGES: readonly Locale[] = ['kk', 'ru'];

export interface Rulebook {
  applicantKinds: ApplicantKind[];
  team: TeamRule | null;
  applicantAge?: ApplicantAgeRule | null;
  limits: SubmissionLimits;
  territory: TerritoryRule;
  directions: string[];
  fields: FormField[];
  documents: DocumentRequirement[];
  funding: FundingRule | null;
  payments?: PaymentsRule | null;
  criteria: Criterion[];
  finalReport?: FinalReportRule | null;
  selection: SelectionRule;
  nominations: Nomination[];
  survey?: SurveyRule | null;
  draw: DrawRule | null;
  projectPeriod?: ProjectPeriodRule | null;
  reporting?: ReportingRule | null;
  deadlines: Deadlines;
  languages: Locale[];
  /** 2–4 uppercase letters: MG-2026-0007. */
  numberPrefix: string;
}

/**
 * Application attributes kept in their own columns (title, territory, direction, nomination):
 * a form field must not ask for them a second time.
 */
export const RESERVED_FIELD_KEYS = ['title', 'territory', 'territoryCode', 'direction', 'nomination'] as const;
