import { randomInt } from 'node:crypto';
import { CODE_ALPHABET, CODE_LENGTH, formatCode, newCode, normalizeCode } from './survey-codes';

describe('survey codes', () => {
  it('leaves out every character that reads two ways on paper or a phone', () => {
    for (const ambiguous of ['0', 'O', '1', 'I', 'L', '5', 'S', '2', 'Z', '8', 'B', 'U', 'V'])
      expect(CODE_ALPHABET).not.toContain(ambiguous);
    expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length);
  });

  it('draws codes of 8 characters of the alphabet, printed as two groups of four', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i += 1) {
      const code = newCode((n) => randomInt(n));
      expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`));
      seen.add(code);
    }
    expect(seen.size).toBe(2000);
    expect(formatCode('KM4PQ7XA')).toBe('KM4P-Q7XA');
  });

  it('uses the whole alphabet: the first and the last character can come up', () => {
    expect(newCode(() => 0)).toBe(CODE_ALPHABET[0].repeat(8));
    expect(newCode((n) => n - 1)).toBe(CODE_ALPHABET[CODE_ALPHABET.length - 1].repeat(8));
  });

  it('reads what a person types: lower case, spaces, dashes, Cyrillic look-alikes', () => {
    expect(normalizeCode('km4p-q7xa')).toBe('KM4PQ7XA');
    expect(normalizeCode(' KM4P Q7XA ')).toBe('KM4PQ7XA');
    // «К», «М», «Р», «Х», «А» typed on a Kazakh or Russian keyboard.
    expect(normalizeCode('КМ4Р-Q7ХА')).toBe('KM4PQ7XA');
    expect(normalizeCode('км4р q7ха')).toBe('KM4PQ7XA');
  });

  it('refuses what cannot be a code, so no lookup is tried', () => {
    expect(normalizeCode('')).toBeNull();
    expect(normalizeCode('KM4P-Q7X')).toBeNull();
    expect(normalizeCode('KM4P-Q7XAA')).toBeNull();
    expect(normalizeCode('KM4P-Q7X0')).toBeNull();
    expect(normalizeCode('KM4P-Q7XБ')).toBeNull();
  });
});
