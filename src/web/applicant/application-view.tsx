import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { AppException } from '../../common/errors/app.exception';
import { readableNumber } from '../../common/i18n/message-format';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { SignedIn } from '../../modules/access/access.decorators';
import { ApplicationsService } from '../../modules/applications/applications.service';
import { ApplicationStatus, checkTransition } from '../../modules/applications/domain/application-status';
import { SubmitApplicationService } from '../../modules/applications/use-cases/submit-application/submit-application.service';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import { MentorsService, TeamMentoring } from '../../modules/mentors/mentors.service';
import { ChecklistView, ScreeningService } from '../../modules/screening/screening.service';
import { PublishedOutcome, ResultsService } from '../../modules/scoring/results.service';
import { TerritoriesService } from '../../modules/territories/territories.service';
import { formatDate, formatDateTime } from '../core/format';
import { ErrorSummary, FormErrors, formErrorsFrom, NO_ERRORS, PostForm } from '../core/forms';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import type { WebReply, WebRequest } from '../core/web-request';
import { ApplicationReadOnly } from './application-read-only';
import { shownStatus } from './me-progress';
import {
  ApplicationPage,
  ApplicationSummary,
  competitionTitle,
  isDraft,
  loadApplicationPage,
  stepPath,
  stepsFor,
} from './application-shell';

const T = 'pages.application_submit.';

/** What happened to a submitted application, as far as it has been told to the applicant. */
interface Outcomes {
  /** The technical screening, once published. */
  screening: ChecklistView | null;
  /** The results, once published. */
  results: PublishedOutcome | null;
}

/**
 * May the applicant withdraw it now? The lifecycle's table decides, with the fact it needs
 * (the deadline not passed, in the competition's time as the service counts it); the service
 * decides again when the form is sent.
 */
export function withdrawable(page: ApplicationPage, now: Date): boolean {
  const deadline = page.competition.submissionDeadline;
  const beforeDeadline = !deadline || now <= new Date(deadline);
  return (
    checkTransition(page.application.status as ApplicationStatus, 'withdrawn', 'applicant', { beforeDeadline }) === null
  );
}

function applicationTitle(ctx: PageContext, page: ApplicationPage): string {
  return page.application.title?.trim() || ctx.t(`${T}view.untitled`);
}

function ScreeningSection({
  ctx,
  page,
  screening,
}: {
  ctx: PageContext;
  page: ApplicationPage;
  screening: ChecklistView | null;
}) {
  const number = page.application.number ?? '';
  return (
    <section aria-labelledby="screening-heading">
      <h2 id="screening-heading">{ctx.t(`${T}view.screening_heading`)}</h2>
      {!screening?.decision ? (
        <p class="muted">{ctx.t(`${T}view.screening_pending`)}</p>
      ) : (
        <>
          <p>
            <strong class={screening.decision === 'screened_in' ? 'tag tag--green' : 'tag tag--red'}>
              {ctx.t(`${T}view.${screening.decision === 'screened_in' ? 'screening_in' : 'screening_out'}`, { number })}
            </strong>
          </p>
          {screening.lines.some((l) => !l.effective) && (
            <>
              <p>{ctx.t(`${T}view.screening_reasons`)}</p>
              <ul>
                {screening.lines
                  .filter((l) => !l.effective)
                  .map((l) => (
                    <li key={l.rule}>
                      <strong>{l.label}</strong>: {l.override?.comment ?? l.message ?? ''}
                    </li>
                  ))}
              </ul>
            </>
          )}
          {screening.decisionComment && (
            <>
              <p>{ctx.t(`${T}view.screening_comment`)}</p>
              <blockquote class="comment">{screening.decisionComment}</blockquote>
            </>
          )}
        </>
      )}
    </section>
  );
}

