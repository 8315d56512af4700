import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { ValidationFailedException } from '../errors/app.exception';
import type { ErrorDetail } from '../errors/app.exception';
import { renameErrorFields } from './error-field-names';
import { flattenValidationErrors } from './validation-details';

/** Deeper than any form needs; class-transformer recurses, so a deeper body would overflow the stack. */
export const MAX_INPUT_DEPTH = 32;
/** NUL (PostgreSQL text cannot hold it) and lone UTF-16 surrogates (not valid Unicode, refused by jsonb). */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses
const UNSTORABLE = /\u0000|\p{Cs}/u;

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * One problem at most: a body or query that nests too deeply, or holds a string that could
 * not be stored. Iterative, so the check itself cannot overflow the stack.
 */
export function findUnstorableInput(input: unknown): ErrorDetail | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) return { field: path || 'body', code: 'INVALID_FORMAT' };
      continue;
    }
    // Only what JSON and query strings produce; Buffers, streams and the like are not walked.
    if (value === null || typeof value !== 'object' || !isPlainContainer(value)) continue;
    // Named by its top-level field: a path 32 levels long would help nobody.
    if (depth >= MAX_INPUT_DEPTH) return { field: path.split(/[.[]/)[0] || 'body', code: 'INVALID_FORMAT' };
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: childPath(path, i), depth: depth + 1 }));
    } else {
      for (const [key, item] of Object.entries(value)) {
        if (UNSTORABLE.test(key)) return { field: path || 'body', code: 'INVALID_FORMAT' };
        stack.push({ value: item, path: childPath(path, key), depth: depth + 1 });
      }
    }
  }
  return null;
}

class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const problem = findUnstorableInput(value);
      if (problem) throw new ValidationFailedException([problem]);
    }
    return super.transform(value, metadata);
  }
}

/** Unknown fields are errors (not silently dropped), so a typo in a field name is visible. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: true, value: true },
    stopAtFirstError: false,
    // `target` is the body's DTO instance, whose class may rename fields for the client.
    exceptionFactory: (errors) =>
      new ValidationFailedException(renameErrorFields(flattenValidationErrors(errors), errors[0]?.target?.constructor)),
  });
}
