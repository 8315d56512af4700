import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { toZonedIso, zonedLocalToUtc } from '../../../../libs/kz';
import { AppException } from '../../../common/errors/app.exception';
import { uuidPipe } from '../../../common/validation/uuid.pipe';
import { CompetitionMember } from '../../../modules/access/access.decorators';
import { AllocationErrorCode } from '../../../modules/allocation/allocation.exception';
import { AllocationService } from '../../../modules/allocation/allocation.service';
import { CancelDrawDto, PrepareDrawDto, RunDrawDto } from '../../../modules/allocation/dto/draw.dto';
import { ApplicationListQueryDto } from '../../../modules/applications/dto/application-list.dto';
import { RegistrationJournalService } from '../../../modules/applications/use-cases/registration-journal/registration-journal.service';
import { CompetitionsService } from '../../../modules/competitions/competitions.service';
import { TerritoriesService } from '../../../modules/territories/territories.service';
import { FormErrors, formErrorsFrom, NO_ERRORS } from '../../core/forms';
import type { PageContext } from '../../core/page-context';
import { validateInput } from '../../core/validate';
import { WebController } from '../../core/web-controller.decorator';
import { WebPages } from '../../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../../core/web-request';
import type { DrawBalance, PublishedDraw } from '../../public/draw-page.view';
import { DrawAdminPage, EMPTY_PREPARE, PrepareForm } from './draw-admin.view';
import { CeremonyForm, CeremonyPage } from './draw-ceremony.view';
import { ceremonyPath, DrawState, DrawTeam, drawPath } from './draw-parts';

const PAGE_SIZE = 100;
/** At most this many applications are read for the titles (a youth competition has a few dozen teams). */
const MAX_PAGES = 50;
const DRAW_NOTICES = ['prepared', 'already_prepared', 'cancelled'] as const;
const CEREMONY_NOTICES = ['drawn', 'already_drawn'] as const;

function hasCode(error: unknown, code: AllocationErrorCode): boolean {
  return error instanceof AppException && error.code === code;
}

/** The status a refused form answers with: the service's own (400 bad input, 409 wrong state). */
function statusOf(error: unknown): number {
  return error instanceof AppException && error.status < 500 ? error.status : 400;
}

/**
 * The organizer's draw pages (LOTTERY.md): prepare (freeze the shortlist, publish the
 * commitment), the ceremony for a projector (type the public entropy, draw once, show every
 * arm), cancel with a reason. Same AllocationService, DTOs and access rule as the API.
 */
