import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { uuidPipe } from '../../../common/validation/uuid.pipe';
import { CompetitionMember } from '../../../modules/access/access.decorators';
import { CompetitionsService, CompetitionView } from '../../../modules/competitions/competitions.service';
import { MembersService } from '../../../modules/members/members.service';
import { CommissionOverview } from '../../../modules/scoring/commission-overview.service';
import { CommissionService } from '../../../modules/scoring/commission.service';
import { AssignDto, CloseScoringDto } from '../../../modules/scoring/dto/scoring.dto';
import { ProtocolMeetingDto } from '../../../modules/scoring/dto/protocol-meeting.dto';
import { ProtocolMeetings } from '../../../modules/scoring/protocol-meeting.service';
import { ProtocolService, selectionRuleSentence } from '../../../modules/scoring/protocol.service';
import { ResultsService } from '../../../modules/scoring/results.service';
import { ScoringRounds } from '../../../modules/scoring/scoring-rounds.service';
import { ScoringErrorCode, ScoringException } from '../../../modules/scoring/scoring.exception';
import { TerritoriesService } from '../../../modules/territories/territories.service';
import { formErrorsFrom } from '../../core/forms';
import type { PageContext } from '../../core/page-context';
import { validateInput } from '../../core/validate';
import { WebController } from '../../core/web-controller.decorator';
import { WebPages } from '../../core/web-pages.service';
import { field, fields, FormBody, WebReply, WebRequest } from '../../core/web-request';
import {
  AssignForm,
  CommissionPage,
  CompetitionHead,
  MeetingForm,
  MeetingPeople,
  PublishResultsCounts,
  PublishResultsPage,
  QuorumProblem,
  RankingLine,
  ResultsPage,
  RoundState,
} from './commission-results.views';
import { sendDocument } from '../../../modules/files/download';

const NOTICES = ['assigned', 'closed', 'selected', 'meeting_saved', 'published', 'already_published'] as const;

