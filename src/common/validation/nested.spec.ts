import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, IsInt, IsString, validateSync, ValidationTypes } from 'class-validator';
import { NestedList, NestedObject, nestedShapeOf } from './nested';
import { flattenValidationErrors } from './validation-details';

const SRC = join(__dirname, '..', '..');

/** Every source file that declares validation rules (DTOs wherever they live), specs aside. */
function filesWithValidation(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesWithValidation(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.spec.ts')) return [];
    return readFileSync(path, 'utf8').includes("from 'class-validator'") ? [path] : [];
  });
}

describe('every nested DTO property refuses the wrong shape', () => {
  it('uses NestedObject or NestedList wherever a property is validated as nested', () => {
    const files = filesWithValidation();
    expect(files.length).toBeGreaterThan(5);
    const nested: string[] = [];
    const missing: string[] = [];
    for (const file of files) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads each DTO file to read its metadata
      const exports = require(file) as Record<string, unknown>;
      for (const value of Object.values(exports)) {
        if (typeof value !== 'function' || !value.prototype) continue;
        const metas = getMetadataStorage()
          .getTargetValidationMetadatas(value, '', true, false)
          .filter((m) => m.type === ValidationTypes.NESTED_VALIDATION);
        for (const meta of metas) {
          const name = `${relative(SRC, file)} ${value.name}.${meta.propertyName}`;
          const shape = nestedShapeOf(value.prototype as object, meta.propertyName);
          nested.push(name);
          if (shape !== (meta.each ? 'list' : 'object')) missing.push(name);
        }
      }
    }
    // The walk finds them (today: title and description of competitions, team, budget, scores, overrides).
    expect(nested.length).toBeGreaterThanOrEqual(8);
    expect(missing).toEqual([]);
  });
});

class Inner {
  @IsString()
  name: string;

  @IsInt()
  count: number;
}

class Outer {
  @NestedObject(() => Inner)
  one: Inner;

  @NestedList(() => Inner)
  many: Inner[];
}

const problems = (plain: unknown) => {
  const instance = plainToInstance(Outer, plain);
  const errors = validateSync(instance as object, { whitelist: true, forbidNonWhitelisted: true });
  return flattenValidationErrors(errors).map((d) => `${d.field} ${d.code}`);
};
const good = { name: 'a', count: 1 };

describe('NestedObject and NestedList', () => {
  it('accept the right shapes', () => {
    expect(problems({ one: good, many: [good, good] })).toEqual([]);
    expect(problems({ one: good, many: [] })).toEqual([]);
  });

  it('refuse a list where one object is expected, even an empty one or one of good objects', () => {
    expect(problems({ one: [], many: [] })).toEqual(['one NOT_OBJECT']);
    expect(problems({ one: [good], many: [] })).toEqual(['one NOT_OBJECT']);
  });

  it('refuse scalars and null where an object is expected', () => {
    expect(problems({ one: 'x', many: [] })).toEqual(['one NOT_OBJECT']);
    expect(problems({ one: 5, many: [] })).toEqual(['one NOT_OBJECT']);
    expect(problems({ one: null, many: [] })).toEqual(['one REQUIRED']);
  });

  it('refuse an object where a list is expected, and name each element that is not an object', () => {
    expect(problems({ one: good, many: { 0: good } })).toContain('many NOT_ARRAY');
    expect(problems({ one: good, many: [[]] })).toEqual(['many[0] NOT_OBJECT']);
    expect(problems({ one: good, many: [good, [good], null, 'x'] })).toEqual([
      'many[1] NOT_OBJECT',
      'many[2] NOT_OBJECT',
      'many[3] NOT_OBJECT',
    ]);
  });

  it('report nothing from inside a value of the wrong shape, and only the shape', () => {
    expect(problems({ one: [{ name: 1 }], many: { 0: { name: 1 }, 1: good } })).toEqual([
      'one NOT_OBJECT',
      'many NOT_ARRAY',
    ]);
    expect(problems({ one: good, many: [{ name: 'a', count: 'x' }, [{ name: 1 }]] })).toEqual([
      'many[1] NOT_OBJECT',
      'many[0].count NOT_INTEGER',
    ]);
  });

  it('still report problems inside a well-shaped element by their path', () => {
    expect(problems({ one: { name: 'a', count: 'x' }, many: [good, { name: 1, count: 1 }] })).toEqual([
      'one.count NOT_INTEGER',
      'many[1].name NOT_STRING',
    ]);
  });
});