function ResultsSection({
  ctx,
  results,
  explanation,
}: {
  ctx: PageContext;
  results: PublishedOutcome | null;
  explanation: string | null;
}) {
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading">{ctx.t(`${T}view.results_heading`)}</h2>
      {!results ? (
        <p class="muted">{ctx.t(`${T}view.results_pending`)}</p>
      ) : (
        <dl class="summary-list">
          {results.rank !== null && (
            <>
              <dt>{ctx.t(`${T}view.results_rank`)}</dt>
              <dd>{results.rank}</dd>
            </>
          )}
          {results.mean !== null && (
            <>
              <dt>{ctx.t(`${T}view.results_mean`)}</dt>
              <dd>{readableNumber(results.mean)}</dd>
            </>
          )}
          <dt>{ctx.t(`${T}view.results_scores`)}</dt>
          <dd>{results.scores}</dd>
          <dt>{ctx.t(`${T}view.results_decision`)}</dt>
          <dd>
            <strong class={results.selected ? 'tag tag--green' : 'tag tag--grey'}>
              {ctx.t(`${T}view.${results.selected ? 'results_selected' : 'results_not_selected'}`)}
            </strong>
            {explanation && <> {explanation}</>}
          </dd>
        </dl>
      )}
    </section>
  );
}

