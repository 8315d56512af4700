import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { Fragment } from 'preact';
import { NotFoundAppException } from '../../common/errors/app.exception';
import { readableNumber } from '../../common/i18n/message-format';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember, SignedIn, VerifiedEmail } from '../../modules/access/access.decorators';
import type { ApplicationView } from '../../modules/applications/applications.service';
import { ApplicationsService } from '../../modules/applications/applications.service';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import type { Criterion, Rulebook } from '../../modules/competitions/domain/rulebook.types';
import { MyCompetitionsQueryDto } from '../../modules/competitions/dto/competition.dto';
import { CommissionOverview } from '../../modules/scoring/commission-overview.service';
import { CommissionService } from '../../modules/scoring/commission.service';
import { PutScoresDto } from '../../modules/scoring/dto/scoring.dto';
import { ScoringRounds } from '../../modules/scoring/scoring-rounds.service';
import { ScoringErrorCode, ScoringException } from '../../modules/scoring/scoring.exception';
import { TerritoriesService } from '../../modules/territories/territories.service';
import { ApplicationReadOnly, localized } from '../applicant/application-read-only';
import { ErrorSummary, fieldId, FormErrors, formErrorsFrom, NO_ERRORS, PostForm, SubmitButton } from '../core/forms';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../core/web-request';

const T = 'pages.commission.';

/** One criterion's points and comment as a form holds them (text: what the person typed). */
interface SheetRow {
  points: string;
  comment: string;
}

interface SavedScores {
  scores: { criterion: string; points: number; comment?: string | null }[];
  version: number;
}

/** The sheet as saved, in the rulebook's order, as form values. */
function rowsOf(criteria: Criterion[], saved: SavedScores): SheetRow[] {
  return criteria.map((c) => {
    const s = saved.scores.find((x) => x.criterion === c.code);
    return { points: s ? String(s.points) : '', comment: s?.comment ?? '' };
  });
}