@WebController('organizer')
export class DrawCeremonyPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly allocation: AllocationService,
    private readonly competitions: CompetitionsService,
    private readonly journal: RegistrationJournalService,
    private readonly territories: TerritoriesService,
  ) {}

  @Get('competitions/:id/draw')
  @CompetitionMember(['organizer'])
  async show(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const state = await this.state(request, id, ctx);
    this.pages.render(
      reply,
      <DrawAdminPage
        ctx={ctx}
        state={state}
        offset={this.offsetOf(state, ctx)}
        notice={this.notice(ctx, DRAW_NOTICES, notice)}
      />,
    );
  }

  @Post('competitions/:id/draw/prepare')
  @CompetitionMember(['organizer'])
  async prepare(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const body = request.body as FormBody;
    const values: PrepareForm = {
      announcedDate: field(body, 'announcedDate').trim(),
      announcedTime: field(body, 'announcedTime').trim(),
    };
    const ctx = this.pages.context(request, reply);
    const competition = await this.competitions.view(id, this.pages.actor(request), true);
    let errors: FormErrors;
    let status = 400;
    const local = this.announcedAt(values, competition.timeZone);
    if (local.problem) {
      errors = NO_ERRORS.with('announcedAt', ctx.t(`pages.drawadmin.${local.problem}`));
    } else {
      try {
        const dto = await validateInput(PrepareDrawDto, local.value ? { announcedAt: local.value } : {});
        await this.allocation.prepare(id, dto, this.pages.actor(request));
        return this.pages.redirect(reply, `${drawPath(id)}?notice=prepared`);
      } catch (error) {
        // A second click (or another organizer first): the draw is prepared once, shown as it is.
        if (hasCode(error, AllocationErrorCode.DRAW_ALREADY_PREPARED)) {
          return this.pages.redirect(reply, `${drawPath(id)}?notice=already_prepared`);
        }
        errors = formErrorsFrom(error, ctx, (f) => (f === 'announcedAt' ? 'announcedAt' : null));
        status = statusOf(error);
      }
    }
    const state = await this.state(request, id, ctx);
    this.pages.render(
      reply,
      <DrawAdminPage ctx={ctx} state={state} offset={this.offsetOf(state, ctx)} prepare={{ values, errors }} />,
      status,
    );
  }

  @Post('competitions/:id/draw/cancel')
  @CompetitionMember(['organizer'])
  async cancel(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const reason = field(request.body as FormBody, 'reason').trim();
    const ctx = this.pages.context(request, reply);
    try {
      const dto = await validateInput(CancelDrawDto, { reason });
      await this.allocation.cancel(id, dto, this.pages.actor(request));
      return this.pages.redirect(reply, `${drawPath(id)}?notice=cancelled`);
    } catch (error) {
      const errors = formErrorsFrom(error, ctx, (f) => (f === 'reason' ? 'reason' : null));
      const state = await this.state(request, id, ctx);
      this.pages.render(
        reply,
        <DrawAdminPage
          ctx={ctx}
          state={state}
          offset={this.offsetOf(state, ctx)}
          // The typed reason stays while the draw is still prepared; otherwise the summary says why.
          cancel={state.record?.status === 'prepared' ? { values: { reason }, errors } : undefined}
          errors={state.record?.status === 'prepared' ? undefined : errors}
          prepare={{ values: EMPTY_PREPARE, errors: NO_ERRORS }}
        />,
        statusOf(error),
      );
    }
  }

  @Get('competitions/:id/draw/ceremony')
  @CompetitionMember(['organizer'])
  async ceremony(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const state = await this.state(request, id, ctx);
    this.pages.render(
      reply,
      <CeremonyPage
        ctx={ctx}
        state={state}
        notice={this.notice(ctx, CEREMONY_NOTICES, notice)}
        reveal={notice === 'drawn'}
      />,
    );
  }

  @Post('competitions/:id/draw/ceremony')
  @CompetitionMember(['organizer'])
  async run(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const body = request.body as FormBody;
    const values: CeremonyForm = {
      // Spaces around the numbers are not part of them; everything between is kept as typed.
      publicEntropy: field(body, 'publicEntropy').trim(),
      noEntropy: field(body, 'noEntropy') === 'on',
    };
    const ctx = this.pages.context(request, reply);
    let errors: FormErrors;
    let status = 400;
    if (values.publicEntropy === '' && !values.noEntropy) {
      // An empty entropy is allowed (LOTTERY.md), but never by a stray press of the big button.
      errors = NO_ERRORS.with('publicEntropy', ctx.t('pages.drawadmin.entropy_missing'));
    } else {
      try {
        const dto = await validateInput(RunDrawDto, { publicEntropy: values.publicEntropy });
        await this.allocation.run(id, dto, this.pages.actor(request));
        return this.pages.redirect(reply, `${ceremonyPath(id)}?notice=drawn`);
      } catch (error) {
        // A double click or a refreshed POST: the draw happened once and is shown as it is.
        if (hasCode(error, AllocationErrorCode.DRAW_ALREADY_DONE)) {
          return this.pages.redirect(reply, `${ceremonyPath(id)}?notice=already_drawn`);
        }
        errors = formErrorsFrom(error, ctx, (f) => (f === 'publicEntropy' ? 'publicEntropy' : null));
        status = statusOf(error);
      }
    }
    const state = await this.state(request, id, ctx);
    this.pages.render(reply, <CeremonyPage ctx={ctx} state={state} form={{ values, errors }} />, status);
  }

  /** The typed local date and time as an instant with the zone's offset; a problem when they do not make one. */
  private announcedAt(
    values: PrepareForm,
    timeZone: string,
  ): { value?: string; problem?: 'announced_incomplete' | 'announced_invalid' } {
    const { announcedDate: date, announcedTime: time } = values;
    if (!date && !time) return {};
    if (!date || !time) return { problem: 'announced_incomplete' };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return { problem: 'announced_invalid' };
    try {
      return { value: toZonedIso(zonedLocalToUtc(`${date}T${time}`, timeZone), timeZone) };
    } catch {
      return { problem: 'announced_invalid' };
    }
  }

  /** "UTC+05:00": the offset of the competition's zone now, beside the time inputs. */
  private offsetOf(state: DrawState, ctx: PageContext): string {
    return `UTC${toZonedIso(ctx.now, state.competition.timeZone).slice(19)}`;
  }

  private notice(ctx: PageContext, known: readonly string[], notice: string | undefined): string | undefined {
    return notice && known.includes(notice) ? ctx.t(`pages.drawadmin.notice_${notice}`) : undefined;
  }

  /** The competition, its draw (if one is prepared or done), and what the pages show beside it. */
  private async state(request: WebRequest, id: string, ctx: PageContext): Promise<DrawState> {
    const competition = await this.competitions.view(id, this.pages.actor(request), true);
    const rules = competition.rulebook.draw;
    const state: DrawState = {
      competition,
      hasDraw: !!rules,
      record: null,
      balance: null,
      pool: [],
      titles: {},
      stratumNames: {},
      armMeaning: Object.fromEntries(
        Object.entries(rules?.armMeaning ?? {}).map(([code, text]) => [code, text?.[ctx.locale] ?? '']),
      ),
    };
    if (!rules) return state;
    try {
      state.record = (await this.allocation.record(id)) as PublishedDraw;
    } catch (error) {
      // No prepared draw (never prepared, or the last one cancelled) is the service's 404.
      if (!(error instanceof AppException) || error.status !== 404) throw error;
    }
    if (state.record) {
      state.titles = await this.titles(id, new Set(state.record.pool.map((e) => e.applicationNumber)));
      if (state.record.status === 'drawn') state.balance = (await this.allocation.balance(id)) as DrawBalance;
    } else {
      state.pool = await this.shortlist(id);
      state.titles = Object.fromEntries(state.pool.map((t) => [t.number, t.title]));
    }
    const byRegion = !state.record || state.record.stratumAttribute === 'region';
    if (byRegion) {
      state.stratumNames = Object.fromEntries((await this.territories.list()).map((t) => [t.code, t.name[ctx.locale]]));
    }
    return state;
  }

  /**
   * The shortlist the draw would freeze now, each team with the stratum the service gives it
   * (the region of the project's territory: the territory's parent, or the territory itself).
   */
  private async shortlist(competitionId: string): Promise<DrawTeam[]> {
    const rows = await this.listAll(competitionId, 'shortlisted');
    const regionOf = new Map<string, string>();
    for (const code of new Set(rows.map((r) => r.territoryCode).filter((c): c is string => !!c))) {
      regionOf.set(code, (await this.territories.find(code))?.parentCode ?? code);
    }
    return rows
      .filter((r) => r.number)
      .map((r) => ({
        number: r.number!,
        title: r.title ?? '',
        stratum: r.territoryCode ? (regionOf.get(r.territoryCode) ?? r.territoryCode) : 'NONE',
      }));
  }

  /** The project titles of the drawn applications, by number. */
  private async titles(competitionId: string, numbers: Set<string>): Promise<Record<string, string>> {
    const titles: Record<string, string> = {};
    for (const row of await this.listAll(competitionId, undefined, numbers)) {
      if (row.number && numbers.has(row.number)) titles[row.number] = row.title ?? '';
    }
    return titles;
  }

  /** The competition's applications (of a status), page after page, until every wanted number is found. */
  private async listAll(competitionId: string, status?: string, wanted?: Set<string>) {
    const rows: Awaited<ReturnType<RegistrationJournalService['list']>>['items'] = [];
    let found = 0;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const query = await validateInput(ApplicationListQueryDto, { status, page, pageSize: PAGE_SIZE });
      const result = await this.journal.list(competitionId, query);
      rows.push(...result.items);
      if (wanted) found += result.items.filter((r) => r.number && wanted.has(r.number)).length;
      if (result.items.length < PAGE_SIZE || (wanted && found >= wanted.size)) break;
    }
    return rows;
  }
}
