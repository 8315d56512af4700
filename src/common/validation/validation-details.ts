import { ValidationError, getMetadataStorage } from 'class-validator';
import type { ErrorDetail } from '../errors/app.exception';
import { CODED_CONSTRAINT } from './coded-constraint';

/**
 * class-validator constraint names → the stable codes clients see. Custom validators
 * (IIN, phone, …) use their code as the constraint name and pass through unchanged.
 */
const CODE_BY_CONSTRAINT: Record<string, string> = {
  whitelistValidation: 'UNKNOWN_FIELD',
  isDefined: 'REQUIRED',
  isNotEmpty: 'REQUIRED',
  isString: 'NOT_STRING',
  isInt: 'NOT_INTEGER',
  isNumber: 'NOT_NUMBER',
  isBoolean: 'NOT_BOOLEAN',
  isArray: 'NOT_ARRAY',
  isObject: 'NOT_OBJECT',
  nestedValidation: 'NOT_OBJECT',
  isEmail: 'INVALID_EMAIL',
  isUUID: 'INVALID_ID',
  // class-validator names the IsUUID check `isUuid`.
  isUuid: 'INVALID_ID',
  isIn: 'NOT_ALLOWED_VALUE',
  isEnum: 'NOT_ALLOWED_VALUE',
  maxLength: 'TOO_LONG',
  minLength: 'TOO_SHORT',
  min: 'TOO_SMALL',
  max: 'TOO_LARGE',
  arrayMaxSize: 'TOO_MANY_ITEMS',
  arrayMinSize: 'TOO_FEW_ITEMS',
  arrayUnique: 'DUPLICATE_ITEMS',
  isISO8601: 'INVALID_DATE',
  isDateString: 'INVALID_DATE',
  matches: 'INVALID_FORMAT',
  isUrl: 'INVALID_URL',
};

/** A value of the wrong kind altogether: an object for a list, a list or a scalar for an object. */
const SHAPE_CONSTRAINTS = new Set(['isArray', 'isObject', 'nestedValidation']);

/** Constraint arguments (e.g. the 128 of @MaxLength(128)) so the message can state the limit. */
function constraintParams(error: ValidationError, constraint: string): Record<string, string | number> {
  if (!error.target) return {};
  const metas = getMetadataStorage()
    .getTargetValidationMetadatas(error.target.constructor, '', true, false)
    .filter((m) => m.propertyName === error.property && (m.name === constraint || m.type === constraint));
  const args = metas[0]?.constraints ?? [];
  const params: Record<string, string | number> = {};
  if (typeof args[0] === 'number') params.limit = args[0];
  if (Array.isArray(args[0])) params.allowed = args[0].join(', ');
  if (constraint === 'isEnum' && args[0] && typeof args[0] === 'object')
    params.allowed = Object.values(args[0]).join(', ');
  return params;
}

/**
 * For a rule applied to each element (`@IsIn(…, { each: true })`), the indices of the elements
 * that break it, so the detail names `socialCategories[1]` rather than the whole list.
 */
function failingElements(error: ValidationError, constraint: string): number[] {
  if (!error.target || !Array.isArray(error.value)) return [];
  const storage = getMetadataStorage();
  const meta = storage
    .getTargetValidationMetadatas(error.target.constructor, '', true, false)
    .find((m) => m.propertyName === error.property && m.each && (m.name === constraint || m.type === constraint));
  const instance = meta?.constraintCls
    ? storage.getTargetValidatorConstraints(meta.constraintCls)[0]?.instance
    : undefined;
  if (!meta || !instance) return [];
  const failing: number[] = [];
  (error.value as unknown[]).forEach((item, index) => {
    const args = {
      value: item,
      constraints: meta.constraints ?? [],
      targetName: error.target!.constructor.name,
      object: error.target!,
      property: error.property,
    };
    if (instance.validate(item, args) !== true) failing.push(index);
  });
  return failing;
}

function childPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/**
 * Flattens class-validator's tree into `team.members[2].iin`-style details, one per field:
 * a list element that is not an object (`lines[2]` NOT_OBJECT, from the list's rule) is not
 * reported again by the nested validation that looked inside it.
 */
export function flattenValidationErrors(errors: ValidationError[]): ErrorDetail[] {
  const seen = new Set<string>();
  return flattenTree(errors, '').filter((detail) => !seen.has(detail.field) && seen.add(detail.field));
}

function flattenTree(errors: ValidationError[], parent: string): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const error of errors) {
    const field = childPath(parent, error.property);
    const constraints = Object.keys(error.constraints ?? {});
    // A nested object that failed inside reports its children, not a vague "invalid object".
    const own = error.children?.length ? constraints.filter((c) => c !== 'nestedValidation') : constraints;
    // Report the most basic problem first: a missing field needs no "too short" as well, and
    // a list sent as an object (or the reverse) needs no "too many items" either.
    const first =
      own.find((c) => c === 'whitelistValidation' || c === 'isDefined') ??
      own.find((c) => SHAPE_CONSTRAINTS.has(c)) ??
      own[own.length - 1];
    let elements: number[] = [];
    if (first && first !== 'whitelistValidation' && (error.value === undefined || error.value === null)) {
      details.push({ field, code: 'REQUIRED' });
    } else if (first) {
      const code = first === CODED_CONSTRAINT ? error.constraints![first] : (CODE_BY_CONSTRAINT[first] ?? first);
      elements = failingElements(error, first);
      if (elements.length > 0)
        elements.forEach((i) =>
          details.push({ field: `${field}[${i}]`, code, params: constraintParams(error, first) }),
        );
      else details.push({ field, code, params: constraintParams(error, first) });
    }
    // Inside a value of the wrong shape there is nothing meaningful to report: skip the whole
    // field, or (for a list) the elements that are not objects.
    const wrongShape = first !== undefined && SHAPE_CONSTRAINTS.has(first);
    const children = (error.children ?? []).filter(
      (child) => !wrongShape || (elements.length > 0 && !elements.includes(Number(child.property))),
    );
    if (children.length) details.push(...flattenTree(children, field));
  }
  return details;
}
