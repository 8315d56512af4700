import { registerDecorator, ValidationOptions } from 'class-validator';

/** Constraint name whose message *is* the error code (e.g. IIN_CHECKSUM), passed through as is. */
export const CODED_CONSTRAINT = 'coded';

/**
 * Builds a property decorator from a check that returns an error code or null. The code
 * becomes the detail's `code` and is translated like any other.
 */
export function CodedCheck(check: (value: unknown) => string | null, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: CODED_CONSTRAINT,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => check(value) === null,
        defaultMessage: (args) => check(args?.value) ?? 'INVALID_FORMAT',
      },
    });
  };
}
