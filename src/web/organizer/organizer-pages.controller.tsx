import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotFoundAppException } from '../../common/errors/app.exception';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember, SignedIn } from '../../modules/access/access.decorators';
import { ApplicationsService } from '../../modules/applications/applications.service';
import { ApplicationListQueryDto } from '../../modules/applications/dto/application-list.dto';
import { RegistrationJournalService } from '../../modules/applications/use-cases/registration-journal/registration-journal.service';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import { MyCompetitionsQueryDto } from '../../modules/competitions/dto/competition.dto';
import { SCREENING_RULES } from '../../modules/screening/domain/screening-rules';
import { ScreeningDecisionDto, ScreeningOverrideDto } from '../../modules/screening/dto/screening.dto';
import { ChecklistView, ScreeningService } from '../../modules/screening/screening.service';
import { TerritoriesService } from '../../modules/territories/territories.service';
import { FormErrors, formErrorsFrom, NO_ERRORS } from '../core/forms';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../core/web-request';
import { OrganizerApplicationPage } from './application-page';
import { CompetitionHubPage } from './competition-hub';
import {
  ApplicationFilters,
  ApplicationsPage,
  MyCompetitionsPage,
  PublishCounts,
  PublishScreeningPage,
  ScreeningForm,
  screeningFormOf,
  ScreeningPage,
} from './organizer-views';
import { sendDocument } from '../../modules/files/download';

const PAGE_SIZE = 20;
const NOTICES = ['screening_run', 'screening_saved', 'screening_published'] as const;

function pageNumber(raw: string | undefined): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 1_000_000 ? n : 1;
}

/**
 * The organizer's intake and screening pages: my competitions, the applications with filters
 * and the registration journal, the screening checklist with overrides and the decision.
 * Same services and the same access rules as the API (another's competition is refused).
 */
