import { Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationFailedException } from '../../common/errors/app.exception';
import { Actor, CurrentActor } from '../../common/http/actor';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { SignedIn } from '../access/access.decorators';
import { AttachmentsService, AttachmentView } from './use-cases/attachments/attachments.service';

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
    const part = await request.file();
    if (!part) throw new ValidationFailedException([{ field: 'file', code: 'REQUIRED' }]);
    const kindField = part.fields.kind as { value?: unknown } | undefined;
    const documentCode = typeof kindField?.value === 'string' ? kindField.value : '';
    if (!/^[a-z0-9_]{1,60}$/.test(documentCode)) {
      part.file.resume();
      throw new ValidationFailedException([{ field: 'kind', code: documentCode ? 'NOT_ALLOWED_VALUE' : 'REQUIRED' }]);
    }
    return this.attachments.upload(id, { documentCode, originalName: part.filename ?? '', stream: part.file }, actor);
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
    void reply
      .header('content-type', file.contentType)
      .header('content-disposition', file.contentDisposition)
      .header('content-length', String(file.size))
      .header('cache-control', 'private, no-store')
      .send(file.stream);
  }

  @Delete('attachments/:id')
  @SignedIn()
  @HttpCode(204)
  remove(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.attachments.remove(id, actor);
  }
}
