import type { ComponentChildren } from 'preact';
import type { Actor } from '../../common/http/actor';
import { ApplicationsService, ApplicationView } from '../../modules/applications/applications.service';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import type { Rulebook } from '../../modules/competitions/domain/rulebook.types';
import type { Competition } from '../../modules/competitions/entities/competition.entity';
import { formatDateTime } from '../core/format';
import { ErrorSummary, FormErrors, NO_ERRORS } from '../core/forms';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';

/**
 * The frame every step of an application shares (issue 14): the application loaded for its
 * owner with its competition's rulebook, the steps navigation, the status and number.
 * The project, team and budget steps are in application-{project,team,budget}.tsx; the
 * documents, check-and-submit and after-submission pages build on these exports.
 */

/** The steps in order; team and budget appear only when the rulebook asks for them. */
export const STEP_KEYS = ['project', 'team', 'budget', 'documents', 'check'] as const;
export type StepKey = (typeof STEP_KEYS)[number];

/** What a step page needs: the application as its owner reads it, its competition and rulebook. */
export interface ApplicationPage {
  application: ApplicationView;
  competition: Pick<
    Competition,
    'id' | 'titleKk' | 'titleRu' | 'status' | 'timeZone' | 'submissionDeadline' | 'numberPrefix'
  >;
  rulebook: Rulebook;
}

export interface ApplicationPageServices {
  applications: ApplicationsService;
  competitions: CompetitionsService;
}

/**
 * Loads an application for the person acting, with its competition and rulebook. Whoever may
 * not read it (another applicant's application) gets the service's 404, which the page filter
 * answers with the "not found" page. Pass an id already checked by `uuidPipe`.
 */
export async function loadApplicationPage(
  services: ApplicationPageServices,
  id: string,
  actor: Actor,
): Promise<ApplicationPage> {
  const application = await services.applications.get(id, actor);
  const competition = (await services.competitions.find(application.competitionId))!;
  return { application, competition, rulebook: services.competitions.rulebookOf(competition) };
}

/** The steps this competition's application has (no team step without a team rule, no budget without funding). */
export function stepsFor(rulebook: Pick<Rulebook, 'team' | 'funding'>): StepKey[] {
  return STEP_KEYS.filter((s) => (s === 'team' ? !!rulebook.team : s === 'budget' ? !!rulebook.funding : true));
}

export function stepPath(applicationId: string, step: StepKey): string {
  return `/applications/${applicationId}/${step}`;
}

/** Where "save and continue" goes from a step. */
export function nextStepPath(page: ApplicationPage, step: StepKey): string {
  const steps = stepsFor(page.rulebook);
  const next = steps[steps.indexOf(step) + 1] ?? 'check';
  return stepPath(page.application.id, next);
}

/** The competition's title in the page's language. */
export function competitionTitle(ctx: PageContext, competition: ApplicationPage['competition']): string {
  return ctx.locale === 'ru' ? competition.titleRu : competition.titleKk;
}

/** Is the application still a draft its owner may change? */
export function isDraft(page: ApplicationPage): boolean {
  return page.application.status === 'draft';
}

/** `<nav><ol class="steps">`: every step a link, the current one marked `aria-current="step"`. */
export function ApplicationSteps({
  ctx,
  page,
  current,
}: {
  ctx: PageContext;
  page: ApplicationPage;
  current: StepKey | null;
}) {
  const steps = stepsFor(page.rulebook);
  return (
    <nav aria-label={ctx.t('pages.application.steps_label')}>
      <ol class="steps">
        {steps.map((step, i) => (
          <li key={step}>
            <a href={stepPath(page.application.id, step)} aria-current={step === current ? 'step' : undefined}>
              {ctx.t('pages.application.step_position', { n: i + 1 })} {ctx.t(`pages.application.step_${step}`)}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Status tag colours by application status (draft grey, submitted blue, good news green, refusals red). */
const STATUS_TAGS: Record<string, string> = {
  draft: 'tag tag--grey',
  submitted: 'tag',
  withdrawn: 'tag tag--grey',
  screened_in: 'tag tag--green',
  screened_out: 'tag tag--red',
  not_selected: 'tag tag--red',
  terminated: 'tag tag--red',
  winner: 'tag tag--green',
  shortlisted: 'tag tag--green',
};

/** The application's status and public number (once submitted), the competition and its deadline. */
export function ApplicationSummary({ ctx, page }: { ctx: PageContext; page: ApplicationPage }) {
  const { application, competition } = page;
  return (
    <dl class="summary-list application-summary">
      <dt>{ctx.t('pages.application.competition')}</dt>
      <dd>{competitionTitle(ctx, competition)}</dd>
      <dt>{ctx.t('pages.application.status')}</dt>
      <dd>
        <strong class={STATUS_TAGS[application.status] ?? 'tag'}>{ctx.t(`status.${application.status}`)}</strong>
      </dd>
      <dt>{ctx.t('pages.application.number')}</dt>
      <dd class={application.number ? 'mono' : 'muted'}>
        {application.number ?? ctx.t('pages.application.number_after_submit')}
      </dd>
      {competition.submissionDeadline && (
        <>
          <dt>{ctx.t('pages.application.deadline')}</dt>
          <dd>{formatDateTime(competition.submissionDeadline, competition.timeZone, ctx.locale)}</dd>
        </>
      )}
    </dl>
  );
}

/**
 * A step's whole page: the title (saying "error" first when the form failed), the error
 * summary, a notice after a redirect, the heading, status and number, the steps, the step.
 * A step of an application that is no longer a draft says so above its content.
 */
export function ApplicationStepPage(props: {
  ctx: PageContext;
  page: ApplicationPage;
  step: StepKey | null;
  /** The h1 and the browser tab's title. */
  title: string;
  errors?: FormErrors;
  /** The error summary's field names (see ErrorSummary). */
  labels?: Record<string, string>;
  notice?: string | null;
  noticeKind?: 'success' | 'info' | 'warning';
  scripts?: string[];
  children: ComponentChildren;
}) {
  const { ctx, page } = props;
  const errors = props.errors ?? NO_ERRORS;
  return (
    <Layout ctx={ctx} title={props.title} failed={errors.any} scripts={props.scripts}>
      <ErrorSummary ctx={ctx} errors={errors} labels={props.labels} />
      <Notice text={props.notice} kind={props.noticeKind} />
      <p class="caption">{competitionTitle(ctx, page.competition)}</p>
      <h1>{props.title}</h1>
      <ApplicationSteps ctx={ctx} page={page} current={props.step} />
      <ApplicationSummary ctx={ctx} page={page} />
      {!isDraft(page) && props.step !== null && <Notice kind="info" text={ctx.t('pages.application.not_a_draft')} />}
      {props.children}
    </Layout>
  );
}

/** `?notice=saved` → its catalogue text; never free text from the URL. */
export function noticeText(ctx: PageContext, notice: string | undefined): string | null {
  if (notice === 'saved') return ctx.t('pages.application.notice_saved');
  if (notice === 'started') return ctx.t('pages.application.notice_started');
  return null;
}
