import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor } from '../../common/http/actor';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { SignedIn } from '../access/access.decorators';
import { sendDocument } from '../files/download';
import { FinalReportQueryDto } from './dto/final-report-query.dto';
import { DOCX_TYPE, FinalReportService, XLSX_TYPE } from './final-report.service';

/** The operator's final report (the 004 form) computed from the data: JSON, DOCX or XLSX. */
@ApiTags('final-report')
@ApiBearerAuth()
@Controller('competitions/:id')
export class FinalReportController {
  constructor(private readonly finalReport: FinalReportService) {}

  @Get('final-report')
  // The organizer check is the service's: anyone else gets 404, not 403 (the report is not theirs to know of).
  @SignedIn()
  @ApiProduces('application/json', DOCX_TYPE, XLSX_TYPE)
  @ApiOkResponse({
    description:
      'grants; participants by gender, social category and age band (each adds up to the total); the category precedence; beneficiaries; satisfaction; programme targets',
  })
  async get(
    @Param('id', uuidPipe) id: string,
    @Query() query: FinalReportQueryDto,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const format = query.format ?? 'json';
    if (format === 'json') {
      void reply
        .header('content-type', 'application/json; charset=utf-8')
        .send(await this.finalReport.report(id, actor));
      return;
    }
    sendDocument(reply, await this.finalReport.document(id, format, query.lang ?? actor.locale, actor));
  }
}
