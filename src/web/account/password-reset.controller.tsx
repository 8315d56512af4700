import { Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '../../modules/access/access.decorators';
import { WEB_SESSION_COOKIE } from '../../modules/access/web-sessions';
import { AuthService } from '../../modules/identity/auth.service';
import { PasswordResetConfirmDto, PasswordResetRequestDto } from '../../modules/identity/dto/auth.dto';
import { ErrorSummary, FormErrors, formErrorsFrom, NO_ERRORS, PostForm, SubmitButton, TextField } from '../core/forms';
import { Layout } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../core/web-request';
import {
  EmailRequestPage,
  formStatus,
  LinkInvalidPage,
  LinkSentPage,
  looksLikeToken,
  tokenRefused,
} from './account-parts';

function ForgotPage({ ctx, email, errors }: { ctx: PageContext; email: string; errors: FormErrors }) {
  return (
    <EmailRequestPage
      ctx={ctx}
      title={ctx.t('pages.signup.forgot_title')}
      intro={ctx.t('pages.signup.forgot_intro')}
      action="/forgot-password"
      button={ctx.t('pages.signup.send_link_button')}
      email={email}
      errors={errors}
    >
      <p>
        <a href="/sign-in-link">{ctx.t('pages.account.sign_in_link_link')}</a>
      </p>
    </EmailRequestPage>
  );
}

function ResetPage({ ctx, token, errors }: { ctx: PageContext; token: string; errors: FormErrors }) {
  const labels = { password: ctx.t('pages.signup.new_password_label') };
  return (
    <Layout ctx={ctx} title={ctx.t('pages.signup.reset_title')} failed={errors.any}>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <h1>{ctx.t('pages.signup.reset_title')}</h1>
      <p>{ctx.t('pages.signup.reset_intro')}</p>
      <PostForm ctx={ctx} action="/reset-password">
        <input type="hidden" name="token" value={token} />
        <TextField
          name="password"
          label={labels.password}
          hint={ctx.t('pages.signup.password_hint')}
          type="password"
          autocomplete="new-password"
          errors={errors}
          width="medium"
        />
        <SubmitButton>{ctx.t('pages.signup.reset_button')}</SubmitButton>
      </PostForm>
    </Layout>
  );
}

function ResetLinkInvalidPage({ ctx }: { ctx: PageContext }) {
  return (
    <LinkInvalidPage ctx={ctx} text={ctx.t('pages.signup.reset_invalid_text')}>
      <p>
        <a href="/forgot-password" class="button">
          {ctx.t('pages.signup.request_new_link')}
        </a>
      </p>
    </LinkInvalidPage>
  );
}

/**
 * Forgot the password → a link by e-mail → a new password, which ends every session of the
 * account (browsers included). The API's services and DTOs: POST /auth/password-reset and
 * /auth/password-reset/confirm.
 */
@WebController()
export class PasswordResetController {
  constructor(
    private readonly pages: WebPages,
    private readonly auth: AuthService,
  ) {}

  @Get('forgot-password')
  @Public()
  showForgot(@Req() request: WebRequest, @Res() reply: WebReply): void {
    const ctx = this.pages.context(request, reply);
    this.pages.render(reply, <ForgotPage ctx={ctx} email="" errors={NO_ERRORS} />);
  }

  /** The same answer, in the same time, whether or not the address has an account (the service sees to the time). */
  @Post('forgot-password')
  @Public()
  @UseGuards(ThrottlerGuard)
  async forgot(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const email = field(request.body as FormBody, 'email');
    try {
      const dto = await validateInput(PasswordResetRequestDto, { email });
      await this.auth.requestPasswordReset(dto.email, this.pages.actor(request));
      this.pages.redirect(reply, '/forgot-password/sent');
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, (f) => (f === 'email' ? f : null));
      this.pages.render(reply, <ForgotPage ctx={ctx} email={email} errors={errors} />, formStatus(error));
    }
  }

  @Get('forgot-password/sent')
  @Public()
  sent(@Req() request: WebRequest, @Res() reply: WebReply): void {
    const ctx = this.pages.context(request, reply);
    const again = (
      <>
        {ctx.t('pages.signup.no_email_again')} <a href="/forgot-password">{ctx.t('pages.signup.request_new_link')}</a>
      </>
    );
    this.pages.render(reply, <LinkSentPage ctx={ctx} text={ctx.t('pages.signup.forgot_sent_text')} again={again} />);
  }

  /** The e-mailed link. The "account exists" e-mail links here without a token: that person wants the request form. */
  @Get('reset-password')
  @Public()
  showReset(@Req() request: WebRequest, @Res() reply: WebReply, @Query('token') token?: string): void {
    if (token === undefined) return this.pages.redirect(reply, '/forgot-password');
    const ctx = this.pages.context(request, reply);
    if (!looksLikeToken(token)) return this.pages.render(reply, <ResetLinkInvalidPage ctx={ctx} />, 400);
    this.pages.render(reply, <ResetPage ctx={ctx} token={token} errors={NO_ERRORS} />);
  }

  @Post('reset-password')
  @Public()
  @UseGuards(ThrottlerGuard)
  async reset(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const body = request.body as FormBody;
    const token = field(body, 'token');
    try {
      const dto = await validateInput(PasswordResetConfirmDto, { token, password: field(body, 'password') });
      await this.auth.confirmPasswordReset(dto.token, dto.password, this.pages.actor(request));
      // The service has ended every session of the account; this browser's cookie goes too.
      if (request.cookies?.[WEB_SESSION_COOKIE]) this.pages.endSession(reply);
      this.pages.redirect(reply, '/sign-in?notice=password_changed');
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, (f) => (f === 'password' || f === 'token' ? f : null));
      // A dead or tampered link cannot be fixed on this form: say so and offer a new one.
      if (tokenRefused(errors) || !errors.items.some((e) => e.field === 'password')) {
        return this.pages.render(reply, <ResetLinkInvalidPage ctx={ctx} />, 400);
      }
      this.pages.render(reply, <ResetPage ctx={ctx} token={token} errors={errors} />, formStatus(error));
    }
  }
}
