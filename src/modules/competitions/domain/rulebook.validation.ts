import { DIRECTION_LABELS } from './directions.constants';
import { parseInstant } from './instant.util';
import { JsonObject, pathOf, ProblemReader } from './problem-reader.util';
import { checkCriteria, checkDocuments, checkDraw, checkFields, checkNominations } from './rulebook-parts.validation';
import { checkPayments } from './rulebook-payments.validation';
import { checkReporting } from './rulebook-reporting.validation';
import { checkSurvey } from './rulebook-survey.validation';
import { checkFinalReportRule } from './final-report-rule';
import {
  APPLICANT_KINDS,
  ApplicantKind,
  COMPETITION_TIME_ZONE,
  FieldProblem,
  HOST_OVERHEAD_MODES,
  LANGUAGES,
  TERRITORY_LEVELS,
  TIE_BREAKS,
  WINNER_UNITS,
} from './rulebook.types';

const TOP_LEVEL_KEYS = [
  'applicantKinds',
  'team',
  'limits',
  'territory',
  'directions',
  'fields',
  'documents',
  'funding',
  'criteria',
  'selection',
  'nominations',
  'draw',
  'deadlines',
  'languages',
  'numberPrefix',
] as const;
/** Same alphabet as territories.csv codes: `ZHT`, `AST`, `ULT-ZHN`. */
const TERRITORY_CODE_PATTERN = /^[A-Z0-9-]{2,20}$/;
const NUMBER_PREFIX_PATTERN = /^[A-Z]{2,4}$/;
const MIN_AGE = 14;
const MAX_AGE = 100;
const DIRECTION_CODES = Object.keys(DIRECTION_LABELS);

/**
 * Checks a rulebook's shape and its internal consistency. Returns every problem found, with
 * paths such as `criteria[2].weight` or `team.maxSize`; an empty list means it is usable.
 * Root-level problems (not an object at all) have the field ''.
 */
export function validateRulebook(r: unknown): FieldProblem[] {
  const reader = new ProblemReader();
  const book = reader.object(r, '', TOP_LEVEL_KEYS, [
    'applicantAge',
    'projectPeriod',
    'payments',
    'survey',
    'reporting',
    'finalReport',
  ]);
  if (!book) return reader.problems;

  const kinds = has(book, 'applicantKinds') ? checkApplicantKinds(reader, book.applicantKinds) : [];
  if (has(book, 'team') && book.team !== null) checkAges(reader, checkTeamSizes(reader, book.team), 'team');
  if (book.applicantAge !== undefined && book.applicantAge !== null) {
    checkAges(reader, reader.object(book.applicantAge, 'applicantAge', [], ['minAge', 'maxAge']), 'applicantAge');
  }
  if (has(book, 'limits')) checkLimits(reader, book.limits, kinds);
  const territory = has(book, 'territory') ? checkTerritory(reader, book.territory) : undefined;
  if (has(book, 'directions')) checkDirections(reader, book.directions);
  if (has(book, 'fields')) checkFields(reader, book.fields);
  if (has(book, 'documents')) checkDocuments(reader, book.documents);
  const funding = has(book, 'funding') && book.funding !== null ? checkFunding(reader, book.funding, kinds) : undefined;
  if (book.payments !== undefined && book.payments !== null) checkPayments(reader, book.payments, book.funding);
  if (has(book, 'criteria')) checkCriteria(reader, book.criteria);
  const selection = has(book, 'selection') ? checkSelection(reader, book.selection) : undefined;
  if (has(book, 'nominations')) checkNominations(reader, book.nominations);
  if (book.survey !== undefined && book.survey !== null) checkSurvey(reader, book.survey);
  if (has(book, 'draw') && book.draw !== null) checkDraw(reader, book.draw);
  if (book.projectPeriod !== undefined && book.projectPeriod !== null) checkProjectPeriod(reader, book.projectPeriod);
  if (book.reporting !== undefined && book.reporting !== null) checkReporting(reader, book.reporting);
  if (book.finalReport !== undefined && book.finalReport !== null) checkFinalReportRule(reader, book.finalReport);
  if (has(book, 'deadlines')) checkDeadlines(reader, book.deadlines);
  if (has(book, 'languages')) checkLanguages(reader, book.languages);
  if (has(book, 'numberPrefix')) reader.string(book.numberPrefix, 'numberPrefix', 20, NUMBER_PREFIX_PATTERN);

  if (kinds.includes('initiative_group') && book.team === null) reader.add('team', 'TEAM_REQUIRED');
  if (selection) checkSelectionAgainstRest(reader, selection, { book, funding, territoryLevel: territory?.level });
  return reader.problems;
}

