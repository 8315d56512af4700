import type { FastifyRequest } from 'fastify';
import type { ErrorDetail } from '../errors/app.exception';
import { ValidationFailedException } from '../errors/app.exception';

/** Deeper than any form needs; class-transformer recurses, so a deeper body would overflow the stack. */
export const MAX_INPUT_DEPTH = 32;
/** NUL (PostgreSQL text cannot hold it) and lone UTF-16 surrogates (not valid Unicode, refused by jsonb). */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses
const UNSTORABLE = /\u0000|\p{Cs}/u;

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * What JSON, query strings, route parameters and headers produce: arrays, objects of
 * `Object.prototype` or none, and dictionaries whose prototype itself has none (the query
 * parser's `Object.create(null)`-based `Empty`). Buffers, streams and class instances are not walked.
 */
function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

/**
 * One problem at most: input that nests too deeply, or holds a string that could not be
 * stored, named by its field. Iterative, so the check itself cannot overflow the stack.
 */
export function findUnstorableInput(input: unknown, root = 'body'): ErrorDetail | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) return { field: path || root, code: 'INVALID_FORMAT' };
      continue;
    }
    if (value === null || typeof value !== 'object' || !isPlainContainer(value)) continue;
    // Named by its top-level field: a path 32 levels long would help nobody.
    if (depth >= MAX_INPUT_DEPTH) return { field: path.split(/[.[]/)[0] || root, code: 'INVALID_FORMAT' };
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: childPath(path, i), depth: depth + 1 }));
    } else {
      for (const [key, item] of Object.entries(value)) {
        if (UNSTORABLE.test(key)) return { field: path || root, code: 'INVALID_FORMAT' };
        stack.push({ value: item, path: childPath(path, key), depth: depth + 1 });
      }
    }
  }
  return null;
}

type RequestParts = Pick<FastifyRequest, 'headers' | 'params' | 'query' | 'body'>;

/**
 * Every part of a request a handler, a guard or a log line may read: headers, route
 * parameters, the query string and a parsed body (a multipart body is a stream, read by its
 * route). Fields are named as the client sent them: `q`, `id`, `title.kk`, `idempotency-key`.
 */
export function findUnstorableRequestPart(request: RequestParts): ErrorDetail | null {
  return (
    findUnstorableInput(request.headers, 'headers') ??
    findUnstorableInput(request.params, 'params') ??
    findUnstorableInput(request.query, 'query') ??
    findUnstorableInput(request.body, 'body')
  );
}

/**
 * A Fastify `preValidation` hook (after the body is parsed, before guards, pipes and
 * handlers): a request carrying text PostgreSQL cannot store is a 400 naming the field,
 * wherever the text came in, so no route can pass it on to a query and answer 500.
 */
export function refuseUnstorableInput(request: RequestParts, _reply: unknown, done: (error?: Error) => void): void {
  const problem = findUnstorableRequestPart(request);
  done(problem ? new ValidationFailedException([problem]) : undefined);
}
