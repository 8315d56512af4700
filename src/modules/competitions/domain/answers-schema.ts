import { createHash } from 'node:crypto';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FieldProblem, FormField, Rulebook } from './rulebook.types';

/** 'draft': required answers may be missing; 'submit': they must be there. Values are checked in both. */
export type AnswersMode = 'draft' | 'submit';

export type JsonSchema = Record<string, unknown>;

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv, ['date']);
ajv.addFormat('http-url', { type: 'string', validate: isHttpUrl });

function isHttpUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

function fieldSchema(field: FormField): JsonSchema {
  const bounds = {
    ...(field.min !== undefined && { minimum: field.min }),
    ...(field.max !== undefined && { maximum: field.max }),
  };
  const length = field.maxLength !== undefined ? { maxLength: field.maxLength } : {};
  const values = (field.options ?? []).map((o) => o.value);
  switch (field.type) {
    case 'text':
    case 'textarea':
      return { type: 'string', ...length };
    case 'url':
      return { type: 'string', format: 'http-url', ...length };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'number':
      return { type: 'number', ...bounds };
    case 'integer':
      return { type: 'integer', ...bounds };
    case 'boolean':
      return { type: 'boolean' };
    case 'select':
      return { type: 'string', enum: values };
    case 'multiselect':
      return {
        type: 'array',
        items: { type: 'string', enum: values },
        uniqueItems: true,
        ...(field.min !== undefined && { minItems: field.min }),
        ...(field.max !== undefined && { maxItems: field.max }),
      };
  }
}

/**
 * The JSON Schema (draft-07) of a form's answers. Published as is (OpenAPI, the form builder)
 * and compiled by ajv. Empty answers (null, blank text, empty list) count as not given.
 */
export function buildAnswersSchema(fields: readonly FormField[], mode: AnswersMode): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of fields) properties[field.key] = fieldSchema(field);
  const required = mode === 'submit' ? fields.filter((f) => f.required).map((f) => f.key) : [];
  return { type: 'object', properties, required, additionalProperties: false };
}

// ---- compiled validators, once per distinct form -------------------------------------------

interface CompiledForm {
  hash: string;
  schemas: Partial<Record<AnswersMode, JsonSchema>>;
  validators: Partial<Record<AnswersMode, ValidateFunction>>;
}

/** Distinct forms kept compiled; an evicted one is also dropped from ajv's own cache. */
const MAX_CACHED_FORMS = 256;
const byHash = new Map<string, CompiledForm>();
/** Same fields array again (one rulebook object reused): skip even the hashing. */
const byIdentity = new WeakMap<readonly FormField[], CompiledForm>();

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

export function fieldsHash(fields: readonly FormField[]): string {
  return createHash('sha256').update(stableStringify(fields)).digest('hex');
}

function compiledForm(fields: readonly FormField[]): CompiledForm {
  const known = byIdentity.get(fields);
  const hash = known && byHash.get(known.hash) === known ? known.hash : fieldsHash(fields);
  let form = byHash.get(hash);
  if (form) {
    byHash.delete(hash); // re-insert: the Map's order is the recency order
  } else {
    form = { hash, schemas: {}, validators: {} };
    if (byHash.size >= MAX_CACHED_FORMS) evictOldest();
  }
  byHash.set(hash, form);
  byIdentity.set(fields, form);
  return form;
}

function evictOldest(): void {
  const [hash, form] = byHash.entries().next().value as [string, CompiledForm];
  for (const schema of Object.values(form.schemas)) ajv.removeSchema(schema);
  byHash.delete(hash);
}

function validatorFor(fields: readonly FormField[], mode: AnswersMode): ValidateFunction {
  const form = compiledForm(fields);
  let validate = form.validators[mode];
  if (!validate) {
    const schema = buildAnswersSchema(fields, mode);
    validate = ajv.compile(schema);
    form.schemas[mode] = schema;
    form.validators[mode] = validate;
  }
  return validate;
}

/** Forgets every compiled form (tests). */
export function clearAnswersSchemaCache(): void {
  while (byHash.size > 0) evictOldest();
}

// ---- validation -----------------------------------------------------------------------------

function isEmpty(value: unknown): boolean {
  return (
    value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0)
  );
}

