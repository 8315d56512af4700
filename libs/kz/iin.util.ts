import { formatCalendarDate, isValidCalendarDate, pad, parseCalendarDate } from './calendar.util';

/**
 * Kazakhstan individual identification number (ИИН / ЖСН):
 * YYMMDD + century/sex digit + 4-digit serial + check digit.
 */

export type IinError = 'IIN_FORMAT' | 'IIN_CENTURY' | 'IIN_DATE' | 'IIN_CHECKSUM';

export type Sex = 'male' | 'female';

export type IinParseResult = { ok: true; iin: string; birthDate: string; sex: Sex } | { ok: false; code: IinError };

const FIRST_PASS_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_PASS_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

function weightedMod11(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i];
  return sum % 11;
}

/**
 * Check digit shared by IIN and BIN. Returns null when both weighting passes give 10:
 * such prefixes are never issued, so no 12th digit can make them valid.
 * Throws on anything but 11 ASCII digits because that is a caller bug, not user input.
 */
export function kzCheckDigit(first11: string): number | null {
  if (!/^[0-9]{11}$/.test(first11)) {
    throw new RangeError(`kzCheckDigit expects 11 ASCII digits, got "${first11}"`);
  }
  const first = weightedMod11(first11, FIRST_PASS_WEIGHTS);
  if (first !== 10) return first;
  const second = weightedMod11(first11, SECOND_PASS_WEIGHTS);
  return second === 10 ? null : second;
}

// Index = century/sex digit (position 7); 0 and 7-9 are not assigned.
const CENTURY_BY_DIGIT: ReadonlyArray<{ base: number; sex: Sex } | undefined> = [
  undefined,
  { base: 1800, sex: 'male' },
  { base: 1800, sex: 'female' },
  { base: 1900, sex: 'male' },
  { base: 1900, sex: 'female' },
  { base: 2000, sex: 'male' },
  { base: 2000, sex: 'female' },
];

export function parseIin(input: string): IinParseResult {
  const iin = typeof input === 'string' ? input.trim() : '';
  if (!/^[0-9]{12}$/.test(iin)) return { ok: false, code: 'IIN_FORMAT' };

  const century = CENTURY_BY_DIGIT[Number(iin[6])];
  if (!century) return { ok: false, code: 'IIN_CENTURY' };

  const year = century.base + Number(iin.slice(0, 2));
  const month = Number(iin.slice(2, 4));
  const day = Number(iin.slice(4, 6));
  if (!isValidCalendarDate(year, month, day)) return { ok: false, code: 'IIN_DATE' };

  if (kzCheckDigit(iin.slice(0, 11)) !== Number(iin[11])) {
    return { ok: false, code: 'IIN_CHECKSUM' };
  }
  return { ok: true, iin, birthDate: formatCalendarDate({ year, month, day }), sex: century.sex };
}

/**
 * Full years between two YYYY-MM-DD dates. Comparing (month, day) pairs means a 29 Feb
 * birthday is only "passed" on 1 March in non-leap years, which matches how Kazakh
 * (and most) law counts age.
 * Throws when either date is invalid or onDate precedes birthDate, because a negative
 * age always signals bad data rather than a legitimate answer.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const birth = parseCalendarDate(birthDate);
  const on = parseCalendarDate(onDate);
  if (!birth) throw new RangeError(`Invalid birth date "${birthDate}"`);
  if (!on) throw new RangeError(`Invalid date "${onDate}"`);
  let age = on.year - birth.year;
  if (on.month < birth.month || (on.month === birth.month && on.day < birth.day)) age--;
  if (age < 0) throw new RangeError(`${onDate} is before birth date ${birthDate}`);
  return age;
}

/**
 * Builds a valid IIN for fixtures and demo data. Never use it to "fix" user input.
 *
 * Some prefixes have no valid check digit (both passes give 10). In that case the serial
 * is bumped (serial+1, serial+2, ... wrapping from 9999 to 0000) until one works, so
 * the returned serial may differ from the requested one. At most a handful of serials
 * per birth date/sex are affected, so the search always ends quickly.
 */
export function makeIin(birthDate: string, sex: Sex, serial: number): string {
  const date = parseCalendarDate(birthDate);
  if (!date) throw new RangeError(`Invalid birth date "${birthDate}"`);
  if (date.year < 1800 || date.year > 2099) {
    throw new RangeError(`IIN birth year must be within 1800-2099, got ${date.year}`);
  }
  if (sex !== 'male' && sex !== 'female') throw new RangeError(`Invalid sex "${String(sex)}"`);
  if (!Number.isInteger(serial) || serial < 0 || serial > 9999) {
    throw new RangeError(`IIN serial must be an integer 0-9999, got ${serial}`);
  }

  const centuryIndex = Math.floor(date.year / 100) - 18; // 0 for 1800s, 1 for 1900s, 2 for 2000s
  const centuryDigit = centuryIndex * 2 + (sex === 'male' ? 1 : 2);
  const head = `${pad(date.year % 100, 2)}${pad(date.month, 2)}${pad(date.day, 2)}${centuryDigit}`;

  for (let attempt = 0; attempt < 10000; attempt++) {
    const prefix = head + pad((serial + attempt) % 10000, 4);
    const check = kzCheckDigit(prefix);
    if (check !== null) return prefix + check;
  }
  // Unreachable in practice: would need every one of 10,000 serials to be impossible.
  throw new Error(`No valid IIN exists for ${birthDate} ${sex}`);
}