function DrawSection({ ctx, page }: { ctx: PageContext; page: ApplicationPage }) {
  const { arm, entitlements } = page.application;
  if (!arm) return null;
  const gives = entitlements
    ? (['grant', 'training', 'mentor'] as const)
        .filter((k) => entitlements[k])
        .map((k) => ctx.t(`${T}view.entitlement_${k}`))
    : [];
  return (
    <section aria-labelledby="draw-heading">
      <h2 id="draw-heading">{ctx.t(`${T}view.draw_heading`)}</h2>
      <div class="panel">
        <p>
          <strong>{ctx.t(`${T}view.draw_arm`, { arm })}</strong>
        </p>
        {gives.length > 0 && (
          <>
            <p>{ctx.t(`${T}view.entitles`)}</p>
            <ul class="entitlements">
              {gives.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
          </>
        )}
        {entitlements && !entitlements.grant && <p>{ctx.t(`${T}view.no_grant`)}</p>}
      </div>
    </section>
  );
}

/** A team with a mentor (arms A and C): who mentors it and the meetings logged, this month against the rule. */
function MentorSection({ ctx, mentoring }: { ctx: PageContext; mentoring: TeamMentoring }) {
  const M = 'pages.mentors.';
  return (
    <section aria-labelledby="mentor-heading">
      <h2 id="mentor-heading">{ctx.t(`${M}team_mentor_title`)}</h2>
      {mentoring.mentor ? (
        <>
          <p>
            {ctx.t(`${M}team_mentor_is`, { name: mentoring.mentor.fullName ?? mentoring.mentor.email })}{' '}
            <a href={`mailto:${mentoring.mentor.email}`}>{mentoring.mentor.email}</a>
          </p>
          <p>
            {ctx.t(`${M}this_month`, { count: mentoring.meetingsThisMonth, n: mentoring.required })}{' '}
            <strong class={mentoring.meetingsThisMonth >= mentoring.required ? 'tag tag--green' : 'tag tag--yellow'}>
              {ctx.t(`${M}${mentoring.meetingsThisMonth >= mentoring.required ? 'on_track' : 'behind'}`)}
            </strong>
          </p>
          {mentoring.meetings.length === 0 ? (
            <p>{ctx.t(`${M}meetings_none`)}</p>
          ) : (
            <ul class="plain-list">
              {mentoring.meetings.map((m) => (
                <li key={m.id}>
                  <strong>
                    {ctx.t(`${M}meeting_line`, { date: formatDate(m.heldOn, ctx.locale), minutes: m.minutes })}
                  </strong>
                  {' — '}
                  {m.topic}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p>{ctx.t(`${M}team_mentor_none`)}</p>
      )}
      <p class="hint">{ctx.t(`${M}team_mentor_hint`, { n: mentoring.required })}</p>
    </section>
  );
}

function ApplicationViewPage({
  ctx,
  page,
  territoryName,
  outcomes,
  explanation,
  notice,
  mentoring,
}: {
  ctx: PageContext;
  page: ApplicationPage;
  territoryName: string | null;
  outcomes: Outcomes;
  explanation: string | null;
  notice: string | null;
  mentoring: TeamMentoring | null;
}) {
  const { application, competition, rulebook } = page;
  const id = application.id;
  const draft = isDraft(page);
  const afterSubmission = !!application.submittedAt && application.status !== 'withdrawn';
  // A decision the organizer may still correct reads as the step before, until it is told (as on "my page").
  const shown = shownStatus({
    status: application.status,
    screening: outcomes.screening?.decision ? { reasons: [], comment: null } : null,
    resultsPublished: outcomes.results !== null,
    arm: application.arm,
  });
  return (
    <Layout ctx={ctx} title={applicationTitle(ctx, page)}>
      <Notice text={notice} />
      <p class="caption">{competitionTitle(ctx, competition)}</p>
      <h1>{applicationTitle(ctx, page)}</h1>
      <ApplicationSummary ctx={ctx} page={{ ...page, application: { ...application, status: shown } }} />
      {(application.submittedAt || application.withdrawnAt) && (
        <dl class="summary-list">
          {application.submittedAt && (
            <>
              <dt>{ctx.t(`${T}view.submitted_at`)}</dt>
              <dd>{formatDateTime(application.submittedAt, competition.timeZone, ctx.locale)}</dd>
            </>
          )}
          {application.withdrawnAt && (
            <>
              <dt>{ctx.t(`${T}view.withdrawn_at`)}</dt>
              <dd>{formatDateTime(application.withdrawnAt, competition.timeZone, ctx.locale)}</dd>
            </>
          )}
        </dl>
      )}

      {draft && (
        <>
          <p>{ctx.t(`${T}view.draft_note`)}</p>
          <p>
            <a class="button" href={stepPath(id, stepsFor(rulebook)[0])}>
              {ctx.t(`${T}view.continue`)}
            </a>
          </p>
        </>
      )}
      {application.status === 'withdrawn' && <p>{ctx.t(`${T}view.withdrawn_note`)}</p>}
      {(application.number || withdrawable(page, ctx.now)) && (
        <ul class="links">
          {application.number && (
            <li>
              <a href={`/applications/${id}/receipt`}>{ctx.t(`${T}view.receipt_link`)}</a>
            </li>
          )}
          {['winner', 'contracted', 'reporting', 'completed', 'terminated'].includes(shown) && (
            <li>
              <a href={`/applications/${id}/contract`}>{ctx.t('pages.contracts.application_link')}</a>
            </li>
          )}
          {['contracted', 'reporting', 'completed'].includes(shown) && (
            <li>
              <a href={`/applications/${id}/reports`}>{ctx.t('pages.reports.application_link')}</a>
            </li>
          )}
          {withdrawable(page, ctx.now) && (
            <li>
              <a href={`/applications/${id}/withdraw`}>
                {ctx.t(`${T}view.${draft ? 'discard_link' : 'withdraw_link'}`)}
              </a>
            </li>
          )}
        </ul>
      )}

      {afterSubmission && (
        <>
          <ScreeningSection ctx={ctx} page={page} screening={outcomes.screening} />
          {rulebook.criteria.length > 0 && outcomes.screening?.decision !== 'screened_out' && (
            <ResultsSection ctx={ctx} results={outcomes.results} explanation={explanation} />
          )}
          <DrawSection ctx={ctx} page={page} />
          {mentoring && <MentorSection ctx={ctx} mentoring={mentoring} />}
        </>
      )}

      <ApplicationReadOnly ctx={ctx} application={application} rulebook={rulebook} territoryName={territoryName} />
    </Layout>
  );
}

function WithdrawPage({
  ctx,
  page,
  errors = NO_ERRORS,
}: {
  ctx: PageContext;
  page: ApplicationPage;
  errors?: FormErrors;
}) {
  const { application } = page;
  const draft = isDraft(page);
  const title = ctx.t(`${T}withdraw.${draft ? 'title_draft' : 'title'}`);
  const allowed = withdrawable(page, ctx.now);
  return (
    <Layout ctx={ctx} title={title} failed={errors.any}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="caption">{competitionTitle(ctx, page.competition)}</p>
      <h1>{title}</h1>
      <ApplicationSummary ctx={ctx} page={page} />
      <p>
        <strong>{applicationTitle(ctx, page)}</strong>
      </p>
      {allowed ? (
        <>
          <p>{ctx.t(`${T}withdraw.${draft ? 'question_draft' : 'question'}`)}</p>
          <p>{ctx.t(`${T}withdraw.${draft ? 'consequence_draft' : 'consequence'}`)}</p>
          <PostForm ctx={ctx} action={`/applications/${application.id}/withdraw`}>
            <button type="submit" class="button button--warning">
              {ctx.t(`${T}withdraw.${draft ? 'button_draft' : 'button'}`)}
            </button>
            <a class="button button--secondary" href={`/applications/${application.id}`}>
              {ctx.t(`${T}withdraw.cancel`)}
            </a>
          </PostForm>
        </>
      ) : (
        <>
          {!errors.any && <p>{ctx.t('errors.CANNOT_WITHDRAW')}</p>}
          <p>
            <a href={`/applications/${application.id}`}>{ctx.t(`${T}withdraw.cancel`)}</a>
          </p>
        </>
      )}
    </Layout>
  );
}

/**
 * The application's own page (linked from "my page"): status and number, a read-only
 * summary, what was told after submission (screening with reasons, results, the arm of a
 * draw and what it gives), and withdrawal with a confirmation page.
 */
@WebController('applications')
export class ApplicationViewController {
  constructor(
    private readonly pages: WebPages,
    private readonly applications: ApplicationsService,
    private readonly competitions: CompetitionsService,
    private readonly submission: SubmitApplicationService,
    private readonly screening: ScreeningService,
    private readonly results: ResultsService,
    private readonly territories: TerritoriesService,
    private readonly mentors: MentorsService,
  ) {}

  @Get(':id')
  @SignedIn()
  async show(
    @Param('id', uuidPipe) id: string,
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const actor = this.pages.actor(request);
    const page = await this.load(id, request);
    const ctx = this.pages.context(request, reply);
    const submitted = !!page.application.submittedAt;
    const outcomes: Outcomes = {
      // The service answers "not found" until the outcome is told to the applicant.
      screening: submitted ? await this.screening.get(id, actor).catch(notYet) : null,
      results: submitted ? await this.results.publishedOutcome(page.competition.id, id) : null,
    };
    const explanation = outcomes.results
      ? this.results.explain(outcomes.results.reason, outcomes.results.params, ctx.locale)
      : null;
    const territory = page.application.territoryCode
      ? await this.territories.find(page.application.territoryCode)
      : null;
    const noticeText = notice === 'withdrawn' || notice === 'discarded' ? ctx.t(`${T}view.notice_${notice}`) : null;
    this.pages.render(
      reply,
      <ApplicationViewPage
        ctx={ctx}
        page={page}
        territoryName={territory ? (ctx.locale === 'ru' ? territory.nameRu : territory.nameKk) : null}
        outcomes={outcomes}
        explanation={explanation}
        notice={noticeText}
        mentoring={page.application.entitlements?.mentor ? await this.mentors.teamMentoring(id, actor) : null}
      />,
    );
  }

  @Get(':id/withdraw')
  @SignedIn()
  async confirmWithdraw(
    @Param('id', uuidPipe) id: string,
    @Req() request: WebRequest,
    @Res() reply: WebReply,
  ): Promise<void> {
    const page = await this.load(id, request);
    this.pages.render(reply, <WithdrawPage ctx={this.pages.context(request, reply)} page={page} />);
  }

  @Post(':id/withdraw')
  @SignedIn()
  async withdraw(@Param('id', uuidPipe) id: string, @Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const before = await this.load(id, request);
    try {
      await this.submission.withdraw(id, this.pages.actor(request));
      this.pages.redirect(reply, `/applications/${id}?notice=${isDraft(before) ? 'discarded' : 'withdrawn'}`);
    } catch (error) {
      if (error instanceof AppException && error.status === 404) throw error;
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, () => '');
      const status = error instanceof AppException ? error.status : 400;
      this.pages.render(reply, <WithdrawPage ctx={ctx} page={await this.load(id, request)} errors={errors} />, status);
    }
  }

  private load(id: string, request: WebRequest): Promise<ApplicationPage> {
    return loadApplicationPage(
      { applications: this.applications, competitions: this.competitions },
      id,
      this.pages.actor(request),
    );
  }
}

function notYet(error: unknown): null {
  if (error instanceof AppException && error.status === 404) return null;
  throw error;
}
