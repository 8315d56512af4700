import { APPLICATION_STATUSES } from '../../modules/applications/domain/application-status';
import type { MyCompetitionView } from '../../modules/competitions/competitions.service';
import type { ChecklistView } from '../../modules/screening/screening.service';
import { formatDateTime, formatMoney } from '../core/format';
import {
  ErrorSummary,
  FormErrors,
  NO_ERRORS,
  PostForm,
  RadioGroup,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../core/forms';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';

export interface OrganizerCompetitionRow {
  competition: MyCompetitionView;
  received: number;
}

export interface ApplicationRow {
  id: string;
  number: string | null;
  status: string;
  submittedAt: Date | string | null;
  applicant: string;
  territoryKk: string | null;
  territoryRu: string | null;
  territoryCode: string | null;
  amountRequested: number;
  title: string | null;
}

export interface ApplicationFilters {
  status: string;
  territoryCode: string;
  q: string;
}

/** A competition's title in the page's language. */
export function titleIn(ctx: PageContext, title: { kk: string; ru: string }): string {
  return ctx.locale === 'ru' ? title.ru : title.kk;
}

function StatusTag({ ctx, status }: { ctx: PageContext; status: string }) {
  return <strong class="tag tag--grey">{ctx.t(`pages.organizer.competition_status.${status}`)}</strong>;
}

export function MyCompetitionsPage({
  ctx,
  rows,
  total,
  page,
  pageSize,
}: {
  ctx: PageContext;
  rows: OrganizerCompetitionRow[];
  total: number;
  page: number;
  pageSize: number;
}) {
  const title = ctx.t('pages.organizer.my_title');
  return (
    <Layout ctx={ctx} title={title} wide>
      <h1>{title}</h1>
      <p>
        <a class="button" href="/organizer/competitions/new">
          {ctx.t('pages.organizer.new_competition')}
        </a>
      </p>
      {rows.length === 0 ? (
        <p>{ctx.t('pages.organizer.my_empty')}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('pages.organizer.col_competition')}</th>
                <th scope="col">{ctx.t('pages.organizer.col_status')}</th>
                <th scope="col">{ctx.t('pages.organizer.col_deadline')}</th>
                <th scope="col" class="num">
                  {ctx.t('pages.organizer.col_received')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ competition: c, received }) => (
                <tr key={c.id}>
                  <td>
                    <a href={`/organizer/competitions/${c.id}`}>{titleIn(ctx, c.title)}</a>
                  </td>
                  <td>
                    <StatusTag ctx={ctx} status={c.status} />
                  </td>
                  <td>{c.submissionDeadline ? formatDateTime(c.submissionDeadline, c.timeZone, ctx.locale) : '—'}</td>
                  <td class="num">{received}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager ctx={ctx} base="/organizer?" total={total} page={page} pageSize={pageSize} />
    </Layout>
  );
}

function Pager({
  ctx,
  base,
  total,
  page,
  pageSize,
}: {
  ctx: PageContext;
  base: string;
  total: number;
  page: number;
  pageSize: number;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label={ctx.t('pages.organizer.pages_label')}>
      <p>
        {page > 1 && <a href={`${base}page=${page - 1}`}>{ctx.t('pages.organizer.page_previous')}</a>}{' '}
        {ctx.t('pages.organizer.page_of', { page, pages })}{' '}
        {page < pages && <a href={`${base}page=${page + 1}`}>{ctx.t('pages.organizer.page_next')}</a>}
      </p>
    </nav>
  );
}

export function CompetitionNav({ ctx, competitionId }: { ctx: PageContext; competitionId: string }) {
  return (
    <p>
      <a href="/organizer">{ctx.t('pages.organizer.back_to_my')}</a>
      {' · '}
      <a href={`/organizer/competitions/${competitionId}`}>{ctx.t('pages.organizer.hub_link')}</a>
      {' · '}
      <a href={`/organizer/competitions/${competitionId}/applications`}>{ctx.t('pages.organizer.applications_link')}</a>
    </p>
  );
}

export function ApplicationsPage({
  ctx,
  competition,
  territories,
  filters,
  rows,
  total,
  page,
  pageSize,
  errors = NO_ERRORS,
  notice,
}: {
  ctx: PageContext;
  competition: {
    id: string;
    title: { kk: string; ru: string };
    status: string;
    timeZone: string;
    submissionDeadline: string | null;
  };
  territories: { code: string; name: string; count: number }[];
  filters: ApplicationFilters;
  rows: ApplicationRow[];
  total: number;
  page: number;
  pageSize: number;
  errors?: FormErrors;
  notice?: string;
}) {
  const title = ctx.t('pages.organizer.applications_title');
  const base = `/organizer/competitions/${competition.id}`;
  const labels = {
    status: ctx.t('pages.organizer.filter_status'),
    territoryCode: ctx.t('pages.organizer.filter_territory'),
    q: ctx.t('pages.organizer.filter_q'),
  };
  const query = new URLSearchParams(
    Object.entries(filters).filter(([, v]) => v !== '') as [string, string][],
  ).toString();
  // Once the deadline has passed, running screening closes the intake first.
  const deadlinePassed =
    competition.status === 'open' &&
    competition.submissionDeadline !== null &&
    new Date(competition.submissionDeadline).getTime() <= ctx.now.getTime();
  const screenable = competition.status === 'closed' || competition.status === 'screening' || deadlinePassed;
  return (
    <Layout ctx={ctx} title={title} failed={errors.any} wide>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <Notice text={notice} />
      <CompetitionNav ctx={ctx} competitionId={competition.id} />
      <p class="muted">{titleIn(ctx, competition.title)}</p>
      <h1>{title}</h1>
      <p>
        <StatusTag ctx={ctx} status={competition.status} />
      </p>
      <ul class="links">
        <li>
          <a href={`${base}/journal.xlsx?lang=${ctx.locale}`} download>
            {ctx.t('pages.organizer.journal_download')}
          </a>
        </li>
      </ul>
      {competition.status === 'screening' && (
        <p>
          <a href={`${base}/screening/publish`}>{ctx.t('pages.organizer.publish_link')}</a>
        </p>
      )}
      {screenable && (
        <PostForm ctx={ctx} action={`${base}/screening/run`}>
          <p class="hint">{ctx.t('pages.organizer.run_hint')}</p>
          <SubmitButton secondary>{ctx.t('pages.organizer.run_button')}</SubmitButton>
        </PostForm>
      )}
      <form method="get" action={`${base}/applications`}>
        <SelectField
          name="status"
          label={labels.status}
          value={filters.status}
          placeholder={ctx.t('pages.organizer.filter_any')}
          options={APPLICATION_STATUSES.map((s) => ({ value: s, label: ctx.t(`status.${s}`) }))}
          errors={errors}
        />
        <SelectField
          name="territoryCode"
          label={labels.territoryCode}
          value={filters.territoryCode}
          placeholder={ctx.t('pages.organizer.filter_any')}
          options={territories.map((t) => ({ value: t.code, label: `${t.name} (${t.count})` }))}
          errors={errors}
        />
        <TextField
          name="q"
          label={labels.q}
          hint={ctx.t('pages.organizer.filter_q_hint')}
          value={filters.q}
          maxLength={100}
          width="medium"
          errors={errors}
        />
        <SubmitButton secondary>{ctx.t('pages.organizer.filter_button')}</SubmitButton>
      </form>
      <p>{ctx.t('pages.organizer.found', { count: total })}</p>
      {rows.length > 0 && (
        <div class="table-scroll" role="region" aria-label={title} tabindex={0}>
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('pages.organizer.col_number')}</th>
                <th scope="col">{ctx.t('pages.organizer.col_status')}</th>
                <th scope="col">{ctx.t('pages.organizer.col_title')}</th>
                <th scope="col">{ctx.t('pages.organizer.col_applicant')}</th>
                <th scope="col">{ctx.t('pages.organizer.col_territory')}</th>
                <th scope="col" class="num">
                  {ctx.t('pages.organizer.col_amount')}
                </th>
                <th scope="col">{ctx.t('pages.organizer.col_submitted')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td class="mono nowrap">
                    {r.number ? (
                      <a href={`${base}/applications/${r.id}/screening`}>{r.number}</a>
                    ) : (
                      ctx.t('pages.organizer.no_number')
                    )}
                  </td>
                  <td>{ctx.t(`status.${r.status}`)}</td>
                  <td>{r.title ?? '—'}</td>
                  <td>{r.applicant}</td>
                  <td>{(ctx.locale === 'ru' ? r.territoryRu : r.territoryKk) ?? r.territoryCode ?? '—'}</td>
                  <td class="num">{formatMoney(r.amountRequested)}</td>
                  <td>{r.submittedAt ? formatDateTime(r.submittedAt, competition.timeZone, ctx.locale) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        ctx={ctx}
        base={`${base}/applications?${query ? `${query}&` : ''}`}
        total={total}
        page={page}
        pageSize={pageSize}
      />
    </Layout>
  );
}

/** What the organizer typed for each checklist line: '' keeps the automatic verdict. */
export interface ScreeningForm {
  overrides: Record<string, { verdict: '' | 'pass' | 'fail'; comment: string }>;
  decision: string;
  comment: string;
}

export function screeningFormOf(view: ChecklistView | null): ScreeningForm {
  if (!view) return { overrides: {}, decision: '', comment: '' };
  return {
    overrides: Object.fromEntries(
      view.lines.map((l) => [
        l.rule,
        { verdict: l.override ? (l.override.passed ? 'pass' : 'fail') : '', comment: l.override?.comment ?? '' },
      ]),
    ),
    decision: view.decision ?? '',
    comment: view.decisionComment ?? '',
  };
}

export function ScreeningPage({
  ctx,
  competition,
  application,
  view,
  form,
  errors = NO_ERRORS,
  notice,
}: {
  ctx: PageContext;
  competition: { id: string; title: { kk: string; ru: string }; status: string };
  application: { id: string; number: string | null; title: string | null };
  /** Null until screening has been run for this application. */
  view: ChecklistView | null;
  form: ScreeningForm;
  errors?: FormErrors;
  notice?: string;
}) {
  const title = ctx.t('pages.organizer.screening_title', { number: application.number ?? '' });
  const applicationLink = (
    <p>
      <a href={`/organizer/competitions/${competition.id}/applications/${application.id}`}>
        {ctx.t('pages.organizer.open_application')}
      </a>
    </p>
  );
  if (!view) {
    return (
      <Layout ctx={ctx} title={title} wide>
        <CompetitionNav ctx={ctx} competitionId={competition.id} />
        <p class="muted">{titleIn(ctx, competition.title)}</p>
        <h1>{title}</h1>
        {application.title && <p>{application.title}</p>}
        {applicationLink}
        <div class="notice notice--info">
          <p>{ctx.t('pages.organizer.screening_not_run')}</p>
        </div>
      </Layout>
    );
  }
  const labels: Record<string, string> = {
    decision: ctx.t('pages.organizer.decision_label'),
    comment: ctx.t('pages.organizer.decision_comment'),
  };
  for (const l of view.lines) {
    labels[`verdict_${l.rule}`] = ctx.t('pages.organizer.override_label', { rule: l.label });
    labels[`comment_${l.rule}`] = ctx.t('pages.organizer.override_comment', { rule: l.label });
  }
  const editable = competition.status === 'screening' && !view.publishedAt;
  const verdicts = [
    { value: '', label: ctx.t('pages.organizer.override_keep') },
    { value: 'pass', label: ctx.t('pages.organizer.override_pass') },
    { value: 'fail', label: ctx.t('pages.organizer.override_fail') },
  ];
  return (
    <Layout ctx={ctx} title={title} failed={errors.any} wide>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <Notice text={notice} />
      <CompetitionNav ctx={ctx} competitionId={competition.id} />
      <p class="muted">{titleIn(ctx, competition.title)}</p>
      <h1>{title}</h1>
      {application.title && <p>{application.title}</p>}
      {applicationLink}
      <p>
        {ctx.t('pages.organizer.current_decision')}{' '}
        <strong
          class={view.decision === 'screened_in' ? 'tag tag--green' : view.decision ? 'tag tag--red' : 'tag tag--grey'}
        >
          {view.decision ? ctx.t(`status.${view.decision}`) : ctx.t('pages.organizer.undecided')}
        </strong>
      </p>
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">{ctx.t('pages.organizer.checklist_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('pages.organizer.col_rule')}</th>
              <th scope="col">{ctx.t('pages.organizer.col_result')}</th>
              <th scope="col">{ctx.t('pages.organizer.col_reason')}</th>
            </tr>
          </thead>
          <tbody>
            {view.lines.map((l) => (
              <tr key={l.rule}>
                <td>{l.label}</td>
                <td>
                  <strong class={l.effective ? 'tag tag--green' : 'tag tag--red'}>
                    {ctx.t(l.effective ? 'pages.organizer.result_pass' : 'pages.organizer.result_fail')}
                  </strong>
                  {l.override && <span class="hint"> {ctx.t('pages.organizer.overridden')}</span>}
                </td>
                <td>
                  {l.message ?? '—'}
                  {l.override && (
                    <p class="hint">{ctx.t('pages.organizer.override_shown', { comment: l.override.comment })}</p>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editable ? (
        <PostForm
          ctx={ctx}
          action={`/organizer/competitions/${competition.id}/applications/${application.id}/screening`}
        >
          <h2>{ctx.t('pages.organizer.overrides_heading')}</h2>
          <p class="hint">{ctx.t('pages.organizer.overrides_hint')}</p>
          {view.lines.map((l) => (
            <div key={l.rule} class="panel">
              <SelectField
                name={`verdict_${l.rule}`}
                label={labels[`verdict_${l.rule}`]}
                value={form.overrides[l.rule]?.verdict ?? ''}
                options={verdicts}
                errors={errors}
              />
              <TextField
                name={`comment_${l.rule}`}
                label={labels[`comment_${l.rule}`]}
                value={form.overrides[l.rule]?.comment ?? ''}
                maxLength={2000}
                errors={errors}
              />
            </div>
          ))}
          <h2>{ctx.t('pages.organizer.decision_heading')}</h2>
          <RadioGroup
            name="decision"
            label={labels.decision}
            value={form.decision}
            options={[
              { value: 'screened_in', label: ctx.t('status.screened_in') },
              { value: 'screened_out', label: ctx.t('status.screened_out') },
            ]}
            errors={errors}
          />
          <TextArea
            name="comment"
            label={labels.comment}
            hint={ctx.t('pages.organizer.decision_comment_hint')}
            value={form.comment}
            maxLength={2000}
            rows={3}
            errors={errors}
          />
          <SubmitButton>{ctx.t('pages.organizer.save_button')}</SubmitButton>
        </PostForm>
      ) : (
        <p>{ctx.t('pages.organizer.not_editable')}</p>
      )}
    </Layout>
  );
}

export interface PublishCounts {
  screenedIn: number;
  screenedOut: number;
  undecided: number;
}

/** "Publish the screening?": how many applicants will be told what, then one POST. */
export function PublishScreeningPage({
  ctx,
  competition,
  counts,
  errors = NO_ERRORS,
}: {
  ctx: PageContext;
  competition: { id: string; title: { kk: string; ru: string }; status: string };
  counts: PublishCounts;
  errors?: FormErrors;
}) {
  const title = ctx.t('pages.organizer.publish_title');
  return (
    <Layout ctx={ctx} title={title} failed={errors.any}>
      <ErrorSummary ctx={ctx} errors={errors} labels={{}} />
      <CompetitionNav ctx={ctx} competitionId={competition.id} />
      <p class="muted">{titleIn(ctx, competition.title)}</p>
      <h1>{title}</h1>
      <ul>
        <li>{ctx.t('pages.organizer.publish_in', { count: counts.screenedIn })}</li>
        <li>{ctx.t('pages.organizer.publish_out', { count: counts.screenedOut })}</li>
        {counts.undecided > 0 && (
          <li>
            <strong>{ctx.t('pages.organizer.publish_undecided', { count: counts.undecided })}</strong>
          </li>
        )}
      </ul>
      <p>{ctx.t('pages.organizer.publish_warning')}</p>
      {competition.status === 'screening' ? (
        <PostForm ctx={ctx} action={`/organizer/competitions/${competition.id}/screening/publish`}>
          <SubmitButton>{ctx.t('pages.organizer.publish_button')}</SubmitButton>
        </PostForm>
      ) : (
        <p>{ctx.t('pages.organizer.not_editable')}</p>
      )}
    </Layout>
  );
}
