import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { ValidationFailedException } from '../errors/app.exception';
import { renameErrorFields } from './error-field-names';
import { findUnstorableInput } from './unstorable-input';
import { flattenValidationErrors } from './validation-details';

/**
 * The request hook (refuseUnstorableInput) has checked the whole request already; this
 * checks again what reaches a handler, whichever way (body, query, a parameter, a header).
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const problem = findUnstorableInput(value, metadata.data ?? metadata.type);
    if (problem) throw new ValidationFailedException([problem]);
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
