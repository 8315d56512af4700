import type { ComponentChildren } from 'preact';
import type { Actor } from '../../common/http/actor';
import { ApplicationsService, ApplicationView } from '../../modules/applications/applications.service';
import { SubmitApplicationService } from '../../modules/applications/use-cases/submit-application/submit-application.service';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import type { FieldProblem, Rulebook } from '../../modules/competitions/domain/rulebook.types';
import type { Competition } from '../../modules/competitions/entities/competition.entity';
import { formatDateTime } from '../core/format';
import {
  DefaultSaveButton as SharedDefaultSave,
  ErrorSummary,
  fieldId,
  FormErrors,
  NO_ERRORS,
  SubmitButton,
} from '../core/forms';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { field, FormBody, WebReply, WebRequest } from '../core/web-request';

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
              {`${i + 1}. ${ctx.t(`pages.application.step_${step}`)}`}
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
export function ApplicationSummary({
  ctx,
  page,
  withCompetition = true,
}: {
  ctx: PageContext;
  page: ApplicationPage;
  /** False under a heading that already names the competition. */
  withCompetition?: boolean;
}) {
  const { application, competition } = page;
  return (
    <dl class="summary-list application-summary">
      {withCompetition && (
        <>
          <dt>{ctx.t('pages.application.competition')}</dt>
          <dd>{competitionTitle(ctx, competition)}</dd>
        </>
      )}
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
  /** The tab's title says "error" (a failed form); false when the errors are the saved draft's problems. */
  failed?: boolean;
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
    <Layout ctx={ctx} title={props.title} failed={props.failed ?? errors.any} scripts={props.scripts}>
      <ErrorSummary ctx={ctx} errors={errors} labels={props.labels} />
      <Notice text={props.notice} kind={props.noticeKind} />
      <p class="caption">{competitionTitle(ctx, page.competition)}</p>
      <h1>{props.title}</h1>
      <ApplicationSteps ctx={ctx} page={page} current={props.step} />
      <ApplicationSummary ctx={ctx} page={page} withCompetition={false} />
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

/** A form's save sent by autosave.js (`X-Autosave: 1`): answered 204 or 422 with JSON, never a page or a redirect. */
export function isAutosave(request: WebRequest): boolean {
  return request.headers['x-autosave'] === '1';
}

/** Saved: 204 with the application's new version, which the next save must send. */
export function autosaved(reply: WebReply, version: number): void {
  void reply.status(204).header('x-version', String(version)).header('cache-control', 'no-store').send();
}

/** Not saved: 422 with each problem at its field (`id` is the input's, for the script to mark), in the page's language. */
export function autosaveRefused(reply: WebReply, errors: FormErrors, version?: number): void {
  void reply
    .status(422)
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      JSON.stringify({
        errors: errors.items.map((e) => ({
          field: e.field,
          id: e.field ? fieldId(e.field) : null,
          message: e.message,
        })),
        ...(version !== undefined ? { version } : {}),
      }),
    );
}

/** Where a successful save of a step goes: the next step for "save and continue", else back with "saved". */
export function savedStepPath(page: ApplicationPage, step: StepKey, action: string): string {
  return action === 'continue' ? nextStepPath(page, step) : `${stepPath(page.application.id, step)}?notice=saved`;
}

/**
 * What a submit would still refuse about this step's fields, checked by the submission
 * service (ages from the IIN, the amount cap, answers' values…), as errors at the form's fields.
 * Nothing is asked of a field left empty yet: the check-and-submit page lists what is missing.
 */
export async function stepProblems(
  submission: SubmitApplicationService,
  page: ApplicationPage,
  actor: Actor,
  ctx: PageContext,
  select: (problem: FieldProblem) => boolean,
  fieldNames: (apiField: string) => string | null = (f) => f,
): Promise<FormErrors> {
  if (!isDraft(page)) return NO_ERRORS;
  const { problems } = await submission.check(page.application.id, actor);
  return new FormErrors(
    problems
      .filter((p) => p.code !== 'REQUIRED' && select(p))
      .map((p) => ({
        field: fieldNames(p.field) ?? '',
        message: ctx.t(`errors.${p.code}`, { field: p.field, ...p.params }),
      })),
  );
}

/** "Save and continue" (the form's default: Enter in a field presses it) and "Save". */
export function StepButtons({ ctx }: { ctx: PageContext }) {
  return (
    <div class="step-buttons">
      <SubmitButton name="action" value="continue">
        {ctx.t('pages.application.save_continue')}
      </SubmitButton>
      <SubmitButton name="action" value="save" secondary>
        {ctx.t('pages.common.save')}
      </SubmitButton>
    </div>
  );
}

/** The application steps' default button (see core/forms DefaultSaveButton): Enter saves the step. */
export function DefaultSaveButton({ ctx }: { ctx: PageContext }) {
  return <SharedDefaultSave label={ctx.t('pages.common.save')} />;
}

/**
 * Where autosave.js says what happened ("Draft saved", "No connection…"), read aloud
 * politely; its texts come from the catalogue through data attributes. Empty without script.
 * `posted`: the page shows a form just posted (a row added, a save refused), newer than any
 * copy the browser kept.
 */
export function AutosaveStatus({ ctx, posted }: { ctx: PageContext; posted?: boolean }) {
  return (
    <p
      class="autosave-status"
      role="status"
      aria-live="polite"
      data-autosave-status
      data-saved={ctx.t('pages.common.autosave_saved')}
      data-offline={ctx.t('pages.common.autosave_offline')}
      data-invalid={ctx.t('pages.application.autosave_invalid')}
      data-restored={ctx.t('pages.application.autosave_restored')}
      data-posted={posted ? '1' : undefined}
    />
  );
}

/**
 * A list posted as `team[0].iin`, `team[3].iin`…: the rows in index order with the form's own
 * index kept (a radio button names its row by it), at most 1000 rows.
 */
export function indexedRows(
  body: FormBody | undefined,
  prefix: string,
): { index: number; values: Record<string, string> }[] {
  const byIndex = new Map<number, Record<string, string>>();
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\[(\\d{1,3})\\]\\.(\\w+)$`);
  for (const key of Object.keys(body ?? {})) {
    const match = pattern.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    byIndex.set(index, { ...(byIndex.get(index) ?? {}), [match[2]]: field(body, key) });
  }
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([index, values]) => ({ index, values }));
}
