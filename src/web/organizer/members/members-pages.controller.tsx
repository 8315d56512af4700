import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { AppException, CommonErrorCode, NotFoundAppException } from '../../../common/errors/app.exception';
import type { Actor } from '../../../common/http/actor';
import { uuidPipe } from '../../../common/validation/uuid.pipe';
import { CompetitionMember } from '../../../modules/access/access.decorators';
import { CompetitionsService } from '../../../modules/competitions/competitions.service';
import { IdempotencyService, requestHash } from '../../../modules/idempotency/idempotency.service';
import { InviteMemberDto } from '../../../modules/members/dto/member.dto';
import { MembersErrorCode, MembersException } from '../../../modules/members/members.exception';
import { MembersService } from '../../../modules/members/members.service';
import { FormErrors, formErrorsFrom, NO_ERRORS } from '../../core/forms';
import type { PageContext } from '../../core/page-context';
import { validateInput } from '../../core/validate';
import { WebController } from '../../core/web-controller.decorator';
import { WebPages } from '../../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../../core/web-request';
import { InviteForm, TeamPage } from './members-views';

const NOTICES = ['invited', 'resent', 'revoked'] as const;
const FORM_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How long a second post of the invite form waits for the first (a double click) to finish. */
const WAIT_FOR_FIRST_MS = 20_000;

/**
 * The organizer's team page (issue 15): the competition's organizers, commission members and
 * mentors, the invitations nobody has accepted yet (resend, withdraw), and the invite form.
 * The members service decides, as for the API: only an organizer of this competition (or an
 * admin) sees or changes it.
 */
@WebController('organizer')
export class MembersPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly members: MembersService,
    private readonly competitions: CompetitionsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Get('competitions/:id/members')
  @CompetitionMember(['organizer'])
  async team(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const known = NOTICES.find((n) => n === notice);
    await this.renderTeam(request, reply, ctx, id, {
      notice: known ? ctx.t(`pages.members.notice_${known}`) : undefined,
    });
  }

  @Post('competitions/:id/members/invite')
  @CompetitionMember(['organizer'])
  async invite(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const body = request.body as FormBody;
    const form: InviteForm = { email: field(body, 'email'), role: field(body, 'role'), key: field(body, 'key') };
    const actor = this.pages.actor(request);
    try {
      const dto = await validateInput(InviteMemberDto, {
        email: form.email.trim() === '' ? undefined : form.email,
        role: form.role || undefined,
      });
      await this.inviteOnce(id, dto, FORM_KEY.test(form.key) ? form.key : randomUUID(), actor);
      this.pages.redirect(reply, `/organizer/competitions/${id}/members?notice=invited`);
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, (f) => (f === 'email' || f === 'role' ? f : null));
      // A fresh key: the corrected form is another invitation.
      await this.renderTeam(request, reply, ctx, id, { form: { ...form, key: randomUUID() }, errors }, 400);
    }
  }

  @Post('competitions/:id/invitations/:invitationId/resend')
  @CompetitionMember(['organizer'])
  async resend(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Param('invitationId', uuidPipe) invitationId: string,
  ): Promise<void> {
    await this.settle(request, reply, id, 'resent', MembersErrorCode.INVITATION_REPLACED, () =>
      this.members.resend(id, invitationId, this.pages.actor(request)),
    );
  }

  /** The API's DELETE competitions/:id/invitations/:invitationId, as a form. */
  @Post('competitions/:id/invitations/:invitationId/revoke')
  @CompetitionMember(['organizer'])
  async revoke(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Param('invitationId', uuidPipe) invitationId: string,
  ): Promise<void> {
    await this.settle(request, reply, id, 'revoked', MembersErrorCode.INVITATION_REVOKED, () =>
      this.members.revoke(id, invitationId, this.pages.actor(request)),
    );
  }

  /**
   * Resend or withdraw. A second click finds the invitation already in the state the first
   * left it (replaced, withdrawn): that is what the person asked for, so it is answered as done.
   * Any other settled state (accepted meanwhile) is said on the page.
   */
  private async settle(
    request: WebRequest,
    reply: WebReply,
    id: string,
    notice: (typeof NOTICES)[number],
    sameOutcome: MembersErrorCode,
    change: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await change();
    } catch (error) {
      if (!(error instanceof MembersException) || error.status !== 409) throw error;
      if (error.code !== sameOutcome) {
        const ctx = this.pages.context(request, reply);
        const errors = new FormErrors([{ field: '', message: ctx.t(`pages.members.settled.${error.code}`) }]);
        return this.renderTeam(request, reply, ctx, id, { errors }, 409);
      }
    }
    this.pages.redirect(reply, `/organizer/competitions/${id}/members?notice=${notice}`);
  }

  /**
   * One invitation (and one e-mail) per invite form, as the API's Idempotency-Key would give:
   * the form's key is claimed for this person; a repeat of the same post (a double click, a
   * re-sent form) finds it taken and does nothing, waiting for the first to finish.
   */
  private async inviteOnce(competitionId: string, dto: InviteMemberDto, formKey: string, actor: Actor): Promise<void> {
    const userId = actor.userId!;
    const key = `web-invite:${formKey.toLowerCase()}`;
    const hash = requestHash('POST', 'web:/organizer/competitions/:id/members/invite', { competitionId, ...dto });
    const giveUpAt = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      try {
        const claim = await this.idempotency.claim(userId, key, hash);
        if (claim.kind === 'replay') return;
        break;
      } catch (error) {
        const running = error instanceof AppException && error.code === CommonErrorCode.IDEMPOTENCY_IN_FLIGHT;
        if (!running || Date.now() > giveUpAt) throw error;
        await sleep(50);
      }
    }
    try {
      const invitation = await this.members.invite(competitionId, dto, actor);
      await this.idempotency.complete(userId, key, 201, { id: invitation.id });
    } catch (error) {
      await this.idempotency.release(userId, key).catch(() => undefined);
      throw error;
    }
  }

  private async renderTeam(
    request: WebRequest,
    reply: WebReply,
    ctx: PageContext,
    id: string,
    options: { form?: InviteForm; errors?: FormErrors; notice?: string },
    status = 200,
  ): Promise<void> {
    const view = await this.members.list(id, this.pages.actor(request));
    const competition = await this.competitions.find(id);
    if (!competition) throw new NotFoundAppException('competition');
    this.pages.render(
      reply,
      <TeamPage
        ctx={ctx}
        competition={{
          id,
          title: ctx.locale === 'ru' ? competition.titleRu : competition.titleKk,
          timeZone: competition.timeZone,
        }}
        view={view}
        form={options.form ?? { email: '', role: '', key: randomUUID() }}
        errors={options.errors ?? NO_ERRORS}
        notice={options.notice}
      />,
      status,
    );
  }
}
