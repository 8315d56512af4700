import { formatTenge } from '../../../libs/kz';
import type { ProtocolLocale } from './protocol.model';
import { protocolTexts } from './protocol-texts.util';

/** Rounds half away from zero to `digits` decimals, immune to 8.345 → 8.34 binary drift. */
function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  const scaled = Math.abs(value) * factor;
  const rounded = Math.round(scaled + scaled * Number.EPSILON) / factor;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

function withSeparator(fixed: string, locale: ProtocolLocale): string {
  return fixed.replace('.', protocolTexts(locale).number.decimalSeparator);
}

/** A score (a member's total, a mean, a median) with exactly two decimals: "8,75", "9,00". */
export function formatScore(value: number, locale: ProtocolLocale): string {
  if (!Number.isFinite(value)) throw new RangeError(`score must be a finite number, got ${value}`);
  return withSeparator(roundTo(value, 2).toFixed(2), locale);
}

/** A criterion weight or max points: up to two decimals, no trailing zeros ("0,3", "25", "1,25"). */
export function formatPlain(value: number, locale: ProtocolLocale): string {
  if (!Number.isFinite(value)) throw new RangeError(`value must be a finite number, got ${value}`);
  const fixed = roundTo(value, 2)
    .toFixed(2)
    .replace(/\.?0+$/, '');
  return withSeparator(fixed, locale);
}

/** Whole tenge with non-breaking spaces: "300 000 ₸". */
export function formatAmount(amount: number, locale: ProtocolLocale): string {
  return formatTenge(amount, locale);
}

/** A calendar date (YYYY-MM-DD) as documents write it: «14 ақпан 2026 ж.», «14 февраля 2026 г.». */
export function formatLongDate(isoDate: string, locale: ProtocolLocale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`Expected YYYY-MM-DD, got "${isoDate}"`);
  const c = protocolTexts(locale).calendar;
  const month = c.months[Number(match[2]) - 1];
  if (!month) throw new RangeError(`No month ${match[2]} in "${isoDate}"`);
  return c.long
    .replace('{day}', String(Number(match[3])))
    .replace('{month}', month)
    .replace('{year}', match[1]);
}

const EMAIL = /[^\s@<>()«»"',;:]+@[^\s@<>()«»"',;:]+\.[a-zа-я]{2,}/gi;
/** Kazakhstan numbers as people write them: +7 701 234 56 78, 8 (701) 234-56-78, 87012345678; never inside a longer digit run (a BIN). */
const PHONE = /(?<![\d+])(?:\+\s*7|8|7)[\s\-()]*\d{3}[\s\-()]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)/g;
export const REDACTED = '***';

/** Free text with every e-mail address and phone number blanked out: documents anyone may download carry neither. */
export function withoutContacts(text: string): string {
  return text.replace(EMAIL, REDACTED).replace(PHONE, REDACTED);
}

/** The same data with `withoutContacts` applied to every string in it. */
export function deepWithoutContacts<T>(value: T): T {
  if (typeof value === 'string') return withoutContacts(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => deepWithoutContacts(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, deepWithoutContacts(v)]),
    ) as T;
  }
  return value;
}

/** Times New Roman 12 pt with the document's language set, as every printed document of ours uses. */
export function documentStyles(locale: 'kk' | 'ru') {
  return {
    default: {
      document: {
        run: { font: 'Times New Roman', size: 24, language: { value: locale === 'kk' ? 'kk-KZ' : 'ru-RU' } },
        paragraph: { spacing: { after: 80, line: 264 } },
      },
    },
  };
}
