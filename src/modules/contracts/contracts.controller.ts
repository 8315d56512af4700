import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException, CommonErrorCode, ValidationFailedException } from '../../common/errors/app.exception';
import { Actor, CurrentActor } from '../../common/http/actor';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember, SignedIn } from '../access/access.decorators';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { ContractsService, ContractSummary, ContractView } from './contracts.service';
import {
  ContractActionDto,
  DocumentQueryDto,
  GenerateContractsDto,
  TerminateContractDto,
  UpdateContractDto,
} from './dto/contract.dto';
import { sendDocument, sendStoredFile } from '../files/download';

/** Busboy's own errors carry no code: a broken multipart body is the client's (400). */
function brokenMultipart(error: unknown): unknown {
  if (error instanceof AppException || (error instanceof Error && 'code' in error)) return error;
  return new AppException(400, CommonErrorCode.MALFORMED_MULTIPART);
}

@ApiTags('contracts')
@ApiBearerAuth()
@Controller()
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  @Post('competitions/:id/contracts')
  @CompetitionMember(['organizer'])
  @UseInterceptors(IdempotencyInterceptor)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'same key and body → same answer' })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Generate a draft contract for every winner without one (or for the winners named)',
    description:
      'Grant competitions only (mini-grants, «Сәтті қадам», youth micro-projects arms A and B): applications in status ' +
      '`winner`. Existing contracts are returned unchanged (`created` counts the new ones); a named application that is ' +
      "not a winner refuses the request (409 CONTRACT_NOT_A_WINNER) and nothing is saved. Numbers: the competition's " +
      'number prefix, the year and a sequence per competition — `MG-2026/001`.',
  })
  generate(
    @Param('id', uuidPipe) id: string,
    @Body() dto: GenerateContractsDto,
    @CurrentActor() actor: Actor,
  ): Promise<{ created: number; items: ContractSummary[] }> {
    return this.contracts.generate(id, dto, actor);
  }

  @Get('competitions/:id/contracts')
  @CompetitionMember(['organizer'])
  @ApiOperation({ summary: "The competition's contracts with their states" })
  list(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<ContractSummary[]> {
    return this.contracts.list(id, actor);
  }

  @Get('contracts/:id')
  @SignedIn()
  @ApiOperation({
    summary: 'A contract, for its parties: the grantee (applicant, group leader, host organization) and the organizers',
    description:
      '`content` is what the document says: parties, subject, `amounts` (budget, host-organization overhead percent, ' +
      'mode `on_top`|`inside` and sum, total), dates, the budget annex, the payment schedule and the reporting due date. ' +
      '`revision` counts editions (a change after sending is a new one); `version` is the row version for optimistic checks.',
  })
  get(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<ContractView> {
    return this.contracts.get(id, actor);
  }

  @Get('contracts/:id/document.docx')
  @SignedIn()
  @ApiOperation({ summary: 'The contract as DOCX, in Kazakh (default) or Russian' })
  async document(
    @Param('id', uuidPipe) id: string,
    @Query() query: DocumentQueryDto,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { buffer, fileName } = await this.contracts.document(id, query.lang ?? 'kk', actor);
    sendDocument(reply, { kind: 'docx', fileName, body: buffer, cache: 'private' });
  }

  @Patch('contracts/:id')
  @SignedIn()
  @ApiOperation({ summary: "A draft's dates (organizer); a sent contract is frozen: 409 CONTRACT_FROZEN" })
  update(
    @Param('id', uuidPipe) id: string,
    @Body() dto: UpdateContractDto,
    @CurrentActor() actor: Actor,
  ): Promise<ContractView> {
    return this.contracts.update(id, dto, actor);
  }

  @Post('contracts/:id/send')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: 'draft → sent (organizer): the content is frozen; the grantee is told' })
  send(@Param('id', uuidPipe) id: string, @Body() dto: ContractActionDto, @CurrentActor() actor: Actor) {
    return this.contracts.send(id, dto, actor);
  }

  @Post('contracts/:id/signed-copy')
  @SignedIn()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({
    summary: 'sent → signed_by_grantee (grantee): the signed copy, PDF, JPG or PNG (checked by content)',
  })
  async signedCopy(
    @Param('id', uuidPipe) id: string,
    @Req() request: FastifyRequest,
    @CurrentActor() actor: Actor,
  ): Promise<ContractView> {
    const part = await request.file().catch((error: unknown) => {
      throw brokenMultipart(error);
    });
    if (!part) throw new ValidationFailedException([{ field: 'file', code: 'REQUIRED' }]);
    return this.contracts
      .uploadSignedCopy(id, { originalName: part.filename ?? '', stream: part.file }, actor)
      .catch((error: unknown) => {
        part.file.resume();
        throw error === part.file.errored ? brokenMultipart(error) : error;
      });
  }

  @Get('contracts/:id/signed-copy')
  @SignedIn()
  @ApiOperation({ summary: 'The uploaded signed copy, for the parties' })
  async signedCopyFile(
    @Param('id', uuidPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.contracts.signedCopy(id, actor);
    sendStoredFile(reply, file);
  }

  @Post('contracts/:id/countersign')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: 'signed_by_grantee → active (organizer); the application becomes `contracted`' })
  countersign(@Param('id', uuidPipe) id: string, @Body() dto: ContractActionDto, @CurrentActor() actor: Actor) {
    return this.contracts.countersign(id, dto, actor);
  }

  @Post('contracts/:id/terminate')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: 'Any contract not ended → terminated (organizer), `reason` required; the application ends' })
  terminate(@Param('id', uuidPipe) id: string, @Body() dto: TerminateContractDto, @CurrentActor() actor: Actor) {
    return this.contracts.terminate(id, dto, actor);
  }

  @Post('contracts/:id/revise')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A change to a sent contract: a new revision, back to draft, to be sent and signed again (`reason` required)',
  })
  revise(@Param('id', uuidPipe) id: string, @Body() dto: TerminateContractDto, @CurrentActor() actor: Actor) {
    return this.contracts.revise(id, dto, actor);
  }
}
