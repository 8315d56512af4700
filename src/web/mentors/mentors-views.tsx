import type { MeetingView, MentorsOverview, MentorTeam } from '../../modules/mentors/mentors.service';
import { monthBounds } from '../../modules/mentors/domain/mentoring-rules';
import { ErrorSummary, fieldId, FormErrors, NO_ERRORS, PostForm, SubmitButton, TextField } from '../core/forms';
import { formatDate } from '../core/format';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';

const T = 'pages.mentors.';

/** A meeting form as typed: what the mentor sent, kept when the form is refused. */
export interface MeetingForm {
  heldOn: string;
  minutes: string;
  topic: string;
  attendeeIins: string[];
}

/** A group of checkboxes with one name (`attendeeIins`, `applicationIds`): legend, hint, message, focusable for the summary's link. */
function CheckboxGroup(props: {
  name: string;
  legend: string;
  hint?: string;
  errors: FormErrors;
  options: { value: string; label: string; note?: string }[];
  checked: readonly string[];
}) {
  const id = fieldId(props.name);
  const error = props.errors.for(props.name);
  const described = [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <fieldset
      class={`field${error ? ' field--error' : ''}`}
      id={id}
      tabindex={-1}
      aria-describedby={described || undefined}
    >
      <legend>{props.legend}</legend>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {props.options.map((o, i) => (
        <div class="choice" key={o.value}>
          <input
            type="checkbox"
            id={`${id}-${i}`}
            name={props.name}
            value={o.value}
            checked={props.checked.includes(o.value)}
          />
          <label for={`${id}-${i}`}>
            {o.label}
            {o.note && <span class="muted"> ({o.note})</span>}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function MonthCount({
  ctx,
  count,
  required,
  behind,
}: {
  ctx: PageContext;
  count: number;
  required: number;
  behind: boolean;
}) {
  return (
    <p>
      {ctx.t(`${T}this_month`, { count, n: required })}{' '}
      <span class={`tag ${behind ? 'tag--yellow' : 'tag--green'}`}>
        {ctx.t(behind ? `${T}behind` : `${T}on_track`)}
      </span>
    </p>
  );
}

export function MentorHomePage({ ctx, teams, required }: { ctx: PageContext; teams: MentorTeam[]; required: number }) {
  return (
    <Layout ctx={ctx} title={ctx.t(`${T}home_title`)}>
      <h1>{ctx.t(`${T}home_title`)}</h1>
      <p>{ctx.t(`${T}home_intro`, { n: required })}</p>
      {teams.length === 0 ? (
        <p>{ctx.t(`${T}home_none`)}</p>
      ) : (
        <ul class="cards">
          {teams.map((team) => (
            <li class="card" key={team.applicationId}>
              <h2>
                <a href={`/mentor/teams/${team.applicationId}`}>
                  {team.number} — {team.title ?? ctx.t(`${T}untitled`)}
                </a>
              </h2>
              <p class="muted">
                {team.competitionTitle[ctx.locale]} · {ctx.t(`${T}arm`, { arm: team.arm })}
              </p>
              <MonthCount ctx={ctx} count={team.meetingsThisMonth} required={team.required} behind={team.behind} />
              <p>
                <a class="button" href={`/mentor/teams/${team.applicationId}#log`}>
                  {ctx.t(`${T}log_link`)}
                </a>
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

function MeetingsList({ ctx, team, meetings }: { ctx: PageContext; team: MentorTeam; meetings: MeetingView[] }) {
  const nameOf = new Map(team.members.map((m) => [m.iin, `${m.lastName} ${m.firstName}`]));
  return (
    <section aria-labelledby="meetings-title">
      <h2 id="meetings-title">{ctx.t(`${T}meetings_title`)}</h2>
      {meetings.length === 0 ? (
        <p>{ctx.t(`${T}meetings_none`)}</p>
      ) : (
        <ul class="cards meetings">
          {meetings.map((m) => (
            <li class="card" key={m.id}>
              <p>
                <strong>
                  {ctx.t(`${T}meeting_line`, { date: formatDate(m.heldOn, ctx.locale), minutes: m.minutes })}
                </strong>
              </p>
              <p>{m.topic}</p>
              <p class="muted">
                {ctx.t(`${T}present`, { names: m.attendeeIins.map((iin) => nameOf.get(iin) ?? iin).join(', ') })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function MentorTeamPage({
  ctx,
  team,
  meetings,
  form,
  errors = NO_ERRORS,
  notice,
}: {
  ctx: PageContext;
  team: MentorTeam;
  meetings: MeetingView[];
  form: MeetingForm;
  errors?: FormErrors;
  notice?: string;
}) {
  const heading = ctx.t(`${T}team_title`, { number: team.number ?? '' });
  const labels = {
    heldOn: ctx.t(`${T}held_on`),
    minutes: ctx.t(`${T}minutes`),
    topic: ctx.t(`${T}topic`),
    attendeeIins: ctx.t(`${T}attendees`),
  };
  return (
    <Layout ctx={ctx} title={heading} failed={errors.any}>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <Notice text={notice} />
      <p>
        <a href="/mentor">{ctx.t(`${T}back_home`)}</a>
      </p>
      <h1>{heading}</h1>
      <p>{team.title ?? ctx.t(`${T}untitled`)}</p>
      <p class="muted">
        {team.competitionTitle[ctx.locale]} · {ctx.t(`${T}arm`, { arm: team.arm })}
      </p>
      <MonthCount ctx={ctx} count={team.meetingsThisMonth} required={team.required} behind={team.behind} />
      <section aria-labelledby="log" class="panel">
        <h2 id="log" tabindex={-1}>
          {ctx.t(`${T}log_title`)}
        </h2>
        <PostForm ctx={ctx} action={`/mentor/teams/${team.applicationId}/meetings`}>
          <TextField
            name="heldOn"
            type="date"
            label={labels.heldOn}
            hint={ctx.t(`${T}held_on_hint`)}
            value={form.heldOn}
            errors={errors}
            width="medium"
          />
          <TextField
            name="minutes"
            type="number"
            inputMode="numeric"
            label={labels.minutes}
            hint={ctx.t(`${T}minutes_hint`)}
            value={form.minutes}
            errors={errors}
            width="short"
          />
          <TextField
            name="topic"
            label={labels.topic}
            hint={ctx.t(`${T}topic_hint`)}
            value={form.topic}
            errors={errors}
            maxLength={300}
          />
          <CheckboxGroup
            name="attendeeIins"
            legend={labels.attendeeIins}
            hint={ctx.t(`${T}attendees_hint`)}
            errors={errors}
            checked={form.attendeeIins}
            options={team.members.map((m) => ({
              value: m.iin,
              label: `${m.lastName} ${m.firstName}`,
              note: m.isLeader ? ctx.t(`${T}leader`) : undefined,
            }))}
          />
          <SubmitButton>{ctx.t(`${T}save_meeting`)}</SubmitButton>
        </PostForm>
      </section>
      <MeetingsList ctx={ctx} team={team} meetings={meetings} />
    </Layout>
  );
}

function TeamsTable({ ctx, overview }: { ctx: PageContext; overview: MentorsOverview }) {
  return (
    <div class="table-scroll" role="region" aria-labelledby="teams-title" tabindex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{ctx.t(`${T}col_number`)}</th>
            <th scope="col">{ctx.t(`${T}col_title`)}</th>
            <th scope="col">{ctx.t(`${T}col_arm`)}</th>
            <th scope="col" class="num">
              {ctx.t(`${T}col_people`)}
            </th>
            <th scope="col">{ctx.t(`${T}col_mentor`)}</th>
            <th scope="col">{ctx.t(`${T}col_meetings`)}</th>
          </tr>
        </thead>
        <tbody>
          {overview.teams.map((team) => (
            <tr key={team.applicationId}>
              <td class="mono">{team.number}</td>
              <td>{team.title ?? ctx.t(`${T}untitled`)}</td>
              <td>{team.arm}</td>
              <td class="num">{team.people}</td>
              <td>
                {team.mentor ? (
                  (team.mentor.fullName ?? team.mentor.email)
                ) : (
                  <span class="tag tag--grey">{ctx.t(`${T}no_mentor`)}</span>
                )}
              </td>
              <td>
                {team.mentor ? (
                  <>
                    {team.meetingsThisMonth} / {overview.required}{' '}
                    {team.behind && <span class="tag tag--yellow">{ctx.t(`${T}behind`)}</span>}
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OrganizerMentorsPage({
  ctx,
  competition,
  overview,
  mentorUserId,
  checked,
  errors = NO_ERRORS,
  notice,
}: {
  ctx: PageContext;
  competition: { id: string; title: string; timeZone: string };
  overview: MentorsOverview;
  /** The mentor whose teams the form edits, if one is chosen. */
  mentorUserId: string | null;
  /** The teams ticked in the form: the mentor's own, or what was typed in a refused form. */
  checked: readonly string[];
  errors?: FormErrors;
  notice?: string;
}) {
  const heading = ctx.t(`${T}organizer_title`);
  const base = `/organizer/competitions/${competition.id}/mentors`;
  const chosen = overview.mentors.find((m) => m.userId === mentorUserId) ?? null;
  const behind = overview.teams.filter((x) => x.behind);
  const { from, to } = monthBounds(overview.month);
  const lastDay = new Date(Date.parse(`${to}T00:00:00Z`) - 24 * 3600 * 1000).toISOString().slice(0, 10);
  /** The error summary names the field shortly; the legend names the mentor. */
  const labels = { applicationIds: ctx.t(`${T}teams_field`) };
  return (
    <Layout ctx={ctx} title={heading} failed={errors.any} wide>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <Notice text={notice} />
      <p>
        <a href={`/organizer/competitions/${competition.id}`}>{ctx.t(`${T}back_hub`)}</a>
      </p>
      <h1>{heading}</h1>
      <p class="muted">{competition.title}</p>

      <section aria-labelledby="behind-title">
        <h2 id="behind-title">{ctx.t(`${T}behind_title`)}</h2>
        <p class="muted">
          {formatDate(from, ctx.locale)} — {formatDate(lastDay, ctx.locale)}
        </p>
        {behind.length === 0 ? (
          <p>{ctx.t(`${T}behind_none`, { n: overview.required })}</p>
        ) : (
          <ul>
            {behind.map((x) => (
              <li key={x.applicationId}>
                {ctx.t(`${T}behind_line`, {
                  number: x.number ?? '',
                  mentor: x.mentor?.fullName ?? x.mentor?.email ?? '',
                  count: x.meetingsThisMonth,
                  n: overview.required,
                })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="teams-title">
        <h2 id="teams-title">{ctx.t(`${T}teams_title`)}</h2>
        {overview.teams.length === 0 ? <p>{ctx.t(`${T}teams_none`)}</p> : <TeamsTable ctx={ctx} overview={overview} />}
      </section>

      <section aria-labelledby="assign-title" id="assign">
        <h2 id="assign-title">{ctx.t(`${T}assign_title`)}</h2>
        <p>{ctx.t(`${T}assign_rules`, overview.limits)}</p>
        {overview.mentors.length === 0 ? (
          <p>
            {ctx.t(`${T}no_candidates`)}{' '}
            <a href={`/organizer/competitions/${competition.id}/members`}>{ctx.t(`${T}members_link`)}</a>
          </p>
        ) : (
          <>
            <form method="get" action={`${base}#assign`} class="mentor-choice">
              <div class="field">
                <label for="f-mentor">{ctx.t(`${T}mentor`)}</label>
                <select id="f-mentor" name="mentor">
                  {overview.mentors.map((m) => (
                    <option key={m.userId} value={m.userId} selected={m.userId === mentorUserId}>
                      {ctx.t(`${T}mentor_option`, {
                        name: m.fullName ?? m.email,
                        projects: m.projects,
                        people: m.people,
                      })}
                      {m.source === 'mentor_selection' ? ` — ${ctx.t(`${T}from_selection`)}` : ''}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" class="button button--secondary">
                {ctx.t(`${T}choose`)}
              </button>
            </form>
            {chosen && overview.teams.length > 0 && (
              <PostForm ctx={ctx} action={base}>
                <input type="hidden" name="mentorUserId" value={chosen.userId} />
                <CheckboxGroup
                  name="applicationIds"
                  legend={ctx.t(`${T}teams_of`, { name: chosen.fullName ?? chosen.email })}
                  hint={ctx.t(`${T}teams_hint`)}
                  errors={errors}
                  checked={checked}
                  options={overview.teams.map((team) => ({
                    value: team.applicationId,
                    label: ctx.t(`${T}team_option`, {
                      number: team.number ?? '',
                      title: team.title ?? ctx.t(`${T}untitled`),
                      arm: team.arm,
                      people: team.people,
                    }),
                    note:
                      team.mentor && team.mentor.userId !== chosen.userId
                        ? ctx.t(`${T}now_with`, { mentor: team.mentor.fullName ?? team.mentor.email })
                        : undefined,
                  }))}
                />
                <SubmitButton>{ctx.t(`${T}save_assignment`)}</SubmitButton>
              </PostForm>
            )}
          </>
        )}
      </section>
    </Layout>
  );
}
