import { Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '../../modules/access/access.decorators';
import { WEB_SESSION_COOKIE } from '../../modules/access/web-sessions';
import { SessionService } from '../../modules/identity/session.service';
import { WebSessionService } from '../../modules/identity/web-session.service';
import { AcceptInvitationDto } from '../../modules/members/dto/member.dto';
import { MembersErrorCode } from '../../modules/members/members.exception';
import { InvitationPreview, MembersService } from '../../modules/members/members.service';
import { formErrorsFrom } from '../core/forms';
import type { PageContext } from '../core/page-context';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../core/web-request';
import { looksLikeToken } from './account-parts';
import {
  AcceptPage,
  acceptPath,
  AlreadyAcceptedPage,
  InvitationProblemPage,
  landingOf,
  LiveInvitation,
} from './invitation-views';

type Mode = 'new' | 'mine' | 'sign-in' | 'other';

/**
 * Accepting an invitation from the e-mail's link. The token proves the invitee reads the
 * invited mailbox, so without an account for it the link creates one (a password, then the
 * person is signed in). An existing account is another matter: whoever holds the link must
 * also be signed in as that account before its role changes, and a browser signed in as
 * someone else is asked to sign out first, never silently switched or given the role.
 */
@WebController('invitations')
export class InvitationPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly members: MembersService,
    private readonly sessions: SessionService,
    private readonly webSessions: WebSessionService,
  ) {}

  @Get('accept')
  @Public()
  async show(@Req() request: WebRequest, @Res() reply: WebReply, @Query('token') token?: string): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const preview = await this.preview(token);
    if (this.answerSettled(ctx, reply, preview)) return;
    const invitation = preview.invitation!;
    this.pages.render(
      reply,
      <AcceptPage ctx={ctx} token={token!} invitation={invitation} mode={modeOf(ctx, invitation)} />,
    );
  }

  @Post('accept')
  @Public()
  @UseGuards(ThrottlerGuard)
  async accept(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const body = request.body as FormBody;
    const token = field(body, 'token');
    const ctx = this.pages.context(request, reply);
    const preview = await this.preview(token);
    if (this.answerSettled(ctx, reply, preview)) return;
    const invitation = preview.invitation!;
    const mode = modeOf(ctx, invitation);
    // Nothing changes for a visitor who is not (yet) the invited account.
    if (mode === 'sign-in') return this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(acceptPath(token))}`);
    if (mode === 'other') {
      return this.pages.render(reply, <AcceptPage ctx={ctx} token={token} invitation={invitation} mode={mode} />, 403);
    }
    const password = field(body, 'password');
    const locale = field(body, 'locale');
    const actor = this.pages.actor(request);
    try {
      const dto = await validateInput(AcceptInvitationDto, {
        token,
        ...(mode === 'new' && password !== '' ? { password } : {}),
        ...(mode === 'new' && locale !== '' ? { locale } : {}),
      });
      const accepted = await this.members.accept(dto, actor);
      const landing = landingOf(accepted.role, accepted.competitionId);
      if (accepted.accountCreated && dto.password) {
        if (dto.locale) this.pages.rememberLanguage(reply, dto.locale);
        // The password the person has just chosen signs them in, through the same service as the sign-in page.
        const session = await this.sessions
          .loginWeb(invitation.email, dto.password, { ...actor, locale: dto.locale ?? actor.locale })
          .catch(() => null);
        if (!session) return this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(landing)}`);
        this.pages.startSession(reply, session.token, session.expiresAt);
      }
      this.pages.redirect(reply, landing);
    } catch (error) {
      const errors = formErrorsFrom(error, ctx, (f) => (f === 'password' || f === 'locale' ? f : null));
      // Accepted meanwhile (a double click, another tab): say so and show the way on.
      const after = await this.preview(token);
      if (after.problem === MembersErrorCode.INVITATION_ALREADY_ACCEPTED && after.invitation) {
        return this.pages.render(reply, <AlreadyAcceptedPage ctx={ctx} invitation={after.invitation} />);
      }
      this.pages.render(
        reply,
        <AcceptPage
          ctx={ctx}
          token={token}
          invitation={invitation}
          mode={mode}
          password=""
          locale={locale}
          errors={errors}
        />,
        400,
      );
    }
  }

  /** "Sign out to accept": ends this browser's session on the server, then back to the invitation. */
  @Post('switch')
  @Public()
  async switchAccount(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const token = field(request.body as FormBody, 'token');
    const cookie = request.cookies?.[WEB_SESSION_COOKIE];
    if (cookie) await this.webSessions.end(cookie, this.pages.actor(request));
    this.pages.endSession(reply);
    this.pages.redirect(reply, looksLikeToken(token) ? acceptPath(token) : '/');
  }

  private async preview(token: string | undefined): Promise<InvitationPreview> {
    if (!looksLikeToken(token)) return { problem: MembersErrorCode.INVITATION_INVALID, invitation: null };
    return this.members.preview(token);
  }

  /** A link that no longer works is answered here (true); a live one is left to the caller (false). */
  private answerSettled(ctx: PageContext, reply: WebReply, preview: InvitationPreview): boolean {
    if (!preview.problem) return false;
    if (preview.problem === MembersErrorCode.INVITATION_ALREADY_ACCEPTED && preview.invitation) {
      this.pages.render(reply, <AlreadyAcceptedPage ctx={ctx} invitation={preview.invitation} />);
    } else {
      this.pages.render(
        reply,
        <InvitationProblemPage ctx={ctx} problem={preview.problem} invitation={preview.invitation} />,
        400,
      );
    }
    return true;
  }
}

/** What the visitor of a live invitation may do, by who is signed in in this browser. */
function modeOf(ctx: PageContext, invitation: LiveInvitation): Mode {
  if (ctx.user) return ctx.user.id === invitation.accountUserId ? 'mine' : 'other';
  return invitation.accountUserId ? 'sign-in' : 'new';
}
