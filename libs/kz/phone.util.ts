/**
 * Kazakhstan phone numbers to E.164 (+7 followed by 10 national digits).
 *
 * Kazakhstan shares country code +7 with Russia. Kazakh national numbers (mobile 7xx and
 * landline area codes 7xxx) all start with 7, while Russian ones start with 3, 4, 8 or 9.
 * We serve Kazakh NGOs only, so any +7 number whose national part does not start with 7
 * (e.g. a Russian mobile +7 9xx) is rejected as PHONE_FORMAT instead of being accepted as
 * a foreign number we could not reach by SMS anyway.
 */

export type PhoneResult = { ok: true; e164: string } | { ok: false; code: 'PHONE_FORMAT' };

const FAIL: PhoneResult = { ok: false, code: 'PHONE_FORMAT' };

// Separators people type or paste (including non-breaking spaces from documents).
const ALLOWED = /^\+?[0-9\s().-]+$/;

export function normalizeKzPhone(input: string): PhoneResult {
  const raw = typeof input === 'string' ? input.trim() : '';
  if (!ALLOWED.test(raw)) return FAIL;

  const digits = raw.replace(/[^0-9]/g, '');
  let national: string;
  if (raw.startsWith('+')) {
    // With an explicit "+" only the international form is meaningful; "+8..." is not a thing.
    if (digits.length !== 11 || digits[0] !== '7') return FAIL;
    national = digits.slice(1);
  } else if (digits.length === 11 && (digits[0] === '8' || digits[0] === '7')) {
    // Leading 8 is the domestic trunk prefix; leading 7 is the country code without "+".
    national = digits.slice(1);
  } else if (digits.length === 10) {
    national = digits;
  } else {
    return FAIL;
  }

  if (national[0] !== '7') return FAIL;
  return { ok: true, e164: `+7${national}` };
}