function has(book: JsonObject, key: string): boolean {
  return book[key] !== undefined;
}

function checkApplicantKinds(reader: ProblemReader, value: unknown): ApplicantKind[] {
  const list = reader.array(value, 'applicantKinds', 1, APPLICANT_KINDS.length);
  if (!list) return [];
  const kinds = list.map((kind, i) => reader.oneOf(kind, pathOf('applicantKinds', i), APPLICANT_KINDS));
  reader.unique(kinds, (i) => pathOf('applicantKinds', i));
  return kinds.filter((k): k is ApplicantKind => k !== undefined);
}

function checkTeamSizes(reader: ProblemReader, value: unknown): JsonObject | undefined {
  const team = reader.object(value, 'team', ['minSize', 'maxSize'], ['minAge', 'maxAge']);
  if (!team) return undefined;
  const min = 'minSize' in team ? reader.integer(team.minSize, 'team.minSize', { min: 1, max: 100 }) : undefined;
  const max = 'maxSize' in team ? reader.integer(team.maxSize, 'team.maxSize', { min: 1, max: 100 }) : undefined;
  reader.range(min, max, 'team.maxSize');
  return team;
}

/** Ages in full years, 14–100: the youngest a volunteer or team member can be, and a sanity cap. */
function checkAges(reader: ProblemReader, holder: JsonObject | undefined, path: string): void {
  if (!holder) return;
  const bounds = { min: MIN_AGE, max: MAX_AGE };
  const min = reader.optional(holder, 'minAge', (v) => reader.integer(v, pathOf(path, 'minAge'), bounds));
  const max = reader.optional(holder, 'maxAge', (v) => reader.integer(v, pathOf(path, 'maxAge'), bounds));
  reader.range(min, max, pathOf(path, 'maxAge'));
}

function checkLimits(reader: ProblemReader, value: unknown, kinds: ApplicantKind[]): void {
  const limits = reader.object(
    value,
    'limits',
    ['onePersonOneApplication', 'oneApplicationPerGroup'],
    ['perHostOrganization'],
  );
  if (!limits) return;
  const perHost = reader.optional(limits, 'perHostOrganization', (v) =>
    reader.integer(v, 'limits.perHostOrganization', { min: 1, max: 1000 }),
  );
  if (perHost !== undefined && kinds.length > 0 && !kinds.includes('host_organization')) {
    reader.add('limits.perHostOrganization', 'NOT_APPLICABLE');
  }
  if ('onePersonOneApplication' in limits)
    reader.boolean(limits.onePersonOneApplication, 'limits.onePersonOneApplication');
  if ('oneApplicationPerGroup' in limits)
    reader.boolean(limits.oneApplicationPerGroup, 'limits.oneApplicationPerGroup');
}

function checkTerritory(reader: ProblemReader, value: unknown): { level?: string } | undefined {
  const territory = reader.object(value, 'territory', ['scope', 'level']);
  if (!territory) return undefined;
  const scope = 'scope' in territory ? reader.array(territory.scope, 'territory.scope', 1, 100) : undefined;
  if (scope) {
    const codes = scope.map((code, i) => reader.string(code, pathOf('territory.scope', i), 20, TERRITORY_CODE_PATTERN));
    reader.unique(codes, (i) => pathOf('territory.scope', i));
  }
  const level = 'level' in territory ? reader.oneOf(territory.level, 'territory.level', TERRITORY_LEVELS) : undefined;
  return { level };
}

