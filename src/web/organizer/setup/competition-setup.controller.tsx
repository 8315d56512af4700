import { randomUUID } from 'node:crypto';
import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { AppException, CommonErrorCode } from '../../../common/errors/app.exception';
import { uuidPipe } from '../../../common/validation/uuid.pipe';
import { CompetitionMember, SignedIn } from '../../../modules/access/access.decorators';
import { CompetitionsErrorCode } from '../../../modules/competitions/competitions.exception';
import { CompetitionsService, CompetitionView } from '../../../modules/competitions/competitions.service';
import { CreateCompetitionDto, UpdateCompetitionDto } from '../../../modules/competitions/dto/competition.dto';
import { IdempotencyService, requestHash } from '../../../modules/idempotency/idempotency.service';
import { OrganizationsService } from '../../../modules/organizations/organizations.service';
import { TerritoriesService } from '../../../modules/territories/territories.service';
import { FormErrors, formErrorsFrom, NO_ERRORS } from '../../core/forms';
import type { PageContext } from '../../core/page-context';
import { validateInput } from '../../core/validate';
import { WebController } from '../../core/web-controller.decorator';
import { WebPages } from '../../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../../core/web-request';
import { applyTrancheAction, TRANCHE_ACTION } from './money-tranches';
import { SectionExtras, SectionPage } from './section-views';
import {
  alreadySaved,
  basicsUpdate,
  eligibilityUpdate,
  FormValues,
  formValues,
  inputFor,
  instantFrom,
  localParts,
  moneyUpdate,
  OWN_SECTIONS,
  OwnSection,
  SECTION_INPUTS,
  SECTION_VALUES,
  SectionUpdate,
  sectionOf,
  territoriesUpdate,
  valueOf,
} from './setup-forms';
import { competitionPath } from './setup-parts';
import {
  DeadlinePage,
  NewCompetitionPage,
  NotOrganizerPage,
  OpenConfirmationPage,
  OpeningProblem,
  RulesOverviewPage,
} from './setup-views';

const NOTICES = ['created', 'opened', 'deadline_moved'] as const;
const CREATE_ROUTE = '/organizer/competitions/new';
/** A double-clicked "create" waits this long for the first click's competition before saying "try again". */
const CREATE_WAIT_MS = 10_000;

