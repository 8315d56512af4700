import type { CompetitionView } from '../../../modules/competitions/competitions.service';
import type { CompetitionTemplate } from '../../../modules/competitions/domain/competition-templates';
import { formatDateTime, formatMoney } from '../../core/format';
import {
  ErrorSummary,
  fieldId,
  FormErrors,
  NO_ERRORS,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
} from '../../core/forms';
import { Layout, Notice } from '../../core/layout';
import type { PageContext } from '../../core/page-context';
import { FormValues, SectionCode, valueOf } from './setup-forms';
import { competitionPath, DateTimeField, SetupHeader, titleIn } from './setup-parts';
import { RulesSummary, SummaryNames } from './rules-summary';

export const CREATE_LABEL_KEYS = {
  templateCode: 'pages.setup.create_template',
  'title.kk': 'pages.setup.label.title_kk',
  'title.ru': 'pages.setup.label.title_ru',
  organizerOrganizationId: 'pages.setup.label.organizerOrganizationId',
} as const;

export function NewCompetitionPage(props: {
  ctx: PageContext;
  templates: readonly CompetitionTemplate[];
  organizations: { id: string; name: string }[];
  values: FormValues;
  errors?: FormErrors;
}) {
  const { ctx, values, errors = NO_ERRORS } = props;
  const title = ctx.t('pages.setup.create_title');
  const labels = Object.fromEntries(Object.entries(CREATE_LABEL_KEYS).map(([k, key]) => [k, ctx.t(key)]));
  const chosen = valueOf(values, 'templateCode');
  const templateId = fieldId('templateCode');
  const templateError = errors.for('templateCode');
  return (
    <Layout ctx={ctx} title={title} failed={errors.any} wide>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <p>
        <a href="/organizer">{ctx.t('pages.setup.back_to_my')}</a>
      </p>
      <h1>{title}</h1>
      <p>{ctx.t('pages.setup.create_intro')}</p>
      <PostForm ctx={ctx} action="/organizer/competitions/new">
        <input type="hidden" name="requestKey" value={valueOf(values, 'requestKey')} />
        <fieldset class={`field${templateError ? ' field--error' : ''}`} id={templateId} tabindex={-1}>
          <legend>{labels.templateCode}</legend>
          {templateError && (
            <p class="field-error" id={`${templateId}-error`}>
              {templateError}
            </p>
          )}
          {props.templates.map((t, i) => (
            <div class="choice template-choice" key={t.code}>
              <input
                type="radio"
                id={`${templateId}-${i}`}
                name="templateCode"
                value={t.code}
                checked={t.code === chosen}
                aria-describedby={`${templateId}-${i}-about`}
              />
              <div>
                <label for={`${templateId}-${i}`}>
                  <strong>{titleIn(ctx, t.name)}</strong>
                </label>
                <p class="hint" id={`${templateId}-${i}-about`}>
                  {titleIn(ctx, t.description)}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
        <TextField name="title.kk" label={labels['title.kk']} value={valueOf(values, 'title.kk')} errors={errors} />
        <TextField name="title.ru" label={labels['title.ru']} value={valueOf(values, 'title.ru')} errors={errors} />
        {props.organizations.length > 0 && (
          <SelectField
            name="organizerOrganizationId"
            label={labels.organizerOrganizationId}
            hint={ctx.t('pages.setup.organization_hint')}
            value={valueOf(values, 'organizerOrganizationId')}
            placeholder={ctx.t('pages.setup.organization_none')}
            options={props.organizations.map((o) => ({ value: o.id, label: o.name }))}
            errors={errors}
          />
        )}
        <p class="hint">{ctx.t('pages.setup.create_next')}</p>
        <SubmitButton>{ctx.t('pages.setup.create_button')}</SubmitButton>
      </PostForm>
    </Layout>
  );
}

/** Someone who organizes nothing yet: how one becomes an organizer, in the service's words. */
export function NotOrganizerPage({ ctx, message }: { ctx: PageContext; message: string }) {
  const title = ctx.t('pages.setup.create_title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <div class="notice notice--warning">
        <p>{message}</p>
      </div>
      <p>
        <a href="/me">{ctx.t('pages.setup.back_to_me')}</a>
      </p>
    </Layout>
  );
}

/** A problem that keeps the competition from opening, with the section where it is fixed. */
export interface OpeningProblem {
  section: SectionCode | null;
  /** The input's name on that section's form, when known (the link jumps to it). */
  input: string | null;
  message: string;
}

export function RulesOverviewPage(props: {
  ctx: PageContext;
  competition: CompetitionView;
  names: SummaryNames;
  notice?: string;
  problems?: OpeningProblem[];
}) {
  const { ctx, competition } = props;
  const title = ctx.t('pages.setup.overview_title');
  const problems = props.problems ?? [];
  return (
    <Layout ctx={ctx} title={`${title} — ${titleIn(ctx, competition.title)}`} failed={problems.length > 0} wide>
      {problems.length > 0 && (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} data-error-summary>
          <h2 id="error-summary-title">{ctx.t('pages.setup.open_refused_title')}</h2>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                {p.section ? (
                  <a
                    href={`${competitionPath(competition.id, `/rules/${p.section}`)}${p.input ? `#${fieldId(p.input)}` : ''}`}
                  >
                    {ctx.t(`pages.setup.section.${p.section}`)}: {p.message}
                  </a>
                ) : (
                  p.message
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Notice text={props.notice} />
      <SetupHeader ctx={ctx} competition={competition} current="overview" />
      <h1>{title}</h1>
      <p>
        <strong class="tag tag--grey">{ctx.t(`pages.organizer.competition_status.${competition.status}`)}</strong>
      </p>
      {competition.status === 'draft' ? (
        <p>{ctx.t('pages.setup.overview_intro_draft')}</p>
      ) : (
        <p>{ctx.t('pages.setup.locked')}</p>
      )}
      <RulesSummary ctx={ctx} competition={competition} names={props.names} />
      {competition.status === 'draft' && (
        <section class="panel" aria-labelledby="open-title">
          <h2 id="open-title">{ctx.t('pages.setup.open_title')}</h2>
          <p>{ctx.t('pages.setup.open_hint')}</p>
          <PostForm ctx={ctx} action={competitionPath(competition.id, '/open')}>
            <SubmitButton>{ctx.t('pages.setup.open_button')}</SubmitButton>
          </PostForm>
        </section>
      )}
      {competition.status === 'open' && (
        <p>
          <a href={competitionPath(competition.id, '/deadline')}>{ctx.t('pages.setup.deadline_link')}</a>
        </p>
      )}
    </Layout>
  );
}

export interface OpeningProposals {
  warnings: string[];
  districts: string[];
  proposedWinners: number | null;
  proposedFund: number | null;
  currentWinners: number | null;
  currentFund: number | null;
}

export function OpenConfirmationPage(props: {
  ctx: PageContext;
  competition: CompetitionView;
  proposals: OpeningProposals;
}) {
  const { ctx, competition, proposals: p } = props;
  const title = ctx.t('pages.setup.confirm_title');
  const money = (n: number | null) => (n === null ? '—' : formatMoney(n));
  return (
    <Layout ctx={ctx} title={`${title} — ${titleIn(ctx, competition.title)}`} wide>
      <SetupHeader ctx={ctx} competition={competition} />
      <h1>{title}</h1>
      <div class="notice notice--warning" role="alert">
        <p>{ctx.t('pages.setup.confirm_intro')}</p>
        <ul>
          {p.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      </div>
      <h2>{ctx.t('pages.setup.confirm_numbers')}</h2>
      <dl class="summary-list">
        <dt>{ctx.t('pages.setup.confirm_districts')}</dt>
        <dd>
          {ctx.t('pages.setup.confirm_districts_count', { n: p.districts.length })}
          {p.districts.length > 0 && `: ${p.districts.join(', ')}`}
        </dd>
        <dt>{ctx.t('pages.setup.confirm_proposed_winners')}</dt>
        <dd>{p.proposedWinners ?? '—'}</dd>
        <dt>{ctx.t('pages.setup.confirm_current_winners')}</dt>
        <dd>{p.currentWinners ?? '—'}</dd>
        <dt>{ctx.t('pages.setup.confirm_proposed_fund')}</dt>
        <dd>{money(p.proposedFund)}</dd>
        <dt>{ctx.t('pages.setup.confirm_current_fund')}</dt>
        <dd>{money(p.currentFund)}</dd>
      </dl>
      <p>{ctx.t('pages.setup.confirm_fix')}</p>
      <ul class="links">
        <li>
          <a href={competitionPath(competition.id, '/rules/money')}>{ctx.t('pages.setup.confirm_fix_money')}</a>
        </li>
        <li>
          <a href={competitionPath(competition.id, '/rules/criteria')}>{ctx.t('pages.setup.confirm_fix_winners')}</a>
        </li>
        <li>
          <a href={competitionPath(competition.id, '/rules/territories')}>
            {ctx.t('pages.setup.confirm_fix_territory')}
          </a>
        </li>
      </ul>
      <PostForm ctx={ctx} action={competitionPath(competition.id, '/open')}>
        <input type="hidden" name="acknowledgeWarnings" value="yes" />
        <SubmitButton>{ctx.t('pages.setup.confirm_button')}</SubmitButton>
      </PostForm>
      <p>
        <a href={competitionPath(competition.id, '/rules')}>{ctx.t('pages.setup.back_to_overview')}</a>
      </p>
    </Layout>
  );
}

export function DeadlinePage(props: {
  ctx: PageContext;
  competition: CompetitionView;
  values: FormValues;
  errors?: FormErrors;
}) {
  const { ctx, competition, values, errors = NO_ERRORS } = props;
  const title = ctx.t('pages.setup.deadline_title');
  const labels = { submissionDeadline: ctx.t('pages.setup.deadline_new') };
  const current = competition.submissionDeadline
    ? formatDateTime(competition.submissionDeadline, competition.timeZone, ctx.locale)
    : '—';
  return (
    <Layout ctx={ctx} title={`${title} — ${titleIn(ctx, competition.title)}`} failed={errors.any} wide>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <SetupHeader ctx={ctx} competition={competition} current="deadline" />
      <h1>{title}</h1>
      <dl class="summary-list">
        <dt>{ctx.t('pages.setup.deadline_current')}</dt>
        <dd>{current}</dd>
      </dl>
      {competition.status !== 'open' ? (
        <div class="notice notice--info">
          <p>{ctx.t(competition.status === 'draft' ? 'pages.setup.deadline_draft' : 'pages.setup.deadline_closed')}</p>
          {competition.status === 'draft' && (
            <p>
              <a href={competitionPath(competition.id, '/rules/basics')}>{ctx.t('pages.setup.section.basics')}</a>
            </p>
          )}
        </div>
      ) : (
        <PostForm ctx={ctx} action={competitionPath(competition.id, '/deadline')}>
          <input type="hidden" name="version" value={valueOf(values, 'version')} />
          <p>{ctx.t('pages.setup.deadline_later_only')}</p>
          <p>{ctx.t('pages.setup.deadline_told')}</p>
          <DateTimeField
            ctx={ctx}
            name="submissionDeadline"
            legend={labels.submissionDeadline}
            hint={ctx.t('pages.setup.deadline_hint', { zone: ctx.t('pages.setup.zone_almaty') })}
            date={valueOf(values, 'submissionDeadline.date')}
            time={valueOf(values, 'submissionDeadline.time')}
            errors={errors}
          />
          <SubmitButton>{ctx.t('pages.setup.deadline_button')}</SubmitButton>
        </PostForm>
      )}
    </Layout>
  );
}
