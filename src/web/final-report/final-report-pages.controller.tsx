import { Get, Param, Req, Res } from '@nestjs/common';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { SignedIn } from '../../modules/access/access.decorators';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import { FinalReportService } from '../../modules/final-report/final-report.service';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import type { WebReply, WebRequest } from '../core/web-request';
import { FinalReportPage } from './final-report-views';
import { sendDocument } from '../../modules/files/download';

/**
 * The organizer's final report page and its downloads: the same service and access rule as
 * GET /competitions/:id/final-report (the competition's organizers; anyone else "not found").
 */
@WebController()
export class FinalReportPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly finalReport: FinalReportService,
    private readonly competitions: CompetitionsService,
  ) {}

  @Get('organizer/competitions/:id/final-report')
  @SignedIn()
  async show(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const actor = this.pages.actor(request);
    await this.finalReport.assertOrganizer(id, actor);
    const ctx = this.pages.context(request, reply);
    const competition = await this.competitions.view(id, actor, true);
    const report = await this.finalReport.build(id);
    this.pages.render(reply, <FinalReportPage ctx={ctx} competition={competition} report={report} />);
  }

  @Get('organizer/competitions/:id/final-report.docx')
  @SignedIn()
  docx(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    return this.download(request, reply, id, 'docx');
  }

  @Get('organizer/competitions/:id/final-report.xlsx')
  @SignedIn()
  xlsx(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    return this.download(request, reply, id, 'xlsx');
  }

  private async download(request: WebRequest, reply: WebReply, id: string, format: 'docx' | 'xlsx'): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const asked = (request.query as Record<string, unknown>).lang;
    const lang = asked === 'kk' || asked === 'ru' ? asked : ctx.locale;
    sendDocument(reply, await this.finalReport.document(id, format, lang, this.pages.actor(request)));
  }
}
