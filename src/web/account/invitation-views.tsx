import type { MembershipRole } from '../../modules/access/domain/membership-roles';
import type { InvitationPreview } from '../../modules/members/members.service';
import { formatDateTime } from '../core/format';
import { ErrorSummary, FormErrors, NO_ERRORS, PostForm, RadioGroup, SubmitButton, TextField } from '../core/forms';
import { Layout } from '../core/layout';
import type { PageContext } from '../core/page-context';

const T = 'pages.members.';

export type LiveInvitation = NonNullable<InvitationPreview['invitation']>;

/** Where a new member goes once the role is theirs: their work for the role. */
export function landingOf(role: MembershipRole, competitionId: string): string {
  if (role === 'commission') return '/commission';
  if (role === 'organizer') return `/organizer/competitions/${competitionId}`;
  return '/';
}

/** This page's own address: where signing in (or out) comes back to. */
export function acceptPath(token: string): string {
  return `/invitations/accept?token=${encodeURIComponent(token)}`;
}

/** "Who invites whom to which competition in what role", in one sentence. */
function WhoInvites({ ctx, invitation }: { ctx: PageContext; invitation: LiveInvitation }) {
  return (
    <div class="panel break-anywhere">
      <p>
        {ctx.t(`${T}accept_invites.${invitation.role}`, {
          inviterName: invitation.inviter[ctx.locale],
          email: invitation.email,
          competition: invitation.competitionTitle[ctx.locale],
        })}
      </p>
      <p class="hint">
        {ctx.t(`${T}accept_valid_until`, {
          date: formatDateTime(invitation.expiresAt, invitation.timeZone, ctx.locale),
        })}
      </p>
    </div>
  );
}

/** The invitation as the e-mail's link shows it, with what the visitor can do about it now. */
export function AcceptPage({
  ctx,
  token,
  invitation,
  mode,
  password = '',
  locale,
  errors = NO_ERRORS,
}: {
  ctx: PageContext;
  token: string;
  invitation: LiveInvitation;
  /**
   * new: no account for the e-mail yet (set a password); mine: signed in as the invitee;
   * sign-in: the invitee's account exists, nobody is signed in; other: signed in as someone else.
   */
  mode: 'new' | 'mine' | 'sign-in' | 'other';
  password?: string;
  locale?: string;
  errors?: FormErrors;
}) {
  const title = ctx.t(`${T}accept_title`);
  const labels = { password: ctx.t(`${T}accept_password`), locale: ctx.t(`${T}accept_locale`) };
  return (
    <Layout ctx={ctx} title={title} failed={errors.any}>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <h1>{title}</h1>
      <WhoInvites ctx={ctx} invitation={invitation} />
      {mode === 'new' && (
        <PostForm ctx={ctx} action="/invitations/accept">
          <p class="break-anywhere">{ctx.t(`${T}accept_new_intro`, { email: invitation.email })}</p>
          <input type="hidden" name="token" value={token} />
          <TextField
            name="password"
            label={labels.password}
            hint={ctx.t('pages.signup.password_hint')}
            type="password"
            autocomplete="new-password"
            value={password}
            errors={errors}
            width="medium"
          />
          <RadioGroup
            name="locale"
            label={labels.locale}
            hint={ctx.t('pages.signup.locale_hint')}
            value={locale ?? ctx.locale}
            options={[
              { value: 'kk', label: ctx.t('pages.common.language_kk') },
              { value: 'ru', label: ctx.t('pages.common.language_ru') },
            ]}
            errors={errors}
          />
          <SubmitButton>{ctx.t(`${T}accept_create_button`)}</SubmitButton>
        </PostForm>
      )}
      {mode === 'mine' && (
        <PostForm ctx={ctx} action="/invitations/accept">
          <input type="hidden" name="token" value={token} />
          <SubmitButton>{ctx.t(`${T}accept_button`)}</SubmitButton>
        </PostForm>
      )}
      {mode === 'sign-in' && (
        <>
          <p class="break-anywhere">{ctx.t(`${T}accept_sign_in_text`, { email: invitation.email })}</p>
          <p>
            <a class="button" href={`/sign-in?next=${encodeURIComponent(acceptPath(token))}`}>
              {ctx.t(`${T}accept_sign_in_button`)}
            </a>
          </p>
          <p>
            <a href="/forgot-password">{ctx.t('pages.account.forgot_link')}</a>
          </p>
        </>
      )}
      {mode === 'other' && (
        <div class="notice notice--warning break-anywhere" role="alert">
          <p>
            {ctx.t(invitation.accountUserId ? `${T}accept_other_account` : `${T}accept_other_new`, {
              email: invitation.email,
            })}
          </p>
          <PostForm ctx={ctx} action="/invitations/switch" class="inline-form">
            <input type="hidden" name="token" value={token} />
            <SubmitButton secondary>{ctx.t(`${T}accept_switch_button`)}</SubmitButton>
          </PostForm>
        </div>
      )}
    </Layout>
  );
}

/** Accepted before (a second click, another tab, an old e-mail): nothing to do but go on. */
export function AlreadyAcceptedPage({ ctx, invitation }: { ctx: PageContext; invitation: LiveInvitation }) {
  const title = ctx.t(`${T}accepted_title`);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <div class="panel panel--confirmation">
        <p>{ctx.t('errors.INVITATION_ALREADY_ACCEPTED')}</p>
        <p>{invitation.competitionTitle[ctx.locale]}</p>
      </div>
      <p>
        <a class="button" href={landingOf(invitation.role, invitation.competitionId)}>
          {ctx.t(`${T}accepted_onward.${invitation.role}`)}
        </a>
      </p>
    </Layout>
  );
}

/** A link that no longer works (revoked, replaced, expired) or never did: why, in words, and what to do. */
export function InvitationProblemPage({
  ctx,
  problem,
  invitation,
}: {
  ctx: PageContext;
  problem: string;
  invitation: LiveInvitation | null;
}) {
  const title = ctx.t(`${T}problem_title`);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <div class="notice notice--warning">
        <p>{ctx.t(`errors.${problem}`)}</p>
        {invitation && <p>{invitation.competitionTitle[ctx.locale]}</p>}
      </div>
      <p>
        <a href="/">{ctx.t('pages.errors.home_link')}</a>
      </p>
    </Layout>
  );
}
