import { translate } from '../../common/i18n/i18n';
import type { QuestionResult } from '../../modules/surveys/domain/satisfaction';
import type {
  CompetitionSurveyResults,
  ProjectSurveyResults,
  SurveyBatchView,
} from '../../modules/surveys/surveys.service';
import { ErrorSummary, FormErrors, NO_ERRORS, PostForm, SubmitButton, TextField } from '../core/forms';
import { formatDate } from '../core/format';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';

const T = 'pages.surveys.';

export const surveyAdminPath = (competitionId: string) => `/organizer/competitions/${competitionId}/survey`;
/** The count field of one project's form: one form per project on the page. */
export const countField = (contractId: string) => `count-${contractId}`;

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`.replace('.', ',');

function ShareTag({ ctx, meets }: { ctx: PageContext; meets: boolean | null }) {
  if (meets === null) return null;
  return (
    <strong class={meets ? 'tag tag--green' : 'tag tag--red'}>{ctx.t(`${T}org.${meets ? 'meets' : 'below'}`)}</strong>
  );
}

function Figures(props: {
  ctx: PageContext;
  figures: { answers: number; satisfied: number; satisfiedShare: number | null; meetsTarget: boolean | null };
  links: number;
  target: number;
}) {
  const { ctx, figures } = props;
  return (
    <dl class="facts">
      <dt>{ctx.t(`${T}org.share`)}</dt>
      <dd>
        {figures.satisfiedShare === null ? (
          ctx.t(`${T}org.no_share`)
        ) : (
          <>
            {ctx.t(`${T}org.share_value`, { share: percent(figures.satisfiedShare), target: percent(props.target) })}{' '}
            <ShareTag ctx={ctx} meets={figures.meetsTarget} />
          </>
        )}
      </dd>
      <dt>{ctx.t(`${T}org.answers`)}</dt>
      <dd>{figures.answers}</dd>
      <dt>{ctx.t(`${T}org.satisfied`)}</dt>
      <dd>{figures.satisfied}</dd>
      <dt>{ctx.t(`${T}org.links`)}</dt>
      <dd>{props.links}</dd>
    </dl>
  );
}

/** Per question: the mean and how many gave each point, or the texts (for the organizer only). */
function QuestionTable({
  ctx,
  questions,
  caption,
}: {
  ctx: PageContext;
  questions: QuestionResult[];
  caption: string;
}) {
  const scale = questions.filter((q) => q.type === 'scale');
  const texts = questions.filter((q) => q.type === 'text');
  return (
    <>
      <div class="table-scroll" role="region" aria-label={caption} tabindex={0}>
        <table>
          <caption class="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t(`${T}org.question`)}</th>
              <th scope="col" class="num">
                {ctx.t(`${T}org.average`)}
              </th>
              <th scope="col" class="num">
                {ctx.t(`${T}org.distribution`)}
              </th>
            </tr>
          </thead>
          <tbody>
            {scale.map((q) => (
              <tr key={q.code}>
                <td>{q.label[ctx.locale]}</td>
                <td class="num">{q.average === null ? '—' : q.average.toFixed(2).replace('.', ',')}</td>
                <td class="num">{q.distribution.join(' / ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {texts.map((q) => (
        <details key={q.code}>
          <summary>{ctx.t(`${T}org.texts`, { question: q.label[ctx.locale], count: q.texts.length })}</summary>
          {q.texts.length === 0 ? (
            <p class="muted">{ctx.t(`${T}org.no_answers`)}</p>
          ) : (
            <ul class="survey-texts">
              {q.texts.map((text, i) => (
                <li key={i}>{text}</li>
              ))}
            </ul>
          )}
        </details>
      ))}
    </>
  );
}

function ProjectCard(props: {
  ctx: PageContext;
  competitionId: string;
  project: ProjectSurveyResults;
  batches: SurveyBatchView[];
  target: number;
  formKey: string;
  errors: FormErrors;
  typed?: string;
}) {
  const { ctx, project: p } = props;
  const name = countField(p.contractId);
  return (
    <li class="card">
      <h3>
        <span class="mono">{p.contractNumber}</span> · {p.projectTitle}
      </h3>
      <p class="muted">{ctx.t(`${T}org.grantee`, { grantee: p.grantee })}</p>
      <Figures ctx={ctx} figures={p} links={p.links} target={props.target} />
      <PostForm ctx={ctx} action={`${surveyAdminPath(props.competitionId)}/contracts/${p.contractId}/links`}>
        <input type="hidden" name="formKey" value={props.formKey} />
        <TextField
          name={name}
          label={ctx.t(`${T}org.count_label`)}
          value={props.typed ?? ''}
          inputMode="numeric"
          maxLength={3}
          width="short"
          errors={props.errors}
        />
        <SubmitButton secondary>
          {ctx.t(`${T}org.make`)}
          <span class="visually-hidden"> {p.contractNumber}</span>
        </SubmitButton>
      </PostForm>
      {props.batches.length > 0 && (
        <>
          <h4>{ctx.t(`${T}org.batches`)}</h4>
          <ul class="plain-list">
            {props.batches.map((b) => (
              <li key={b.id}>
                {ctx.t(`${T}org.batch_line`, {
                  date: formatDate(b.createdAt, ctx.locale),
                  count: b.count,
                  answered: b.answered,
                })}{' '}
                — <a href={`${surveyAdminPath(props.competitionId)}/batches/${b.id}`}>{ctx.t(`${T}org.print`)}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {p.answers > 0 && (
        <details>
          <summary>{ctx.t(`${T}org.by_question`)}</summary>
          <QuestionTable
            ctx={ctx}
            questions={p.questions}
            caption={`${ctx.t(`${T}org.by_question`)}: ${p.contractNumber}`}
          />
        </details>
      )}
    </li>
  );
}

/** The organizer's survey page: the competition's result against the target, then each project with its link form. */
export function SurveyAdminPage(props: {
  ctx: PageContext;
  competition: { id: string; title: string };
  results: CompetitionSurveyResults;
  batches: SurveyBatchView[];
  formKey: string;
  notice?: string | null;
  errors?: FormErrors;
  /** The failed form: which project, what was typed. */
  failed?: { contractId: string; count: string };
}) {
  const { ctx, competition, results } = props;
  const errors = props.errors ?? NO_ERRORS;
  const title = ctx.t(`${T}title`);
  const rule = results.rule;
  const deciding = rule?.questions.find((q) => q.code === rule.satisfiedQuestion);
  const labels = Object.fromEntries(
    results.projects.map((p) => [countField(p.contractId), ctx.t(`${T}org.count_for`, { number: p.contractNumber })]),
  );
  return (
    <Layout ctx={ctx} title={`${title}: ${competition.title}`} wide failed={errors.any}>
      <p>
        <a href={`/organizer/competitions/${competition.id}`}>{competition.title}</a>
      </p>
      <h1>{title}</h1>
      <Notice text={props.notice} />
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      {!rule ? (
        <p>{ctx.t(`${T}org.no_survey`)}</p>
      ) : (
        <>
          <p>{ctx.t(`${T}org.intro`)}</p>
          <h2>{ctx.t(`${T}org.summary`)}</h2>
          <Figures ctx={ctx} figures={results} links={results.links} target={results.target} />
          {deciding && (
            <p class="hint">
              {ctx.t(`${T}org.rule`, { question: deciding.label[ctx.locale], from: rule.satisfiedFrom })}
            </p>
          )}
          {results.answers > 0 && (
            <>
              <h2>{ctx.t(`${T}org.by_question`)}</h2>
              <QuestionTable ctx={ctx} questions={results.questions} caption={ctx.t(`${T}org.by_question`)} />
            </>
          )}
          <h2>{ctx.t(`${T}org.projects`)}</h2>
          {results.projects.length === 0 ? (
            <p>{ctx.t(`${T}org.no_projects`)}</p>
          ) : (
            <ul class="cards">
              {results.projects.map((p) => (
                <ProjectCard
                  key={p.contractId}
                  ctx={ctx}
                  competitionId={competition.id}
                  project={p}
                  batches={props.batches.filter((b) => b.contractId === p.contractId)}
                  target={results.target}
                  formKey={props.formKey}
                  errors={errors}
                  typed={props.failed?.contractId === p.contractId ? props.failed.count : undefined}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </Layout>
  );
}

/**
 * A batch's list to print and cut: each row a code with the short address, in Kazakh and in
 * Russian whatever the organizer reads (the participant picks), and the full link to send.
 */
export function BatchListPage(props: {
  ctx: PageContext;
  competition: { id: string; title: string };
  batch: SurveyBatchView;
  codePageUrl: string;
  notice?: string | null;
}) {
  const { ctx, batch } = props;
  const title = ctx.t(`${T}list.title`);
  const slip = ['kk', 'ru'].map((l) => translate(l as 'kk' | 'ru', `${T}list.slip`, { url: props.codePageUrl }));
  return (
    <Layout ctx={ctx} title={`${title}: ${batch.contractNumber}`} wide>
      <p class="no-print">
        <a href={surveyAdminPath(props.competition.id)}>{ctx.t(`${T}list.back`)}</a>
      </p>
      <Notice text={props.notice} />
      <h1>{title}</h1>
      <p>{ctx.t(`${T}list.project`, { project: batch.projectTitle, number: batch.contractNumber })}</p>
      <p class="hint no-print">
        {ctx.t(`${T}list.how`)} {ctx.t(`${T}list.print_hint`)}
      </p>
      <p class="hint no-print">{ctx.t(`${T}list.answered`, { answered: batch.answered, count: batch.count })}</p>
      <div class="table-scroll" role="region" aria-label={title} tabindex={0}>
        <table class="survey-slips">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                {ctx.t(`${T}list.col_no`)}
              </th>
              <th scope="col">{ctx.t(`${T}list.col_code`)}</th>
              <th scope="col">{ctx.t(`${T}list.col_link`)}</th>
            </tr>
          </thead>
          <tbody>
            {batch.links.map((l) => (
              <tr key={l.position}>
                <td class="num">{l.position}</td>
                <td>
                  <strong class="mono survey-code">{l.code}</strong>
                  <span class="survey-slip" lang="kk">
                    {slip[0]}
                  </span>
                  <span class="survey-slip" lang="ru">
                    {slip[1]}
                  </span>
                </td>
                <td class="mono survey-link">{l.url}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
