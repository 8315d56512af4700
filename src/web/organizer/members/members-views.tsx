import { MEMBERSHIP_ROLES, MembershipRole } from '../../../modules/access/domain/membership-roles';
import type { MembersView } from '../../../modules/members/members.service';
import { formatDate, formatDateTime } from '../../core/format';
import { ErrorSummary, FormErrors, NO_ERRORS, PostForm, RadioGroup, SubmitButton, TextField } from '../../core/forms';
import { Layout, Notice } from '../../core/layout';
import type { PageContext } from '../../core/page-context';

const T = 'pages.members.';

export interface TeamCompetition {
  id: string;
  title: string;
  timeZone: string;
}

export interface InviteForm {
  email: string;
  role: string;
  /** The form's own key: a second post of the same form sends no second e-mail. */
  key: string;
}

function MembersOfRole({
  ctx,
  role,
  members,
  timeZone,
}: {
  ctx: PageContext;
  role: MembershipRole;
  members: MembersView['members'];
  timeZone: string;
}) {
  const heading = ctx.t(`${T}roles_plural.${role}`);
  const id = `members-${role}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {heading} <span class="muted">({members.length})</span>
      </h2>
      {members.length === 0 ? (
        <p class="muted">{ctx.t(`${T}nobody_yet`)}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby={id} tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t(`${T}col_name`)}</th>
                <th scope="col">{ctx.t(`${T}col_email`)}</th>
                <th scope="col">{ctx.t(`${T}col_since`)}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.userId}>
                  <td>{m.fullName ?? <span class="muted">{ctx.t(`${T}no_name`)}</span>}</td>
                  <td class="break-anywhere">{m.email}</td>
                  <td class="nowrap">{formatDate(m.since, ctx.locale, timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function OpenInvitations({
  ctx,
  competition,
  invitations,
}: {
  ctx: PageContext;
  competition: TeamCompetition;
  invitations: MembersView['invitations'];
}) {
  return (
    <section aria-labelledby="invitations-title">
      <h2 id="invitations-title">
        {ctx.t(`${T}invitations_title`)} <span class="muted">({invitations.length})</span>
      </h2>
      {invitations.length === 0 ? (
        <p class="muted">{ctx.t(`${T}invitations_none`)}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="invitations-title" tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t(`${T}col_email`)}</th>
                <th scope="col">{ctx.t(`${T}col_role`)}</th>
                <th scope="col">{ctx.t(`${T}col_sent`)}</th>
                <th scope="col">{ctx.t(`${T}col_state`)}</th>
                <th scope="col">{ctx.t(`${T}col_actions`)}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => {
                const base = `/organizer/competitions/${competition.id}/invitations/${i.id}`;
                return (
                  <tr key={i.id}>
                    <td class="break-anywhere">{i.email}</td>
                    <td>{ctx.t(`${T}roles.${i.role}`)}</td>
                    <td>
                      {formatDateTime(i.sentAt, competition.timeZone, ctx.locale)}
                      <div class="muted">
                        {ctx.t(`${T}invited_by`, { name: i.invitedBy.fullName ?? i.invitedBy.email ?? '' })}
                      </div>
                    </td>
                    <td>
                      {i.expired ? (
                        <strong class="tag tag--red">{ctx.t(`${T}state_expired`)}</strong>
                      ) : (
                        <strong class="tag tag--yellow">{ctx.t(`${T}state_pending`)}</strong>
                      )}
                      <div class="muted">
                        {ctx.t(i.expired ? `${T}expired_at` : `${T}expires_at`, {
                          date: formatDateTime(i.expiresAt, competition.timeZone, ctx.locale),
                        })}
                      </div>
                    </td>
                    <td>
                      <div class="invitation-actions">
                        <PostForm ctx={ctx} action={`${base}/resend`} class="inline-form">
                          <button
                            type="submit"
                            class="button button--secondary"
                            aria-label={ctx.t(`${T}resend_for`, { email: i.email })}
                          >
                            {ctx.t(`${T}resend`)}
                          </button>
                        </PostForm>
                        <PostForm ctx={ctx} action={`${base}/revoke`} class="inline-form">
                          <button
                            type="submit"
                            class="button button--warning"
                            aria-label={ctx.t(`${T}revoke_for`, { email: i.email })}
                          >
                            {ctx.t(`${T}revoke`)}
                          </button>
                        </PostForm>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The organizer's team page: who is in, who is invited, and the form to invite someone. */
export function TeamPage({
  ctx,
  competition,
  view,
  form,
  errors = NO_ERRORS,
  notice,
}: {
  ctx: PageContext;
  competition: TeamCompetition;
  view: MembersView;
  form: InviteForm;
  errors?: FormErrors;
  notice?: string;
}) {
  const title = ctx.t(`${T}team_title`);
  const labels = { email: ctx.t(`${T}invite_email`), role: ctx.t(`${T}invite_role`) };
  return (
    <Layout ctx={ctx} title={title} failed={errors.any} wide>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <Notice text={notice} />
      <p>
        <a href={`/organizer/competitions/${competition.id}`}>{ctx.t(`${T}back_to_competition`)}</a>
      </p>
      <h1>{title}</h1>
      <p class="muted">{competition.title}</p>
      {MEMBERSHIP_ROLES.map((role) => (
        <MembersOfRole
          key={role}
          ctx={ctx}
          role={role}
          members={view.members.filter((m) => m.role === role)}
          timeZone={competition.timeZone}
        />
      ))}
      <OpenInvitations ctx={ctx} competition={competition} invitations={view.invitations} />
      <section aria-labelledby="invite-title" class="panel">
        <h2 id="invite-title">{ctx.t(`${T}invite_title`)}</h2>
        <p>{ctx.t(`${T}invite_intro`)}</p>
        <PostForm ctx={ctx} action={`/organizer/competitions/${competition.id}/members/invite`}>
          <input type="hidden" name="key" value={form.key} />
          <TextField
            name="email"
            label={labels.email}
            type="email"
            autocomplete="off"
            value={form.email}
            errors={errors}
            width="medium"
          />
          <RadioGroup
            name="role"
            label={labels.role}
            value={form.role}
            options={MEMBERSHIP_ROLES.map((r) => ({ value: r, label: ctx.t(`${T}roles.${r}`) }))}
            errors={errors}
          />
          <SubmitButton>{ctx.t(`${T}invite_button`)}</SubmitButton>
        </PostForm>
      </section>
    </Layout>
  );
}
