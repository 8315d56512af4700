import type { ErrorDetail } from '../errors/app.exception';

const ERROR_FIELD_NAMES = Symbol('errorFieldNames');

/**
 * Names a body's top-level properties as the application's form knows them, so that a draft
 * save and a submit name the same input alike: the `members` of PUT …/team are `team`
 * (`team[2].iin`), the `lines` of PUT …/budget are `budget.lines` (`budget.lines[0].unitCost`).
 */
export function ErrorFieldNames(names: Record<string, string>): ClassDecorator {
  return (target) => Reflect.defineMetadata(ERROR_FIELD_NAMES, names, target);
}

/** `members[2].iin` → `team[2].iin` for a DTO class decorated with `{ members: 'team' }`. */
export function renameErrorFields(details: ErrorDetail[], dto: object | undefined): ErrorDetail[] {
  const names: Record<string, string> | undefined = dto ? Reflect.getMetadata(ERROR_FIELD_NAMES, dto) : undefined;
  if (!names) return details;
  return details.map((detail) => {
    const head = /^[^.[]+/.exec(detail.field)?.[0] ?? '';
    return Object.hasOwn(names, head) ? { ...detail, field: names[head] + detail.field.slice(head.length) } : detail;
  });
}
