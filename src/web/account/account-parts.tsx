import type { ComponentChildren } from 'preact';
import { AppException } from '../../common/errors/app.exception';
import { ErrorSummary, FormErrors, PostForm, SubmitButton, TextField } from '../core/forms';
import { Layout } from '../core/layout';
import type { PageContext } from '../core/page-context';

/** The API's limits answered on the form (429), anything else a person can fix answered as the same page (200). */
export function formStatus(error: unknown): number {
  return error instanceof AppException && error.status === 429 ? 429 : 200;
}

/** A service said no to what was sent (4xx): the page answers it; anything else goes to the error page. */
export function isRefusal(error: unknown): error is AppException {
  return error instanceof AppException && error.status >= 400 && error.status < 500 && error.status !== 401;
}

/** A one-time link's token as the e-mail carries it (the API's TokenDto: 16–200 characters). */
export function looksLikeToken(token: string | undefined): token is string {
  return typeof token === 'string' && /^[\w-]{16,200}$/.test(token);
}

/** True when the refused form's problems include the link's token (a dead or tampered link, not a typing error). */
export function tokenRefused(errors: FormErrors): boolean {
  return errors.items.some((e) => e.field === 'token');
}

/**
 * A link from an e-mail that no longer works: says why in the page's language and offers
 * the way to a new one (`children`). Answered with 400, so no cache or crawler keeps it.
 */
export function LinkInvalidPage({
  ctx,
  text,
  children,
}: {
  ctx: PageContext;
  text: string;
  children?: ComponentChildren;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('pages.signup.link_invalid_title')}>
      <h1>{ctx.t('pages.signup.link_invalid_title')}</h1>
      <p>{text}</p>
      {children}
    </Layout>
  );
}

/** "Check your e-mail" after a link was asked for: the same page whether or not the address has an account. */
export function LinkSentPage({ ctx, text, again }: { ctx: PageContext; text: string; again: ComponentChildren }) {
  return (
    <Layout ctx={ctx} title={ctx.t('pages.signup.check_email_title')}>
      <h1>{ctx.t('pages.signup.check_email_title')}</h1>
      <div class="panel">
        <p>{text}</p>
      </div>
      <p>{again}</p>
    </Layout>
  );
}

/**
 * A page whose whole form is one e-mail address (forgot password, send the confirmation again,
 * e-mail me a sign-in link): title, intro, the address at its field, one button.
 */
export function EmailRequestPage(props: {
  ctx: PageContext;
  title: string;
  intro: string;
  action: string;
  button: string;
  email: string;
  errors: FormErrors;
  children?: ComponentChildren;
}) {
  const { ctx, errors } = props;
  const labels = { email: ctx.t('pages.account.email') };
  return (
    <Layout ctx={ctx} title={props.title} failed={errors.any}>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <h1>{props.title}</h1>
      <p>{props.intro}</p>
      <PostForm ctx={ctx} action={props.action}>
        <TextField
          name="email"
          label={labels.email}
          type="email"
          autocomplete="email"
          value={props.email}
          errors={errors}
          width="medium"
        />
        <SubmitButton>{props.button}</SubmitButton>
      </PostForm>
      {props.children}
    </Layout>
  );
}

/** The e-mailed link opens this page; only its button uses the token, so a mail scanner's prefetch does not. */
export function TokenLandingPage(props: {
  ctx: PageContext;
  title: string;
  intro: string;
  action: string;
  button: string;
  token: string;
}) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.intro}</p>
      <PostForm ctx={props.ctx} action={props.action}>
        <input type="hidden" name="token" value={props.token} />
        <SubmitButton>{props.button}</SubmitButton>
      </PostForm>
    </Layout>
  );
}
