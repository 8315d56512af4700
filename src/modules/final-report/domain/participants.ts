import { parseIin } from '../../../../libs/kz';
import type { ErrorDetail } from '../../../common/errors/app.exception';
import { REPORT_CATEGORIES, type ReportCategory } from '../../competitions/domain/final-report-rule';

/**
 * Who took part in a grant's project (қатысушылар / участники), as a grantee lists them in a
 * programmatic report, and the words the final report (the 004 form) counts them in.
 */

export const PARTICIPANT_GENDERS = ['male', 'female'] as const;
export type ParticipantGender = (typeof PARTICIPANT_GENDERS)[number];
/** A count row may not know its people's gender; the report's gender table has a column for it. */
export const COUNT_GENDERS = ['male', 'female', 'unknown'] as const;
export type CountGender = (typeof COUNT_GENDERS)[number];

/**
 * Social facts a list states about a person. Children, youth and over-50s are never stated:
 * they come from the birth date. A disability may also come from the person's profile.
 */
export const SOCIAL_FACTS = [
  'civil_servant',
  'public_sector_worker',
  'disability',
  'unemployed',
  'low_income',
  'ngo_representative',
  'business',
] as const;
export type SocialFact = (typeof SOCIAL_FACTS)[number];

export { REPORT_CATEGORIES, type ReportCategory };

