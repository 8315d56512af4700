import type { ArmsComplianceTable } from '../../modules/training/arms-compliance.service';
import type {
  TraineeTeam,
  TrainingOverview,
  TrainingSessionDetail,
  TrainingSessionView,
} from '../../modules/training/training.service';
import {
  Checkbox,
  ErrorSummary,
  fieldId,
  FormErrors,
  NO_ERRORS,
  PostForm,
  SubmitButton,
  TextField,
} from '../core/forms';
import { formatDate } from '../core/format';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { ApplicationsTable, ArmsTable, ComplianceRules } from './compliance-views';

const T = 'pages.training.';

/** A session form as typed, kept when the form is refused. */
export interface SessionForm {
  heldOn: string;
  minutes: string;
  topic: string;
  online: boolean;
  place: string;
}

function SessionLine({ ctx, session }: { ctx: PageContext; session: TrainingSessionView }) {
  return (
    <>
      <strong>
        {ctx.t(`${T}session_line`, { date: formatDate(session.heldOn, ctx.locale), minutes: session.minutes })}
      </strong>
      {session.online && <span class="tag tag--grey">{ctx.t(`${T}online_tag`)}</span>}
      {!session.held && <span class="tag tag--yellow">{ctx.t(`${T}ahead_tag`)}</span>}
    </>
  );
}