/** A number typed in a form: '' is no number at all, so the DTO's own rule says what is wrong. */
function integerOf(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/**
 * The organizer's commission and results pages (issue 15): members, conflicts, assignment,
 * who has scored how much, closing scoring (quorum problems listed), the ranking with the
 * selection's reasons, the protocol's meeting and its download, and publishing the results.
 * The same services and access rule as the API (another organizer's competition is refused).
 */
@WebController('organizer')
export class CommissionResultsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly competitions: CompetitionsService,
    private readonly commission: CommissionService,
    private readonly overview: CommissionOverview,
    private readonly results: ResultsService,
    private readonly protocol: ProtocolService,
    private readonly meetings: ProtocolMeetings,
    private readonly rounds: ScoringRounds,
    private readonly members: MembersService,
    private readonly territories: TerritoriesService,
  ) {}

  // ---- the commission ------------------------------------------------------------------------

  @Get('competitions/:id/commission')
  @CompetitionMember(['organizer'])
  async commissionPage(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const parts = await this.commissionParts(request, id);
    this.pages.render(
      reply,
      <CommissionPage ctx={ctx} {...parts} form={this.assignFormOf(parts)} notice={this.notice(ctx, notice)} />,
    );
  }

  @Post('competitions/:id/commission/assign')
  @CompetitionMember(['organizer'])
  async assign(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const body = request.body as FormBody;
    const form: AssignForm = {
      mode: field(body, 'mode') === 'quorum' ? 'quorum' : 'all',
      quorum: field(body, 'quorum'),
    };
    try {
      const dto = await validateInput(AssignDto, form.mode === 'quorum' ? { quorum: integerOf(form.quorum) } : {});
      await this.commission.assign(id, dto, this.pages.actor(request));
      this.pages.redirect(reply, `/organizer/competitions/${id}/commission?notice=assigned`);
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, (f) => (f === 'quorum' ? 'quorum' : null));
      const parts = await this.commissionParts(request, id);
      this.pages.render(
        reply,
        <CommissionPage ctx={ctx} {...parts} form={form} errors={errors} />,
        error instanceof ScoringException ? 409 : 400,
      );
    }
  }

  @Post('competitions/:id/commission/close')
  @CompetitionMember(['organizer'])
  async close(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const body = request.body as FormBody;
    const force = field(body, 'force') === 'true';
    const reason = field(body, 'reason');
    try {
      const dto = await validateInput(CloseScoringDto, force ? { force: true, reason } : {});
      await this.results.close(id, dto, this.pages.actor(request));
      this.pages.redirect(reply, `/organizer/competitions/${id}/commission?notice=closed`);
    } catch (error) {
      // A second click on "close" after the first one closed it: the page says it is closed, nothing else happens.
      if (this.isCode(error, ScoringErrorCode.SCORING_CLOSED) && (await this.rounds.of(id)).closedAt) {
        return this.pages.redirect(reply, `/organizer/competitions/${id}/commission?notice=closed`);
      }
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, (f) => (f === 'reason' ? 'reason' : null));
      const parts = await this.commissionParts(request, id);
      // The refusal names the applications; the page says how many scores each still lacks.
      const problems: QuorumProblem[] = parts.applications
        .filter((a) => a.scored < parts.round.quorum)
        .map((a) => ({ number: a.number, scored: a.scored, missing: parts.round.quorum - a.scored }));
      this.pages.render(
        reply,
        <CommissionPage
          ctx={ctx}
          {...parts}
          form={this.assignFormOf(parts)}
          forceReason={reason}
          errors={errors}
          problems={problems}
        />,
        error instanceof ScoringException ? 409 : 400,
      );
    }
  }

  private async commissionParts(request: WebRequest, id: string) {
    const competition = await this.competitions.view(id, this.pages.actor(request), true);
    const rawRound = await this.rounds.of(id);
    const progress = await this.overview.progress(id);
    return {
      competition: head(competition),
      round: roundState(rawRound, progress.quorum),
      assignedQuorum: rawRound.assignedQuorum ? String(rawRound.assignedQuorum) : '',
      members: progress.members,
      conflicts: await this.overview.conflicts(id),
      applications: await this.overview.applicationProgress(id),
    };
  }

  // ---- the results ---------------------------------------------------------------------------

  @Get('competitions/:id/results')
  @CompetitionMember(['organizer'])
  async resultsPage(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const parts = await this.resultsParts(request, ctx, id);
    this.pages.render(reply, <ResultsPage ctx={ctx} {...parts} notice={this.notice(ctx, notice)} />);
  }

  @Post('competitions/:id/results/select')
  @CompetitionMember(['organizer'])
  async select(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    try {
      await this.results.selection(id, this.pages.actor(request));
      this.pages.redirect(reply, `/organizer/competitions/${id}/results?notice=selected`);
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, () => null);
      const parts = await this.resultsParts(request, ctx, id);
      this.pages.render(reply, <ResultsPage ctx={ctx} {...parts} errors={errors} />, 409);
    }
  }

  @Post('competitions/:id/results/meeting')
  @CompetitionMember(['organizer'])
  async saveMeeting(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
  ): Promise<void> {
    const body = request.body as FormBody;
    const form: MeetingForm = {
      number: field(body, 'number'),
      heldOn: field(body, 'heldOn'),
      place: field(body, 'place'),
      chairUserId: field(body, 'chairUserId'),
      secretaryUserId: field(body, 'secretaryUserId'),
      attendeeUserIds: fields(body, 'attendeeUserIds'),
    };
    try {
      const dto = await validateInput(ProtocolMeetingDto, {
        ...form,
        // The chair is present anyway; the service adds them to the attendees itself.
        attendeeUserIds: form.attendeeUserIds.filter((u) => u !== form.chairUserId),
      });
      await this.meetings.set(id, dto, this.pages.actor(request));
      this.pages.redirect(reply, `/organizer/competitions/${id}/results?notice=meeting_saved`);
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, (f) => {
        const name = f.replace(/[[.]\d+\]?$/, '');
        return ['number', 'heldOn', 'place', 'chairUserId', 'secretaryUserId', 'attendeeUserIds'].includes(name)
          ? name
          : null;
      });
      const parts = await this.resultsParts(request, ctx, id);
      this.pages.render(
        reply,
        <ResultsPage ctx={ctx} {...parts} meeting={form} errors={errors} />,
        error instanceof ScoringException ? 409 : 400,
      );
    }
  }

  /** The protocol, the same file as the API's protocol.docx, in the language asked for. */
  @Get('competitions/:id/results/protocol.docx')
  @CompetitionMember(['organizer'])
  async protocolFile(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('lang') lang?: string,
  ): Promise<void> {
    const actor = this.pages.actor(request);
    const locale = lang === 'kk' || lang === 'ru' ? lang : actor.locale;
    const file = await this.protocol.build(id, locale, actor);
    sendDocument(reply, {
      kind: 'docx',
      fileName: `protocol-${id.slice(0, 8)}-${locale}.docx`,
      body: file,
      cache: 'private',
    });
  }

  @Get('competitions/:id/results/publish')
  @CompetitionMember(['organizer'])
  async confirmPublish(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    this.pages.render(reply, <PublishResultsPage ctx={ctx} {...await this.publishParts(request, id)} />);
  }

  @Post('competitions/:id/results/publish')
  @CompetitionMember(['organizer'])
  async publish(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    try {
      await this.results.publish(id, this.pages.actor(request));
      this.pages.redirect(reply, `/organizer/competitions/${id}/results?notice=published`);
    } catch (error) {
      // Published already (a second click, another window): nobody is told twice, the page says so.
      if (this.isCode(error, ScoringErrorCode.SELECTION_NOT_OPEN) && (await this.rounds.of(id)).resultsPublishedAt) {
        return this.pages.redirect(reply, `/organizer/competitions/${id}/results?notice=already_published`);
      }
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, () => null);
      this.pages.render(
        reply,
        <PublishResultsPage ctx={ctx} {...await this.publishParts(request, id)} errors={errors} />,
        409,
      );
    }
  }

  private async publishParts(request: WebRequest, id: string) {
    const competition = await this.competitions.view(id, this.pages.actor(request), true);
    const rawRound = await this.rounds.of(id);
    const outcomes = [...(await this.results.selectionOutcomes(id)).values()];
    const counts: PublishResultsCounts = {
      selected: outcomes.filter((o) => o.selected).length,
      notSelected: outcomes.filter((o) => !o.selected).length,
      shortlist: !!competition.rulebook.selection.shortlistForDraw,
    };
    return {
      competition: head(competition),
      round: roundState(rawRound, this.rounds.quorum(rawRound, competition.rulebook)),
      counts,
    };
  }

  private async resultsParts(request: WebRequest, ctx: PageContext, id: string) {
    const actor = this.pages.actor(request);
    const competition = await this.competitions.view(id, actor, true);
    const rawRound = await this.rounds.of(id);
    const quorum = this.rounds.quorum(rawRound, competition.rulebook);
    const round = roundState(rawRound, quorum);
    let ranking: RankingLine[] = [];
    const outcomes = await this.results.selectionOutcomes(id);
    if (round.closedAt) {
      const rows = await this.results.ranking(id, actor);
      const names = await this.territories.namesOf(rows.map((r) => r.territoryCode).filter((c): c is string => !!c));
      ranking = rows.map((r) => {
        const o = outcomes.get(r.applicationId);
        return {
          applicationId: r.applicationId,
          rank: r.rank,
          number: r.number,
          title: r.title,
          territory: (r.territoryCode ? names.get(r.territoryCode)?.[ctx.locale] : undefined) ?? r.territoryCode ?? '—',
          amount: r.amount,
          mean: r.mean,
          count: r.count,
          disagreement: r.disagreement,
          outcome: o
            ? {
                selected: o.selected,
                reason: o.reason,
                explanation: this.results.explain(o.reason, o.params, ctx.locale),
              }
            : null,
        };
      });
    }
    const saved = await this.meetings.of(id);
    const meeting: MeetingForm = saved
      ? {
          number: saved.number,
          heldOn: saved.heldOn,
          place: saved.place,
          chairUserId: saved.chairUserId,
          secretaryUserId: saved.secretaryUserId,
          attendeeUserIds: saved.attendeeUserIds,
        }
      : { number: '', heldOn: '', place: '', chairUserId: '', secretaryUserId: '', attendeeUserIds: [] };
    return {
      competition: head(competition),
      round,
      ranking,
      ruleSentence: selectionRuleSentence(competition.rulebook, ctx.locale, quorum),
      funded: !!competition.rulebook.funding,
      selected: outcomes.size > 0,
      meeting,
      meetingSaved: !!saved,
      people: await this.meetingPeople(id, actor),
    };
  }

  /** Who the protocol may name: commission members (chair, attendees), and organizers too as secretary. */
  private async meetingPeople(id: string, actor: ReturnType<WebPages['actor']>): Promise<MeetingPeople> {
    const { members } = await this.members.list(id, actor);
    const person = (m: (typeof members)[number]) => ({ userId: m.userId, name: m.fullName ?? m.email });
    return {
      commission: members.filter((m) => m.role === 'commission').map(person),
      secretaries: members.filter((m) => m.role === 'commission' || m.role === 'organizer').map(person),
    };
  }

  /** The assignment as last made: a quorum when one was set, else everyone; the rulebook's quorum offered. */
  private assignFormOf(parts: { assignedQuorum: string; round: RoundState }): AssignForm {
    return parts.assignedQuorum
      ? { mode: 'quorum', quorum: parts.assignedQuorum }
      : { mode: 'all', quorum: String(parts.round.quorum) };
  }

  private isCode(error: unknown, code: ScoringErrorCode): boolean {
    return error instanceof ScoringException && error.code === code;
  }

  private notice(ctx: PageContext, notice: string | undefined): string | undefined {
    return NOTICES.find((n) => n === notice) ? ctx.t(`pages.results.notice_${notice}`) : undefined;
  }
}

function head(c: CompetitionView): CompetitionHead {
  return { id: c.id, title: c.title, status: c.status, timeZone: c.timeZone };
}

function roundState(
  round: { closedAt: Date | null; forcedReason: string | null; resultsPublishedAt: Date | null },
  quorum: number,
): RoundState {
  return {
    quorum,
    closedAt: round.closedAt,
    forcedReason: round.forcedReason,
    publishedAt: round.resultsPublishedAt,
  };
}
