import { Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '../../modules/access/access.decorators';
import { WEB_SESSION_COOKIE } from '../../modules/access/web-sessions';
import { AuthService } from '../../modules/identity/auth.service';
import { SignInLinkRequestDto, TokenDto } from '../../modules/identity/dto/auth.dto';
import { PeopleService } from '../../modules/identity/people.service';
import { WebSessionService } from '../../modules/identity/web-session.service';
import { FormErrors, formErrorsFrom, NO_ERRORS } from '../core/forms';
import type { PageContext } from '../core/page-context';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { LANGUAGE_COOKIE, WebPages } from '../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../core/web-request';
import {
  EmailRequestPage,
  formStatus,
  isRefusal,
  LinkInvalidPage,
  LinkSentPage,
  looksLikeToken,
  TokenLandingPage,
} from './account-parts';

function RequestPage({ ctx, email, errors }: { ctx: PageContext; email: string; errors: FormErrors }) {
  return (
    <EmailRequestPage
      ctx={ctx}
      title={ctx.t('pages.signup.link_title')}
      intro={ctx.t('pages.signup.link_intro')}
      action="/sign-in-link"
      button={ctx.t('pages.signup.send_link_button')}
      email={email}
      errors={errors}
    />
  );
}

function LandingPage({ ctx, token }: { ctx: PageContext; token: string }) {
  return (
    <TokenLandingPage
      ctx={ctx}
      title={ctx.t('pages.signup.link_landing_title')}
      intro={ctx.t('pages.signup.link_landing_intro')}
      action="/sign-in-link"
      button={ctx.t('pages.account.sign_in_button')}
      token={token}
    />
  );
}

function SignInLinkInvalidPage({ ctx }: { ctx: PageContext }) {
  return (
    <LinkInvalidPage ctx={ctx} text={ctx.t('pages.signup.link_invalid_text')}>
      <p>
        <a href="/sign-in-link" class="button">
          {ctx.t('pages.signup.request_new_link')}
        </a>
      </p>
      <p>
        <a href="/sign-in">{ctx.t('pages.signup.sign_in_with_password')}</a>
      </p>
    </LinkInvalidPage>
  );
}

/**
 * "E-mail me a sign-in link": the way in while password sign-in is throttled by someone
 * guessing, or for a person who would rather not type a password. The API's services, limits
 * and answers (POST /auth/login-link, /auth/login-link/consume), a browser session instead of tokens.
 */
@WebController()
export class SignInLinkController {
  constructor(
    private readonly pages: WebPages,
    private readonly auth: AuthService,
    private readonly webSessions: WebSessionService,
    private readonly people: PeopleService,
  ) {}

  @Get('sign-in-link')
  @Public()
  show(@Req() request: WebRequest, @Res() reply: WebReply, @Query('token') token?: string): void {
    const ctx = this.pages.context(request, reply);
    if (token === undefined) return this.pages.render(reply, <RequestPage ctx={ctx} email="" errors={NO_ERRORS} />);
    if (!looksLikeToken(token)) return this.pages.render(reply, <SignInLinkInvalidPage ctx={ctx} />, 400);
    this.pages.render(reply, <LandingPage ctx={ctx} token={token} />);
  }

  /** The request form (an address) and the landing page's button (the link's token) post here. */
  @Post('sign-in-link')
  @Public()
  @UseGuards(ThrottlerGuard)
  async post(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const body = request.body as FormBody;
    if (body && 'token' in body) return this.consume(request, reply, field(body, 'token'));
    const email = field(body, 'email');
    try {
      const dto = await validateInput(SignInLinkRequestDto, { email });
      await this.auth.requestSignInLink(dto.email, this.pages.actor(request));
      this.pages.redirect(reply, '/sign-in-link/sent');
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, (f) => (f === 'email' ? f : null));
      this.pages.render(reply, <RequestPage ctx={ctx} email={email} errors={errors} />, formStatus(error));
    }
  }

  @Get('sign-in-link/sent')
  @Public()
  sent(@Req() request: WebRequest, @Res() reply: WebReply): void {
    const ctx = this.pages.context(request, reply);
    const again = (
      <>
        {ctx.t('pages.signup.no_email_again')} <a href="/sign-in-link">{ctx.t('pages.signup.request_new_link')}</a>
      </>
    );
    this.pages.render(reply, <LinkSentPage ctx={ctx} text={ctx.t('pages.signup.link_sent_text')} again={again} />);
  }

  private async consume(request: WebRequest, reply: WebReply, token: string): Promise<void> {
    try {
      const dto = await validateInput(TokenDto, { token });
      const session = await this.auth.consumeSignInLinkForWeb(dto.token, this.pages.actor(request));
      // Whoever was signed in in this browser before is signed out on the server, not just replaced.
      const previous = request.cookies?.[WEB_SESSION_COOKIE];
      if (previous) await this.webSessions.end(previous, this.pages.actor(request));
      this.pages.startSession(reply, session.token, session.expiresAt);
      await this.keepChosenLanguage(request, session.token);
      this.pages.redirect(reply, '/me');
    } catch (error) {
      if (!isRefusal(error)) throw error;
      this.pages.render(reply, <SignInLinkInvalidPage ctx={this.pages.context(request, reply)} />, 400);
    }
  }

  /** As the password sign-in does: the language picked before signing in wins over the account's. */
  private async keepChosenLanguage(request: WebRequest, sessionToken: string): Promise<void> {
    const chosen = request.cookies?.[LANGUAGE_COOKIE];
    if (chosen !== 'kk' && chosen !== 'ru') return;
    const session = await this.webSessions.resolve(sessionToken);
    if (session && session.locale !== chosen) {
      await this.people.setLocale(session.userId, chosen, { ...this.pages.actor(request), userId: session.userId });
    }
  }
}
