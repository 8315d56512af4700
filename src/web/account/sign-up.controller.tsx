import { Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { EnvironmentVariables } from '../../../config/env.validation';
import { Public } from '../../modules/access/access.decorators';
import { AuthService } from '../../modules/identity/auth.service';
import { RegisterDto, TokenDto, VerificationResendDto } from '../../modules/identity/dto/auth.dto';
import { UsersService } from '../../modules/identity/users.service';
import {
  ErrorSummary,
  FormErrors,
  formErrorsFrom,
  NO_ERRORS,
  PostForm,
  RadioGroup,
  SubmitButton,
  TextField,
} from '../core/forms';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../core/web-request';
import {
  EmailRequestPage,
  formStatus,
  isRefusal,
  LinkInvalidPage,
  looksLikeToken,
  TokenLandingPage,
} from './account-parts';

/**
 * The address a browser has just signed up with (or asked a new link for), so the "check your
 * e-mail" page after the redirect can name it and send the link again with one button. It is
 * shown only to the browser that holds it, and only under /sign-up.
 */
const PENDING_EMAIL_COOKIE = 'signup_email';
const PENDING_EMAIL_PATH = '/sign-up';
const DAY_S = 24 * 3600;

interface SignUpValues {
  email: string;
  locale: string;
}

function SignUpPage({ ctx, values, errors }: { ctx: PageContext; values: SignUpValues; errors: FormErrors }) {
  const labels = {
    email: ctx.t('pages.account.email'),
    password: ctx.t('pages.signup.password_label'),
    locale: ctx.t('pages.signup.locale_label'),
  };
  return (
    <Layout ctx={ctx} title={ctx.t('pages.signup.title')} failed={errors.any}>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <h1>{ctx.t('pages.signup.title')}</h1>
      <p>{ctx.t('pages.signup.intro')}</p>
      <PostForm ctx={ctx} action="/sign-up">
        <TextField
          name="email"
          label={labels.email}
          hint={ctx.t('pages.signup.email_hint')}
          type="email"
          autocomplete="email"
          value={values.email}
          errors={errors}
          width="medium"
        />
        <TextField
          name="password"
          label={labels.password}
          hint={ctx.t('pages.signup.password_hint')}
          type="password"
          autocomplete="new-password"
          errors={errors}
          width="medium"
        />
        <RadioGroup
          name="locale"
          label={labels.locale}
          hint={ctx.t('pages.signup.locale_hint')}
          value={values.locale}
          options={[
            { value: 'kk', label: ctx.t('pages.common.language_kk') },
            { value: 'ru', label: ctx.t('pages.common.language_ru') },
          ]}
          errors={errors}
        />
        <SubmitButton>{ctx.t('pages.signup.button')}</SubmitButton>
      </PostForm>
      <p>
        <a href="/sign-in">{ctx.t('pages.signup.have_account')}</a>
      </p>
    </Layout>
  );
}

/** The form that asks for a new verification link: one button when the address is known, else a field. */
function ResendForm({
  ctx,
  email,
  errors = NO_ERRORS,
}: {
  ctx: PageContext;
  email: string | null;
  errors?: FormErrors;
}) {
  return (
    <PostForm ctx={ctx} action="/verify-email/resend">
      {email === null ? (
        <TextField
          name="email"
          label={ctx.t('pages.account.email')}
          type="email"
          autocomplete="email"
          errors={errors}
          width="medium"
        />
      ) : (
        <input type="hidden" name="email" value={email} />
      )}
      <SubmitButton secondary={email !== null}>{ctx.t('pages.signup.resend_button')}</SubmitButton>
    </PostForm>
  );
}

function CheckEmailPage({ ctx, email, resent }: { ctx: PageContext; email: string | null; resent: boolean }) {
  return (
    <Layout ctx={ctx} title={ctx.t('pages.signup.check_email_title')}>
      {resent && (
        <Notice
          text={email ? ctx.t('pages.signup.notice_resent_to', { email }) : ctx.t('pages.signup.notice_resent')}
        />
      )}
      <h1>{ctx.t('pages.signup.check_email_title')}</h1>
      {!resent && (
        <div class="panel">
          <p>
            {email
              ? ctx.t('pages.signup.check_email_sent_to', { email })
              : ctx.t('pages.signup.check_email_sent_generic')}
          </p>
        </div>
      )}
      <p>{ctx.t('pages.signup.check_email_open_link')}</p>
      <h2>{ctx.t('pages.signup.no_email_title')}</h2>
      <p>{ctx.t('pages.signup.no_email_text')}</p>
      <ResendForm ctx={ctx} email={email} />
      {!ctx.user && (
        <p>
          <a href="/sign-up">{ctx.t('pages.signup.wrong_address')}</a>
        </p>
      )}
    </Layout>
  );
}

function ResendPage({ ctx, email, errors }: { ctx: PageContext; email: string; errors: FormErrors }) {
  return (
    <EmailRequestPage
      ctx={ctx}
      title={ctx.t('pages.signup.resend_title')}
      intro={ctx.t('pages.signup.resend_intro')}
      action="/verify-email/resend"
      button={ctx.t('pages.signup.resend_button')}
      email={email}
      errors={errors}
    />
  );
}

function VerifyPage({ ctx, token }: { ctx: PageContext; token: string }) {
  return (
    <TokenLandingPage
      ctx={ctx}
      title={ctx.t('pages.signup.verify_title')}
      intro={ctx.t('pages.signup.verify_intro')}
      action="/verify-email"
      button={ctx.t('pages.signup.verify_button')}
      token={token}
    />
  );
}

function VerifyLinkInvalidPage({ ctx }: { ctx: PageContext }) {
  return (
    <LinkInvalidPage ctx={ctx} text={ctx.t('errors.VERIFICATION_LINK_INVALID')}>
      {!ctx.user && (
        <p>
          {ctx.t('pages.signup.verify_invalid_signed_in_already')}{' '}
          <a href="/sign-in">{ctx.t('pages.signup.sign_in')}</a>
        </p>
      )}
      <h2>{ctx.t('pages.signup.resend_title')}</h2>
      <ResendForm ctx={ctx} email={null} />
    </LinkInvalidPage>
  );
}

/**
 * Sign up, confirm the address from the e-mailed link, and "send the link again": the same
 * services, DTOs, answers and limits as the API (POST /auth/register, /auth/verify-email,
 * /auth/verify-email/resend).
 */
@WebController()
export class SignUpController {
  private readonly secureCookies: boolean;

  constructor(
    private readonly pages: WebPages,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    env: EnvironmentVariables,
  ) {
    this.secureCookies = env.PUBLIC_URL.startsWith('https://');
  }

  @Get('sign-up')
  @Public()
  show(@Req() request: WebRequest, @Res() reply: WebReply): void {
    const ctx = this.pages.context(request, reply);
    if (ctx.user) return this.pages.redirect(reply, '/me');
    this.pages.render(reply, <SignUpPage ctx={ctx} values={{ email: '', locale: ctx.locale }} errors={NO_ERRORS} />);
  }

  @Post('sign-up')
  @Public()
  @UseGuards(ThrottlerGuard)
  async signUp(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const body = request.body as FormBody;
    const values = { email: field(body, 'email'), locale: field(body, 'locale') };
    try {
      const dto = await validateInput(RegisterDto, { ...values, password: field(body, 'password') });
      // The same answer whether or not the address is taken: its owner is told by e-mail.
      await this.auth.register(dto, this.pages.actor(request));
      this.rememberPendingEmail(reply, dto.email);
      // The language just chosen for the account is the one its next pages speak.
      this.pages.rememberLanguage(reply, dto.locale);
      this.pages.redirect(reply, '/sign-up/check-email');
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, (f) => (['email', 'password', 'locale'].includes(f) ? f : null));
      this.pages.render(reply, <SignUpPage ctx={ctx} values={values} errors={errors} />, formStatus(error));
    }
  }

  @Get('sign-up/check-email')
  @Public()
  async checkEmail(@Req() request: WebRequest, @Res() reply: WebReply, @Query('notice') notice?: string) {
    const ctx = this.pages.context(request, reply);
    const email = await this.knownEmail(request);
    this.pages.render(reply, <CheckEmailPage ctx={ctx} email={email} resent={notice === 'resent'} />);
  }

  @Get('verify-email/resend')
  @Public()
  async showResend(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const email = (await this.knownEmail(request)) ?? '';
    this.pages.render(reply, <ResendPage ctx={ctx} email={email} errors={NO_ERRORS} />);
  }

  /** From the "check your e-mail" page, an expired link's page, the notice on every page of an unverified person. */
  @Post('verify-email/resend')
  @Public()
  @UseGuards(ThrottlerGuard)
  async resend(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const body = request.body as FormBody;
    // The notice's button carries no address: a signed-in person's own is meant.
    const typed = body && 'email' in body ? field(body, 'email') : ((await this.signedInEmail(request)) ?? '');
    try {
      const dto = await validateInput(VerificationResendDto, { email: typed });
      await this.auth.resendVerification(dto.email, this.pages.actor(request));
      this.rememberPendingEmail(reply, dto.email);
      this.pages.redirect(reply, '/sign-up/check-email?notice=resent');
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, (f) => (f === 'email' ? f : null));
      this.pages.render(reply, <ResendPage ctx={ctx} email={typed} errors={errors} />, formStatus(error));
    }
  }

  @Get('verify-email')
  @Public()
  showVerify(@Req() request: WebRequest, @Res() reply: WebReply, @Query('token') token?: string): void {
    const ctx = this.pages.context(request, reply);
    if (!looksLikeToken(token)) return this.pages.render(reply, <VerifyLinkInvalidPage ctx={ctx} />, 400);
    this.pages.render(reply, <VerifyPage ctx={ctx} token={token} />);
  }

  @Post('verify-email')
  @Public()
  @UseGuards(ThrottlerGuard)
  async verify(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    try {
      const dto = await validateInput(TokenDto, { token: field(request.body as FormBody, 'token') });
      await this.auth.verifyEmail(dto.token, this.pages.actor(request));
      this.pages.redirect(reply, request.webSession ? '/me' : '/sign-in?notice=email_verified');
    } catch (error) {
      if (!isRefusal(error)) throw error;
      this.pages.render(reply, <VerifyLinkInvalidPage ctx={this.pages.context(request, reply)} />, 400);
    }
  }

  /** The address to name on the "check your e-mail" page: the signed-in person's, or the one just typed here. */
  private async knownEmail(request: WebRequest): Promise<string | null> {
    const own = await this.signedInEmail(request);
    if (own) return own;
    const pending = request.cookies?.[PENDING_EMAIL_COOKIE];
    // Only what validateInput let through is ever stored; anything else in the cookie is ignored.
    return pending && pending.length <= 254 && /^[^\s@<>"]+@[^\s@<>"]+$/.test(pending) ? pending : null;
  }

  private async signedInEmail(request: WebRequest): Promise<string | null> {
    if (!request.webSession) return null;
    return (await this.users.findById(request.webSession.userId))?.email ?? null;
  }

  private rememberPendingEmail(reply: WebReply, email: string): void {
    void reply.setCookie(PENDING_EMAIL_COOKIE, email, {
      path: PENDING_EMAIL_PATH,
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secureCookies,
      maxAge: DAY_S,
    });
  }
}
