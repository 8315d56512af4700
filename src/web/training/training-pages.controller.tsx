import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { AppException } from '../../common/errors/app.exception';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember, Public } from '../../modules/access/access.decorators';
import { ArmsComplianceService } from '../../modules/training/arms-compliance.service';
import { CreateTrainingSessionDto, MarkAttendanceDto } from '../../modules/training/dto/training.dto';
import { TrainingService } from '../../modules/training/training.service';
import { formErrorsFrom } from '../core/forms';
import type { PageContext } from '../core/page-context';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, fields, FormBody, WebReply, WebRequest } from '../core/web-request';
import { PublicCompliancePage } from './compliance-views';
import { OrganizerTrainingPage, SessionAttendancePage, SessionForm } from './training-views';

const T = 'pages.training.';
const TRAINING_NOTICES = ['created', 'exists'] as const;
const SESSION_NOTICES = ['saved', 'unchanged'] as const;

function noticeOf(ctx: PageContext, known: readonly string[], raw: string | undefined): string | undefined {
  return raw && known.includes(raw) ? ctx.t(`${T}notice_${raw}`) : undefined;
}

/** A refused form answers with the refusal's own status (400 bad input, 409 a state or a stale version). */
function statusOf(error: unknown): number {
  return error instanceof AppException && error.status < 500 ? error.status : 400;
}

/** The API names a list's items `attendeeIins[1]`: the form has one group of checkboxes for them. */
function groupField(apiField: string): string | null {
  const name = apiField.replace(/\[\d+\]$|\.\d+$/, '');
  return ['heldOn', 'minutes', 'topic', 'online', 'place', 'attendeeIins'].includes(name) ? name : null;
}

/**
 * Training pages: the organizer plans sessions, marks who came from a phone (checkboxes by
 * team) and reads the assigned-versus-received table; anyone reads the table's counts once
 * the draw is published. Same services and DTOs as the API.
 */
@WebController()
export class TrainingPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly training: TrainingService,
    private readonly compliance: ArmsComplianceService,
  ) {}

  @Get('organizer/competitions/:id/training')
  @CompetitionMember(['organizer'])
  async organizer(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const actor = this.pages.actor(request);
    const overview = await this.training.overview(id, actor);
    const form: SessionForm = { heldOn: overview.today, minutes: '', topic: '', online: false, place: '' };
    this.pages.render(
      reply,
      <OrganizerTrainingPage
        ctx={ctx}
        overview={overview}
        table={await this.compliance.table(id, actor)}
        form={form}
        notice={noticeOf(ctx, TRAINING_NOTICES, notice)}
      />,
    );
  }

  @Post('organizer/competitions/:id/training/sessions')
  @CompetitionMember(['organizer'])
  async create(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const actor = this.pages.actor(request);
    const body = request.body as FormBody | undefined;
    const form: SessionForm = {
      heldOn: field(body, 'heldOn').trim(),
      minutes: field(body, 'minutes').trim(),
      topic: field(body, 'topic'),
      online: field(body, 'online') !== '',
      place: field(body, 'place'),
    };
    try {
      const dto = await validateInput(CreateTrainingSessionDto, {
        heldOn: form.heldOn,
        minutes: form.minutes === '' ? undefined : Number(form.minutes),
        topic: form.topic,
        online: form.online,
        place: form.place.trim() === '' ? undefined : form.place,
      });
      const created = await this.training.createSession(id, dto, actor);
      this.pages.redirect(
        reply,
        `/organizer/competitions/${id}/training?notice=${created.alreadyCreated ? 'exists' : 'created'}`,
      );
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, groupField);
      this.pages.render(
        reply,
        <OrganizerTrainingPage
          ctx={ctx}
          overview={await this.training.overview(id, actor)}
          table={await this.compliance.table(id, actor)}
          form={form}
          errors={errors}
        />,
        statusOf(error),
      );
    }
  }

  @Get('organizer/competitions/:id/training/sessions/:sessionId')
  @CompetitionMember(['organizer'])
  async session(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Param('sessionId', uuidPipe) sessionId: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const detail = await this.training.session(id, sessionId, this.pages.actor(request));
    this.pages.render(
      reply,
      <SessionAttendancePage
        ctx={ctx}
        competitionId={id}
        detail={detail}
        checked={detail.attendeeIins}
        notice={noticeOf(ctx, SESSION_NOTICES, notice)}
      />,
    );
  }

  @Post('organizer/competitions/:id/training/sessions/:sessionId')
  @CompetitionMember(['organizer'])
  async mark(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Param('sessionId', uuidPipe) sessionId: string,
  ): Promise<void> {
    const actor = this.pages.actor(request);
    // Another competition's session: "not found", before anything is read from the form.
    const before = await this.training.session(id, sessionId, actor);
    const body = request.body as FormBody | undefined;
    const attendeeIins = fields(body, 'attendeeIins');
    try {
      const version = field(body, 'version');
      const dto = await validateInput(MarkAttendanceDto, {
        attendeeIins,
        version: version === '' ? undefined : Number(version),
      });
      const marked = await this.training.markAttendance(id, sessionId, dto, actor);
      this.pages.redirect(
        reply,
        `/organizer/competitions/${id}/training/sessions/${sessionId}?notice=${marked.changed ? 'saved' : 'unchanged'}`,
      );
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      // A stale version or a session not yet held is the whole form's; a stranger is the checklist's.
      const errors = formErrorsFrom(error, ctx, (f) => (groupField(f) === 'attendeeIins' ? 'attendeeIins' : null));
      const detail = await this.training.session(id, sessionId, actor).catch(() => before);
      this.pages.render(
        reply,
        <SessionAttendancePage ctx={ctx} competitionId={id} detail={detail} checked={attendeeIins} errors={errors} />,
        statusOf(error),
      );
    }
  }

  @Get('competitions/:id/arms-compliance')
  @Public()
  async publicTable(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
  ): Promise<void> {
    await this.pages.renderPublic(request, reply, async (ctx) => {
      // The public's view even for a signed-in organizer: counts only, and only once drawn.
      const table = await this.compliance.table(id, { ...this.pages.actor(request), userId: null, isAdmin: false });
      return <PublicCompliancePage ctx={ctx} table={table} />;
    });
  }
}
