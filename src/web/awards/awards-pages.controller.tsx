import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { AppException, NotFoundAppException } from '../../common/errors/app.exception';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember, Public, SignedIn } from '../../modules/access/access.decorators';
import { readHandover } from '../../modules/awards/awards-http';
import { AwardsErrorCode } from '../../modules/awards/awards.exception';
import { AwardsOverview, AwardsService } from '../../modules/awards/awards.service';
import { SaveAwardDto } from '../../modules/awards/dto/award.dto';
import { FormErrors, formErrorsFrom, NO_ERRORS } from '../core/forms';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../core/web-request';
import {
  awardField,
  handoverField,
  NoAwardsPage,
  OrganizerAwardsPage,
  PublicWinnersPage,
  TypedAward,
} from './awards-views';
import { sendDocument, sendStoredFile } from '../../modules/files/download';

const NOTICES = ['saved', 'handed_over'] as const;
const API_FIELDS: Record<string, string> = {
  place: 'place',
  nomination: 'nomination',
  'prize.kk': 'prizeKk',
  'prize.ru': 'prizeRu',
  prize: 'prizeKk',
  amount: 'amount',
};

/** A whole number typed with spaces (`300 000`) as a number; anything else as typed, for the DTO to refuse. */
function numberOrText(value: string): number | string | undefined {
  const compact = value.replace(/[\s\u00a0]/g, '');
  if (compact === '') return undefined;
  return /^-?\d{1,12}$/.test(compact) ? Number(compact) : value;
}

function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * Awards pages: the organizer records winners' prizes, prints the winners list and the transfer
 * act, records the handover with the signed scan; anyone reads the winners list once the
 * results are published. The same service, DTOs and access rules as the awards API.
 */
