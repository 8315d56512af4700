import { pad } from './calendar.util';
import { kzCheckDigit } from './iin.util';

/**
 * Kazakhstan business identification number (БИН / БСН):
 * YYMM of registration + entity type + office attribute + 5-digit serial + check digit.
 */

export type BinError = 'BIN_FORMAT' | 'BIN_DATE' | 'BIN_TYPE' | 'BIN_OFFICE' | 'BIN_CHECKSUM';

export type BinEntityType = 'resident' | 'non_resident' | 'joint_entrepreneur';

export type BinOffice = 'head' | 'branch' | 'representative' | 'other';

export type BinParseResult =
  | {
      ok: true;
      bin: string;
      registeredYearMonth: string;
      entityType: BinEntityType;
      office: BinOffice;
    }
  | { ok: false; code: BinError };

const ENTITY_TYPE_BY_DIGIT: Readonly<Record<string, BinEntityType>> = {
  '4': 'resident',
  '5': 'non_resident',
  '6': 'joint_entrepreneur',
};

// 3 (peasant farms) and 4 are issued in practice but we have no use for the distinction.
const OFFICE_BY_DIGIT: Readonly<Record<string, BinOffice>> = {
  '0': 'head',
  '1': 'branch',
  '2': 'representative',
  '3': 'other',
  '4': 'other',
};

/**
 * Only two year digits are stored, so the century is a guess: anything more than a year
 * past `now` must be from the 1900s (BINs exist since the 1990s re-registration).
 */
function expandYear(yy: number, now: Date): number {
  const currentYy = now.getUTCFullYear() % 100;
  return yy > currentYy + 1 ? 1900 + yy : 2000 + yy;
}

export function parseBin(input: string, now: Date = new Date()): BinParseResult {
  const bin = typeof input === 'string' ? input.trim() : '';
  if (!/^[0-9]{12}$/.test(bin)) return { ok: false, code: 'BIN_FORMAT' };

  const month = Number(bin.slice(2, 4));
  if (month < 1 || month > 12) return { ok: false, code: 'BIN_DATE' };

  const entityType = ENTITY_TYPE_BY_DIGIT[bin[4]];
  if (!entityType) return { ok: false, code: 'BIN_TYPE' };

  const office = OFFICE_BY_DIGIT[bin[5]];
  if (!office) return { ok: false, code: 'BIN_OFFICE' };

  if (kzCheckDigit(bin.slice(0, 11)) !== Number(bin[11])) {
    return { ok: false, code: 'BIN_CHECKSUM' };
  }

  const year = expandYear(Number(bin.slice(0, 2)), now);
  return {
    ok: true,
    bin,
    registeredYearMonth: `${year}-${pad(month, 2)}`,
    entityType,
    office,
  };
}

/**
 * Builds a valid resident-entity BIN for fixtures and demo data.
 *
 * As with makeIin, a serial whose prefix has no possible check digit is skipped
 * (serial+1, ... wrapping from 99999 to 00000), so the serial in the result may differ.
 */
export function makeBin(yearMonth: string, serial: number, office: 0 | 1 | 2 = 0): string {
  const match = /^(\d{4})-(\d{2})$/.exec(yearMonth);
  const year = match ? Number(match[1]) : NaN;
  const month = match ? Number(match[2]) : NaN;
  if (!match || month < 1 || month > 12) {
    throw new RangeError(`Invalid registration year-month "${yearMonth}"`);
  }
  if (year < 1900 || year > 2099) {
    throw new RangeError(`BIN registration year must be within 1900-2099, got ${year}`);
  }
  if (!Number.isInteger(serial) || serial < 0 || serial > 99999) {
    throw new RangeError(`BIN serial must be an integer 0-99999, got ${serial}`);
  }
  if (office !== 0 && office !== 1 && office !== 2) {
    throw new RangeError(`BIN office digit must be 0, 1 or 2, got ${String(office)}`);
  }

  const head = `${pad(year % 100, 2)}${pad(month, 2)}4${office}`;
  for (let attempt = 0; attempt < 100000; attempt++) {
    const prefix = head + pad((serial + attempt) % 100000, 5);
    const check = kzCheckDigit(prefix);
    if (check !== null) return prefix + check;
  }
  // Unreachable in practice: would need every one of 100,000 serials to be impossible.
  throw new Error(`No valid BIN exists for ${yearMonth}`);
}
