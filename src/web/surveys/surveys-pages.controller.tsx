import { randomUUID } from 'node:crypto';
import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { EnvironmentVariables } from '../../../config/env.validation';
import { AppException, NotFoundAppException } from '../../common/errors/app.exception';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { Public, SignedIn } from '../../modules/access/access.decorators';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import { CreateSurveyLinksDto, SubmitSurveyDto } from '../../modules/surveys/dto/survey.dto';
import { SurveysErrorCode } from '../../modules/surveys/surveys.exception';
import { PublicSurvey, SurveysService } from '../../modules/surveys/surveys.service';
import { FormErrors, formErrorsFrom } from '../core/forms';
import type { PageContext } from '../core/page-context';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../core/web-request';
import { AnsweredPage, answerField, CodePage, SurveyPage, surveyPath, ThanksPage } from './survey-public-views';
import { BatchListPage, countField, SurveyAdminPage, surveyAdminPath } from './surveys-views';

const T = 'pages.surveys.';
/** A form key: what the page rendered into the form (a UUID), nothing longer. */
const FORM_KEY = /^[0-9a-f-]{36}$/;

function statusOf(error: unknown): number {
  return error instanceof AppException && error.status < 500 ? error.status : 400;
}

const alreadyAnswered = (error: unknown) =>
  error instanceof AppException && error.code === SurveysErrorCode.SURVEY_ALREADY_ANSWERED;
const unknownLink = (error: unknown) =>
  error instanceof AppException && error.code === SurveysErrorCode.SURVEY_LINK_NOT_FOUND;

/**
 * Survey pages. A participant, without an account, opens `/s/<token>` from a link or types
 * the paper list's code at `/s`, answers once, and reads a thank-you page; a second answer
 * gets a plain "already answered". The organizer's `/organizer/competitions/:id/survey`
 * makes links per project, prints their lists and reads the results. The same service, DTOs
 * and access rules as the API; no script needed anywhere.
 */
