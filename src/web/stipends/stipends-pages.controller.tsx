import { Get, Param, Query, Req, Res } from '@nestjs/common';
import { COMPETITION_TIME_ZONE } from '../../modules/competitions/domain/rulebook.types';
import { CompetitionMember } from '../../modules/access/access.decorators';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import { monthOfInstant } from '../../modules/stipends/domain/stipends';
import { StipendRegisterQueryDto } from '../../modules/stipends/dto/stipends.dto';
import { StipendRegister, StipendsService } from '../../modules/stipends/stipends.service';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { FormErrors, formErrorsFrom, NO_ERRORS } from '../core/forms';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import type { WebReply, WebRequest } from '../core/web-request';
import { StipendsPage } from './stipends-views';
import { sendDocument } from '../../modules/files/download';

/**
 * Stipend pages: the organizer's monthly register of social stipends — pick a month of the
 * project, read the totals per arm and region, download the XLSX for the accountant in kk or
 * ru. The same service and access rule as GET /competitions/:id/stipends[.xlsx].
 */
@WebController()
export class StipendsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly stipends: StipendsService,
    private readonly competitions: CompetitionsService,
  ) {}

  @Get('organizer/competitions/:id/stipends')
  @CompetitionMember(['organizer'])
  async show(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('month') month?: string,
  ): Promise<void> {
    await this.render(request, reply, id, month);
  }

  /** The register as XLSX, the same file as the API's; a malformed month shows the page with the problem at the month. */
  @Get('organizer/competitions/:id/stipends.xlsx')
  @CompetitionMember(['organizer'])
  async download(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('month') month?: string,
    @Query('lang') lang?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    let query: StipendRegisterQueryDto;
    try {
      query = await validateInput(StipendRegisterQueryDto, {
        month: month ?? '',
        lang: lang === 'kk' || lang === 'ru' ? lang : ctx.locale,
      });
    } catch {
      return this.render(request, reply, id, month ?? '');
    }
    const file = await this.stipends.workbook(id, query.month, query.lang!);
    sendDocument(reply, {
      kind: 'xlsx',
      fileName: `stipends-${query.month}-${query.lang}.xlsx`,
      body: file,
      cache: 'private',
    });
  }

  /**
   * The page for a month: the one asked for, else this month when the project runs now, else
   * the project's first month. A refused month (its format, a competition without stipends) is
   * shown in the error summary and at the month, with nothing else.
   */
  private async render(request: WebRequest, reply: WebReply, id: string, asked: string | undefined): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const competition = await this.competitions.view(id, this.pages.actor(request), true);
    let errors: FormErrors = NO_ERRORS;
    let register: StipendRegister | null = null;
    let status = 200;
    try {
      if (asked === undefined) {
        register = await this.stipends.register(id, monthOfInstant(ctx.now, COMPETITION_TIME_ZONE));
        if (!register.withinProject && register.period)
          register = await this.stipends.register(id, register.period.first);
      } else {
        const { month } = await validateInput(StipendRegisterQueryDto, { month: asked });
        register = await this.stipends.register(id, month);
      }
    } catch (error) {
      errors = formErrorsFrom(error, ctx, (field) => (field === 'month' ? 'month' : null));
      status = errors.items.some((e) => e.field === 'month') ? 400 : 409;
    }
    this.pages.render(
      reply,
      <StipendsPage ctx={ctx} competition={competition} register={register} month={asked ?? ''} errors={errors} />,
      status,
    );
  }
}
