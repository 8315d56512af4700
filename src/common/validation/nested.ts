import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsObject, ValidateNested } from 'class-validator';

const NESTED_SHAPE = Symbol('nestedShape');

/** How a nested DTO property was declared: one object, or a list of them. */
export type NestedShape = 'object' | 'list';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- class-transformer's own type for a class
type DtoClass = () => Function;

function markShape(shape: NestedShape): PropertyDecorator {
  return (target, property) => Reflect.defineMetadata(NESTED_SHAPE, shape, target, property);
}

/** The shape declared by NestedObject / NestedList on a DTO property, if either. */
export function nestedShapeOf(dto: object, property: string): NestedShape | undefined {
  return Reflect.getMetadata(NESTED_SHAPE, dto, property) as NestedShape | undefined;
}

/**
 * One nested DTO. `@ValidateNested()` alone validates the elements of an array it is given
 * instead of refusing it (so `"title": []` passed and reached the database); this refuses
 * anything but an object with NOT_OBJECT on the field, then validates inside it.
 * Every nested DTO property uses this or NestedList (a unit test walks all DTOs).
 */
export const NestedObject = (type: DtoClass) =>
  applyDecorators(markShape('object'), IsObject(), ValidateNested(), Type(type));

/**
 * A list of nested DTOs: anything but an array is NOT_ARRAY on the field, and an element
 * that is not an object (`"lines": [[]]`, `[null]`, `["x"]`) is NOT_OBJECT on `field[i]`.
 */
export const NestedList = (type: DtoClass) =>
  applyDecorators(markShape('list'), IsArray(), IsObject({ each: true }), ValidateNested({ each: true }), Type(type));
