import { ValidationPipe } from '@nestjs/common';
import { ValidationFailedException } from '../errors/app.exception';
import { flattenValidationErrors } from './validation-details';

/** Unknown fields are errors (not silently dropped), so a typo in a field name is visible. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: true, value: true },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationFailedException(flattenValidationErrors(errors)),
  });
}
