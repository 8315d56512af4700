import { Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Locale } from '../../common/i18n/i18n';
import { Public } from '../../modules/access/access.decorators';
import { WEB_SESSION_COOKIE } from '../../modules/access/web-sessions';
import { LoginDto } from '../../modules/identity/dto/auth.dto';
import { PeopleService } from '../../modules/identity/people.service';
import { SessionService } from '../../modules/identity/session.service';
import { WebSessionService } from '../../modules/identity/web-session.service';
import { ErrorSummary, FormErrors, formErrorsFrom, NO_ERRORS, PostForm, SubmitButton, TextField } from '../core/forms';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { LANGUAGE_COOKIE, safeLocalPath, WebPages } from '../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../core/web-request';

function SignInPage({
  ctx,
  email = '',
  next,
  errors = NO_ERRORS,
  notice,
}: {
  ctx: PageContext;
  email?: string;
  next: string;
  errors?: FormErrors;
  notice?: string;
}) {
  const labels = { email: ctx.t('pages.account.email'), password: ctx.t('pages.account.password') };
  return (
    <Layout ctx={ctx} title={ctx.t('pages.account.sign_in_title')} failed={errors.any}>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <Notice text={notice} />
      <h1>{ctx.t('pages.account.sign_in_title')}</h1>
      <PostForm ctx={ctx} action="/sign-in">
        <input type="hidden" name="next" value={next} />
        <TextField
          name="email"
          label={labels.email}
          type="email"
          autocomplete="email"
          value={email}
          errors={errors}
          width="medium"
        />
        <TextField
          name="password"
          label={labels.password}
          type="password"
          autocomplete="current-password"
          errors={errors}
          width="medium"
        />
        <SubmitButton>{ctx.t('pages.account.sign_in_button')}</SubmitButton>
      </PostForm>
      <ul class="links">
        <li>
          <a href="/forgot-password">{ctx.t('pages.account.forgot_link')}</a>
        </li>
        <li>
          <a href="/sign-in-link">{ctx.t('pages.account.sign_in_link_link')}</a>
        </li>
        <li>
          <a href="/sign-up">{ctx.t('pages.account.sign_up_link')}</a>
        </li>
      </ul>
    </Layout>
  );
}

/** Sign in and out with the same accounts, counters and delays as the API; the language switch. */
@WebController()
export class SignInController {
  constructor(
    private readonly pages: WebPages,
    private readonly sessions: SessionService,
    private readonly webSessions: WebSessionService,
    private readonly people: PeopleService,
  ) {}

  @Get('sign-in')
  @Public()
  show(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Query('next') next?: string,
    @Query('notice') notice?: string,
  ): void {
    const ctx = this.pages.context(request, reply);
    if (ctx.user) return this.pages.redirect(reply, safeLocalPath(next, '/me'));
    const noticeText = notice && /^\w+$/.test(notice) ? ctx.t(`pages.account.notice_${notice}`) : undefined;
    this.pages.render(reply, <SignInPage ctx={ctx} next={safeLocalPath(next, '/me')} notice={noticeText} />);
  }

  @Post('sign-in')
  @Public()
  @UseGuards(ThrottlerGuard)
  async signIn(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const body = request.body as FormBody;
    const next = safeLocalPath(field(body, 'next'), '/me');
    try {
      const dto = await validateInput(LoginDto, { email: field(body, 'email'), password: field(body, 'password') });
      const session = await this.sessions.loginWeb(dto.email, dto.password, this.pages.actor(request));
      this.pages.startSession(reply, session.token, session.expiresAt);
      await this.keepChosenLanguage(request, session.token);
      this.pages.redirect(reply, next);
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, (f) => (f === 'email' || f === 'password' ? f : null));
      this.pages.render(reply, <SignInPage ctx={ctx} email={field(body, 'email')} next={next} errors={errors} />, 200);
    }
  }

  /** The language picked before signing in wins over the account's: the person chose it just now. */
  private async keepChosenLanguage(request: WebRequest, sessionToken: string): Promise<void> {
    const chosen = request.cookies?.[LANGUAGE_COOKIE];
    if (chosen !== 'kk' && chosen !== 'ru') return;
    const session = await this.webSessions.resolve(sessionToken);
    if (session && session.locale !== chosen) {
      await this.people.setLocale(session.userId, chosen, { ...this.pages.actor(request), userId: session.userId });
    }
  }

  @Post('sign-out')
  @Public()
  async signOut(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const token = request.cookies?.[WEB_SESSION_COOKIE];
    if (token) await this.webSessions.end(token, this.pages.actor(request));
    this.pages.endSession(reply);
    this.pages.redirect(reply, '/?notice=signed_out');
  }

  /** One click from every page; kept in a cookie, and on the account (its e-mails follow it). */
  @Get('language/:locale')
  @Public()
  async language(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('locale') locale: string,
    @Query('next') next?: string,
  ): Promise<void> {
    if (locale === 'kk' || locale === 'ru') {
      this.pages.rememberLanguage(reply, locale as Locale);
      if (request.webSession && request.webSession.locale !== locale) {
        await this.people.setLocale(request.webSession.userId, locale, this.pages.actor(request));
      }
    }
    this.pages.redirect(reply, safeLocalPath(next));
  }
}