const TYPE_CODES: Record<string, string> = {
  string: 'NOT_STRING',
  integer: 'NOT_INTEGER',
  number: 'NOT_NUMBER',
  boolean: 'NOT_BOOLEAN',
  array: 'NOT_ARRAY',
  object: 'NOT_OBJECT',
};
const FORMAT_CODES: Record<string, string> = { date: 'INVALID_DATE', 'http-url': 'INVALID_URL' };

/** `/goals/2` → `answers.goals[2]` (keys match /^[a-z][a-zA-Z0-9_]*$/, so no pointer escapes). */
function answersPath(instancePath: string, key?: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (key !== undefined) parts.push(key);
  return parts.reduce(
    (path, part, i) => (i > 0 && /^\d+$/.test(part) ? `${path}[${part}]` : `${path}.${part}`),
    'answers',
  );
}

function toProblem(error: ErrorObject): FieldProblem {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { field: answersPath(error.instancePath, String(p.missingProperty)), code: 'REQUIRED' };
    case 'additionalProperties':
      return {
        field: answersPath(error.instancePath, String(p.additionalProperty)),
        code: 'UNKNOWN_FIELD',
        params: { field: String(p.additionalProperty) },
      };
    case 'type':
      return { field: answersPath(error.instancePath), code: TYPE_CODES[String(p.type)] ?? 'INVALID_FORMAT' };
    case 'maxLength':
      return { field: answersPath(error.instancePath), code: 'TOO_LONG', params: { limit: Number(p.limit) } };
    case 'minimum':
      return { field: answersPath(error.instancePath), code: 'TOO_SMALL', params: { limit: Number(p.limit) } };
    case 'maximum':
      return { field: answersPath(error.instancePath), code: 'TOO_LARGE', params: { limit: Number(p.limit) } };
    case 'minItems':
      return { field: answersPath(error.instancePath), code: 'TOO_FEW_ITEMS', params: { limit: Number(p.limit) } };
    case 'maxItems':
      return { field: answersPath(error.instancePath), code: 'TOO_MANY_ITEMS', params: { limit: Number(p.limit) } };
    case 'enum':
      return {
        field: answersPath(error.instancePath),
        code: 'NOT_ALLOWED_VALUE',
        params: { allowed: (p.allowedValues as string[]).join(', ') },
      };
    case 'uniqueItems':
      return {
        field: answersPath(`${error.instancePath}/${Math.max(Number(p.i), Number(p.j))}`),
        code: 'DUPLICATE_ITEMS',
      };
    case 'format':
      return { field: answersPath(error.instancePath), code: FORMAT_CODES[String(p.format)] ?? 'INVALID_FORMAT' };
    default:
      return { field: answersPath(error.instancePath), code: 'INVALID_FORMAT' };
  }
}

/** The most basic problem of a value wins: a number given as text needs no "not in the list". */
const KEYWORD_RANK: Record<string, number> = { required: 0, additionalProperties: 0, type: 1 };

/**
 * Checks a form's answers against the rulebook's fields. One problem per value, with paths
 * `answers.<key>` and `answers.<key>[i]` for an item of a multiselect. The rulebook is
 * assumed valid (validateRulebook ran when it was saved).
 */
export function validateAnswers(
  rulebook: Pick<Rulebook, 'fields'>,
  answers: unknown,
  mode: AnswersMode,
): FieldProblem[] {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers))
    return [{ field: 'answers', code: 'NOT_OBJECT' }];
  const given: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(answers)) if (!isEmpty(value)) given[key] = value;

  const validate = validatorFor(rulebook.fields, mode);
  if (validate(given)) return [];
  const errors = [...(validate.errors ?? [])].sort(
    (a, b) => (KEYWORD_RANK[a.keyword] ?? 2) - (KEYWORD_RANK[b.keyword] ?? 2),
  );
  const byField = new Map<string, FieldProblem>();
  for (const error of errors) {
    const problem = toProblem(error);
    if (!byField.has(problem.field)) byField.set(problem.field, problem);
  }
  const order = new Map(rulebook.fields.map((f, i) => [f.key, i]));
  const keyOf = (field: string) => field.slice('answers.'.length).split(/[.[]/)[0];
  return [...byField.values()].sort(
    (a, b) => (order.get(keyOf(a.field)) ?? Infinity) - (order.get(keyOf(b.field)) ?? Infinity),
  );
}
