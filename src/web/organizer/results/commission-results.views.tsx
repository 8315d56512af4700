import type { ComponentChildren } from 'preact';
import { hasKey } from '../../../common/i18n/i18n';
import { readableNumber } from '../../../common/i18n/message-format';
import type { MemberProgress } from '../../../modules/scoring/commission-overview.service';
import { formatDate, formatDateTime, formatMoney } from '../../core/format';
import {
  ErrorSummary,
  fieldId,
  FormErrors,
  NO_ERRORS,
  Option,
  PostForm,
  RadioGroup,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../core/forms';
import { Layout, Notice } from '../../core/layout';
import type { PageContext } from '../../core/page-context';

const T = 'pages.results.';

export interface CompetitionHead {
  id: string;
  title: { kk: string; ru: string };
  status: string;
  timeZone: string;
}

/** Where the commission's round stands: closed (when, waived quorum), results published (when). */
export interface RoundState {
  quorum: number;
  closedAt: Date | null;
  forcedReason: string | null;
  publishedAt: Date | null;
}

export interface ConflictRow {
  memberName: string;
  number: string;
  source: 'declared' | 'suggested';
  status: 'pending' | 'confirmed' | 'dismissed';
  reason: string;
}

export interface ApplicationProgressRow {
  applicationId: string;
  number: string;
  title: string | null;
  assigned: number;
  scored: number;
}

/** The assignment form as typed: every member scores everything, or a quorum of them each application. */
export interface AssignForm {
  mode: 'all' | 'quorum';
  quorum: string;
}

/** An application closing found short of the quorum, in the words the page says it. */
export interface QuorumProblem {
  number: string;
  scored: number;
  missing: number;
}

function titleIn(ctx: PageContext, title: { kk: string; ru: string }): string {
  return ctx.locale === 'ru' ? title.ru : title.kk;
}

/** A suggested conflict's reason is a code with its own sentence; a member's own words are shown as written. */
export function conflictReason(ctx: PageContext, reason: string): string {
  return hasKey(ctx.locale, `conflict.${reason}`) ? ctx.t(`conflict.${reason}`) : reason;
}

/** Back to the competition's page, and between the commission and the results. */
function CompetitionLinks({ ctx, competitionId, here }: { ctx: PageContext; competitionId: string; here: string }) {
  const base = `/organizer/competitions/${competitionId}`;
  const links = [
    { href: base, label: ctx.t(`${T}hub_link`), key: 'hub' },
    { href: `${base}/commission`, label: ctx.t(`${T}commission_title`), key: 'commission' },
    { href: `${base}/results`, label: ctx.t(`${T}results_title`), key: 'results' },
  ];
  return (
    <nav class="subnav" aria-label={ctx.t(`${T}nav_label`)}>
      <ul>
        {links.map((l) => (
          <li key={l.key}>
            <a href={l.href} aria-current={l.key === here ? 'page' : undefined}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function StatusLine({ ctx, competition }: { ctx: PageContext; competition: CompetitionHead }) {
  return (
    <p>
      <span class="muted">{titleIn(ctx, competition.title)}</span>{' '}
      <strong class="tag tag--grey">{ctx.t(`pages.organizer.competition_status.${competition.status}`)}</strong>
    </p>
  );
}

/** A wide table that scrolls sideways on its own (focusable, so a keyboard can scroll it too). */
function ScrollTable({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabindex={0}>
      <table>{children}</table>
    </div>
  );
}

function QuorumProblems({ ctx, problems }: { ctx: PageContext; problems: QuorumProblem[] }) {
  return (
    <div class="notice notice--warning" id="quorum-problems">
      <h2>{ctx.t(`${T}close_refused_heading`)}</h2>
      <ul>
        {problems.map((p) => (
          <li key={p.number}>
            {ctx.t(`${T}close_refused_line`, { number: p.number, scored: p.scored, count: p.missing })}
          </li>
        ))}
      </ul>
      <p>{ctx.t(`${T}close_refused_nothing_changed`)}</p>
    </div>
  );
}

export function CommissionPage({
  ctx,
  competition,
  round,
  members,
  conflicts,
  applications,
  form,
  forceReason = '',
  errors = NO_ERRORS,
  problems = [],
  notice,
}: {
  ctx: PageContext;
  competition: CompetitionHead;
  round: RoundState;
  members: MemberProgress[];
  conflicts: ConflictRow[];
  applications: ApplicationProgressRow[];
  form: AssignForm;
  forceReason?: string;
  errors?: FormErrors;
  problems?: QuorumProblem[];
  notice?: string;
}) {
  const title = ctx.t(`${T}commission_title`);
  const base = `/organizer/competitions/${competition.id}`;
  const scoring = competition.status === 'scoring' && !round.closedAt;
  const assigned = members.some((m) => m.assigned > 0);
  const labels = {
    mode: ctx.t(`${T}assign_mode`),
    quorum: ctx.t(`${T}assign_quorum`),
    reason: ctx.t(`${T}force_reason`),
  };
  return (
    <Layout ctx={ctx} title={title} failed={errors.any} wide>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <Notice text={notice} />
      <CompetitionLinks ctx={ctx} competitionId={competition.id} here="commission" />
      <h1>{title}</h1>
      <StatusLine ctx={ctx} competition={competition} />
      {problems.length > 0 && <QuorumProblems ctx={ctx} problems={problems} />}
      {round.closedAt ? (
        <div class="notice notice--info">
          <p>{ctx.t(`${T}closed_on`, { date: formatDateTime(round.closedAt, competition.timeZone, ctx.locale) })}</p>
          {round.forcedReason && <p>{ctx.t(`${T}closed_forced`, { reason: round.forcedReason })}</p>}
          <p>
            <a href={`${base}/results`}>{ctx.t(`${T}to_results`)}</a>
          </p>
        </div>
      ) : (
        !scoring && <p>{ctx.t(`${T}not_scoring_yet`)}</p>
      )}

      <h2>{ctx.t(`${T}members_heading`)}</h2>
      <p>{ctx.t(`${T}quorum_line`, { count: round.quorum })}</p>
      {members.length === 0 ? (
        <p>{ctx.t(`${T}members_none`)}</p>
      ) : (
        <ScrollTable label={ctx.t(`${T}members_heading`)}>
          <thead>
            <tr>
              <th scope="col">{ctx.t(`${T}col_member`)}</th>
              <th scope="col">{ctx.t(`${T}col_progress`)}</th>
              <th scope="col" class="num">
                {ctx.t(`${T}col_conflicts`)}
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.memberId}>
                <td>{m.name}</td>
                <td>
                  {ctx.t(`${T}member_progress`, { scored: m.scored, count: m.assigned })}
                  {m.assigned > 0 && m.scored === m.assigned && (
                    <>
                      {' '}
                      <span class="tag tag--green">{ctx.t(`${T}member_done`)}</span>
                    </>
                  )}
                </td>
                <td class="num">{m.conflicts}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}

      <h2>{ctx.t(`${T}conflicts_heading`)}</h2>
      <p class="hint">{ctx.t(`${T}conflicts_hint`)}</p>
      {conflicts.length === 0 ? (
        <p>{ctx.t(`${T}conflicts_none`)}</p>
      ) : (
        <ScrollTable label={ctx.t(`${T}conflicts_heading`)}>
          <thead>
            <tr>
              <th scope="col">{ctx.t(`${T}col_member`)}</th>
              <th scope="col">{ctx.t(`${T}col_application`)}</th>
              <th scope="col">{ctx.t(`${T}col_source`)}</th>
              <th scope="col">{ctx.t(`${T}col_conflict_state`)}</th>
              <th scope="col">{ctx.t(`${T}col_reason`)}</th>
            </tr>
          </thead>
          <tbody>
            {conflicts.map((c, i) => (
              <tr key={i}>
                <td>{c.memberName}</td>
                <td class="mono nowrap">{c.number}</td>
                <td>{ctx.t(`${T}conflict_source_${c.source}`)}</td>
                <td>
                  <span
                    class={`tag ${c.status === 'confirmed' ? 'tag--red' : c.status === 'dismissed' ? 'tag--grey' : 'tag--yellow'}`}
                  >
                    {ctx.t(`${T}conflict_status_${c.status}`)}
                  </span>
                </td>
                <td>{conflictReason(ctx, c.reason)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}

      {scoring && (
        <section aria-labelledby="assign-heading">
          <h2 id="assign-heading">{ctx.t(`${T}assign_heading`)}</h2>
          <p class="hint">{ctx.t(assigned ? `${T}assign_again_hint` : `${T}assign_hint`)}</p>
          <PostForm ctx={ctx} action={`${base}/commission/assign`}>
            <RadioGroup
              name="mode"
              label={labels.mode}
              value={form.mode}
              options={[
                { value: 'all', label: ctx.t(`${T}assign_mode_all`) },
                { value: 'quorum', label: ctx.t(`${T}assign_mode_quorum`) },
              ]}
              errors={errors}
            />
            <TextField
              name="quorum"
              label={labels.quorum}
              hint={ctx.t(`${T}assign_quorum_hint`)}
              value={form.quorum}
              type="number"
              inputMode="numeric"
              width="short"
              errors={errors}
            />
            <SubmitButton secondary={assigned}>
              {ctx.t(assigned ? `${T}assign_again_button` : `${T}assign_button`)}
            </SubmitButton>
          </PostForm>
        </section>
      )}

      <h2>{ctx.t(`${T}applications_heading`)}</h2>
      {applications.length === 0 ? (
        <p>{ctx.t(`${T}applications_none`)}</p>
      ) : (
        <ScrollTable label={ctx.t(`${T}applications_heading`)}>
          <thead>
            <tr>
              <th scope="col">{ctx.t(`${T}col_number`)}</th>
              <th scope="col">{ctx.t(`${T}col_title`)}</th>
              <th scope="col" class="num">
                {ctx.t(`${T}col_assigned`)}
              </th>
              <th scope="col">{ctx.t(`${T}col_scores`)}</th>
            </tr>
          </thead>
          <tbody>
            {applications.map((a) => (
              <tr key={a.applicationId}>
                <td class="mono nowrap">{a.number}</td>
                <td>{a.title ?? '—'}</td>
                <td class="num">{a.assigned}</td>
                <td>
                  {ctx.t(`${T}application_scores`, { scored: a.scored, count: round.quorum })}{' '}
                  {a.scored >= round.quorum ? (
                    <span class="tag tag--green">{ctx.t(`${T}quorum_met`)}</span>
                  ) : (
                    <span class="tag tag--yellow">{ctx.t(`${T}quorum_short`, { count: round.quorum - a.scored })}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}

      {scoring && (
        <section aria-labelledby="close-heading">
          <h2 id="close-heading">{ctx.t(`${T}close_heading`)}</h2>
          <p>{ctx.t(`${T}close_hint`)}</p>
          <PostForm ctx={ctx} action={`${base}/commission/close`}>
            <SubmitButton>{ctx.t(`${T}close_button`)}</SubmitButton>
          </PostForm>
          {problems.length > 0 && (
            <PostForm ctx={ctx} action={`${base}/commission/close`} class="panel">
              <h3>{ctx.t(`${T}force_heading`)}</h3>
              <p class="hint">{ctx.t(`${T}force_hint`)}</p>
              <input type="hidden" name="force" value="true" />
              <TextArea
                name="reason"
                label={labels.reason}
                value={forceReason}
                maxLength={1000}
                rows={3}
                errors={errors}
              />
              <SubmitButton secondary>{ctx.t(`${T}force_button`)}</SubmitButton>
            </PostForm>
          )}
        </section>
      )}
    </Layout>
  );
}

export interface RankingLine {
  applicationId: string;
  rank: number;
  number: string | null;
  title: string | null;
  territory: string;
  amount: number;
  mean: number;
  count: number;
  disagreement: boolean;
  outcome: { selected: boolean; reason: string; explanation: string } | null;
}

export interface MeetingForm {
  number: string;
  heldOn: string;
  place: string;
  chairUserId: string;
  secretaryUserId: string;
  attendeeUserIds: string[];
}

export interface Person {
  userId: string;
  name: string;
}

/** Commission members (chair, attendees) and everyone who may be the secretary (members and organizers). */
export interface MeetingPeople {
  commission: Person[];
  secretaries: Person[];
}

function AttendeesField({
  ctx,
  people,
  checked,
  errors,
}: {
  ctx: PageContext;
  people: Person[];
  checked: string[];
  errors: FormErrors;
}) {
  const id = fieldId('attendeeUserIds');
  const error = errors.for('attendeeUserIds');
  return (
    <fieldset
      class={`field${error ? ' field--error' : ''}`}
      id={id}
      tabindex={-1}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{ctx.t(`${T}meeting_attendees`)}</legend>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {people.map((p, i) => (
        <div class="choice" key={p.userId}>
          <input
            type="checkbox"
            id={`${id}-${i}`}
            name="attendeeUserIds"
            value={p.userId}
            checked={checked.includes(p.userId)}
          />
          <label for={`${id}-${i}`}>{p.name}</label>
        </div>
      ))}
    </fieldset>
  );
}

function MeetingSection({
  ctx,
  competitionId,
  editable,
  saved,
  form,
  people,
  errors,
}: {
  ctx: PageContext;
  competitionId: string;
  editable: boolean;
  saved: boolean;
  form: MeetingForm;
  people: MeetingPeople;
  errors: FormErrors;
}) {
  const nameOf = (id: string) => people.secretaries.find((p) => p.userId === id)?.name ?? '—';
  const toOptions = (list: Person[]): Option[] => list.map((p) => ({ value: p.userId, label: p.name }));
  return (
    <section aria-labelledby="meeting-heading">
      <h2 id="meeting-heading">{ctx.t(`${T}meeting_heading`)}</h2>
      {editable && <p class="hint">{ctx.t(saved ? `${T}meeting_saved_hint` : `${T}meeting_hint`)}</p>}
      {editable ? (
        <PostForm ctx={ctx} action={`/organizer/competitions/${competitionId}/results/meeting`}>
          <TextField
            name="number"
            label={ctx.t(`${T}meeting_number`)}
            value={form.number}
            maxLength={40}
            width="short"
            errors={errors}
          />
          <TextField
            name="heldOn"
            label={ctx.t(`${T}meeting_held_on`)}
            value={form.heldOn}
            type="date"
            width="medium"
            errors={errors}
          />
          <TextField
            name="place"
            label={ctx.t(`${T}meeting_place`)}
            value={form.place}
            maxLength={300}
            errors={errors}
          />
          <SelectField
            name="chairUserId"
            label={ctx.t(`${T}meeting_chair`)}
            value={form.chairUserId}
            placeholder={ctx.t(`${T}choose`)}
            options={toOptions(people.commission)}
            errors={errors}
          />
          <SelectField
            name="secretaryUserId"
            label={ctx.t(`${T}meeting_secretary`)}
            value={form.secretaryUserId}
            placeholder={ctx.t(`${T}choose`)}
            options={toOptions(people.secretaries)}
            errors={errors}
          />
          <AttendeesField ctx={ctx} people={people.commission} checked={form.attendeeUserIds} errors={errors} />
          <SubmitButton secondary>{ctx.t(`${T}meeting_save`)}</SubmitButton>
        </PostForm>
      ) : saved ? (
        <dl class="summary-list">
          <dt>{ctx.t(`${T}meeting_number`)}</dt>
          <dd>{form.number}</dd>
          <dt>{ctx.t(`${T}meeting_held_on`)}</dt>
          <dd>{formatDate(form.heldOn, ctx.locale)}</dd>
          <dt>{ctx.t(`${T}meeting_place`)}</dt>
          <dd>{form.place}</dd>
          <dt>{ctx.t(`${T}meeting_chair`)}</dt>
          <dd>{nameOf(form.chairUserId)}</dd>
          <dt>{ctx.t(`${T}meeting_secretary`)}</dt>
          <dd>{nameOf(form.secretaryUserId)}</dd>
          <dt>{ctx.t(`${T}meeting_attendees`)}</dt>
          <dd>{form.attendeeUserIds.map(nameOf).join(', ')}</dd>
        </dl>
      ) : (
        <p>{ctx.t(`${T}meeting_none`)}</p>
      )}
    </section>
  );
}

function OutcomeTag({ ctx, line }: { ctx: PageContext; line: RankingLine }) {
  if (!line.outcome) return <span class="tag tag--grey">{ctx.t(`${T}outcome_none`)}</span>;
  if (!line.outcome.selected) return <span class="tag tag--grey">{ctx.t('status.not_selected')}</span>;
  return (
    <span class="tag tag--green">
      {ctx.t(line.outcome.reason === 'shortlisted' ? 'status.shortlisted' : 'status.winner')}
    </span>
  );
}

export function ResultsPage({
  ctx,
  competition,
  round,
  ranking,
  ruleSentence,
  funded,
  selected,
  meeting,
  meetingSaved,
  people,
  errors = NO_ERRORS,
  notice,
}: {
  ctx: PageContext;
  competition: CompetitionHead;
  round: RoundState;
  ranking: RankingLine[];
  ruleSentence: string;
  funded: boolean;
  /** Whether the selection rule has been applied. */
  selected: boolean;
  meeting: MeetingForm;
  meetingSaved: boolean;
  people: MeetingPeople;
  errors?: FormErrors;
  notice?: string;
}) {
  const title = ctx.t(`${T}results_title`);
  const base = `/organizer/competitions/${competition.id}`;
  const published = !!round.publishedAt;
  const open = competition.status === 'results' && !published;
  const labels = {
    number: ctx.t(`${T}meeting_number`),
    heldOn: ctx.t(`${T}meeting_held_on`),
    place: ctx.t(`${T}meeting_place`),
    chairUserId: ctx.t(`${T}meeting_chair`),
    secretaryUserId: ctx.t(`${T}meeting_secretary`),
    attendeeUserIds: ctx.t(`${T}meeting_attendees`),
  };
  return (
    <Layout ctx={ctx} title={title} failed={errors.any} wide>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <Notice text={notice} />
      <CompetitionLinks ctx={ctx} competitionId={competition.id} here="results" />
      <h1>{title}</h1>
      <StatusLine ctx={ctx} competition={competition} />
      {!round.closedAt ? (
        <p>
          {ctx.t(`${T}results_not_yet`)} <a href={`${base}/commission`}>{ctx.t(`${T}commission_title`)}</a>
        </p>
      ) : (
        <>
          {published ? (
            <div class="notice notice--info">
              <p>
                {ctx.t(`${T}published_on`, {
                  date: formatDateTime(round.publishedAt!, competition.timeZone, ctx.locale),
                })}
              </p>
              <p>
                <a href={`/competitions/${competition.id}`}>{ctx.t(`${T}public_page_link`)}</a>
              </p>
            </div>
          ) : (
            <p>{ctx.t(`${T}not_published`)}</p>
          )}
          <h2>{ctx.t(`${T}rule_heading`)}</h2>
          <p>{ruleSentence}</p>
          {round.forcedReason && <p>{ctx.t(`${T}closed_forced`, { reason: round.forcedReason })}</p>}
          {open && (
            <PostForm ctx={ctx} action={`${base}/results/select`}>
              <p class="hint">{ctx.t(selected ? `${T}select_again_hint` : `${T}select_hint`)}</p>
              <SubmitButton secondary={selected}>
                {ctx.t(selected ? `${T}select_again_button` : `${T}select_button`)}
              </SubmitButton>
            </PostForm>
          )}

          <h2>{ctx.t(`${T}ranking_heading`)}</h2>
          {ranking.length === 0 ? (
            <p>{ctx.t(`${T}ranking_empty`)}</p>
          ) : (
            <ScrollTable label={ctx.t(`${T}ranking_heading`)}>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    {ctx.t(`${T}col_rank`)}
                  </th>
                  <th scope="col">{ctx.t(`${T}col_number`)}</th>
                  <th scope="col">{ctx.t(`${T}col_project`)}</th>
                  {funded && (
                    <th scope="col" class="num">
                      {ctx.t(`${T}col_amount`)}
                    </th>
                  )}
                  <th scope="col" class="num">
                    {ctx.t(`${T}col_mean`)}
                  </th>
                  <th scope="col">{ctx.t(`${T}col_outcome`)}</th>
                </tr>
              </thead>
              <tbody>
                {ranking.map((r) => (
                  <tr key={r.applicationId}>
                    <td class="num">{r.rank}</td>
                    <td class="mono nowrap">{r.number ?? '—'}</td>
                    <td>
                      {r.title ?? '—'}
                      <div class="hint">{r.territory}</div>
                    </td>
                    {funded && <td class="num nowrap">{formatMoney(r.amount)}</td>}
                    <td class="num">
                      {readableNumber(r.mean)}
                      <div class="hint nowrap">{ctx.t(`${T}scores_count`, { count: r.count })}</div>
                      {r.disagreement && <div class="hint">{ctx.t(`${T}disagreement`)}</div>}
                    </td>
                    <td>
                      <OutcomeTag ctx={ctx} line={r} />
                      {r.outcome && <div>{r.outcome.explanation}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          )}

          <MeetingSection
            ctx={ctx}
            competitionId={competition.id}
            editable={!published}
            saved={meetingSaved}
            form={meeting}
            people={people}
            errors={errors}
          />

          <h2>{ctx.t(`${T}protocol_heading`)}</h2>
          <ul class="links">
            <li>
              <a href={`${base}/results/protocol.docx?lang=kk`} download hreflang="kk">
                {ctx.t(`${T}protocol_kk`)}
              </a>
            </li>
            <li>
              <a href={`${base}/results/protocol.docx?lang=ru`} download hreflang="ru">
                {ctx.t(`${T}protocol_ru`)}
              </a>
            </li>
          </ul>

          {open && (
            <>
              <h2>{ctx.t(`${T}publish_heading`)}</h2>
              {selected ? (
                <p>
                  <a class="button" href={`${base}/results/publish`}>
                    {ctx.t(`${T}publish_link`)}
                  </a>
                </p>
              ) : (
                <p>{ctx.t(`${T}publish_needs_selection`)}</p>
              )}
            </>
          )}
        </>
      )}
    </Layout>
  );
}

export interface PublishResultsCounts {
  selected: number;
  notSelected: number;
  /** The selected go to the draw's shortlist rather than straight to the winners. */
  shortlist: boolean;
}

/** "Publish the results?": how many applicants will be told what, then one POST. */
export function PublishResultsPage({
  ctx,
  competition,
  round,
  counts,
  errors = NO_ERRORS,
}: {
  ctx: PageContext;
  competition: CompetitionHead;
  round: RoundState;
  counts: PublishResultsCounts;
  errors?: FormErrors;
}) {
  const title = ctx.t(`${T}publish_title`);
  const base = `/organizer/competitions/${competition.id}`;
  const total = counts.selected + counts.notSelected;
  const open = competition.status === 'results' && !round.publishedAt && total > 0;
  return (
    <Layout ctx={ctx} title={title} failed={errors.any}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <CompetitionLinks ctx={ctx} competitionId={competition.id} here="" />
      <h1>{title}</h1>
      <StatusLine ctx={ctx} competition={competition} />
      {round.publishedAt ? (
        <p>
          {ctx.t(`${T}published_on`, { date: formatDateTime(round.publishedAt, competition.timeZone, ctx.locale) })}
        </p>
      ) : total === 0 ? (
        <p>{ctx.t(`${T}publish_needs_selection`)}</p>
      ) : (
        <>
          <p>{ctx.t(`${T}publish_told`, { count: total })}</p>
          <ul>
            <li>
              {ctx.t(counts.shortlist ? `${T}publish_shortlisted` : `${T}publish_selected`, {
                count: counts.selected,
              })}
            </li>
            <li>{ctx.t(`${T}publish_not_selected`, { count: counts.notSelected })}</li>
          </ul>
          <p>{ctx.t(`${T}publish_warning`)}</p>
        </>
      )}
      {open ? (
        <PostForm ctx={ctx} action={`${base}/results/publish`}>
          <SubmitButton>{ctx.t(`${T}publish_button`)}</SubmitButton>
        </PostForm>
      ) : null}
      <p>
        <a href={`${base}/results`}>{ctx.t(`${T}back_to_results`)}</a>
      </p>
    </Layout>
  );
}
