import { Get, Param, Query, Req, Res } from '@nestjs/common';
import type { DrawRecord } from '../../../libs/lottery';
import { AppException } from '../../common/errors/app.exception';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { Public } from '../../modules/access/access.decorators';
import { AllocationService } from '../../modules/allocation/allocation.service';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import { ResultsService } from '../../modules/scoring/results.service';
import { ScreeningService } from '../../modules/screening/screening.service';
import { TerritoriesService } from '../../modules/territories/territories.service';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import type { WebReply, WebRequest } from '../core/web-request';
import { CompetitionPage } from './competition.page';
import { HomePage, PastOutcome } from './home.page';

/** Notices another page may send the home page to (`/?notice=signed_out`); anything else shows nothing. */
const HOME_NOTICES: Record<string, string> = {
  signed_out: 'pages.account.notice_signed_out',
  session_ended: 'pages.account.notice_session_ended',
};

const OPEN_PAGE_SIZE = 20;
const PAST_PAGE_SIZE = 10;

function pageNumber(value: string | undefined): number {
  return value && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : 1;
}

/** What anyone reads without an account: the competitions, each competition's rules and its published outcome. */
@WebController()
export class PublicPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly competitions: CompetitionsService,
    private readonly screening: ScreeningService,
    private readonly results: ResultsService,
    private readonly allocation: AllocationService,
    private readonly territories: TerritoriesService,
  ) {}

  @Get()
  @Public()
  async home(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Query('notice') notice?: string,
    @Query('open') openPage?: string,
    @Query('past') pastPage?: string,
  ): Promise<void> {
    await this.pages.renderPublic(request, reply, async (ctx) => {
      const [open, past] = await Promise.all([
        this.competitions.listPublic('open', { page: pageNumber(openPage), pageSize: OPEN_PAGE_SIZE }),
        this.competitions.listPublic('past', { page: pageNumber(pastPage), pageSize: PAST_PAGE_SIZE }),
      ]);
      const pastIds = past.items.map((c) => c.id);
      const [screening, results, names] = await Promise.all([
        this.screening.publishedCounts(pastIds),
        this.results.publishedSummaries(pastIds),
        this.territories.namesOf([...open.items, ...past.items].flatMap((c) => c.rulebook.territory.scope)),
      ]);
      const outcomes = new Map<string, PastOutcome>(
        pastIds.map((id) => [id, { screening: screening.get(id) ?? null, results: results.get(id) ?? null }]),
      );
      const key = typeof notice === 'string' ? HOME_NOTICES[notice] : undefined;
      return <HomePage ctx={ctx} data={{ open, past, outcomes, names, notice: key ? ctx.t(key) : undefined }} />;
    });
  }

  /**
   * Drafts exist only for their organizers (the service answers "not found" to anyone else,
   * and the page layer shows the 404 page); an unknown or malformed id is not found either.
   */
  @Get('competitions/:id')
  @Public()
  async competition(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
  ): Promise<void> {
    await this.pages.renderPublic(request, reply, async (ctx) => {
      const competition = await this.competitions.view(id, ctx.user ? this.pages.actor(request) : null);
      const rulebook = competition.rulebook;
      const [screening, results, draw] = await Promise.all([
        this.screening.publishedCounts([id]).then((counts) => counts.get(id) ?? null),
        this.results.publishedResults(id),
        rulebook.draw ? this.drawRecord(id) : Promise.resolve(null),
      ]);
      const names = await this.territories.namesOf([
        ...rulebook.territory.scope,
        ...(results?.rows ?? []).flatMap((r) => (r.territoryCode ? [r.territoryCode] : [])),
      ]);
      return <CompetitionPage ctx={ctx} data={{ competition, names, screening, results, draw }} />;
    });
  }

  /** The results e-mail links here: the competition's page, at its results. */
  @Get('competitions/:id/results')
  @Public()
  resultsLink(@Res() reply: WebReply, @Param('id', uuidPipe) id: string): void {
    this.pages.redirect(reply, `/competitions/${id}#results`);
  }

  /** The public draw record, or null before one is prepared. */
  private async drawRecord(competitionId: string): Promise<DrawRecord | null> {
    try {
      return await this.allocation.record(competitionId);
    } catch (error) {
      if (error instanceof AppException && error.status === 404) return null;
      throw error;
    }
  }
}
