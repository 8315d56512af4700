import { ParseUUIDPipe } from '@nestjs/common';
import { NotFoundAppException } from '../errors/app.exception';

/** A malformed id names no record: answer 404 like any record the caller cannot see. */
export const uuidPipe = new ParseUUIDPipe({ version: '4', exceptionFactory: () => new NotFoundAppException() });
