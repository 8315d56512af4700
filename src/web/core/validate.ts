import { createValidationPipe } from '../../common/validation/validation.pipe';

const pipe = createValidationPipe();

/**
 * A form's fields checked by the same DTO and rules as the API's body, so the pages refuse
 * exactly what the API refuses (a ValidationFailedException with the same details).
 */
export async function validateInput<T extends object>(dto: new () => T, plain: Record<string, unknown>): Promise<T> {
  return (await pipe.transform(plain, { type: 'body', metatype: dto, data: '' })) as T;
}
