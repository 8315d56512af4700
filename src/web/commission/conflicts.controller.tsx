import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { AppException, NotFoundAppException } from '../../common/errors/app.exception';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember } from '../../modules/access/access.decorators';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import { DeclareConflictDto, ResolveSuggestionDto } from '../../modules/scoring/dto/scoring.dto';
import { CommissionOverview } from '../../modules/scoring/commission-overview.service';
import { CommissionService } from '../../modules/scoring/commission.service';
import { FormErrors, formErrorsFrom, NO_ERRORS } from '../core/forms';
import type { PageContext } from '../core/page-context';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../core/web-request';
import {
  ConflictItem,
  ConflictsPage,
  NOTHING_TYPED,
  suggestionReasonField,
  TypedConflictForms,
} from './conflicts-views';

const NOTICES = ['declared', 'confirmed', 'dismissed'] as const;

/**
 * A commission member's conflicts of interest (issue 15): the ones the system suggests, to
 * confirm or dismiss with a reason, and a conflict declared on any application of the
 * competition. The commission services decide, as for the API (POST competitions/:id/conflicts
 * and /conflicts/suggestions): a confirmed or declared conflict takes the application out of
 * my queue, and its scoring page becomes "not found".
 */
@WebController('commission')
export class ConflictPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly competitions: CompetitionsService,
    private readonly commission: CommissionService,
    private readonly overview: CommissionOverview,
  ) {}

  @Get(':competitionId/conflicts')
  @CompetitionMember(['commission'], 'competitionId')
  async show(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('competitionId', uuidPipe) competitionId: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const known = NOTICES.find((n) => n === notice);
    await this.render(request, reply, ctx, competitionId, {
      notice: known ? ctx.t(`pages.members.conflicts_notice_${known}`) : undefined,
    });
  }

  @Post(':competitionId/conflicts/declare')
  @CompetitionMember(['commission'], 'competitionId')
  async declare(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('competitionId', uuidPipe) competitionId: string,
  ): Promise<void> {
    const body = request.body as FormBody;
    const typed = { applicationId: field(body, 'applicationId'), reason: field(body, 'reason') };
    const actor = this.pages.actor(request);
    const done = `/commission/${competitionId}/conflicts?notice=declared`;
    try {
      const dto = await validateInput(DeclareConflictDto, {
        applicationId: typed.applicationId === '' ? undefined : typed.applicationId,
        reason: typed.reason.trim() === '' ? undefined : typed.reason,
      });
      // Declared already (a second click of the same form): nothing to do twice.
      const current = (await this.items(competitionId, request)).find((i) => i.applicationId === dto.applicationId);
      if (current?.myConflict && current.myConflict.status === 'confirmed') return this.pages.redirect(reply, done);
      await this.commission.declareConflict(competitionId, dto, actor);
      this.pages.redirect(reply, done);
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, (f) => (f === 'applicationId' || f === 'reason' ? f : null));
      await this.render(
        request,
        reply,
        ctx,
        competitionId,
        { typed: { ...NOTHING_TYPED, declare: typed }, errors },
        statusOf(error),
      );
    }
  }

  @Post(':competitionId/conflicts/resolve')
  @CompetitionMember(['commission'], 'competitionId')
  async resolve(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('competitionId', uuidPipe) competitionId: string,
  ): Promise<void> {
    const body = request.body as FormBody;
    const applicationId = field(body, 'applicationId');
    const decision = field(body, 'decision');
    const reasonField = suggestionReasonField(applicationId);
    const reason = field(body, reasonField);
    const actor = this.pages.actor(request);
    try {
      const dto = await validateInput(ResolveSuggestionDto, {
        applicationId,
        confirm: decision === 'confirm' ? true : decision === 'dismiss' ? false : undefined,
        reason: reason.trim() === '' ? undefined : reason,
      });
      const done = `/commission/${competitionId}/conflicts?notice=${dto.confirm ? 'confirmed' : 'dismissed'}`;
      const current = (await this.items(competitionId, request)).find((i) => i.applicationId === dto.applicationId);
      // Decided already (a second click, another tab): the same decision is done; a different one is said.
      if (current?.myConflict?.source === 'suggested' && current.myConflict.status !== 'pending') {
        if ((current.myConflict.status === 'confirmed') === dto.confirm) return this.pages.redirect(reply, done);
        throw new ResolvedAlready();
      }
      await this.commission.resolveSuggestion(competitionId, dto, actor);
      this.pages.redirect(reply, done);
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors =
        error instanceof ResolvedAlready
          ? new FormErrors([{ field: '', message: ctx.t('pages.members.conflicts_already_resolved') }])
          : formErrorsFrom(error, ctx, (f) => (f === 'reason' ? reasonField : null));
      await this.render(
        request,
        reply,
        ctx,
        competitionId,
        { typed: { ...NOTHING_TYPED, suggestions: { [applicationId]: reason } }, errors },
        error instanceof ResolvedAlready ? 409 : statusOf(error),
      );
    }
  }

  /** Applications past screening with my conflict on each, as the API's commission/applications lists them. */
  private async items(competitionId: string, request: WebRequest): Promise<ConflictItem[]> {
    const { items } = await this.overview.applicationsForConflicts(competitionId, this.pages.actor(request));
    return items.map((i) => ({
      applicationId: i.applicationId,
      number: i.number,
      title: i.title,
      applicant: i.applicant,
      myConflict: i.myConflict,
    }));
  }

  private async render(
    request: WebRequest,
    reply: WebReply,
    ctx: PageContext,
    competitionId: string,
    options: { typed?: TypedConflictForms; errors?: FormErrors; notice?: string },
    status = 200,
  ): Promise<void> {
    const competition = await this.competitions.find(competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    this.pages.render(
      reply,
      <ConflictsPage
        ctx={ctx}
        competition={{ id: competitionId, title: ctx.locale === 'ru' ? competition.titleRu : competition.titleKk }}
        items={await this.items(competitionId, request)}
        typed={options.typed}
        errors={options.errors ?? NO_ERRORS}
        notice={options.notice}
      />,
      status,
    );
  }
}

/** A refusal of the state (scoring closed, decided already) is a 409; a form to fix is a 400. */
function statusOf(error: unknown): number {
  return error instanceof AppException && error.status === 409 ? 409 : 400;
}

/** A suggestion already decided the other way: the page says so instead of changing it. */
class ResolvedAlready extends Error {}