@WebController()
export class AwardsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly awards: AwardsService,
  ) {}

  @Get('organizer/competitions/:id/awards')
  @CompetitionMember(['organizer'])
  async show(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const text = NOTICES.includes(notice as never) ? ctx.t(`pages.awards.notice_${notice}`) : null;
    await this.render(request, reply, id, { notice: text });
  }

  @Post('organizer/competitions/:id/awards')
  @CompetitionMember(['organizer'])
  async save(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const body = request.body as FormBody | undefined;
    const row = Math.max(1, Math.min(10_000, Number(field(body, 'row')) || 1));
    const typed: TypedAward = {
      row,
      place: field(body, awardField(row, 'place')),
      nomination: field(body, awardField(row, 'nomination')),
      prizeKk: field(body, awardField(row, 'prizeKk')),
      prizeRu: field(body, awardField(row, 'prizeRu')),
      amount: field(body, awardField(row, 'amount')),
    };
    try {
      const dto = await validateInput(SaveAwardDto, {
        applicationId: field(body, 'applicationId'),
        place: numberOrText(typed.place),
        nomination: typed.nomination || undefined,
        prize: { kk: typed.prizeKk, ru: typed.prizeRu },
        amount: numberOrText(typed.amount),
        version: numberOrText(field(body, 'version')),
      });
      await this.awards.save(id, dto, this.pages.actor(request));
      this.pages.redirect(reply, `/organizer/competitions/${id}/awards?notice=saved#winner-${row}`);
    } catch (error) {
      if (error instanceof AppException && error.status === 404) throw error;
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, (f) => (API_FIELDS[f] ? awardField(row, API_FIELDS[f]) : null));
      await this.render(request, reply, id, { errors, typed }, (error as AppException).status);
    }
  }

  /** Multipart: the CSRF token came in the query (the guard read it); the date, then the scan. */
  @Post('organizer/awards/:awardId/handover')
  @SignedIn()
  async handover(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('awardId', uuidPipe) awardId: string,
  ): Promise<void> {
    const actor = this.pages.actor(request);
    const { competitionId, applicationId } = await this.awards.locate(awardId, actor);
    try {
      const { dto, file } = await readHandover(request);
      await this.awards.handover(awardId, dto, file, actor);
      const row = await this.rowOf(competitionId, applicationId);
      this.pages.redirect(reply, `/organizer/competitions/${competitionId}/awards?notice=handed_over#winner-${row}`);
    } catch (error) {
      if (error instanceof AppException && error.status === 404) throw error;
      const ctx = this.pages.context(request, reply);
      const row = await this.rowOf(competitionId, applicationId);
      const at = (name: string) => handoverField(row, name);
      let errors = formErrorsFrom(error, ctx, (f) => (f === 'handedOverOn' ? at('handedOverOn') : at('file')));
      // A refused scan (its type, its size) is the file field's problem; a second handover the whole form's.
      if (error instanceof AppException && error.details.length === 0 && error.status !== 409)
        errors = new FormErrors(errors.items.map((e) => ({ ...e, field: at('file') })));
      if (error instanceof AppException && error.details.some((d) => d.field === 'file'))
        errors = new FormErrors([{ field: at('file'), message: ctx.t('pages.awards.choose_file') }]);
      await this.render(request, reply, competitionId, { errors }, (error as AppException).status);
    }
  }

  @Get('organizer/awards/:awardId/scan')
  @SignedIn()
  async scan(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('awardId', uuidPipe) awardId: string,
  ): Promise<void> {
    const file = await this.awards.scan(awardId, this.pages.actor(request));
    sendStoredFile(reply, file);
  }

  @Get('organizer/competitions/:id/winners-list.docx')
  @CompetitionMember(['organizer'])
  async winnersList(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('lang') lang?: string,
  ): Promise<void> {
    const locale = lang === 'kk' || lang === 'ru' ? lang : this.pages.context(request, reply).locale;
    const file = await this.awards.winnersList(id, locale, this.pages.actor(request));
    sendDocument(reply, {
      kind: 'docx',
      fileName: `winners-${id.slice(0, 8)}-${locale}.docx`,
      body: file,
      cache: 'private',
    });
  }

  @Get('organizer/competitions/:id/transfer-act.docx')
  @CompetitionMember(['organizer'])
  async transferAct(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('lang') lang?: string,
  ): Promise<void> {
    const locale = lang === 'kk' || lang === 'ru' ? lang : this.pages.context(request, reply).locale;
    sendDocument(reply, {
      kind: 'docx',
      fileName: `transfer-act-${id.slice(0, 8)}-${locale}.docx`,
      body: await this.awards.transferAct(id, locale),
      cache: 'private',
    });
  }

  /** The public winners list, once the results are published; "not found" before and for other competitions. */
  @Get('competitions/:id/winners')
  @Public()
  async winners(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const list = await this.awards.publicWinners(id);
    if (!list) throw new NotFoundAppException('winners');
    const ctx = this.pages.context(request, reply);
    this.pages.render(reply, <PublicWinnersPage ctx={ctx} competition={list.competition} winners={list.winners} />);
  }

  private async render(
    request: WebRequest,
    reply: WebReply,
    competitionId: string,
    state: { errors?: FormErrors; typed?: TypedAward; notice?: string | null },
    status?: number,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    let overview: AwardsOverview;
    try {
      overview = await this.awards.overview(competitionId);
    } catch (error) {
      // A grant or draw competition has no awards: say so on the page rather than a bare error.
      if (!(error instanceof AppException) || error.code !== AwardsErrorCode.NOT_AN_AWARD_COMPETITION) throw error;
      this.pages.render(
        reply,
        <NoAwardsPage ctx={ctx} competitionId={competitionId} message={ctx.t(`errors.${error.code}`)} />,
        409,
      );
      return;
    }
    this.pages.render(
      reply,
      <OrganizerAwardsPage
        ctx={ctx}
        overview={overview}
        today={todayIn(overview.competition.timeZone, ctx.now)}
        errors={state.errors ?? NO_ERRORS}
        typed={state.typed}
        notice={state.notice}
      />,
      status,
    );
  }

  /** The winner's row on the awards page (1-based), for the anchor and the form's field names. */
  private async rowOf(competitionId: string, applicationId: string): Promise<number> {
    const overview = await this.awards.overview(competitionId);
    return overview.winners.findIndex((w) => w.applicationId === applicationId) + 1 || 1;
  }
}
