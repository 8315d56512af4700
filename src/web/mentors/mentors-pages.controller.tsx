import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { AppException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember, SignedIn } from '../../modules/access/access.decorators';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import { MEETINGS_PER_MONTH } from '../../modules/mentors/domain/mentoring-rules';
import { AssignMentorDto, LogMeetingDto } from '../../modules/mentors/dto/mentors.dto';
import { MentorsService } from '../../modules/mentors/mentors.service';
import { formErrorsFrom } from '../core/forms';
import type { PageContext } from '../core/page-context';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, fields, FormBody, WebReply, WebRequest } from '../core/web-request';
import { MeetingForm, MentorHomePage, MentorTeamPage, OrganizerMentorsPage } from './mentors-views';

const T = 'pages.mentors.';
const TEAM_NOTICES = ['logged', 'already'] as const;
const ORGANIZER_NOTICES = ['saved', 'unchanged'] as const;

/** The API names a list's items `attendeeIins[1]`: the form has one group of checkboxes for them. */
function groupField(apiField: string): string {
  return apiField.replace(/\[\d+\]$|\.\d+$/, '');
}

function noticeOf(ctx: PageContext, known: readonly string[], raw: string | undefined): string | undefined {
  return raw && known.includes(raw) ? ctx.t(`${T}notice_${raw}`) : undefined;
}

/** A refused form answers with the refusal's own status (400 bad input, 409 a limit or the arm). */
function statusOf(error: unknown): number {
  return error instanceof AppException && error.status < 500 ? error.status : 400;
}

/**
 * Mentor pages: the mentor's teams with this month's meetings and a meeting form that works
 * on a phone; the organizer assigns mentors to arm A and C teams (the limits refused at the
 * field) and sees who is behind this month. Same services and DTOs as the API.
 */
@WebController()
export class MentorsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly mentors: MentorsService,
    private readonly competitions: CompetitionsService,
  ) {}

  @Get('mentor')
  @SignedIn()
  async home(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const teams = await this.mentors.myTeams(this.pages.actor(request));
    this.pages.render(reply, <MentorHomePage ctx={ctx} teams={teams} required={MEETINGS_PER_MONTH} />);
  }

  @Get('mentor/teams/:applicationId')
  @SignedIn()
  async team(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('applicationId', uuidPipe) applicationId: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const { team, meetings } = await this.mentors.myTeam(applicationId, this.pages.actor(request));
    const form: MeetingForm = { heldOn: team.today, minutes: '', topic: '', attendeeIins: [] };
    this.pages.render(
      reply,
      <MentorTeamPage
        ctx={ctx}
        team={team}
        meetings={meetings}
        form={form}
        notice={noticeOf(ctx, TEAM_NOTICES, notice)}
      />,
    );
  }

  @Post('mentor/teams/:applicationId/meetings')
  @SignedIn()
  async logMeeting(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('applicationId', uuidPipe) applicationId: string,
  ): Promise<void> {
    const actor = this.pages.actor(request);
    // Not my team: "not found", before anything is read from the form.
    const { team, meetings } = await this.mentors.myTeam(applicationId, actor);
    const body = request.body as FormBody | undefined;
    const form: MeetingForm = {
      heldOn: field(body, 'heldOn').trim(),
      minutes: field(body, 'minutes').trim(),
      topic: field(body, 'topic'),
      attendeeIins: fields(body, 'attendeeIins'),
    };
    try {
      const dto = await validateInput(LogMeetingDto, {
        heldOn: form.heldOn,
        minutes: form.minutes === '' ? undefined : Number(form.minutes),
        topic: form.topic,
        attendeeIins: form.attendeeIins,
      });
      const logged = await this.mentors.logMeeting(applicationId, dto, actor);
      this.pages.redirect(
        reply,
        `/mentor/teams/${applicationId}?notice=${logged.alreadyLogged ? 'already' : 'logged'}`,
      );
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, groupField);
      this.pages.render(
        reply,
        <MentorTeamPage ctx={ctx} team={team} meetings={meetings} form={form} errors={errors} />,
        statusOf(error),
      );
    }
  }

  @Get('organizer/competitions/:id/mentors')
  @CompetitionMember(['organizer'])
  async organizer(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('mentor') mentor?: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const actor = this.pages.actor(request);
    const overview = await this.mentors.overview(id, actor);
    const chosen = overview.mentors.find((m) => m.userId === mentor)?.userId ?? null;
    const checked = overview.teams.filter((x) => chosen && x.mentor?.userId === chosen).map((x) => x.applicationId);
    this.pages.render(
      reply,
      <OrganizerMentorsPage
        ctx={ctx}
        competition={await this.competitionOf(ctx, id, actor)}
        overview={overview}
        mentorUserId={chosen}
        checked={checked}
        notice={noticeOf(ctx, ORGANIZER_NOTICES, notice)}
      />,
    );
  }

  @Post('organizer/competitions/:id/mentors')
  @CompetitionMember(['organizer'])
  async assign(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const actor = this.pages.actor(request);
    const body = request.body as FormBody | undefined;
    const mentorUserId = field(body, 'mentorUserId');
    const applicationIds = fields(body, 'applicationIds');
    try {
      const dto = await validateInput(AssignMentorDto, { mentorUserId, applicationIds });
      const result = await this.mentors.assign(id, dto, actor);
      this.pages.redirect(
        reply,
        `/organizer/competitions/${id}/mentors?mentor=${encodeURIComponent(mentorUserId)}&notice=${result.changed ? 'saved' : 'unchanged'}#assign`,
      );
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      // The mentor is chosen above the form: a refusal of the mentor is the whole form's.
      const errors = formErrorsFrom(error, ctx, (f) => (groupField(f) === 'applicationIds' ? 'applicationIds' : null));
      const overview = await this.mentors.overview(id, actor);
      this.pages.render(
        reply,
        <OrganizerMentorsPage
          ctx={ctx}
          competition={await this.competitionOf(ctx, id, actor)}
          overview={overview}
          mentorUserId={overview.mentors.some((m) => m.userId === mentorUserId) ? mentorUserId : null}
          checked={applicationIds}
          errors={errors}
        />,
        statusOf(error),
      );
    }
  }

  private async competitionOf(ctx: PageContext, id: string, actor: Actor) {
    const competition = await this.competitions.view(id, actor, true);
    return {
      id,
      title: ctx.locale === 'ru' ? competition.title.ru : competition.title.kk,
      timeZone: competition.timeZone,
    };
  }
}
