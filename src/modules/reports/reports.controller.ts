import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
  Req,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException, CommonErrorCode, ValidationFailedException } from '../../common/errors/app.exception';
import { Actor, CurrentActor } from '../../common/http/actor';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember, SignedIn } from '../access/access.decorators';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { REPORT_ATTACHMENT_KINDS, ReportAttachmentKind } from './domain/report-content';
import {
  AllowLateDto,
  ChangeDueDateDto,
  CompetitionReportsQueryDto,
  ReportActionDto,
  ReturnReportDto,
  SaveReportDto,
} from './dto/report.dto';
import { ReportsService, ReportSummary, ReportVersionView, ReportView } from './reports.service';
import { sendStoredFile } from '../files/download';

/** Busboy's own errors carry no code: a broken multipart body is the client's (400). */
function brokenMultipart(error: unknown): unknown {
  if (error instanceof AppException || (error instanceof Error && 'code' in error)) return error;
  return new AppException(400, CommonErrorCode.MALFORMED_MULTIPART);
}

function fieldValue(fields: Record<string, unknown>, name: string): string | undefined {
  const field = fields[name] as { value?: unknown } | undefined;
  return typeof field?.value === 'string' ? field.value.trim() : undefined;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('contracts/:id/reports')
  @SignedIn()
  @ApiOperation({
    summary:
      "A contract's reports, for its parties: a programmatic and a financial one per stage, with their due dates",
    description:
      'Created when the contract comes into force, due on the dates the contract states (stored, never recomputed). ' +
      '`overdue`: past the due date (and any late allowance) and not submitted; `daysLeft` in the competition’s zone.',
  })
  list(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<ReportSummary[]> {
    return this.reports.listForContract(id, actor);
  }

  @Get('competitions/:id/reports')
  @CompetitionMember(['organizer'])
  @ApiOperation({
    summary: "The competition's reports for its organizers, by due date; `overdue=true` lists the overdue ones",
  })
  forCompetition(
    @Param('id', uuidPipe) id: string,
    @Query() query: CompetitionReportsQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<{ items: ReportSummary[]; total: number; page: number; pageSize: number }> {
    return this.reports.forCompetition(id, query, actor);
  }

  @Get('competitions/:id/reports/overdue')
  @CompetitionMember(['organizer'])
  @ApiOperation({ summary: 'The overdue list: reports past their due date (and late allowance), not submitted' })
  overdue(
    @Param('id', uuidPipe) id: string,
    @Query() query: CompetitionReportsQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<{ items: ReportSummary[]; total: number; page: number; pageSize: number }> {
    return this.reports.forCompetition(id, { ...query, overdue: true }, actor);
  }

  @Get('reports/:id')
  @SignedIn()
  @ApiOperation({
    summary: 'A report for the parties of its contract: content, computed figures, files, versions and reviews',
    description:
      '`financial.rows`: every approved budget line with `approved`, `spentBefore` (the earlier stage), ' +
      '`spentThisPeriod`, `cumulative`, `unspent`, `overspent` (beyond `tolerancePercent`) and `needsJustification`; ' +
      '`financial.totals` in integer tenge. `reviews`: each organizer decision with its comment and comments per ' +
      "section, and beside each the grantee's answer from the next version. Another party's report is 404.",
  })
  get(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<ReportView> {
    return this.reports.get(id, actor);
  }

  @Get('reports/:id/versions/:number')
  @SignedIn()
  @ApiOperation({ summary: 'A submitted version exactly as it was submitted, with the review of it' })
  version(
    @Param('id', uuidPipe) id: string,
    @Param('number', ParseIntPipe) number: number,
    @CurrentActor() actor: Actor,
  ): Promise<ReportVersionView> {
    return this.reports.version(id, number, actor);
  }

  @Put('reports/:id')
  @SignedIn()
  @ApiOperation({
    summary: "The grantee saves the report's whole content (draft or returned only), with the `version` read",
    description:
      'Programmatic: `summary`, `activities`, `indicators` (the contract’s codes, plan and fact), `deviations`, ' +
      '`participants` (stored by the final report), `beneficiaries`. Financial: `lines` `{line, spent, ' +
      'justification?}` in integer tenge. Both: `answers` to the last return’s comments per section (`general` for ' +
      'the general comment). A submitted or accepted report: 409 REPORT_NOT_EDITABLE / REPORT_ACCEPTED; a stale ' +
      'version 409; negative or non-integer amounts, an unknown budget line or indicator: 400, nothing saved.',
  })
  save(
    @Param('id', uuidPipe) id: string,
    @Body() dto: SaveReportDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReportView> {
    return this.reports.save(id, dto, actor);
  }

  @Post('reports/:id/submit')
  @SignedIn()
  @UseInterceptors(IdempotencyInterceptor)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'same key and body → same answer' })
  @HttpCode(200)
  @ApiOperation({
    summary: 'draft → submitted, returned → resubmitted (grantee): a version kept for ever; the organizers told',
    description:
      'A first submission after the due date needs the organizer’s late allowance (409 REPORT_OVERDUE). A ' +
      'financial line over its approved sum beyond the tolerance needs a justification (400 ' +
      'OVERSPEND_NEEDS_JUSTIFICATION at `lines[i].justification`).',
  })
  submit(@Param('id', uuidPipe) id: string, @Body() dto: ReportActionDto, @CurrentActor() actor: Actor) {
    return this.reports.submit(id, dto, actor);
  }

  @Post('reports/:id/accept')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({
    summary: 'submitted | resubmitted → accepted (organizer)',
    description:
      'When both reports of a stage are accepted the tranche waiting for them is released; when every report of the ' +
      'contract is accepted, the application moves reporting → completed.',
  })
  accept(@Param('id', uuidPipe) id: string, @Body() dto: ReportActionDto, @CurrentActor() actor: Actor) {
    return this.reports.accept(id, dto, actor);
  }

  @Post('reports/:id/return')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({
    summary: 'submitted | resubmitted → returned (organizer), with `comment` and/or `sections[{section, comment}]`',
  })
  return(@Param('id', uuidPipe) id: string, @Body() dto: ReturnReportDto, @CurrentActor() actor: Actor) {
    return this.reports.return(id, dto, actor);
  }

  @Post('reports/:id/due-date')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: "The organizer moves one report's due date, with a reason (audited, the grantee told)" })
  changeDueDate(@Param('id', uuidPipe) id: string, @Body() dto: ChangeDueDateDto, @CurrentActor() actor: Actor) {
    return this.reports.changeDueDate(id, dto, actor);
  }

  @Post('reports/:id/allow-late')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({
    summary: 'The organizer allows a first submission after the due date until `until`, with a reason (audited)',
  })
  allowLate(@Param('id', uuidPipe) id: string, @Body() dto: AllowLateDto, @CurrentActor() actor: Actor) {
    return this.reports.allowLate(id, dto, actor);
  }

  @Post('reports/:id/attachments')
  @SignedIn()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'file'],
      properties: {
        kind: { type: 'string', enum: [...REPORT_ATTACHMENT_KINDS], description: 'send the fields before the file' },
        budgetLine: { type: 'integer', minimum: 0, description: 'receipts: the approved budget line (0-based)' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiOperation({
    summary: 'A file of a draft or returned report (grantee): photo (JPG/PNG), receipt per budget line (PDF/JPG/PNG)…',
    description:
      'Programmatic: `photo`, `participants_list`, `document`; financial: `receipt` (with `budgetLine`), `document`. ' +
      'The type is judged by content: a refused one is 415 REPORT_ATTACHMENT_TYPE, nothing saved.',
  })
  async upload(@Param('id', uuidPipe) id: string, @Req() request: FastifyRequest, @CurrentActor() actor: Actor) {
    const part = await request.file().catch((error: unknown) => {
      throw brokenMultipart(error);
    });
    if (!part) throw new ValidationFailedException([{ field: 'file', code: 'REQUIRED' }]);
    const kind = fieldValue(part.fields, 'kind');
    const line = fieldValue(part.fields, 'budgetLine');
    const problems = [];
    if (!kind) problems.push({ field: 'kind', code: 'REQUIRED' });
    else if (!(REPORT_ATTACHMENT_KINDS as readonly string[]).includes(kind))
      problems.push({
        field: 'kind',
        code: 'NOT_ALLOWED_VALUE',
        params: { allowed: REPORT_ATTACHMENT_KINDS.join(', ') },
      });
    if (line !== undefined && line !== '' && !/^\d{1,4}$/.test(line))
      problems.push({ field: 'budgetLine', code: 'NOT_INTEGER' });
    if (problems.length) {
      part.file.resume();
      throw new ValidationFailedException(problems);
    }
    return this.reports
      .uploadAttachment(
        id,
        {
          kind: kind as ReportAttachmentKind,
          budgetLine: line ? Number(line) : undefined,
          originalName: part.filename ?? '',
          stream: part.file,
        },
        actor,
      )
      .catch((error: unknown) => {
        part.file.resume();
        throw error === part.file.errored ? brokenMultipart(error) : error;
      });
  }

  @Get('reports/:id/attachments/:attachmentId')
  @SignedIn()
  @ApiOperation({ summary: "A report's file, for the parties of its contract" })
  async attachment(
    @Param('id', uuidPipe) id: string,
    @Param('attachmentId', uuidPipe) attachmentId: string,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.reports.attachment(id, attachmentId, actor);
    sendStoredFile(reply, file);
  }

  @Delete('reports/:id/attachments/:attachmentId')
  @SignedIn()
  @ApiOperation({ summary: 'Takes a file off a draft or returned report (grantee); submitted versions keep it' })
  removeAttachment(
    @Param('id', uuidPipe) id: string,
    @Param('attachmentId', uuidPipe) attachmentId: string,
    @CurrentActor() actor: Actor,
  ): Promise<ReportView> {
    return this.reports.removeAttachment(id, attachmentId, actor);
  }
}