function SessionsList({ ctx, overview, base }: { ctx: PageContext; overview: TrainingOverview; base: string }) {
  if (overview.sessions.length === 0) return <p>{ctx.t(`${T}sessions_none`)}</p>;
  return (
    <ul class="cards">
      {overview.sessions.map((s) => (
        <li class="card" key={s.id}>
          <p>
            <SessionLine ctx={ctx} session={s} />
          </p>
          <p>{s.topic}</p>
          {s.place && <p class="muted">{s.place}</p>}
          {s.held && (
            <p>
              {ctx.t(`${T}present_count`, { count: s.present })}{' '}
              <a
                href={`${base}/sessions/${s.id}`}
                aria-label={ctx.t(`${T}mark_link_for`, { date: formatDate(s.heldOn, ctx.locale) })}
              >
                {ctx.t(`${T}mark_link`)}
              </a>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

function SessionFormFields({ ctx, form, errors }: { ctx: PageContext; form: SessionForm; errors: FormErrors }) {
  return (
    <>
      <TextField
        name="heldOn"
        type="date"
        label={ctx.t(`${T}held_on`)}
        hint={ctx.t(`${T}held_on_hint`)}
        value={form.heldOn}
        errors={errors}
        width="medium"
      />
      <TextField
        name="minutes"
        type="number"
        inputMode="numeric"
        label={ctx.t(`${T}minutes`)}
        hint={ctx.t(`${T}minutes_hint`)}
        value={form.minutes}
        errors={errors}
        width="short"
      />
      <TextField
        name="topic"
        label={ctx.t(`${T}topic`)}
        hint={ctx.t(`${T}topic_hint`)}
        value={form.topic}
        errors={errors}
        maxLength={300}
      />
      <Checkbox name="online" label={ctx.t(`${T}online`)} checked={form.online} errors={errors} />
      <TextField
        name="place"
        label={ctx.t(`${T}place`)}
        hint={ctx.t(`${T}place_hint`)}
        value={form.place}
        errors={errors}
        maxLength={300}
      />
    </>
  );
}

export function sessionLabels(ctx: PageContext): Record<string, string> {
  return {
    heldOn: ctx.t(`${T}held_on`),
    minutes: ctx.t(`${T}minutes`),
    topic: ctx.t(`${T}topic`),
    online: ctx.t(`${T}online`),
    place: ctx.t(`${T}place`),
    attendeeIins: ctx.t(`${T}attendees_field`),
  };
}

/** The organizer's training page: sessions, a form to add one, and the assigned-versus-received tables. */
export function OrganizerTrainingPage({
  ctx,
  overview,
  table,
  form,
  errors = NO_ERRORS,
  notice,
}: {
  ctx: PageContext;
  overview: TrainingOverview;
  table: ArmsComplianceTable;
  form: SessionForm;
  errors?: FormErrors;
  notice?: string;
}) {
  const heading = ctx.t(`${T}organizer_title`);
  const base = `/organizer/competitions/${overview.competitionId}/training`;
  const people = overview.teams.reduce((sum, team) => sum + team.members.length, 0);
  return (
    <Layout ctx={ctx} title={heading} failed={errors.any} wide>
      <ErrorSummary ctx={ctx} errors={errors} labels={sessionLabels(ctx)} />
      <Notice text={notice} />
      <p>
        <a href={`/organizer/competitions/${overview.competitionId}`}>{ctx.t(`${T}back_hub`)}</a>
      </p>
      <h1>{heading}</h1>
      <p class="muted">{overview.title[ctx.locale]}</p>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{ctx.t(`${T}sessions_title`)}</h2>
        {overview.trainingArms.length === 0 ? (
          <p>{ctx.t(`${T}no_training_arms`)}</p>
        ) : (
          <>
            <p>
              {ctx.t(`${T}trainees`, {
                arms: overview.trainingArms.join(', '),
                teams: overview.teams.length,
                people,
              })}
            </p>
            <SessionsList ctx={ctx} overview={overview} base={base} />
          </>
        )}
      </section>

      {overview.trainingArms.length > 0 && (
        <section aria-labelledby="add" class="panel">
          <h2 id="add" tabindex={-1}>
            {ctx.t(`${T}add_title`)}
          </h2>
          <PostForm ctx={ctx} action={`${base}/sessions`}>
            <SessionFormFields ctx={ctx} form={form} errors={errors} />
            <SubmitButton>{ctx.t(`${T}save_session`)}</SubmitButton>
          </PostForm>
        </section>
      )}

      <section aria-labelledby="compliance-title">
        <h2 id="compliance-title">{ctx.t(`${T}compliance_title`)}</h2>
        <p>{ctx.t(`${T}compliance_intro`)}</p>
        <p class="muted">{ctx.t(`${T}as_of`, { date: formatDate(table.asOf, ctx.locale) })}</p>
        <ArmsTable ctx={ctx} table={table} />
        <ComplianceRules ctx={ctx} table={table} />
        <p>
          {table.drawn ? (
            <a href={`/competitions/${overview.competitionId}/arms-compliance`}>{ctx.t(`${T}public_link`)}</a>
          ) : (
            ctx.t(`${T}not_drawn`)
          )}
        </p>
        {(table.applications ?? []).length > 0 && (
          <>
            <h3 id="applications-title">{ctx.t(`${T}applications_title`)}</h3>
            <ApplicationsTable ctx={ctx} rows={table.applications ?? []} />
          </>
        )}
      </section>
    </Layout>
  );
}

function TeamChecklist({
  ctx,
  team,
  checked,
  index,
}: {
  ctx: PageContext;
  team: TraineeTeam;
  checked: readonly string[];
  index: number;
}) {
  return (
    <fieldset class="attendance-team">
      <legend>
        {ctx.t(`${T}team_legend`, {
          number: team.number ?? '',
          title: team.title ?? ctx.t(`${T}untitled`),
          arm: team.arm,
        })}
      </legend>
      {team.members.length === 0 && <p class="muted">{ctx.t(`${T}no_members`)}</p>}
      {team.members.map((m, i) => {
        const id = `${fieldId('attendeeIins')}-${index}-${i}`;
        return (
          <div class="choice" key={m.iin}>
            <input type="checkbox" id={id} name="attendeeIins" value={m.iin} checked={checked.includes(m.iin)} />
            <label for={id}>
              {m.lastName} {m.firstName}
              {m.isLeader && <span class="muted"> ({ctx.t(`${T}leader`)})</span>}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** One session's attendance: a phone-friendly list of checkboxes grouped by team. */
export function SessionAttendancePage({
  ctx,
  competitionId,
  detail,
  checked,
  errors = NO_ERRORS,
  notice,
}: {
  ctx: PageContext;
  competitionId: string;
  detail: TrainingSessionDetail;
  checked: readonly string[];
  errors?: FormErrors;
  notice?: string;
}) {
  const { session } = detail;
  const heading = ctx.t(`${T}session_title`, { date: formatDate(session.heldOn, ctx.locale) });
  const base = `/organizer/competitions/${competitionId}/training`;
  const error = errors.for('attendeeIins');
  return (
    <Layout ctx={ctx} title={heading} failed={errors.any}>
      <ErrorSummary ctx={ctx} errors={errors} labels={sessionLabels(ctx)} />
      <Notice text={notice} />
      <p>
        <a href={base}>{ctx.t(`${T}back_training`)}</a>
      </p>
      <h1>{heading}</h1>
      <p>
        <SessionLine ctx={ctx} session={session} />
      </p>
      <p>{session.topic}</p>
      {session.place && <p class="muted">{session.place}</p>}
      <p>{ctx.t(`${T}present_count`, { count: session.present })}</p>
      {!session.held ? (
        <p class="notice notice--info">{ctx.t(`${T}not_held`)}</p>
      ) : detail.teams.length === 0 ? (
        <p>{ctx.t(`${T}no_teams`)}</p>
      ) : (
        <PostForm ctx={ctx} action={`${base}/sessions/${session.id}`}>
          <input type="hidden" name="version" value={String(session.version)} />
          <div
            class={`field${error ? ' field--error' : ''}`}
            id={fieldId('attendeeIins')}
            tabindex={-1}
            role="group"
            aria-labelledby="attendance-title"
            aria-describedby={`attendance-hint${error ? ` ${fieldId('attendeeIins')}-error` : ''}`}
          >
            <h2 id="attendance-title">{ctx.t(`${T}attendance_title`)}</h2>
            <p class="hint" id="attendance-hint">
              {ctx.t(`${T}attendance_hint`)}
            </p>
            {error && (
              <p class="field-error" id={`${fieldId('attendeeIins')}-error`}>
                {error}
              </p>
            )}
            {detail.teams.map((team, i) => (
              <TeamChecklist ctx={ctx} team={team} checked={checked} index={i} key={team.applicationId} />
            ))}
          </div>
          <SubmitButton>{ctx.t(`${T}save_attendance`)}</SubmitButton>
        </PostForm>
      )}
    </Layout>
  );
}