const UPDATES: Record<OwnSection, (values: FormValues, timeZone: string) => SectionUpdate> = {
  basics: basicsUpdate,
  eligibility: eligibilityUpdate,
  money: moneyUpdate,
  territories: territoriesUpdate,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The organizer's set-up pages: create a competition from a template, its rules as a form
 * (an overview in plain words and one page per section), open it (confirming the warnings
 * the territory gives), and move its deadline later once open. Every write goes through
 * CompetitionsService with the API's own DTOs, so the pages refuse what the API refuses.
 */
@WebController('organizer')
export class CompetitionSetupPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly competitions: CompetitionsService,
    private readonly organizations: OrganizationsService,
    private readonly territories: TerritoriesService,
    private readonly idempotency: IdempotencyService,
  ) {}

  // ---- create from a template ----

  @Get('competitions/new')
  @SignedIn()
  async newForm(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const actor = this.pages.actor(request);
    try {
      await this.competitions.assertCanCreate(actor);
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const message = formErrorsFrom(error, ctx).items[0]?.message ?? '';
      return this.pages.render(reply, <NotOrganizerPage ctx={ctx} message={message} />, 403);
    }
    await this.renderCreate(request, reply, { requestKey: randomUUID() }, NO_ERRORS);
  }

  /**
   * The form carries a one-time key: a double click, a reload of the answer or a retry on a
   * bad connection replays the first creation (the API's Idempotency-Key store, per person)
   * instead of making a second competition.
   */
  @Post('competitions/new')
  @SignedIn()
  async create(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const actor = this.pages.actor(request);
    const values = formValues(request.body as FormBody);
    if (!valueOf(values, 'templateCode')) {
      return this.renderCreate(
        request,
        reply,
        values,
        new FormErrors().with('templateCode', ctx.t('pages.setup.create_choose')),
      );
    }
    const plain = {
      templateCode: valueOf(values, 'templateCode'),
      title: { kk: valueOf(values, 'title.kk'), ru: valueOf(values, 'title.ru') },
      organizerOrganizationId: valueOf(values, 'organizerOrganizationId') || undefined,
    };
    const key = valueOf(values, 'requestKey');
    const claimKey = /^[0-9a-f-]{36}$/.test(key) ? `web:new-competition:${key}` : null;
    let claimed = false;
    try {
      const dto = await validateInput(CreateCompetitionDto, plain);
      await this.competitions.assertCanCreate(actor);
      if (claimKey) {
        const replayed = await this.claimCreation(actor.userId!, claimKey, requestHash('POST', CREATE_ROUTE, plain));
        if (replayed) return this.pages.redirect(reply, competitionPath(replayed, '/rules?notice=created'));
        claimed = true;
      }
      const created = await this.competitions.create(dto, actor);
      if (claimKey) await this.idempotency.complete(actor.userId!, claimKey, 303, { id: created.id });
      this.pages.redirect(reply, competitionPath(created.id, '/rules?notice=created'));
    } catch (error) {
      if (claimed && claimKey) await this.idempotency.release(actor.userId!, claimKey);
      if (error instanceof AppException && error.code === CommonErrorCode.IDEMPOTENCY_KEY_REUSED) {
        // This form already made a competition with other values: a new key lets the person send it again on purpose.
        const again = { ...values, requestKey: randomUUID() };
        return this.renderCreate(
          request,
          reply,
          again,
          new FormErrors().with('', ctx.t('pages.setup.create_already_sent')),
        );
      }
      const errors = formErrorsFrom(error, ctx, (f) =>
        ['templateCode', 'title.kk', 'title.ru', 'organizerOrganizationId'].includes(f)
          ? f
          : f === 'title'
            ? 'title.kk'
            : null,
      );
      await this.renderCreate(request, reply, values, errors, error instanceof AppException ? error.status : 400);
    }
  }

  /** The competition a repeated form already created, or null once this request holds the key. */
  private async claimCreation(userId: string, key: string, hash: string): Promise<string | null> {
    const until = Date.now() + CREATE_WAIT_MS;
    for (;;) {
      try {
        const claim = await this.idempotency.claim(userId, key, hash);
        return claim.kind === 'replay' ? (claim.body as { id: string }).id : null;
      } catch (error) {
        // The first click is still creating it: wait for its answer rather than refuse the second.
        const inFlight = error instanceof AppException && error.code === CommonErrorCode.IDEMPOTENCY_IN_FLIGHT;
        if (!inFlight || Date.now() > until) throw error;
        await sleep(100);
      }
    }
  }

  private async renderCreate(
    request: WebRequest,
    reply: WebReply,
    values: FormValues,
    errors: FormErrors,
    status = 400,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const organizations = await this.organizations.mine(ctx.user!.id);
    this.pages.render(
      reply,
      <NewCompetitionPage
        ctx={ctx}
        templates={this.competitions.templates()}
        organizations={organizations.map((o) => ({ id: o.id, name: o.name }))}
        values={values}
        errors={errors}
      />,
      errors.any ? status : 200,
    );
  }

  // ---- the rules: overview and sections ----

  @Get('competitions/:id/rules')
  @CompetitionMember(['organizer'])
  async overview(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') notice?: string,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const competition = await this.competitions.view(id, this.pages.actor(request), true);
    let text: string | undefined;
    if (NOTICES.some((n) => n === notice)) text = ctx.t(`pages.setup.notice.${notice}`);
    if (OWN_SECTIONS.some((s) => s === saved)) {
      text = ctx.t('pages.setup.notice.saved', { section: ctx.t(`pages.setup.section.${saved}`) });
    }
    await this.renderOverview(ctx, reply, competition, { notice: text });
  }

  private async renderOverview(
    ctx: PageContext,
    reply: WebReply,
    competition: CompetitionView,
    options: { notice?: string; problems?: OpeningProblem[]; status?: number },
  ): Promise<void> {
    const territories = await this.territories.namesOf(competition.rulebook.territory.scope);
    const organization = await this.competitions.organizerOf(competition);
    this.pages.render(
      reply,
      <RulesOverviewPage
        ctx={ctx}
        competition={competition}
        names={{ territories, organization: organization?.name ?? null }}
        notice={options.notice}
        problems={options.problems}
      />,
      options.status ?? 200,
    );
  }

  @Get('competitions/:id/rules/basics')
  @CompetitionMember(['organizer'])
  showBasics(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    return this.showSection(request, reply, id, 'basics');
  }

  @Post('competitions/:id/rules/basics')
  @CompetitionMember(['organizer'])
  saveBasics(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    return this.saveSection(request, reply, id, 'basics');
  }

  @Get('competitions/:id/rules/eligibility')
  @CompetitionMember(['organizer'])
  showEligibility(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    return this.showSection(request, reply, id, 'eligibility');
  }

  @Post('competitions/:id/rules/eligibility')
  @CompetitionMember(['organizer'])
  saveEligibility(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    return this.saveSection(request, reply, id, 'eligibility');
  }

  @Get('competitions/:id/rules/money')
  @CompetitionMember(['organizer'])
  showMoney(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    return this.showSection(request, reply, id, 'money');
  }

  @Post('competitions/:id/rules/money')
  @CompetitionMember(['organizer'])
  saveMoney(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    return this.saveSection(request, reply, id, 'money');
  }

  @Get('competitions/:id/rules/territories')
  @CompetitionMember(['organizer'])
  showTerritories(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    return this.showSection(request, reply, id, 'territories');
  }

  @Post('competitions/:id/rules/territories')
  @CompetitionMember(['organizer'])
  saveTerritories(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    return this.saveSection(request, reply, id, 'territories');
  }

  private async showSection(request: WebRequest, reply: WebReply, id: string, section: OwnSection): Promise<void> {
    const competition = await this.competitions.view(id, this.pages.actor(request), true);
    await this.renderSection(request, reply, competition, section, SECTION_VALUES[section](competition), NO_ERRORS);
  }

  private async saveSection(request: WebRequest, reply: WebReply, id: string, section: OwnSection): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const actor = this.pages.actor(request);
    let values = formValues(request.body as FormBody);
    const competition = await this.competitions.view(id, actor, true);
    // A tranche row added or removed: the form again with the rows changed, nothing saved yet.
    const trancheAction = section === 'money' ? valueOf(values, TRANCHE_ACTION) : '';
    if (trancheAction) {
      values = applyTrancheAction(values, trancheAction);
      return this.renderSection(request, reply, competition, section, values, NO_ERRORS);
    }
    const update = UPDATES[section](values, competition.timeZone);
    // The organization already named (perhaps by an administrator, whom the organizer need not represent) is not re-sent.
    if (update.plain.organizerOrganizationId === competition.organizerOrganizationId) {
      delete update.plain.organizerOrganizationId;
    }
    if (update.ownProblems.length > 0) {
      const errors = new FormErrors(update.ownProblems.map((p) => ({ field: p.field, message: ctx.t(p.key) })));
      return this.renderSection(request, reply, competition, section, values, errors, 400);
    }
    try {
      const dto = await validateInput(UpdateCompetitionDto, update.plain);
      await this.competitions.update(id, dto, actor);
      this.pages.redirect(reply, competitionPath(id, `/rules?saved=${section}`));
    } catch (error) {
      if (error instanceof AppException && error.code === CommonErrorCode.VERSION_CONFLICT) {
        const current = await this.competitions.view(id, actor, true);
        // The same save sent twice (a double click): the first one already says what this one asks.
        if (alreadySaved(current, update.plain)) {
          return this.pages.redirect(reply, competitionPath(id, `/rules?saved=${section}`));
        }
        const errors = new FormErrors([{ field: '', message: ctx.t('pages.setup.conflict') }]);
        return this.renderSection(request, reply, current, section, SECTION_VALUES[section](current), errors, 409);
      }
      const errors = this.sectionErrors(error, ctx, section);
      const status = error instanceof AppException ? error.status : 400;
      await this.renderSection(request, reply, competition, section, values, errors, status);
    }
  }

  /**
   * The service's problems at the section's inputs; a problem of another section (the whole
   * rulebook is checked) is shown at the top, saying which section to fix.
   */
  private sectionErrors(error: unknown, ctx: PageContext, section: OwnSection): FormErrors {
    const raw = formErrorsFrom(error, ctx);
    return new FormErrors(
      raw.items.map((item) => {
        if (!item.field) return item;
        const input = inputFor(item.field, SECTION_INPUTS[section]);
        if (input) return { field: input, message: item.message };
        const other = sectionOf(item.field);
        return {
          field: '',
          message: other ? `${ctx.t(`pages.setup.section.${other}`)}: ${item.message}` : item.message,
        };
      }),
    );
  }

  private async renderSection(
    request: WebRequest,
    reply: WebReply,
    competition: CompetitionView,
    section: OwnSection,
    values: FormValues,
    errors: FormErrors,
    status = 400,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    this.pages.render(
      reply,
      <SectionPage
        ctx={ctx}
        competition={competition}
        section={section}
        values={values}
        errors={errors}
        extras={await this.extrasFor(ctx, competition, section)}
      />,
      errors.any ? status : 200,
    );
  }

  private async extrasFor(ctx: PageContext, competition: CompetitionView, section: OwnSection): Promise<SectionExtras> {
    if (section === 'basics') {
      const mine = (await this.organizations.mine(ctx.user!.id)).map((o) => ({ id: o.id, name: o.name }));
      const current = competition.organizerOrganizationId;
      if (current && !mine.some((o) => o.id === current)) {
        // Set by someone else (another organizer, an administrator): kept, named, not lost by saving.
        const organization = await this.competitions.organizerOf(competition);
        mine.unshift({ id: current, name: organization?.name ?? current });
      }
      return { organizations: mine };
    }
    if (section === 'territories') {
      const regions = await this.territories.list();
      return {
        regions: await Promise.all(
          regions.map(async (r) => ({
            code: r.code,
            name: r.name,
            districts: (await this.territories.list(r.code)).map((d) => ({ code: d.code, name: d.name })),
          })),
        ),
      };
    }
    return {};
  }

  // ---- open ----

  @Post('competitions/:id/open')
  @CompetitionMember(['organizer'])
  async open(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const actor = this.pages.actor(request);
    const acknowledgeWarnings = field(request.body as FormBody, 'acknowledgeWarnings') === 'yes';
    try {
      await this.competitions.open(id, actor, { acknowledgeWarnings });
      this.pages.redirect(reply, competitionPath(id, '/rules?notice=opened'));
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const competition = await this.competitions.view(id, actor, true);
      if (!(error instanceof AppException)) throw error;
      if (error.code === CompetitionsErrorCode.OPENING_NEEDS_CONFIRMATION) {
        const p = await this.competitions.proposals(id, actor);
        const name = (n: { kk: string; ru: string }) => (ctx.locale === 'ru' ? n.ru : n.kk);
        return this.pages.render(
          reply,
          <OpenConfirmationPage
            ctx={ctx}
            competition={competition}
            proposals={{
              warnings: p.warnings.map((w) => w.message),
              districts: p.territories.map((t) => name(t.name)),
              proposedWinners: p.proposed?.winners ?? null,
              proposedFund: p.proposed?.totalFund ?? null,
              currentWinners: p.current.winners,
              currentFund: p.current.totalFund,
            }}
          />,
          409,
        );
      }
      // Sent twice: the first one opened it.
      if (error.code === CompetitionsErrorCode.TRANSITION_NOT_ALLOWED && competition.status === 'open') {
        return this.pages.redirect(reply, competitionPath(id, '/rules?notice=opened'));
      }
      const problems: OpeningProblem[] = formErrorsFrom(error, ctx).items.map((item) => {
        const section = item.field ? sectionOf(item.field) : null;
        const own = OWN_SECTIONS.find((s) => s === section);
        return { section, input: own ? inputFor(item.field, SECTION_INPUTS[own]) : null, message: item.message };
      });
      await this.renderOverview(ctx, reply, competition, { problems, status: error.status });
    }
  }

  // ---- move the deadline (open competitions) ----

  @Get('competitions/:id/deadline')
  @CompetitionMember(['organizer'])
  async showDeadline(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    const competition = await this.competitions.view(id, this.pages.actor(request), true);
    this.renderDeadline(request, reply, competition, this.deadlineValues(competition), NO_ERRORS);
  }

  @Post('competitions/:id/deadline')
  @CompetitionMember(['organizer'])
  async moveDeadline(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    const ctx = this.pages.context(request, reply);
    const actor = this.pages.actor(request);
    const values = formValues(request.body as FormBody);
    const competition = await this.competitions.view(id, actor, true);
    const deadline = instantFrom(
      valueOf(values, 'submissionDeadline.date'),
      valueOf(values, 'submissionDeadline.time'),
      competition.timeZone,
    );
    if (deadline === 'missing' || deadline === 'invalid') {
      const key = deadline === 'missing' ? 'pages.setup.deadline_missing' : 'pages.setup.deadline_invalid';
      const errors = new FormErrors().with('submissionDeadline', ctx.t(key));
      return this.renderDeadline(request, reply, competition, values, errors, 400);
    }
    const plain = {
      version: Number(valueOf(values, 'version')) || valueOf(values, 'version'),
      submissionDeadline: deadline,
    };
    try {
      const dto = await validateInput(UpdateCompetitionDto, plain);
      await this.competitions.update(id, dto, actor);
      this.pages.redirect(reply, competitionPath(id, '/rules?notice=deadline_moved'));
    } catch (error) {
      if (error instanceof AppException && error.code === CommonErrorCode.VERSION_CONFLICT) {
        const current = await this.competitions.view(id, actor, true);
        if (alreadySaved(current, plain)) {
          return this.pages.redirect(reply, competitionPath(id, '/rules?notice=deadline_moved'));
        }
        const errors = new FormErrors([{ field: '', message: ctx.t('pages.setup.conflict') }]);
        return this.renderDeadline(request, reply, current, this.deadlineValues(current), errors, 409);
      }
      const errors = formErrorsFrom(error, ctx, (f) => (f === 'submissionDeadline' ? f : null));
      const status = error instanceof AppException ? error.status : 400;
      this.renderDeadline(request, reply, competition, values, errors, status);
    }
  }

  private deadlineValues(competition: CompetitionView): FormValues {
    const parts = localParts(competition.submissionDeadline, competition.timeZone);
    return {
      version: String(competition.version),
      'submissionDeadline.date': parts.date,
      'submissionDeadline.time': parts.time,
    };
  }

  private renderDeadline(
    request: WebRequest,
    reply: WebReply,
    competition: CompetitionView,
    values: FormValues,
    errors: FormErrors,
    status = 400,
  ): void {
    const ctx = this.pages.context(request, reply);
    this.pages.render(
      reply,
      <DeadlinePage ctx={ctx} competition={competition} values={values} errors={errors} />,
      errors.any ? status : 200,
    );
  }
}
