import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { AppException, CommonErrorCode, ValidationFailedException } from '../../common/errors/app.exception';
import { createValidationPipe } from '../../common/validation/validation.pipe';
import { HandoverDto } from './dto/award.dto';

/** HTTP helpers the awards API and the awards pages share: the handover's multipart body and a DOCX reply. */

const fieldsPipe = createValidationPipe();

/** Busboy's own errors carry no code: the client's broken body, a 400 (as attachments do). */
export function brokenMultipart(error: unknown): unknown {
  if (error instanceof AppException || (error instanceof Error && 'code' in error)) return error;
  return new AppException(400, CommonErrorCode.MALFORMED_MULTIPART);
}

/** The handover's multipart body: `handedOverOn` first, then the `file`; both checked before anything is stored. */
export async function readHandover(
  request: FastifyRequest,
): Promise<{ dto: HandoverDto; file: { originalName: string; stream: Readable } }> {
  const part = await request.file().catch((error: unknown) => {
    throw brokenMultipart(error);
  });
  if (!part) throw new ValidationFailedException([{ field: 'file', code: 'REQUIRED' }]);
  const raw = part.fields.handedOverOn as { value?: unknown } | undefined;
  try {
    const dto = (await fieldsPipe.transform(
      { handedOverOn: typeof raw?.value === 'string' && raw.value !== '' ? raw.value : undefined },
      { type: 'body', metatype: HandoverDto, data: '' },
    )) as HandoverDto;
    if (!part.filename) throw new ValidationFailedException([{ field: 'file', code: 'REQUIRED' }]);
    return { dto, file: { originalName: part.filename, stream: part.file } };
  } catch (error) {
    part.file.resume();
    throw error;
  }
}
