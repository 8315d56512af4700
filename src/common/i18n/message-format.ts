import { IntlMessageFormat } from 'intl-messageformat';

/**
 * ICU MessageFormat for every sentence a person reads: real plural forms in Russian
 * (`{n, plural, one {# заявка} few {# заявки} many {# заявок} other {# заявки}}`), the
 * singular after a number in Kazakh (`{n, plural, other {# өтінім}}`), and numbers written
 * the way people read them. Patterns are compiled once per language.
 */
export type MessageLocale = 'kk' | 'ru';
export type MessageValues = Record<string, unknown>;

const NBSP = '\u00a0';
/** ICU element types from the parser: 1 is a plain `{name}` argument. */
const ARGUMENT = 1;

interface Compiled {
  format: IntlMessageFormat;
  /** Names used as plain `{name}` arguments (not plural/select): their numbers are written out here. */
  plain: Set<string>;
  /** Every argument name the pattern reads, plain or not. */
  names: Set<string>;
}

const cache = new Map<string, Compiled>();

function compile(locale: MessageLocale, pattern: string): Compiled {
  const key = `${locale}\u0000${pattern}`;
  let compiled = cache.get(key);
  if (!compiled) {
    // Tags are not rich text here: `<` in a sentence stays a character.
    const format = new IntlMessageFormat(pattern, locale, undefined, { ignoreTag: true });
    const plain = new Set<string>();
    const names = new Set<string>();
    const visit = (elements: unknown[]): void => {
      for (const element of elements as { type: number; value?: unknown; options?: Record<string, unknown> }[]) {
        if (typeof element.value === 'string' && element.type !== 0) {
          names.add(element.value);
          if (element.type === ARGUMENT) plain.add(element.value);
        }
        for (const option of Object.values(element.options ?? {})) visit((option as { value: unknown[] }).value);
      }
    };
    visit(format.getAst());
    compiled = { format, plain, names };
    cache.set(key, compiled);
  }
  return compiled;
}

/**
 * A number as people read it: thousands grouped with a no-break space from 10 000 on
 * (`300 000`, as in `300 000 ₸`; years such as 2026 stay whole), a decimal comma.
 */
export function readableNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const [whole, fraction] = Math.abs(value)
    .toFixed(Number.isInteger(value) ? 0 : 2)
    .split('.');
  const grouped = whole.length > 4 ? whole.replace(/\B(?=(\d{3})+$)/g, NBSP) : whole;
  const decimals = fraction?.replace(/0+$/, '');
  return `${value < 0 ? '-' : ''}${grouped}${decimals ? `,${decimals}` : ''}`;
}

/** The argument names a pattern reads (for tests and for callers that check their values). */
export function messageArguments(locale: MessageLocale, pattern: string): string[] {
  return [...compile(locale, pattern).names];
}

/**
 * Formats an ICU pattern. A missing value throws (a caller and a wording disagree); callers
 * that must never fail, like the error filter, catch it.
 */
export function formatMessage(locale: MessageLocale, pattern: string, values: MessageValues = {}): string {
  const { format, plain } = compile(locale, pattern);
  const prepared: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    prepared[name] = typeof value === 'number' && plain.has(name) ? readableNumber(value) : (value as string | number);
  }
  return String(format.format(prepared));
}
