import type { FieldProblem, LocalizedText } from './rulebook.types';

export type JsonObject = Record<string, unknown>;

export const LABEL_MAX_LENGTH = 300;

/** `criteria` + 2 → `criteria[2]`; `team` + `maxSize` → `team.maxSize`. */
export function pathOf(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface NumberBounds {
  min?: number;
  max?: number;
  positive?: boolean;
}

/**
 * Reads untrusted JSON while collecting one problem per broken value. Each reader returns the
 * value when it has the right type (so checks that depend on it can run) and undefined when
 * it did not, having recorded why.
 */
export class ProblemReader {
  readonly problems: FieldProblem[] = [];

  add(field: string, code: string, params?: Record<string, string | number>): void {
    this.problems.push(params ? { field, code, params } : { field, code });
  }

  /** An object with these keys: missing required ones are REQUIRED, others UNKNOWN_FIELD. */
  object(
    value: unknown,
    path: string,
    required: readonly string[],
    optional: readonly string[] = [],
  ): JsonObject | undefined {
    if (!isPlainObject(value)) {
      this.add(path, 'NOT_OBJECT');
      return undefined;
    }
    for (const key of required) if (!(key in value)) this.add(pathOf(path, key), 'REQUIRED');
    const known = new Set([...required, ...optional]);
    for (const key of Object.keys(value))
      if (!known.has(key)) this.add(pathOf(path, key), 'UNKNOWN_FIELD', { field: key });
    return value;
  }

  array(value: unknown, path: string, minItems = 0, maxItems = Infinity): unknown[] | undefined {
    if (!Array.isArray(value)) {
      this.add(path, 'NOT_ARRAY');
      return undefined;
    }
    if (value.length < minItems) this.add(path, 'TOO_FEW_ITEMS', { limit: minItems });
    if (value.length > maxItems) this.add(path, 'TOO_MANY_ITEMS', { limit: maxItems });
    return value;
  }

  string(value: unknown, path: string, maxLength: number, pattern?: RegExp): string | undefined {
    if (typeof value !== 'string') {
      this.add(path, 'NOT_STRING');
      return undefined;
    }
    if (value.trim() === '') this.add(path, 'REQUIRED');
    else if (value.length > maxLength) this.add(path, 'TOO_LONG', { limit: maxLength });
    else if (pattern && !pattern.test(value)) this.add(path, 'INVALID_FORMAT');
    else return value;
    return undefined;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (typeof value === 'boolean') return value;
    this.add(path, 'NOT_BOOLEAN');
    return undefined;
  }

  integer(value: unknown, path: string, bounds: NumberBounds = {}): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.add(path, 'NOT_INTEGER');
      return undefined;
    }
    return this.bounded(value, path, bounds);
  }

  number(value: unknown, path: string, bounds: NumberBounds = {}): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.add(path, 'NOT_NUMBER');
      return undefined;
    }
    return this.bounded(value, path, bounds);
  }

  /** Present keys only: an absent optional value is fine, a present one must be right. */
  optional<T>(object: JsonObject, key: string, read: (value: unknown) => T | undefined): T | undefined {
    return object[key] === undefined ? undefined : read(object[key]);
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    if (typeof value !== 'string') this.add(path, 'NOT_STRING');
    else this.add(path, 'NOT_ALLOWED_VALUE', { allowed: allowed.join(', ') });
    return undefined;
  }

  /** Both languages present, non-blank and at most 300 characters. */
  localized(value: unknown, path: string, maxLength = LABEL_MAX_LENGTH): LocalizedText | undefined {
    const text = this.object(value, path, ['kk', 'ru']);
    if (!text) return undefined;
    const kk = 'kk' in text ? this.string(text.kk, pathOf(path, 'kk'), maxLength) : undefined;
    const ru = 'ru' in text ? this.string(text.ru, pathOf(path, 'ru'), maxLength) : undefined;
    return kk !== undefined && ru !== undefined ? { kk, ru } : undefined;
  }

  /** Flags every repeat after the first, at the repeat's own path. */
  unique(values: readonly (string | undefined)[], pathAt: (index: number) => string): void {
    const seen = new Set<string>();
    values.forEach((value, index) => {
      if (value === undefined) return;
      if (seen.has(value)) this.add(pathAt(index), 'DUPLICATE_ITEMS', { value });
      seen.add(value);
    });
  }

  /** When both ends are known and low > high, RANGE_INVERTED on the upper end. */
  range(low: number | undefined, high: number | undefined, highPath: string): void {
    if (low !== undefined && high !== undefined && low > high)
      this.add(highPath, 'RANGE_INVERTED', { min: low, max: high });
  }

  private bounded(value: number, path: string, { min, max, positive }: NumberBounds): number | undefined {
    if (positive && value <= 0) this.add(path, 'MUST_BE_POSITIVE');
    else if (min !== undefined && value < min) this.add(path, 'TOO_SMALL', { limit: min });
    else if (max !== undefined && value > max) this.add(path, 'TOO_LARGE', { limit: max });
    else return value;
    return undefined;
  }
}
