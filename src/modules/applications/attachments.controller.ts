import { Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException, CommonErrorCode, ValidationFailedException } from '../../common/errors/app.exception';
import { Actor, CurrentActor } from '../../common/http/actor';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { SignedIn } from '../access/access.decorators';
import { AttachmentsService, AttachmentView } from './use-cases/attachments/attachments.service';
import { sendStoredFile } from '../files/download';

/**
 * Busboy's own errors (a body that ends before its closing boundary, a malformed part
 * header) carry no code and would be a 500: they are the client's, a 400. Fastify's limit and
 * content-type errors (with a code) go on to the filter, which maps them to 413 and 415.
 */
function brokenMultipart(error: unknown): unknown {
  if (error instanceof AppException || (error instanceof Error && 'code' in error)) return error;
  return new AppException(400, CommonErrorCode.MALFORMED_MULTIPART);
}

@ApiTags('applications')
@ApiBearerAuth()
@Controller()
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post('applications/:id/attachments')
  @SignedIn()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'file'],
      properties: {
        kind: { type: 'string', description: "the rulebook's document code; send it before the file" },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  async upload(
    @Param('id', uuidPipe) id: string,
    @Req() request: FastifyRequest,
    @CurrentActor() actor: Actor,
  ): Promise<AttachmentView> {
    const part = await request.file().catch((error: unknown) => {
      throw brokenMultipart(error);
    });
    if (!part) throw new ValidationFailedException([{ field: 'file', code: 'REQUIRED' }]);
    const kindField = part.fields.kind as { value?: unknown } | undefined;
    const documentCode = typeof kindField?.value === 'string' ? kindField.value : '';
    if (!/^[a-z0-9_]{1,60}$/.test(documentCode)) {
      part.file.resume();
      throw new ValidationFailedException([{ field: 'kind', code: documentCode ? 'NOT_ALLOWED_VALUE' : 'REQUIRED' }]);
    }
    // The body can still break off inside the file: the file stream then fails with busboy's error.
    return this.attachments
      .upload(id, { documentCode, originalName: part.filename ?? '', stream: part.file }, actor)
      .catch((error: unknown) => {
        throw error === part.file.errored ? brokenMultipart(error) : error;
      });
  }

  @Get('applications/:id/attachments')
  @SignedIn()
  list(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<AttachmentView[]> {
    return this.attachments.list(id, actor);
  }

  @Get('attachments/:id')
  @SignedIn()
  async download(
    @Param('id', uuidPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.attachments.download(id, actor);
    sendStoredFile(reply, file);
  }

  @Delete('attachments/:id')
  @SignedIn()
  @HttpCode(204)
  remove(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.attachments.remove(id, actor);
  }
}