function checkDirections(reader: ProblemReader, value: unknown): void {
  const list = reader.array(value, 'directions', 0, DIRECTION_CODES.length);
  if (!list) return;
  const codes = list.map((code, i) => reader.oneOf(code, pathOf('directions', i), DIRECTION_CODES));
  reader.unique(codes, (i) => pathOf('directions', i));
}

/** Months of implementation (1–36) and, optionally, the first of them as YYYY-MM. */
function checkProjectPeriod(reader: ProblemReader, value: unknown): void {
  const period = reader.object(value, 'projectPeriod', ['months'], ['firstMonth']);
  if (!period) return;
  if ('months' in period) reader.integer(period.months, 'projectPeriod.months', { min: 1, max: 36 });
  if (period.firstMonth !== undefined && period.firstMonth !== null)
    reader.string(period.firstMonth, 'projectPeriod.firstMonth', 7, /^\d{4}-(0[1-9]|1[0-2])$/);
}

interface FundingRead {
  totalFund?: number;
  perRegionFund?: number;
}

function checkFunding(reader: ProblemReader, value: unknown, kinds: ApplicantKind[]): FundingRead | undefined {
  const keys = [
    'amountCap',
    'totalFund',
    'perRegionFund',
    'hostOrganizationOverheadPercent',
    'hostOrganizationOverheadMode',
    'stipends',
  ];
  const funding = reader.object(value, 'funding', [], keys);
  if (!funding) return undefined;
  const tenge = (key: string) =>
    reader.optional(funding, key, (v) => reader.integer(v, pathOf('funding', key), { min: 1 }));
  const amountCap = tenge('amountCap');
  const totalFund = tenge('totalFund');
  const perRegionFund = tenge('perRegionFund');
  const overheadPath = 'funding.hostOrganizationOverheadPercent';
  const overhead = reader.optional(funding, 'hostOrganizationOverheadPercent', (v) =>
    reader.number(v, overheadPath, { min: 0, max: 100 }),
  );
  if (overhead !== undefined && kinds.length > 0 && !kinds.includes('host_organization'))
    reader.add(overheadPath, 'NOT_APPLICABLE');
  if (funding.hostOrganizationOverheadMode !== undefined) {
    const modePath = 'funding.hostOrganizationOverheadMode';
    reader.oneOf(funding.hostOrganizationOverheadMode, modePath, HOST_OVERHEAD_MODES);
    if (funding.hostOrganizationOverheadPercent === undefined) reader.add(overheadPath, 'REQUIRED');
  }
  if (funding.stipends !== undefined) {
    const stipends = reader.object(funding.stipends, 'funding.stipends', ['schoolLeaverAndStudents', 'graduates']);
    for (const key of ['schoolLeaverAndStudents', 'graduates']) {
      if (stipends && key in stipends) reader.integer(stipends[key], pathOf('funding.stipends', key), { min: 1 });
    }
  }
  if (amountCap !== undefined && totalFund !== undefined && amountCap > totalFund) {
    reader.add('funding.amountCap', 'FUND_CAP_EXCEEDS_TOTAL', { limit: totalFund });
  } else if (amountCap !== undefined && perRegionFund !== undefined && amountCap > perRegionFund) {
    reader.add('funding.amountCap', 'CAP_EXCEEDS_REGION_FUND', { limit: perRegionFund });
  }
  if (perRegionFund !== undefined && totalFund !== undefined && perRegionFund > totalFund) {
    reader.add('funding.perRegionFund', 'REGION_FUND_EXCEEDS_TOTAL', { limit: totalFund });
  }
  return { totalFund, perRegionFund };
}

interface SelectionRead {
  perNomination?: number;
  oneWinnerPer?: string | null;
  capsByRegion?: boolean;
  useTotalFund?: boolean;
  shortlistForDraw?: boolean;
}