/** The 004 form's age bands, plus a row for people under 13 or of unknown age so the table adds up. */
export const AGE_BANDS = ['13-16', '17-22', '23-27', '28-32', '33-45', '46-58', '59+', 'under_13_or_unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** A person named on a list: by IIN where known (birth date and gender then come from it), else by name. */
export interface PersonRowInput {
  kind: 'person';
  iin?: string | null;
  fullName?: string | null;
  gender?: ParticipantGender | null;
  /** YYYY-MM-DD; may be unknown for a person without an IIN (counted in `under_13_or_unknown`). */
  birthDate?: string | null;
  facts?: SocialFact[];
}

/** "N people of gender G, age band B, category C": for an event where only a tally was kept. */
export interface CountRowInput {
  kind: 'count';
  count: number;
  gender: CountGender;
  ageBand: AgeBand;
  category: ReportCategory;
}

export type ParticipantRowInput = PersonRowInput | CountRowInput;

/** A row as stored: a person's birth date and gender as read from the IIN when it has one. */
export type ParticipantRow =
  | {
      kind: 'person';
      iin: string | null;
      fullName: string | null;
      gender: ParticipantGender | null;
      birthDate: string | null;
      facts: SocialFact[];
    }
  | CountRowInput;

export interface Beneficiaries {
  direct: number;
  indirect: number;
}

export const MAX_PARTICIPANT_ROWS = 20_000;
export const MAX_COUNT_PER_ROW = 100_000;
export const MAX_BENEFICIARIES = 100_000_000;
const FULL_NAME_MAX = 300;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PERSON_KEYS = ['kind', 'iin', 'fullName', 'gender', 'birthDate', 'facts'];
const COUNT_KEYS = ['kind', 'count', 'gender', 'ageBand', 'category'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Checks and normalizes a list of participant rows. Problems use the API's shape and codes
 * (each has a kk and ru message in the error catalogue): `participants[3].iin` IIN_CHECKSUM,
 * `participants[0].gender` REQUIRED… `today` (YYYY-MM-DD) refuses a birth date after it.
 */
export function checkParticipantRows(
  value: unknown,
  today: string,
  path = 'participants',
): { rows: ParticipantRow[]; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  const add = (field: string, code: string, params?: Record<string, string | number>) =>
    problems.push(params ? { field, code, params } : { field, code });
  if (!Array.isArray(value)) {
    add(path, 'NOT_ARRAY');
    return { rows: [], problems };
  }
  if (value.length > MAX_PARTICIPANT_ROWS) {
    add(path, 'TOO_MANY_ITEMS', { limit: MAX_PARTICIPANT_ROWS });
    return { rows: [], problems };
  }
  const rows: ParticipantRow[] = [];
  value.forEach((item: unknown, index) => {
    const at = `${path}[${index}]`;
    if (!isObject(item)) return add(at, 'NOT_OBJECT');
    if (item.kind !== 'person' && item.kind !== 'count')
      return add(`${at}.kind`, item.kind === undefined ? 'REQUIRED' : 'NOT_ALLOWED_VALUE', {
        allowed: 'person, count',
      });
    const known = item.kind === 'person' ? PERSON_KEYS : COUNT_KEYS;
    for (const key of Object.keys(item)) if (!known.includes(key)) add(`${at}.${key}`, 'UNKNOWN_FIELD', { field: key });
    const before = problems.length;
    const row = item.kind === 'person' ? readPerson(item, at, today, add) : readCount(item, at, add);
    if (row && problems.length === before) rows.push(row);
  });
  return { rows: problems.length ? [] : rows, problems };
}

type Add = (field: string, code: string, params?: Record<string, string | number>) => void;

function readPerson(item: Record<string, unknown>, at: string, today: string, add: Add): ParticipantRow | null {
  let iin: string | null = null;
  let gender: ParticipantGender | null = null;
  let birthDate: string | null = null;
  let fullName: string | null = null;

  if (!blank(item.fullName)) {
    if (typeof item.fullName !== 'string') add(`${at}.fullName`, 'NOT_STRING');
    else if (item.fullName.trim().length > FULL_NAME_MAX) add(`${at}.fullName`, 'TOO_LONG', { limit: FULL_NAME_MAX });
    else fullName = item.fullName.trim().replace(/\s+/g, ' ');
  }
  if (!blank(item.gender)) {
    if ((PARTICIPANT_GENDERS as readonly unknown[]).includes(item.gender)) gender = item.gender as ParticipantGender;
    else add(`${at}.gender`, 'NOT_ALLOWED_VALUE', { allowed: PARTICIPANT_GENDERS.join(', ') });
  }
  if (!blank(item.birthDate)) {
    if (typeof item.birthDate !== 'string' || !isCalendarDate(item.birthDate)) add(`${at}.birthDate`, 'INVALID_DATE');
    else if (item.birthDate > today) add(`${at}.birthDate`, 'PARTICIPANT_BORN_LATER', { date: today });
    else birthDate = item.birthDate;
  }

  if (!blank(item.iin)) {
    const parsed = typeof item.iin === 'string' ? parseIin(item.iin.replace(/\s+/g, '')) : null;
    if (!parsed) add(`${at}.iin`, 'NOT_STRING');
    else if (!parsed.ok) add(`${at}.iin`, parsed.code);
    else {
      iin = parsed.iin;
      if (birthDate && birthDate !== parsed.birthDate)
        add(`${at}.birthDate`, 'IIN_BIRTH_DATE_MISMATCH', { birthDate: parsed.birthDate });
      if (gender && gender !== parsed.sex) add(`${at}.gender`, 'IIN_GENDER_MISMATCH');
      birthDate = parsed.birthDate;
      gender = parsed.sex;
      if (birthDate > today) add(`${at}.iin`, 'PARTICIPANT_BORN_LATER', { date: today });
    }
  } else {
    // Without an IIN a person is known by name and gender; the birth date may be unknown.
    if (fullName === null && blank(item.fullName)) add(`${at}.fullName`, 'REQUIRED');
    if (gender === null && blank(item.gender)) add(`${at}.gender`, 'REQUIRED');
  }

  const facts: SocialFact[] = [];
  if (item.facts !== undefined && item.facts !== null) {
    if (!Array.isArray(item.facts)) add(`${at}.facts`, 'NOT_ARRAY');
    else
      item.facts.forEach((fact: unknown, i) => {
        if (!(SOCIAL_FACTS as readonly unknown[]).includes(fact))
          add(`${at}.facts[${i}]`, 'NOT_ALLOWED_VALUE', { allowed: SOCIAL_FACTS.join(', ') });
        else if (!facts.includes(fact as SocialFact)) facts.push(fact as SocialFact);
      });
  }
  return { kind: 'person', iin, fullName, gender, birthDate, facts };
}

function readCount(item: Record<string, unknown>, at: string, add: Add): ParticipantRow | null {
  const count = item.count;
  if (count === undefined || count === null) add(`${at}.count`, 'REQUIRED');
  else if (typeof count !== 'number' || !Number.isInteger(count)) add(`${at}.count`, 'NOT_INTEGER');
  else if (count < 1) add(`${at}.count`, 'TOO_SMALL', { limit: 1 });
  else if (count > MAX_COUNT_PER_ROW) add(`${at}.count`, 'TOO_LARGE', { limit: MAX_COUNT_PER_ROW });
  const pick = <T extends string>(key: string, allowed: readonly T[]): T | null => {
    const v = item[key];
    if (v === undefined || v === null) add(`${at}.${key}`, 'REQUIRED');
    else if (!(allowed as readonly unknown[]).includes(v))
      add(`${at}.${key}`, 'NOT_ALLOWED_VALUE', { allowed: allowed.join(', ') });
    else return v as T;
    return null;
  };
  const gender = pick('gender', COUNT_GENDERS);
  const ageBand = pick('ageBand', AGE_BANDS);
  const category = pick('category', REPORT_CATEGORIES);
  if (!gender || !ageBand || !category || typeof count !== 'number') return null;
  return { kind: 'count', count, gender, ageBand, category };
}

/** Direct and indirect beneficiaries of one report: whole numbers, 0 or more. */
export function checkBeneficiaries(value: unknown, path = 'beneficiaries'): ErrorDetail[] {
  if (!isObject(value)) return [{ field: path, code: 'NOT_OBJECT' }];
  const problems: ErrorDetail[] = [];
  for (const key of Object.keys(value))
    if (key !== 'direct' && key !== 'indirect')
      problems.push({ field: `${path}.${key}`, code: 'UNKNOWN_FIELD', params: { field: key } });
  for (const key of ['direct', 'indirect'] as const) {
    const v = value[key];
    const field = `${path}.${key}`;
    if (v === undefined || v === null) problems.push({ field, code: 'REQUIRED' });
    else if (typeof v !== 'number' || !Number.isInteger(v)) problems.push({ field, code: 'NOT_INTEGER' });
    else if (v < 0) problems.push({ field, code: 'TOO_SMALL', params: { limit: 0 } });
    else if (v > MAX_BENEFICIARIES) problems.push({ field, code: 'TOO_LARGE', params: { limit: MAX_BENEFICIARIES } });
  }
  return problems;
}
