import { randomUUID } from 'node:crypto';
import { Get, Param, Post, Req, Res } from '@nestjs/common';
import { AppException, ValidationFailedException } from '../../common/errors/app.exception';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { SignedIn } from '../../modules/access/access.decorators';
import { AccessErrorCode, AccessException } from '../../modules/access/access.exception';
import { EmailVerification } from '../../modules/access/email-verification';
import { ApplicationsErrorCode } from '../../modules/applications/applications.exception';
import { ApplicationsService } from '../../modules/applications/applications.service';
import {
  SubmissionCheck,
  SubmitApplicationService,
} from '../../modules/applications/use-cases/submit-application/submit-application.service';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import type { FieldProblem } from '../../modules/competitions/domain/rulebook.types';
import { IdempotencyService } from '../../modules/idempotency/idempotency.service';
import { PeopleService } from '../../modules/identity/people.service';
import { TerritoriesService } from '../../modules/territories/territories.service';
import { formatDateTime } from '../core/format';
import { fieldId, PostForm } from '../core/forms';
import { Layout } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../core/web-request';
import { ApplicationReadOnly, localized } from './application-read-only';
import {
  ApplicationPage,
  ApplicationSteps,
  ApplicationSummary,
  competitionTitle,
  loadApplicationPage,
  StepKey,
  stepPath,
  stepsFor,
} from './application-shell';
import { SUBMIT_KEY, submitOnce } from './web-submission';

const T = 'pages.application_submit.';

/** A problem as the check page lists it: what and where, and the link to the step's field. */
export interface ProblemLink {
  href: string;
  label: string;
  message: string;
}

/**
 * Where a submission problem is fixed: the step that has the field, and the field's id
 * (`team[2].iin` → `/applications/:id/team#f-team-2-iin`), named in the reader's language.
 */
export function problemLink(ctx: PageContext, page: ApplicationPage, problem: FieldProblem): ProblemLink {
  const { rulebook } = page;
  const f = problem.field;
  const steps = stepsFor(rulebook);
  let step: StepKey = 'project';
  let anchor = f;
  let label = ctx.t(`${T}check.field.answers`);
  const member = /^team\[(\d+)\]/.exec(f);
  const answer = /^answers\.(\w+)/.exec(f);
  if (f === 'title' || f === 'territoryCode' || f === 'direction' || f === 'nomination') {
    label = ctx.t(`${T}check.field.${f}`);
  } else if (answer) {
    // A multiselect's item (`answers.kinds[2]`) is fixed at its question.
    anchor = `answers.${answer[1]}`;
    label = localized(ctx, rulebook.fields.find((x) => x.key === answer[1])?.label) || label;
  } else if (member) {
    step = 'team';
    label = ctx.t(`${T}check.field.team_member`, { n: Number(member[1]) + 1 });
  } else if (f === 'team' || f === 'leaderIin') {
    step = 'team';
    anchor = f === 'leaderIin' ? 'leader' : f;
    label = ctx.t(`${T}check.field.${f}`);
  } else if (f === 'budget' || f.startsWith('budget.') || f.startsWith('budget[')) {
    // The budget step's total panel: where the amount and the lines are judged.
    step = 'budget';
    anchor = 'budget';
    label = ctx.t(`${T}check.field.budget`);
  } else if (f.startsWith('documents.')) {
    step = 'documents';
    const document = rulebook.documents.find((d) => `documents.${d.code}` === f);
    label = ctx.t(`${T}check.field.document`, { document: localized(ctx, document?.label) || f.slice(10) });
  }
  if (!steps.includes(step)) step = 'project';
  return {
    href: `${stepPath(page.application.id, step)}#${fieldId(anchor)}`,
    label,
    message: ctx.t(`errors.${problem.code}`, { field: f, ...problem.params }),
  };
}

/** Why the application cannot be sent now, apart from its own problems. */
type Blocker = { kind: 'email' } | { kind: 'intake' | 'other'; error: AppException };