function checkSelection(reader: ProblemReader, value: unknown): SelectionRead | undefined {
  const optional = [
    'winners',
    'perNomination',
    'oneWinnerPer',
    'capsByRegion',
    'useTotalFund',
    'shortlistForDraw',
    'quorum',
  ];
  const selection = reader.object(value, 'selection', ['tieBreak'], optional);
  if (!selection) return undefined;
  const count = (key: string, max: number) =>
    reader.optional(selection, key, (v) => reader.integer(v, pathOf('selection', key), { min: 1, max }));
  const flag = (key: string) => reader.optional(selection, key, (v) => reader.boolean(v, pathOf('selection', key)));
  count('winners', 10_000);
  count('quorum', 100);
  const read: SelectionRead = {
    perNomination: count('perNomination', 100),
    capsByRegion: flag('capsByRegion'),
    useTotalFund: flag('useTotalFund'),
    shortlistForDraw: flag('shortlistForDraw'),
  };
  if (selection.oneWinnerPer !== undefined && selection.oneWinnerPer !== null) {
    read.oneWinnerPer = reader.oneOf(selection.oneWinnerPer, 'selection.oneWinnerPer', WINNER_UNITS);
  }
  if ('tieBreak' in selection) reader.oneOf(selection.tieBreak, 'selection.tieBreak', TIE_BREAKS);
  return read;
}

/** The selection rule may only rely on what the rest of the rulebook provides. */
function checkSelectionAgainstRest(
  reader: ProblemReader,
  selection: SelectionRead,
  rest: { book: JsonObject; funding?: FundingRead; territoryLevel?: string },
): void {
  const { book, funding } = rest;
  const needFund = (key: keyof FundingRead) => {
    if (book.funding === null) reader.add('funding', 'REQUIRED');
    else if (funding && funding[key] === undefined && (book.funding as JsonObject)[key] === undefined)
      reader.add(pathOf('funding', key), 'REQUIRED');
  };
  if (selection.useTotalFund) needFund('totalFund');
  if (selection.capsByRegion) needFund('perRegionFund');
  if (selection.oneWinnerPer === 'district' && rest.territoryLevel === 'region') {
    reader.add('selection.oneWinnerPer', 'TERRITORY_LEVEL_MISMATCH');
  }
  if (selection.shortlistForDraw && book.draw === null) reader.add('draw', 'REQUIRED');
  if (!selection.shortlistForDraw && book.draw !== null && book.draw !== undefined) {
    reader.add('selection.shortlistForDraw', 'DRAW_SHORTLIST_MISMATCH');
  }
  if (selection.perNomination !== undefined && Array.isArray(book.nominations) && book.nominations.length === 0) {
    reader.add('nominations', 'TOO_FEW_ITEMS', { limit: 1 });
  }
}

function checkDeadlines(reader: ProblemReader, value: unknown): void {
  const deadlines = reader.object(value, 'deadlines', ['submissionDeadline', 'timeZone']);
  if (!deadlines) return;
  const deadline = deadlines.submissionDeadline;
  if (deadline !== null && deadline !== undefined) {
    if (typeof deadline !== 'string') reader.add('deadlines.submissionDeadline', 'NOT_STRING');
    else if (!parseInstant(deadline)) reader.add('deadlines.submissionDeadline', 'INVALID_DATE');
  }
  if ('timeZone' in deadlines) reader.oneOf(deadlines.timeZone, 'deadlines.timeZone', [COMPETITION_TIME_ZONE]);
}

/** Kazakh (the state language) and Russian, both, each once. */
function checkLanguages(reader: ProblemReader, value: unknown): void {
  const list = reader.array(value, 'languages');
  if (!list) return;
  const languages = list.map((lang, i) => reader.oneOf(lang, pathOf('languages', i), LANGUAGES));
  reader.unique(languages, (i) => pathOf('languages', i));
  for (const language of LANGUAGES)
    if (!languages.includes(language)) reader.add('languages', 'LANGUAGE_MISSING', { language });
}
