import { JsonObject, pathOf, ProblemReader } from './problem-reader.util';
import { ARM_ENTITLEMENTS, FIELD_TYPES, FILE_KINDS, FieldType, RESERVED_FIELD_KEYS } from './rulebook.types';

/** Codes of documents, criteria, nominations and option values: they end up in columns of 40. */
export const CODE_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
/** Form field keys: lower camel case or snake case. */
export const FIELD_KEY_PATTERN = /^[a-z][a-zA-Z0-9_]{0,39}$/;
export const ARM_CODE_PATTERN = /^[A-Z][A-Z0-9]{0,7}$/;
const STRATUM_ATTRIBUTE_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]*(\|[a-zA-Z][a-zA-Z0-9_]*)*$/;

const TEXT_TYPES: readonly FieldType[] = ['text', 'textarea', 'url'];
const BOUNDED_TYPES: readonly FieldType[] = ['number', 'integer', 'multiselect'];
const CHOICE_TYPES: readonly FieldType[] = ['select', 'multiselect'];
const MAX_TEXT_LENGTH = 20_000;

/** Each item is an object with a code; codes are unique across the list. */
function codedList(
  reader: ProblemReader,
  value: unknown,
  path: string,
  limits: { min?: number; max: number },
  readItem: (item: unknown, itemPath: string) => string | undefined,
  codeKey = 'code',
): void {
  const list = reader.array(value, path, limits.min ?? 0, limits.max);
  if (!list) return;
  const codes = list.map((item, i) => readItem(item, pathOf(path, i)));
  reader.unique(codes, (i) => pathOf(pathOf(path, i), codeKey));
}

export function checkFields(reader: ProblemReader, value: unknown): void {
  codedList(
    reader,
    value,
    'fields',
    { max: 100 },
    (raw, path) => {
      const field = reader.object(
        raw,
        path,
        ['key', 'label', 'type', 'required'],
        ['maxLength', 'min', 'max', 'options'],
      );
      if (!field) return undefined;
      let key = 'key' in field ? reader.string(field.key, pathOf(path, 'key'), 40, FIELD_KEY_PATTERN) : undefined;
      if (key !== undefined && (RESERVED_FIELD_KEYS as readonly string[]).includes(key)) {
        reader.add(pathOf(path, 'key'), 'FIELD_KEY_RESERVED', { key });
        key = undefined;
      }
      if ('label' in field) reader.localized(field.label, pathOf(path, 'label'));
      const type = 'type' in field ? reader.oneOf(field.type, pathOf(path, 'type'), FIELD_TYPES) : undefined;
      if ('required' in field) reader.boolean(field.required, pathOf(path, 'required'));
      if (type) checkFieldSettings(reader, field, path, type);
      return key;
    },
    'key',
  );
}

function checkFieldSettings(reader: ProblemReader, field: JsonObject, path: string, type: FieldType): void {
  const refuse = (key: string) => reader.add(pathOf(path, key), 'NOT_APPLICABLE', { type });
  if (field.maxLength !== undefined) {
    if (!TEXT_TYPES.includes(type)) refuse('maxLength');
    else reader.integer(field.maxLength, pathOf(path, 'maxLength'), { min: 1, max: MAX_TEXT_LENGTH });
  }
  const wholeBounds = type !== 'number';
  const bound = (key: 'min' | 'max'): number | undefined => {
    if (field[key] === undefined) return undefined;
    if (!BOUNDED_TYPES.includes(type)) {
      refuse(key);
      return undefined;
    }
    const at = pathOf(path, key);
    if (type === 'multiselect') return reader.integer(field[key], at, { min: 0 });
    return wholeBounds ? reader.integer(field[key], at) : reader.number(field[key], at);
  };
  const min = bound('min');
  const max = bound('max');
  reader.range(min, max, pathOf(path, 'max'));

  if (!CHOICE_TYPES.includes(type)) {
    if (field.options !== undefined) refuse('options');
    return;
  }
  if (field.options === undefined) {
    reader.add(pathOf(path, 'options'), 'REQUIRED');
    return;
  }
  const optionsPath = pathOf(path, 'options');
  codedList(
    reader,
    field.options,
    optionsPath,
    { min: 1, max: 100 },
    (raw, optionPath) => {
      const option = reader.object(raw, optionPath, ['value', 'label']);
      if (!option) return undefined;
      if ('label' in option) reader.localized(option.label, pathOf(optionPath, 'label'));
      return 'value' in option ? reader.string(option.value, pathOf(optionPath, 'value'), 40, CODE_PATTERN) : undefined;
    },
    'value',
  );
  if (type === 'multiselect' && max !== undefined && Array.isArray(field.options) && max > field.options.length) {
    reader.add(pathOf(path, 'max'), 'TOO_LARGE', { limit: field.options.length });
  }
}

