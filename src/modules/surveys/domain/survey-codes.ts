/**
 * A survey link's two keys: a long random token for the URL (sent by messenger or e-mail),
 * and a short code for a paper list, typed on a phone at `/s`. The code's alphabet leaves
 * out what reads two ways on paper or a small screen (0/O, 1/I/L, U/V, 5/S, 2/Z, 8/B): 23
 * characters, 8 of them — 23⁸ ≈ 78 billion codes, so a guess finds one of a few thousand
 * live codes about once in ten million tries.
 */
export const CODE_ALPHABET = '34679ACDEFGHJKMNPQRTWXY';
export const CODE_LENGTH = 8;

/**
 * Cyrillic letters a Kazakh or Russian phone keyboard gives for the Latin ones that look the
 * same: a participant who types «КМ4Р» in Cyrillic still gets in.
 */
const LOOKALIKES: Record<string, string> = {
  А: 'A',
  В: 'B',
  С: 'C',
  Е: 'E',
  Н: 'H',
  К: 'K',
  М: 'M',
  О: 'O',
  Р: 'P',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  Ү: 'Y',
};

/** A fresh code from `pick(n)`: a uniform integer in [0, n) (crypto.randomInt in production). */
export function newCode(pick: (n: number) => number): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += CODE_ALPHABET[pick(CODE_ALPHABET.length)];
  return code;
}

/** `KM4PQ7XA` → `KM4P-Q7XA`: two groups of four read aloud and typed more easily. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * What a person typed, as the stored code: upper case, Cyrillic look-alikes made Latin,
 * spaces and dashes dropped. Null when it cannot be a code (wrong length or a character the
 * alphabet does not have), so the lookup is not even tried.
 */
export function normalizeCode(typed: string): string | null {
  const code = [...typed.toUpperCase()]
    .filter((ch) => !/[\s\-–—_.]/.test(ch))
    .map((ch) => LOOKALIKES[ch] ?? ch)
    .join('');
  if (code.length !== CODE_LENGTH) return null;
  return [...code].every((ch) => CODE_ALPHABET.includes(ch)) ? code : null;
}

/** A link token: 24 random bytes as base64url (32 characters). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;