function CheckPage({
  ctx,
  page,
  territoryName,
  problems,
  blocker,
  failed,
  idempotencyKey,
}: {
  ctx: PageContext;
  page: ApplicationPage;
  territoryName: string | null;
  problems: FieldProblem[];
  blocker: Blocker | null;
  /** The page answers a refused submit: its title says so and the problems take focus. */
  failed: boolean;
  idempotencyKey: string;
}) {
  const { application } = page;
  const title = ctx.t(`${T}check.title`);
  const links = problems.map((p) => problemLink(ctx, page, p));
  // After a refused submit the first box is announced and focused (site.js), as an error summary is.
  const alert = failed ? ({ role: 'alert', tabindex: -1, 'data-error-summary': '' } as const) : {};
  return (
    <Layout ctx={ctx} title={title} failed={failed}>
      <p class="caption">{competitionTitle(ctx, page.competition)}</p>
      <h1>{title}</h1>
      <ApplicationSteps ctx={ctx} page={page} current="check" />
      <ApplicationSummary ctx={ctx} page={page} />

      {blocker?.kind === 'email' && (
        <div class="error-summary" aria-labelledby="blocker-title" {...alert}>
          <h2 id="blocker-title">{ctx.t(`${T}check.email_heading`)}</h2>
          <p>{ctx.t('errors.EMAIL_NOT_VERIFIED')}</p>
          <p>
            <a href="/verify-email/resend">{ctx.t(`${T}check.resend_link`)}</a>
          </p>
        </div>
      )}
      {blocker && blocker.kind !== 'email' && (
        <div class="error-summary" aria-labelledby="blocker-title" {...alert}>
          <h2 id="blocker-title">
            {ctx.t(blocker.kind === 'intake' ? `${T}check.deadline_heading` : `${T}check.cannot_submit`)}
          </h2>
          <p>{ctx.t(blocker.error.messageKey ?? `errors.${blocker.error.code}`, blocker.error.params)}</p>
        </div>
      )}

      {blocker?.kind !== 'intake' && links.length > 0 && (
        <div class="error-summary" aria-labelledby="problems-title" {...(blocker ? {} : alert)}>
          <h2 id="problems-title">{ctx.t(`${T}check.problems_title`, { count: links.length })}</h2>
          <p>{ctx.t(`${T}check.problems_hint`)}</p>
          <ul class="problem-list">
            {links.map((l, i) => (
              <li key={i}>
                <a href={l.href}>
                  {l.label}: {l.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}

      {!blocker && links.length === 0 && (
        <div class="panel">
          <p>
            <strong>{ctx.t(`${T}check.ready`)}</strong>
          </p>
          <p>{ctx.t(`${T}check.final_warning`)}</p>
          <PostForm ctx={ctx} action={`/applications/${application.id}/submit`} id="submit-form">
            <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
            <button type="submit" class="button">
              {ctx.t(`${T}check.submit_button`)}
            </button>
          </PostForm>
        </div>
      )}

      <h2>{ctx.t(`${T}check.summary_heading`)}</h2>
      <ApplicationReadOnly
        ctx={ctx}
        application={application}
        rulebook={page.rulebook}
        territoryName={territoryName}
        headingLevel={3}
      />
    </Layout>
  );
}

function ReceiptPage({
  ctx,
  page,
  email,
}: {
  ctx: PageContext;
  page: ApplicationPage;
  /** The applicant's address the receipt went to, when the reader is the applicant. */
  email: string | null;
}) {
  const { application, competition, rulebook } = page;
  const title = ctx.t(`${T}receipt.title`);
  return (
    <Layout ctx={ctx} title={`${title}: ${application.number}`}>
      <div class="panel panel--confirmation">
        <h1>{title}</h1>
        <p>
          {ctx.t(`${T}receipt.number_label`)}
          <strong class="mono">{application.number}</strong>
        </p>
      </div>
      <p>{competitionTitle(ctx, competition)}</p>
      {application.submittedAt && (
        <p>
          {ctx.t(`${T}receipt.submitted_at`, {
            date: formatDateTime(application.submittedAt, competition.timeZone, ctx.locale),
          })}
        </p>
      )}
      <p>{email ? ctx.t(`${T}receipt.email_sent`, { email }) : ctx.t(`${T}receipt.email_sent_applicant`)}</p>
      <p>{ctx.t(`${T}receipt.keep_number`)}</p>
      <h2>{ctx.t(`${T}receipt.next_heading`)}</h2>
      <ol>
        <li>{ctx.t(`${T}receipt.next_screening`)}</li>
        {rulebook.criteria.length > 0 && <li>{ctx.t(`${T}receipt.next_scoring`)}</li>}
        {rulebook.draw && <li>{ctx.t(`${T}receipt.next_draw`)}</li>}
        <li>{ctx.t(`${T}receipt.next_told`)}</li>
      </ol>
      <p>{ctx.t(`${T}receipt.next_withdraw`)}</p>
      <ul class="links">
        <li>
          <a href={`/applications/${application.id}`}>{ctx.t(`${T}receipt.view_link`)}</a>
        </li>
        <li>
          <a href="/me">{ctx.t('pages.common.nav_my_page')}</a>
        </li>
      </ul>
    </Layout>
  );
}

/**
 * Check and submit (issue 14): every problem the submission would refuse, at once and each
 * linked to its field; the summary; one "Submit" whose hidden key makes a repeat harmless;
 * then the receipt with the public number.
 */
@WebController('applications')
export class ApplicationSubmitController {
  constructor(
    private readonly pages: WebPages,
    private readonly applications: ApplicationsService,
    private readonly competitions: CompetitionsService,
    private readonly submission: SubmitApplicationService,
    private readonly idempotency: IdempotencyService,
    private readonly territories: TerritoriesService,
    private readonly people: PeopleService,
    private readonly emailVerification: EmailVerification,
  ) {}

  @Get(':id/check')
  @SignedIn()
  async check(@Param('id', uuidPipe) id: string, @Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const page = await this.load(id, request);
    if (page.application.status !== 'draft') return this.pages.redirect(reply, `/applications/${id}`);
    const check = await this.submission.check(id, this.pages.actor(request));
    await this.renderCheck(request, reply, page, check, null);
  }

  @Post(':id/submit')
  @SignedIn()
  async submit(@Param('id', uuidPipe) id: string, @Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const actor = this.pages.actor(request);
    const key = field(request.body as FormBody, 'idempotencyKey');
    try {
      if (!SUBMIT_KEY.test(key)) {
        throw new ValidationFailedException([{ field: 'idempotencyKey', code: 'REQUIRED' }]);
      }
      // What the API's @VerifiedEmail() asks, asked here so the page can say what to do about it.
      if (!(await this.emailVerification.isEmailVerified(actor.userId!))) {
        throw new AccessException(AccessErrorCode.EMAIL_NOT_VERIFIED);
      }
      await submitOnce({ idempotency: this.idempotency, submission: this.submission }, id, key, actor);
      this.pages.redirect(reply, `/applications/${id}/receipt`);
    } catch (error) {
      if (!(error instanceof AppException) || error.status >= 500 || error.status === 404) throw error;
      const page = await this.load(id, request);
      // Already sent (by this key's first post, or before): its receipt, not an error.
      if (error.code === ApplicationsErrorCode.NOT_A_DRAFT) {
        return this.pages.redirect(
          reply,
          page.application.number ? `/applications/${id}/receipt` : `/applications/${id}`,
        );
      }
      const check = await this.submission.check(id, actor);
      await this.renderCheck(request, reply, page, check, error);
    }
  }

  @Get(':id/receipt')
  @SignedIn()
  async receipt(@Param('id', uuidPipe) id: string, @Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const page = await this.load(id, request);
    if (!page.application.number) return this.pages.redirect(reply, `/applications/${id}`);
    const ctx = this.pages.context(request, reply);
    const reader = ctx.user!.id;
    const email = page.application.applicantUserId === reader ? (await this.people.me(reader)).email : null;
    this.pages.render(reply, <ReceiptPage ctx={ctx} page={page} email={email} />);
  }

  private async renderCheck(
    request: WebRequest,
    reply: WebReply,
    page: ApplicationPage,
    check: SubmissionCheck,
    failure: AppException | null,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    let problems = check.problems;
    let blocker: Blocker | null = null;
    const fieldDetails = (failure?.details ?? []).filter((d) => d.field !== 'idempotencyKey');
    if (failure?.code === AccessErrorCode.EMAIL_NOT_VERIFIED) blocker = { kind: 'email' };
    else if (check.refusal) blocker = { kind: 'intake', error: check.refusal };
    else if (failure && fieldDetails.length > 0) {
      // The submit's own findings (checked under its lock a moment ago, or a limit the
      // database settled, like one person in one project) first, then the rest of the check's.
      const found = fieldDetails.map((d) => ({ field: d.field, code: d.code, params: d.params }));
      const seen = new Set(found.map((p) => `${p.field}:${p.code}`));
      problems = [...found, ...problems.filter((p) => !seen.has(`${p.field}:${p.code}`))];
    } else if (failure) blocker = { kind: 'other', error: failure };
    else if (!ctx.user?.emailVerified) blocker = { kind: 'email' };
    const territory = page.application.territoryCode
      ? await this.territories.find(page.application.territoryCode)
      : null;
    const territoryName = territory ? (ctx.locale === 'ru' ? territory.nameRu : territory.nameKk) : null;
    this.pages.render(
      reply,
      <CheckPage
        ctx={ctx}
        page={page}
        territoryName={territoryName}
        problems={problems}
        blocker={blocker}
        failed={failure !== null}
        idempotencyKey={randomUUID()}
      />,
      failure ? failure.status : 200,
    );
  }

  private load(id: string, request: WebRequest): Promise<ApplicationPage> {
    return loadApplicationPage(
      { applications: this.applications, competitions: this.competitions },
      id,
      this.pages.actor(request),
    );
  }
}
