/**
 * Amounts are whole tenge everywhere in the system: budgets are approved in tenge and
 * tiyn never appear in grant documents, so integers avoid floating-point drift.
 */

const NBSP = '\u00A0';

function assertSafeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be a safe integer number of tenge, got ${value}`);
  }
}

/**
 * `300 000 ₸` with U+00A0 between digit groups and before the sign, so the amount never
 * wraps across lines. Grouping is done by hand rather than Intl.NumberFormat because ICU
 * versions disagree on the group separator (U+00A0 vs U+202F) for ru/kk, and generated
 * PDFs and tests need byte-stable output. `locale` is kept in the signature so callers
 * need not change if the locales ever diverge; today both render identically.
 */
export function formatTenge(amount: number, locale: 'kk' | 'ru'): string {
  void locale;
  assertSafeInteger(amount, 'amount');
  const sign = amount < 0 ? '-' : '';
  const grouped = String(Math.abs(amount)).replace(/\B(?=(\d{3})+$)/g, NBSP);
  return `${sign}${grouped}${NBSP}₸`;
}

// Percent precision: up to four decimals (e.g. 12.3456 %), enough for any overhead rate.
const PERCENT_SCALE = 10_000;

/**
 * `percent` % of `amount`, rounded half up to whole tenge (e.g. the 15 % host-organization
 * overhead). Computed with BigInt on a scaled percent so that 333333 × 15 % = 49999.95
 * reliably becomes 50000 instead of depending on binary floating-point rounding.
 * Negative inputs are rejected: the rule "half up" is ambiguous for them and no budget
 * line is negative.
 */
export function percentOf(amount: number, percent: number): number {
  assertSafeInteger(amount, 'amount');
  if (amount < 0) throw new RangeError(`amount must not be negative, got ${amount}`);
  if (!Number.isFinite(percent) || percent < 0) {
    throw new RangeError(`percent must be a finite non-negative number, got ${percent}`);
  }
  const scaledPercent = Math.round(percent * PERCENT_SCALE);
  if (Math.abs(scaledPercent - percent * PERCENT_SCALE) > 1e-6) {
    throw new RangeError(`percent supports at most 4 decimal places, got ${percent}`);
  }
  const denominator = BigInt(100 * PERCENT_SCALE);
  const numerator = BigInt(amount) * BigInt(scaledPercent);
  const rounded = (numerator * 2n + denominator) / (denominator * 2n);
  const result = Number(rounded);
  if (!Number.isSafeInteger(result)) {
    throw new RangeError(`Result ${rounded} exceeds the safe integer range`);
  }
  return result;
}