/** `7,5` and `7.5` are the same points; an empty field is no number at all (the service says so). */
function pointsOf(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/** The validation pipe names list items `scores.0.points`; the form's fields are `scores[0].points`. */
function formField(apiField: string): string | null {
  const name = apiField.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  return /^scores\[\d+\]\.(points|comment)$/.test(name) ? name : null;
}

function CommissionHome({
  ctx,
  competitions,
}: {
  ctx: PageContext;
  competitions: { id: string; title: string; scored: number; total: number }[];
}) {
  return (
    <Layout ctx={ctx} title={ctx.t(`${T}home_title`)}>
      <h1>{ctx.t(`${T}home_title`)}</h1>
      {competitions.length === 0 ? (
        <p>{ctx.t(`${T}home_none`)}</p>
      ) : (
        <ul class="cards">
          {competitions.map((c) => (
            <li class="card" key={c.id}>
              <h2>
                <a href={`/commission/${c.id}`}>{c.title}</a>
              </h2>
              <p>{ctx.t(`${T}progress`, { scored: c.scored, total: c.total })}</p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

interface QueueItem {
  applicationId: string;
  number: string;
  title: string | null;
  territory: string | null;
  scored: boolean;
}

function QueuePage({
  ctx,
  competitionId,
  title,
  items,
  scored,
  closed,
}: {
  ctx: PageContext;
  competitionId: string;
  title: string;
  items: QueueItem[];
  scored: number;
  /** Scoring is closed: the queue is for reading only. */
  closed: boolean;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t(`${T}queue_title`)} wide>
      <p>
        <a href="/commission">{ctx.t(`${T}home_title`)}</a>
      </p>
      <h1>{ctx.t(`${T}queue_title`)}</h1>
      <p class="muted">{title}</p>
      {closed && <Notice kind="info" text={ctx.t('pages.results.member_queue_closed')} />}
      <p>{ctx.t(`${T}progress`, { scored, total: items.length })}</p>
      <p>
        <a href={`/commission/${competitionId}/conflicts`}>{ctx.t(`${T}conflicts_link`)}</a>
      </p>
      {items.length === 0 ? (
        <p>{ctx.t(`${T}queue_empty`)}</p>
      ) : (
        <div class="table-scroll" role="region" aria-label={ctx.t(`${T}queue_title`)} tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t(`${T}col_number`)}</th>
                <th scope="col">{ctx.t(`${T}col_title`)}</th>
                <th scope="col">{ctx.t(`${T}col_territory`)}</th>
                <th scope="col">{ctx.t(`${T}col_state`)}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.applicationId}>
                  <td class="mono">
                    <a href={`/commission/${competitionId}/applications/${i.applicationId}`}>{i.number}</a>
                  </td>
                  <td>{i.title ?? ctx.t(`${T}untitled`)}</td>
                  <td>{i.territory ?? ''}</td>
                  <td>
                    <span class={`tag ${i.scored ? 'tag--green' : 'tag--grey'}`}>
                      {ctx.t(i.scored ? `${T}state_scored` : `${T}state_not_scored`)}
                    </span>
                    {closed && (
                      <>
                        {' '}
                        <span class="tag tag--grey">{ctx.t('pages.results.member_state_closed')}</span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

/** A number input for points: labelled, with the criterion's range and step; Enter submits the form. */
function PointsField({
  ctx,
  index,
  criterion,
  value,
  errors,
}: {
  ctx: PageContext;
  index: number;
  criterion: Criterion;
  value: string;
  errors: FormErrors;
}) {
  const name = `scores[${index}].points`;
  const id = fieldId(name);
  const error = errors.for(name);
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{ctx.t(`${T}points_label`, { max: criterion.maxPoints })}</label>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        id={id}
        name={name}
        type="number"
        inputMode="decimal"
        min={0}
        max={criterion.maxPoints}
        step={criterion.step}
        value={value}
        class="w-short"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  );
}

function CommentField({
  ctx,
  index,
  criterion,
  value,
  errors,
}: {
  ctx: PageContext;
  index: number;
  criterion: Criterion;
  value: string;
  errors: FormErrors;
}) {
  const name = `scores[${index}].comment`;
  const id = fieldId(name);
  const error = errors.for(name);
  const hint = criterion.commentBelow !== undefined ? ctx.t(`${T}comment_hint`, { below: criterion.commentBelow }) : '';
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{ctx.t(`${T}comment_label`)}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <textarea
        id={id}
        name={name}
        rows={3}
        maxLength={2000}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
      >
        {value}
      </textarea>
    </div>
  );
}

/** What is saved now beside what the person typed, per criterion: nothing is overwritten without them. */
function ConflictPanel({
  ctx,
  criteria,
  saved,
  typed,
}: {
  ctx: PageContext;
  criteria: Criterion[];
  saved: SheetRow[];
  typed: SheetRow[];
}) {
  return (
    <div class="notice notice--warning" role="alert" id="scoring-conflict">
      <h2>{ctx.t(`${T}conflict_title`)}</h2>
      <p>{ctx.t(`${T}conflict_text`)}</p>
      <div class="table-scroll" role="region" aria-label={ctx.t(`${T}conflict_title`)} tabindex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{ctx.t(`${T}criterion`)}</th>
              <th scope="col">{ctx.t(`${T}conflict_saved`)}</th>
              <th scope="col">{ctx.t(`${T}conflict_typed`)}</th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((c, i) => (
              <tr key={c.code}>
                <th scope="row">{localized(ctx, c.label)}</th>
                <td>
                  {saved[i].points || '—'}
                  {saved[i].comment && <div class="muted">{saved[i].comment}</div>}
                </td>
                <td>
                  {typed[i].points || '—'}
                  {typed[i].comment && <div class="muted">{typed[i].comment}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** After scoring closed: my scores as saved, to read; nothing to send. */
function ClosedSheet({
  ctx,
  criteria,
  saved,
  total,
}: {
  ctx: PageContext;
  criteria: Criterion[];
  saved: SheetRow[];
  total: number | null;
}) {
  return (
    <>
      <p class="notice notice--info">{ctx.t('pages.results.member_closed_sentence')}</p>
      {total === null ? (
        <p>{ctx.t('pages.results.member_no_scores')}</p>
      ) : (
        <>
          <div class="table-scroll" role="region" aria-label={ctx.t(`${T}sheet_title`)} tabindex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{ctx.t('pages.results.col_criterion')}</th>
                  <th scope="col" class="num">
                    {ctx.t('pages.results.col_points')}
                  </th>
                  <th scope="col">{ctx.t('pages.results.col_comment')}</th>
                </tr>
              </thead>
              <tbody>
                {criteria.map((c, i) => (
                  <tr key={c.code}>
                    <th scope="row">{localized(ctx, c.label)}</th>
                    <td class="num">{saved[i].points || '—'}</td>
                    <td>{saved[i].comment || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <strong>{ctx.t('pages.results.member_total', { total: readableNumber(total) })}</strong>
          </p>
        </>
      )}
    </>
  );
}

function ScoringPage({
  ctx,
  competitionId,
  application,
  rulebook,
  territoryName,
  values,
  version,
  errors = NO_ERRORS,
  notice,
  conflict,
  closed,
}: {
  ctx: PageContext;
  competitionId: string;
  application: ApplicationView;
  rulebook: Rulebook;
  territoryName: string | null;
  values: SheetRow[];
  version: number;
  errors?: FormErrors;
  notice?: string;
  conflict?: { saved: SheetRow[] };
  /** Scoring is closed: my saved scores to read, no form. */
  closed?: { total: number | null };
}) {
  const criteria = rulebook.criteria;
  const labels: Record<string, string> = {};
  criteria.forEach((c, i) => {
    labels[`scores[${i}].points`] = `${localized(ctx, c.label)} — ${ctx.t(`${T}points`)}`;
    labels[`scores[${i}].comment`] = `${localized(ctx, c.label)} — ${ctx.t(`${T}comment_label`)}`;
  });
  const heading = ctx.t(`${T}scoring_title`, { number: application.number ?? '' });
  return (
    <Layout ctx={ctx} title={heading} failed={errors.any || !!conflict} wide>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <Notice text={notice} />
      <p>
        <a href={`/commission/${competitionId}`}>{ctx.t(`${T}back_to_queue`)}</a>
      </p>
      <h1>{heading}</h1>
      <div class="scoring-layout">
        <section class="scoring-application" aria-label={ctx.t(`${T}application_section`)}>
          <ApplicationReadOnly ctx={ctx} application={application} rulebook={rulebook} territoryName={territoryName} />
        </section>
        <section class="scoring-sheet" aria-labelledby="scoring-sheet-title">
          <h2 id="scoring-sheet-title">{ctx.t(`${T}sheet_title`)}</h2>
          {closed ? (
            <ClosedSheet ctx={ctx} criteria={criteria} saved={values} total={closed.total} />
          ) : (
            <>
              {conflict && <ConflictPanel ctx={ctx} criteria={criteria} saved={conflict.saved} typed={values} />}
              <PostForm ctx={ctx} action={`/commission/${competitionId}/applications/${application.id}`}>
                <input type="hidden" name="version" value={String(version)} />
                {criteria.map((c, i) => (
                  <Fragment key={c.code}>
                    <fieldset class="criterion">
                      <legend>{localized(ctx, c.label)}</legend>
                      <p class="hint">{ctx.t(`${T}criterion_hint`, { max: c.maxPoints, weight: c.weight })}</p>
                      <input type="hidden" name={`scores[${i}].criterion`} value={c.code} />
                      <PointsField ctx={ctx} index={i} criterion={c} value={values[i].points} errors={errors} />
                      <CommentField ctx={ctx} index={i} criterion={c} value={values[i].comment} errors={errors} />
                    </fieldset>
                  </Fragment>
                ))}
                <SubmitButton>{ctx.t(conflict ? `${T}save_anyway` : `${T}save`)}</SubmitButton>
              </PostForm>
            </>
          )}
        </section>
      </div>
    </Layout>
  );
}

/**
 * A commission member's pages (issue 15): my competitions with progress, my queue, and the
 * scoring page. Who sees what is the scoring services' rule: an application not assigned to
 * me, or one I am conflicted on, is "not found".
 */
@WebController('commission')
export class CommissionPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly competitions: CompetitionsService,
    private readonly applications: ApplicationsService,
    private readonly territories: TerritoriesService,
    private readonly commission: CommissionService,
    private readonly overview: CommissionOverview,
    private readonly rounds: ScoringRounds,
  ) {}

  @Get()
  @SignedIn()
  async home(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const actor = this.pages.actor(request);
    const query = Object.assign(new MyCompetitionsQueryDto(), { role: 'commission', page: 1, pageSize: 100 });
    const mine = await this.competitions.listMine(actor, query);
    const competitions = [];
    for (const c of mine.items) {
      const { progress } = await this.overview.myAssignments(c.id, actor);
      competitions.push({ id: c.id, title: c.title[ctx.locale], ...progress });
    }
    this.pages.render(reply, <CommissionHome ctx={ctx} competitions={competitions} />);
  }

  @Get(':competitionId')
  @CompetitionMember(['commission'], 'competitionId')
  async queue(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('competitionId', uuidPipe) competitionId: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const competition = await this.competitions.find(competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    const mine = await this.overview.myAssignments(competitionId, this.pages.actor(request));
    const items: QueueItem[] = [];
    for (const item of mine.items) {
      // The overview's rows carry the query's columns untyped beyond the id and version.
      const i = item as typeof item & { number: string; title: string | null; territoryCode: string | null };
      items.push({
        applicationId: i.applicationId,
        number: i.number,
        title: i.title,
        territory: await this.territoryName(ctx, i.territoryCode),
        scored: i.scoreVersion !== null,
      });
    }
    const title = ctx.locale === 'ru' ? competition.titleRu : competition.titleKk;
    this.pages.render(
      reply,
      <QueuePage
        ctx={ctx}
        competitionId={competitionId}
        title={title}
        items={items}
        scored={mine.progress.scored}
        closed={await this.scoringClosed(competitionId)}
      />,
    );
  }

  @Get(':competitionId/applications/:applicationId')
  @SignedIn()
  async scoring(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('competitionId', uuidPipe) competitionId: string,
    @Param('applicationId', uuidPipe) applicationId: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const actor = this.pages.actor(request);
    // The service's own rule first: not assigned, or conflicted, is a 404.
    const saved = await this.commission.myScores(applicationId, actor);
    const page = await this.scoringData(ctx, competitionId, applicationId, request);
    const noticeText = notice === 'saved' ? ctx.t(`${T}notice_saved`) : undefined;
    const closed = await this.scoringClosed(competitionId);
    this.pages.render(
      reply,
      <ScoringPage
        ctx={ctx}
        competitionId={competitionId}
        {...page}
        values={rowsOf(page.rulebook.criteria, saved)}
        version={saved.version}
        notice={noticeText}
        closed={closed ? { total: saved.version > 0 ? saved.total : null } : undefined}
      />,
    );
  }

  @Post(':competitionId/applications/:applicationId')
  @SignedIn()
  @VerifiedEmail()
  async save(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('competitionId', uuidPipe) competitionId: string,
    @Param('applicationId', uuidPipe) applicationId: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const actor = this.pages.actor(request);
    const body = request.body as FormBody;
    // Access before anything is read from the form: another's application is not found.
    await this.commission.myScores(applicationId, actor);
    const page = await this.scoringData(ctx, competitionId, applicationId, request);
    const criteria = page.rulebook.criteria;
    const typed: SheetRow[] = criteria.map((_c, i) => ({
      points: field(body, `scores[${i}].points`),
      comment: field(body, `scores[${i}].comment`),
    }));
    const version = Number.parseInt(field(body, 'version'), 10);
    try {
      const dto = await validateInput(PutScoresDto, {
        version: Number.isFinite(version) ? version : -1,
        scores: criteria.map((c, i) => ({
          criterion: c.code,
          points: pointsOf(typed[i].points),
          ...(typed[i].comment.trim() ? { comment: typed[i].comment } : {}),
        })),
      });
      await this.commission.putScores(applicationId, dto, actor);
      this.pages.redirect(reply, `/commission/${competitionId}/applications/${applicationId}?notice=saved`);
    } catch (error) {
      if (error instanceof ScoringException && error.code === ScoringErrorCode.VERSION_CONFLICT) {
        // Someone (or this person in another window) saved first: show both, keep what was typed,
        // and offer the saved version's number so that the next save is a deliberate one.
        const current = await this.commission.myScores(applicationId, actor);
        return this.pages.render(
          reply,
          <ScoringPage
            ctx={ctx}
            competitionId={competitionId}
            {...page}
            values={typed}
            version={current.version}
            conflict={{ saved: rowsOf(criteria, current) }}
          />,
          409,
        );
      }
      if (error instanceof ScoringException && error.code === ScoringErrorCode.SCORING_CLOSED) {
        // Closed while this page was open: what is saved stays, shown to read, with the service's words.
        const current = await this.commission.myScores(applicationId, actor);
        return this.pages.render(
          reply,
          <ScoringPage
            ctx={ctx}
            competitionId={competitionId}
            {...page}
            values={rowsOf(criteria, current)}
            version={current.version}
            errors={formErrorsFrom(error, ctx, () => null)}
            closed={{ total: current.version > 0 ? current.total : null }}
          />,
          409,
        );
      }
      const errors = formErrorsFrom(error, ctx, formField);
      this.pages.render(
        reply,
        <ScoringPage
          ctx={ctx}
          competitionId={competitionId}
          {...page}
          values={typed}
          version={Number.isFinite(version) ? version : 0}
          errors={errors}
        />,
        400,
      );
    }
  }

  /** The application as its scorer reads it (no IINs or contacts), with its competition's rulebook. */
  private async scoringData(ctx: PageContext, competitionId: string, applicationId: string, request: WebRequest) {
    const application = await this.applications.get(applicationId, this.pages.actor(request));
    if (application.competitionId !== competitionId) throw new NotFoundAppException('application');
    const competition = await this.competitions.find(competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    return {
      application,
      rulebook: this.competitions.rulebookOf(competition),
      territoryName: await this.territoryName(ctx, application.territoryCode),
    };
  }

  /** Scoring on this competition is closed: scores are frozen, pages are for reading. */
  private async scoringClosed(competitionId: string): Promise<boolean> {
    return !!(await this.rounds.of(competitionId)).closedAt;
  }

  private async territoryName(ctx: PageContext, code: string | null): Promise<string | null> {
    if (!code) return null;
    const territory = await this.territories.find(code);
    return territory ? (ctx.locale === 'ru' ? territory.nameRu : territory.nameKk) : code;
  }
}
