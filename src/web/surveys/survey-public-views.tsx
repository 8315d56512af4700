import type { PublicSurvey } from '../../modules/surveys/surveys.service';
import {
  ErrorSummary,
  FormErrors,
  NO_ERRORS,
  PostForm,
  RadioGroup,
  SubmitButton,
  TextArea,
  TextField,
} from '../core/forms';
import { Layout } from '../core/layout';
import type { PageContext } from '../core/page-context';

const T = 'pages.surveys.';
const POINTS = [5, 4, 3, 2, 1];
export const TEXT_MAX = 2000;

export const surveyPath = (token: string) => `/s/${token}`;

/** A question's form field: `q-overall`; the API's `answers.overall` maps onto it. */
export const answerField = (code: string) => `q-${code}`;

function SurveyHeading({ ctx, survey }: { ctx: PageContext; survey: PublicSurvey }) {
  return (
    <>
      <p class="caption">{survey.competitionTitle[ctx.locale]}</p>
      <h1>{ctx.t(`${T}title`)}</h1>
      <p>{ctx.t(`${T}about_project`, { project: survey.projectTitle })}</p>
    </>
  );
}

/**
 * The survey for a participant on a phone, without an account: each scale question a set of
 * five radio buttons from 5 down to 1 (each with its word, so nobody guesses which end is
 * good), each text question an optional box. A failed send comes back with the choices kept.
 */
export function SurveyPage(props: {
  ctx: PageContext;
  token: string;
  survey: PublicSurvey;
  values?: Record<string, string>;
  errors?: FormErrors;
}) {
  const { ctx, survey, token } = props;
  const errors = props.errors ?? NO_ERRORS;
  const values = props.values ?? {};
  return (
    <Layout ctx={ctx} title={ctx.t(`${T}title`)} failed={errors.any}>
      <SurveyHeading ctx={ctx} survey={survey} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <p>{ctx.t(`${T}intro`)}</p>
      <PostForm ctx={ctx} action={surveyPath(token)}>
        {survey.questions.map((q) =>
          q.type === 'scale' ? (
            <RadioGroup
              key={q.code}
              name={answerField(q.code)}
              label={q.label[ctx.locale]}
              value={values[answerField(q.code)]}
              errors={errors}
              options={POINTS.map((p) => ({ value: String(p), label: ctx.t(`${T}scale.${p}`) }))}
            />
          ) : (
            <TextArea
              key={q.code}
              name={answerField(q.code)}
              label={q.label[ctx.locale]}
              hint={ctx.t(`${T}optional`)}
              value={values[answerField(q.code)]}
              rows={3}
              maxLength={TEXT_MAX}
              errors={errors}
            />
          ),
        )}
        <SubmitButton>{ctx.t(`${T}send`)}</SubmitButton>
      </PostForm>
      <p class="muted">{ctx.t(`${T}your_code`, { code: survey.code })}</p>
    </Layout>
  );
}

/** A link already answered: says so plainly, in the reader's language; nothing to send again. */
export function AnsweredPage({ ctx, survey }: { ctx: PageContext; survey: PublicSurvey }) {
  return (
    <Layout ctx={ctx} title={ctx.t(`${T}answered_title`)}>
      <SurveyHeading ctx={ctx} survey={survey} />
      <div class="notice notice--warning" role="alert">
        <h2>{ctx.t(`${T}answered_title`)}</h2>
        <p>{ctx.t(`${T}answered_text`)}</p>
      </div>
    </Layout>
  );
}

export function ThanksPage({ ctx, survey }: { ctx: PageContext; survey: PublicSurvey }) {
  return (
    <Layout ctx={ctx} title={ctx.t(`${T}thanks_title`)}>
      <p class="caption">{survey.competitionTitle[ctx.locale]}</p>
      <div class="panel panel--confirmation" role="status">
        <h1>{ctx.t(`${T}thanks_title`)}</h1>
        <p>{ctx.t(`${T}thanks_text`)}</p>
      </div>
    </Layout>
  );
}

/** `/s`: the code from a paper list, typed on a phone (letters, so a text keyboard in capitals). */
export function CodePage(props: { ctx: PageContext; code?: string; errors?: FormErrors }) {
  const { ctx } = props;
  const errors = props.errors ?? NO_ERRORS;
  return (
    <Layout ctx={ctx} title={ctx.t(`${T}code_title`)} failed={errors.any}>
      <h1>{ctx.t(`${T}code_title`)}</h1>
      <ErrorSummary ctx={ctx} errors={errors} labels={{ code: ctx.t(`${T}code_label`) }} />
      <p>{ctx.t(`${T}code_intro`)}</p>
      <PostForm ctx={ctx} action="/s">
        <TextField
          name="code"
          label={ctx.t(`${T}code_label`)}
          hint={ctx.t(`${T}code_hint`)}
          value={props.code}
          autocomplete="off"
          maxLength={20}
          width="medium"
          errors={errors}
        />
        <SubmitButton>{ctx.t(`${T}code_go`)}</SubmitButton>
      </PostForm>
    </Layout>
  );
}