export function checkDocuments(reader: ProblemReader, value: unknown): void {
  codedList(reader, value, 'documents', { max: 50 }, (raw, path) => {
    const doc = reader.object(raw, path, ['code', 'label', 'required'], ['kinds']);
    if (!doc) return undefined;
    if ('label' in doc) reader.localized(doc.label, pathOf(path, 'label'));
    if ('required' in doc) reader.boolean(doc.required, pathOf(path, 'required'));
    const kindsPath = pathOf(path, 'kinds');
    const kinds = reader.optional(doc, 'kinds', (v) => reader.array(v, kindsPath, 1, FILE_KINDS.length));
    if (kinds) {
      const read = kinds.map((kind, i) => reader.oneOf(kind, pathOf(kindsPath, i), FILE_KINDS));
      reader.unique(read, (i) => pathOf(kindsPath, i));
    }
    return 'code' in doc ? reader.string(doc.code, pathOf(path, 'code'), 40, CODE_PATTERN) : undefined;
  });
}

export function checkCriteria(reader: ProblemReader, value: unknown): void {
  codedList(reader, value, 'criteria', { min: 1, max: 20 }, (raw, path) => {
    const criterion = reader.object(raw, path, ['code', 'label', 'weight', 'maxPoints', 'step'], ['commentBelow']);
    if (!criterion) return undefined;
    if ('label' in criterion) reader.localized(criterion.label, pathOf(path, 'label'));
    if ('weight' in criterion) reader.number(criterion.weight, pathOf(path, 'weight'), { positive: true });
    const maxPoints =
      'maxPoints' in criterion
        ? reader.integer(criterion.maxPoints, pathOf(path, 'maxPoints'), { min: 1, max: 100 })
        : undefined;
    const step =
      'step' in criterion ? reader.number(criterion.step, pathOf(path, 'step'), { positive: true }) : undefined;
    if (maxPoints !== undefined && step !== undefined && !isWholeMultiple(maxPoints, step)) {
      reader.add(pathOf(path, 'step'), 'STEP_MISMATCH', { maxPoints, step });
    }
    const commentPath = pathOf(path, 'commentBelow');
    const commentBelow = reader.optional(criterion, 'commentBelow', (v) => reader.number(v, commentPath, { min: 0 }));
    if (commentBelow !== undefined && maxPoints !== undefined && commentBelow > maxPoints) {
      reader.add(commentPath, 'TOO_LARGE', { limit: maxPoints });
    }
    return 'code' in criterion ? reader.string(criterion.code, pathOf(path, 'code'), 40, CODE_PATTERN) : undefined;
  });
}

/** 10 / 0.5 = 20 steps; 10 / 3 is not whole. Tolerates binary fractions like 0.1. */
function isWholeMultiple(total: number, step: number): boolean {
  const steps = total / step;
  return Math.abs(steps - Math.round(steps)) < 1e-9 && Math.round(steps) >= 1;
}

export function checkNominations(reader: ProblemReader, value: unknown): void {
  codedList(reader, value, 'nominations', { max: 50 }, (raw, path) => {
    const nomination = reader.object(raw, path, ['code', 'label']);
    if (!nomination) return undefined;
    if ('label' in nomination) reader.localized(nomination.label, pathOf(path, 'label'));
    return 'code' in nomination ? reader.string(nomination.code, pathOf(path, 'code'), 40, CODE_PATTERN) : undefined;
  });
}

export function checkDraw(reader: ProblemReader, value: unknown): void {
  const draw = reader.object(value, 'draw', ['arms', 'armMeaning', 'stratumAttribute']);
  if (!draw) return;
  const arms = 'arms' in draw ? reader.array(draw.arms, 'draw.arms', 2, 10) : undefined;
  const codes = (arms ?? []).map((raw, i) => {
    const path = pathOf('draw.arms', i);
    const arm = reader.object(raw, path, ['code', 'weight'], ['entitles']);
    if (!arm) return undefined;
    if ('weight' in arm) reader.integer(arm.weight, pathOf(path, 'weight'), { positive: true });
    if (arm.entitles !== undefined) {
      const entitles = reader.array(arm.entitles, pathOf(path, 'entitles'), 0, ARM_ENTITLEMENTS.length);
      const read = (entitles ?? []).map((e, j) =>
        reader.oneOf(e, pathOf(pathOf(path, 'entitles'), j), ARM_ENTITLEMENTS),
      );
      reader.unique(read, (j) => pathOf(pathOf(path, 'entitles'), j));
    }
    return 'code' in arm ? reader.string(arm.code, pathOf(path, 'code'), 8, ARM_CODE_PATTERN) : undefined;
  });
  reader.unique(codes, (i) => pathOf(pathOf('draw.arms', i), 'code'));
  if ('armMeaning' in draw && arms) {
    const known = [...new Set(codes.filter((c): c is string => c !== undefined))];
    const meaning = reader.object(draw.armMeaning, 'draw.armMeaning', known);
    if (meaning)
      for (const code of known) if (code in meaning) reader.localized(meaning[code], pathOf('draw.armMeaning', code));
  }
  if ('stratumAttribute' in draw)
    reader.string(draw.stratumAttribute, 'draw.stratumAttribute', 100, STRATUM_ATTRIBUTE_PATTERN);
}
