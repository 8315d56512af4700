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