@WebController('organizer')
export class OrganizerPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly competitions: CompetitionsService,
    private readonly journal: RegistrationJournalService,
    private readonly screening: ScreeningService,
    private readonly applications: ApplicationsService,
    private readonly territories: TerritoriesService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get()
  @SignedIn()
  async mine(@Req() request: WebRequest, @Res() reply: WebReply, @Query('page') rawPage?: string): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const actor = this.pages.actor(request);
    const query = await validateInput(MyCompetitionsQueryDto, {
      role: 'organizer',
      page: pageNumber(rawPage),
      pageSize: PAGE_SIZE,
    });
    const list = await this.competitions.listMine(actor, query);
    const rows = await Promise.all(
      list.items.map(async (competition) => ({
        competition,
        received: (await this.competitions.view(competition.id, actor, true)).counts.received,
      })),
    );
    this.pages.render(
      reply,
      <MyCompetitionsPage ctx={ctx} rows={rows} total={list.total} page={query.page} pageSize={query.pageSize} />,
    );
  }

  /** One competition's page: where it stands, what comes next, every part of the work one click away. */
  @Get('competitions/:id')
  @CompetitionMember(['organizer'])
  async hub(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const competition = await this.competitions.view(id, this.pages.actor(request), true);
    this.pages.render(
      reply,
      <CompetitionHubPage ctx={ctx} competition={competition} notice={this.notice(ctx.t, notice)} />,
    );
  }

  @Get('competitions/:id/applications')
  @CompetitionMember(['organizer'])
  async applicationsList(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query() raw: Record<string, string | undefined>,
  ): Promise<void> {
    await this.showList(request, reply, id, raw);
  }

  /** The applications list; `refusal` is a refused action of the page (running screening), shown in the summary. */
  private async showList(
    request: WebRequest,
    reply: WebReply,
    id: string,
    raw: Record<string, string | undefined>,
    refusal?: unknown,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const competition = await this.competitions.view(id, this.pages.actor(request), true);
    const filters: ApplicationFilters = {
      status: typeof raw.status === 'string' ? raw.status : '',
      territoryCode: typeof raw.territoryCode === 'string' ? raw.territoryCode : '',
      q: typeof raw.q === 'string' ? raw.q.trim() : '',
    };
    let errors: FormErrors = NO_ERRORS;
    let result: { items: Awaited<ReturnType<RegistrationJournalService['list']>>['items']; total: number } = {
      items: [],
      total: 0,
    };
    const page = pageNumber(raw.page);
    try {
      const query = await validateInput(ApplicationListQueryDto, {
        status: filters.status || undefined,
        territoryCode: filters.territoryCode || undefined,
        q: filters.q || undefined,
        page,
        pageSize: PAGE_SIZE,
      });
      result = await this.journal.list(id, query);
    } catch (error) {
      errors = formErrorsFrom(error, ctx, (f) => (f in filters ? f : null));
    }
    if (refusal) errors = formErrorsFrom(refusal, ctx, () => null);
    const names = await this.territories.namesOf(competition.counts.byTerritory.map((t) => t.code).filter(Boolean));
    const territories = competition.counts.byTerritory
      .filter((t) => t.code)
      .map((t) => ({ code: t.code, count: t.count, name: names.get(t.code)?.[ctx.locale] ?? t.code }));
    this.pages.render(
      reply,
      <ApplicationsPage
        ctx={ctx}
        competition={competition}
        territories={territories}
        filters={filters}
        rows={result.items}
        total={result.total}
        page={page}
        pageSize={PAGE_SIZE}
        errors={errors}
        notice={this.notice(ctx.t, raw.notice)}
      />,
      refusal ? 409 : errors.any ? 400 : 200,
    );
  }

  /** The registration journal, the same file as the API's journal.xlsx. */
  @Get('competitions/:id/journal.xlsx')
  @CompetitionMember(['organizer'])
  async journalFile(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('lang') lang?: string,
  ): Promise<void> {
    const locale = lang === 'kk' || lang === 'ru' ? lang : this.pages.context(request, reply).locale;
    const file = await this.journal.journal(id, locale);
    sendDocument(reply, {
      kind: 'xlsx',
      fileName: `journal-${id.slice(0, 8)}-${locale}.xlsx`,
      body: file,
      cache: 'private',
    });
  }

  /**
   * Runs the checklist. Once the deadline has passed an open competition's intake is closed
   * first (the service refuses before the deadline), so the pages alone take a competition
   * from intake to screening.
   */
  @Post('competitions/:id/screening/run')
  @CompetitionMember(['organizer'])
  async run(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const actor = this.pages.actor(request);
    const status = async () => (await this.competitions.view(id, actor, true)).status;
    if ((await status()) === 'open') {
      try {
        await this.competitions.close(id, actor);
      } catch (error) {
        // A second click that finds intake already closed by the first goes on to run, as the first does.
        if ((await status()) === 'open') return this.showList(request, reply, id, {}, error);
      }
    }
    await this.screening.run(id, actor);
    this.pages.redirect(reply, `/organizer/competitions/${id}/applications?notice=screening_run`);
  }

  @Get('competitions/:id/screening/publish')
  @CompetitionMember(['organizer'])
  async confirmPublish(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const competition = await this.competitions.view(id, this.pages.actor(request), true);
    this.pages.render(
      reply,
      <PublishScreeningPage ctx={ctx} competition={competition} counts={await this.publishCounts(id)} />,
    );
  }

  @Post('competitions/:id/screening/publish')
  @CompetitionMember(['organizer'])
  async publish(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const actor = this.pages.actor(request);
    try {
      await this.screening.publish(id, actor);
      this.pages.redirect(reply, `/organizer/competitions/${id}/applications?notice=screening_published`);
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, () => null);
      const competition = await this.competitions.view(id, actor, true);
      this.pages.render(
        reply,
        <PublishScreeningPage
          ctx={ctx}
          competition={competition}
          counts={await this.publishCounts(id)}
          errors={errors}
        />,
        409,
      );
    }
  }

  /** Who will be told what: the decided applications by decision, and those still waiting for one. */
  private async publishCounts(competitionId: string): Promise<PublishCounts> {
    const count = async (status: string) =>
      (await this.journal.list(competitionId, { status, page: 1, pageSize: 1 } as ApplicationListQueryDto)).total;
    return {
      screenedIn: await count('screened_in'),
      screenedOut: await count('screened_out'),
      undecided: await count('submitted'),
    };
  }

  @Get('competitions/:id/applications/:applicationId/screening')
  @CompetitionMember(['organizer'])
  async showScreening(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Param('applicationId', uuidPipe) applicationId: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const parts = await this.screeningParts(request, id, applicationId);
    this.pages.render(
      reply,
      <ScreeningPage ctx={ctx} {...parts} form={screeningFormOf(parts.view)} notice={this.notice(ctx.t, notice)} />,
    );
  }

  @Post('competitions/:id/applications/:applicationId/screening')
  @CompetitionMember(['organizer'])
  async saveScreening(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Param('applicationId', uuidPipe) applicationId: string,
  ): Promise<void> {
    const body = request.body as FormBody;
    const actor = this.pages.actor(request);
    const parts = await this.screeningParts(request, id, applicationId);
    if (!parts.view) {
      const ctx = this.pages.context(request, reply);
      this.pages.render(reply, <ScreeningPage ctx={ctx} {...parts} form={screeningFormOf(null)} />, 409);
      return;
    }
    const view = parts.view;
    const form = this.formFrom(body, view);
    // Only the lines whose override changed are sent: an untouched one keeps who made it and when.
    const sent: string[] = [];
    const overrides: ScreeningOverrideDto[] = [];
    for (const line of view.lines) {
      const typed = form.overrides[line.rule];
      if (!typed || typed.verdict === '') continue;
      const passed = typed.verdict === 'pass';
      if (line.override && line.override.passed === passed && line.override.comment === typed.comment.trim()) continue;
      sent.push(line.rule);
      overrides.push({ rule: line.rule, passed, comment: typed.comment });
    }
    try {
      const dto = await validateInput(ScreeningDecisionDto, {
        decision: form.decision || undefined,
        comment: form.comment.trim() || undefined,
        overrides,
      });
      await this.screening.decide(applicationId, dto, actor);
      this.pages.redirect(
        reply,
        `/organizer/competitions/${id}/applications/${applicationId}/screening?notice=screening_saved`,
      );
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, (f) => {
        const m = /^overrides\[(\d+)\]\.(\w+)$/.exec(f);
        if (m) return sent[Number(m[1])] ? `${m[2] === 'comment' ? 'comment' : 'verdict'}_${sent[Number(m[1])]}` : null;
        return f === 'decision' || f === 'comment' ? f : null;
      });
      this.pages.render(reply, <ScreeningPage ctx={ctx} {...parts} form={form} errors={errors} />, 400);
    }
  }

  /** The application in full, as the commission reads it plus what only the organizer sees. */
  @Get('competitions/:id/applications/:applicationId')
  @CompetitionMember(['organizer'])
  async showApplication(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Param('applicationId', uuidPipe) applicationId: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const actor = this.pages.actor(request);
    const application = await this.applications.get(applicationId, actor);
    if (application.competitionId !== id) throw new NotFoundAppException('application');
    const competition = await this.competitions.view(id, actor, true);
    const territory = application.territoryCode ? await this.territories.find(application.territoryCode) : null;
    const territoryName = territory ? (ctx.locale === 'ru' ? territory.nameRu : territory.nameKk) : null;
    this.pages.render(
      reply,
      <OrganizerApplicationPage
        ctx={ctx}
        competition={competition}
        application={application}
        rulebook={competition.rulebook}
        territoryName={territoryName ?? application.territoryCode}
      />,
    );
  }

  /** The competition, the application (only one of this competition: another's is not found) and its checklist. */
  private async screeningParts(request: WebRequest, competitionId: string, applicationId: string) {
    const actor = this.pages.actor(request);
    if ((await this.applications.competitionIdOf(applicationId)) !== competitionId) {
      throw new NotFoundAppException('application');
    }
    const competition = await this.competitions.view(competitionId, actor, true);
    const application = await this.applications.load(applicationId, actor, 'read', this.db.manager);
    // Before screening has been run there is no checklist yet: the page says so instead of "not found".
    const view: ChecklistView | null = await this.screening.get(applicationId, actor).catch((error: unknown) => {
      if (error instanceof NotFoundAppException) return null;
      throw error;
    });
    return {
      competition,
      application: { id: application.id, number: application.number, title: application.title },
      view,
    };
  }

  private formFrom(body: FormBody, view: ChecklistView): ScreeningForm {
    const overrides: ScreeningForm['overrides'] = {};
    for (const rule of SCREENING_RULES) {
      if (!view.lines.some((l) => l.rule === rule)) continue;
      const verdict = field(body, `verdict_${rule}`);
      overrides[rule] = {
        verdict: verdict === 'pass' || verdict === 'fail' ? verdict : '',
        comment: field(body, `comment_${rule}`),
      };
    }
    return { overrides, decision: field(body, 'decision'), comment: field(body, 'comment') };
  }

  private notice(t: (key: string) => string, notice: string | undefined): string | undefined {
    return NOTICES.find((n) => n === notice) ? t(`pages.organizer.notice_${notice}`) : undefined;
  }
}