@WebController()
export class SurveysPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly surveys: SurveysService,
    private readonly competitions: CompetitionsService,
    private readonly env: EnvironmentVariables,
  ) {}

  // --- the participant ------------------------------------------------------------------

  @Get('s')
  @Public()
  codePage(@Req() request: WebRequest, @Res() reply: WebReply): void {
    this.pages.render(reply, <CodePage ctx={this.pages.context(request, reply)} />);
  }

  @Post('s')
  @Public()
  async byCode(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const code = field(request.body as FormBody, 'code').trim();
    if (!code) {
      const errors = new FormErrors([{ field: 'code', message: ctx.t(`${T}code_required`) }]);
      return this.pages.render(reply, <CodePage ctx={ctx} errors={errors} />, 400);
    }
    try {
      return this.pages.redirect(reply, surveyPath(await this.surveys.tokenOf(code)));
    } catch (error) {
      const errors = formErrorsFrom(error, ctx, () => 'code');
      const at = new FormErrors(errors.items.map((e) => ({ ...e, field: 'code' })));
      this.pages.render(reply, <CodePage ctx={ctx} code={code} errors={at} />, statusOf(error));
    }
  }

  @Get('s/:token')
  @Public()
  async survey(@Req() request: WebRequest, @Res() reply: WebReply, @Param('token') token: string): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const survey = await this.surveyOrCodePage(reply, ctx, token);
    if (!survey) return;
    if (survey.answered) return this.pages.render(reply, <AnsweredPage ctx={ctx} survey={survey} />);
    this.pages.render(reply, <SurveyPage ctx={ctx} token={token} survey={survey} />);
  }

  @Post('s/:token')
  @Public()
  async answer(@Req() request: WebRequest, @Res() reply: WebReply, @Param('token') token: string): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const survey = await this.surveyOrCodePage(reply, ctx, token);
    if (!survey) return;
    const body = request.body as FormBody;
    const values: Record<string, string> = {};
    const answers: Record<string, string> = {};
    for (const q of survey.questions) {
      const value = field(body, answerField(q.code));
      values[answerField(q.code)] = value;
      if (value !== '') answers[q.code] = value;
    }
    try {
      const dto = await validateInput(SubmitSurveyDto, { answers });
      await this.surveys.submit(token, dto, this.pages.actor(request));
      return this.pages.redirect(reply, `${surveyPath(token)}/thanks`);
    } catch (error) {
      if (alreadyAnswered(error)) return this.pages.render(reply, <AnsweredPage ctx={ctx} survey={survey} />, 409);
      const errors = formErrorsFrom(error, ctx, (f) => (f.startsWith('answers.') ? answerField(f.slice(8)) : null));
      this.pages.render(
        reply,
        <SurveyPage ctx={ctx} token={token} survey={survey} values={values} errors={errors} />,
        statusOf(error),
      );
    }
  }

  @Get('s/:token/thanks')
  @Public()
  async thanks(@Req() request: WebRequest, @Res() reply: WebReply, @Param('token') token: string): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const survey = await this.surveyOrCodePage(reply, ctx, token);
    if (!survey) return;
    if (!survey.answered) return this.pages.redirect(reply, surveyPath(token));
    this.pages.render(reply, <ThanksPage ctx={ctx} survey={survey} />);
  }

  /**
   * The survey behind the address; for an unknown one (a mistyped or cut link) the code page,
   * "not found", saying so in the reader's language: the paper code still gets them in.
   */
  private async surveyOrCodePage(reply: WebReply, ctx: PageContext, token: string): Promise<PublicSurvey | null> {
    try {
      return await this.surveys.publicSurvey(token);
    } catch (error) {
      if (!unknownLink(error)) throw error;
      const errors = formErrorsFrom(error, ctx, () => null);
      this.pages.render(reply, <CodePage ctx={ctx} errors={errors} />, 404);
      return null;
    }
  }

  // --- the organizer --------------------------------------------------------------------

  @Get('organizer/competitions/:id/survey')
  @SignedIn()
  async admin(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    await this.renderAdmin(request, reply, this.pages.context(request, reply), id, {});
  }

  @Post('organizer/competitions/:id/survey/contracts/:contractId/links')
  @SignedIn()
  async makeLinks(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Param('contractId', uuidPipe) contractId: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const actor = this.pages.actor(request);
    const body = request.body as FormBody;
    const typed = field(body, countField(contractId)).trim();
    const formKey = field(body, 'formKey');
    // Another competition's contract is "not found" here, as anyone else's is.
    const results = await this.surveys.results(id, actor);
    if (!results.projects.some((p) => p.contractId === contractId)) throw new NotFoundAppException('contract');
    try {
      const dto = await validateInput(CreateSurveyLinksDto, { count: /^\d{1,6}$/.test(typed) ? Number(typed) : typed });
      const batch = await this.surveys.createLinks(contractId, dto, actor, {
        formKey: FORM_KEY.test(formKey) ? formKey : undefined,
      });
      return this.pages.redirect(reply, `${surveyAdminPath(id)}/batches/${batch.id}?notice=made`);
    } catch (error) {
      if (error instanceof AppException && error.status === 404) throw error;
      const name = countField(contractId);
      const errors = formErrorsFrom(error, ctx, (f) => (f === 'count' ? name : null));
      // A refusal about the contract itself is shown beside its form too.
      const at = new FormErrors(errors.items.map((e) => ({ ...e, field: e.field || name })));
      await this.renderAdmin(
        request,
        reply,
        ctx,
        id,
        { errors: at, failed: { contractId, count: typed } },
        statusOf(error),
      );
    }
  }

  @Get('organizer/competitions/:id/survey/batches/:batchId')
  @SignedIn()
  async batch(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Param('batchId', uuidPipe) batchId: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const batch = await this.surveys.batch(id, batchId, this.pages.actor(request));
    const competition = await this.competitions.find(id);
    if (!competition) throw new NotFoundAppException('competition');
    const title = ctx.locale === 'ru' ? competition.titleRu : competition.titleKk;
    this.pages.render(
      reply,
      <BatchListPage
        ctx={ctx}
        competition={{ id, title }}
        batch={batch}
        codePageUrl={`${this.env.PUBLIC_URL}/s`}
        notice={notice === 'made' ? ctx.t(`${T}org.notice_made`) : null}
      />,
    );
  }

  private async renderAdmin(
    request: WebRequest,
    reply: WebReply,
    ctx: PageContext,
    competitionId: string,
    extra: { errors?: FormErrors; failed?: { contractId: string; count: string } },
    status = 200,
  ): Promise<void> {
    const actor = this.pages.actor(request);
    const results = await this.surveys.results(competitionId, actor);
    const batches = await this.surveys.batches(competitionId, actor);
    const competition = await this.competitions.find(competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    const title = ctx.locale === 'ru' ? competition.titleRu : competition.titleKk;
    this.pages.render(
      reply,
      <SurveyAdminPage
        ctx={ctx}
        competition={{ id: competitionId, title }}
        results={results}
        batches={batches}
        formKey={randomUUID()}
        {...extra}
      />,
      status,
    );
  }
}
