import {
  DEFAULT_CATEGORY_PRECEDENCE,
  FINAL_REPORT_TARGET_CODES,
  FinalReportTargetCode,
  REPORT_CATEGORIES,
} from '../../../modules/competitions/domain/final-report-rule';
import {
  Rulebook,
  SURVEY_QUESTION_TYPES,
  SURVEY_SCALE_MAX,
  SurveyRule,
} from '../../../modules/competitions/domain/rulebook.types';
import { defaultSurvey } from '../../../modules/competitions/domain/templates/default-survey';
import { Checkbox, fieldId, FormErrors, SelectField } from '../../core/forms';
import type { PageContext } from '../../core/page-context';
import type { FormBody } from '../../core/web-request';
import {
  AddButton,
  applyToList,
  CodeField,
  freeCode,
  GroupMessage,
  ListMessage,
  listRows,
  NamePair,
  namesIn,
  NumberField,
  numberOrRaw,
  numberText,
  one,
  RowAction,
  RowCard,
  rowLabels,
  RulesPage,
  SavedTable,
  sentRows,
  T,
} from './rules-parts';
import type { SectionSpec } from './rules-section';

const O = `${T}outcomes.`;
/** The rulebook's limit (rulebook-survey.validation.ts). */
const MAX_QUESTIONS = 20;

export interface SurveyQuestionRow {
  code: string;
  kk: string;
  ru: string;
  type: string;
}

export interface OutcomesState {
  surveyOn: boolean;
  questions: SurveyQuestionRow[];
  satisfiedQuestion: string;
  satisfiedFrom: string;
  /** Percent as typed: `80` for a share of 0.8. */
  target: string;
  /** Category codes, first that fits wins. */
  precedence: string[];
  /** Percent per programme target as typed; empty: no target. */
  targets: Record<FinalReportTargetCode, string>;
}

function blankQuestion(): SurveyQuestionRow {
  return { code: '', kk: '', ru: '', type: 'scale' };
}

const questionBlank = (q: SurveyQuestionRow) => !q.code && !q.kk.trim() && !q.ru.trim();

/** A share (0.8) as the percent the form shows (`80`, `62,5`). */
export function percentText(share: number | undefined | null): string {
  if (share === undefined || share === null) return '';
  return numberText(Math.round(share * 100 * 10000) / 10000);
}

/** A percent as typed (`80`, `62,5`) as the share the rulebook keeps; anything else as typed for the check. */
function shareOf(text: string): number | string | undefined {
  const n = numberOrRaw(text);
  return typeof n === 'number' ? Number((n / 100).toFixed(6)) : n;
}

/** The survey the competition runs: its own, the default one for a rulebook without the key, or none. */
export function surveyOf(rulebook: Rulebook): SurveyRule | null {
  return rulebook.survey === undefined ? defaultSurvey() : rulebook.survey;
}

function fromSaved(rulebook: Rulebook): OutcomesState {
  const survey = surveyOf(rulebook);
  const shown = survey ?? defaultSurvey();
  const targets = rulebook.finalReport?.targets ?? [];
  return {
    surveyOn: survey !== null,
    questions: shown.questions.map((q) => ({ code: q.code, kk: q.label.kk, ru: q.label.ru, type: q.type })),
    satisfiedQuestion: shown.satisfiedQuestion,
    satisfiedFrom: numberText(shown.satisfiedFrom),
    target: percentText(shown.target),
    precedence: [...(rulebook.finalReport?.categoryPrecedence ?? DEFAULT_CATEGORY_PRECEDENCE)],
    targets: Object.fromEntries(
      FINAL_REPORT_TARGET_CODES.map((code) => [code, percentText(targets.find((t) => t.code === code)?.target)]),
    ) as Record<FinalReportTargetCode, string>,
  };
}

function fromBody(body: FormBody): OutcomesState {
  const values = body as Record<string, string | string[] | undefined>;
  return {
    surveyOn: one(values, 'survey.enabled') === 'on',
    questions: listRows(body, 'survey.questions', MAX_QUESTIONS).map((row) => ({
      code: one(row, 'code').trim(),
      ...namesIn(row, 'label'),
      type: one(row, 'type') || 'scale',
    })),
    satisfiedQuestion: one(values, 'survey.satisfiedQuestion'),
    satisfiedFrom: one(values, 'survey.satisfiedFrom'),
    target: one(values, 'survey.target'),
    precedence: listRows(body, 'finalReport.categoryPrecedence', REPORT_CATEGORIES.length).map((row) =>
      one(row, 'code'),
    ),
    targets: Object.fromEntries(
      FINAL_REPORT_TARGET_CODES.map((code) => [code, one(values, `finalReport.targets.${code}`)]),
    ) as Record<FinalReportTargetCode, string>,
  };
}

function applyAction(state: OutcomesState, action: RowAction): OutcomesState {
  if (action.list === 'questions')
    return { ...state, questions: applyToList(state.questions, action, action.at[0], blankQuestion, MAX_QUESTIONS) };
  // Categories are only reordered: each is counted once, in the first column that fits.
  if (action.list === 'precedence' && (action.kind === 'up' || action.kind === 'down'))
    return {
      ...state,
      precedence: applyToList(state.precedence, action, action.at[0], () => '', REPORT_CATEGORIES.length),
    };
  return state;
}

/** The targets sent, in the codes' order: those with a percent typed. */
function targetsSent(state: OutcomesState): FinalReportTargetCode[] {
  return FINAL_REPORT_TARGET_CODES.filter((code) => state.targets[code].trim() !== '');
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function build(state: OutcomesState, saved: Rulebook) {
  const rowsOf = new Map<string, number[]>();
  let survey: Record<string, unknown> | null = null;
  if (state.surveyOn) {
    const sent = sentRows(state.questions, questionBlank);
    rowsOf.set('survey.questions', sent);
    const codes = new Set(state.questions.map((q) => q.code).filter(Boolean));
    survey = {
      questions: sent.map((k) => {
        const q = state.questions[k];
        return { code: q.code || freeCode('question', codes), label: { kk: q.kk, ru: q.ru }, type: q.type };
      }),
      satisfiedQuestion: state.satisfiedQuestion,
      satisfiedFrom: numberOrRaw(state.satisfiedFrom),
      target: shareOf(state.target),
    };
  }
  const targets = targetsSent(state).map((code) => ({ code, target: shareOf(state.targets[code]) }));
  // No rule saved and the defaults left as they are: still none (the final report counts by the default order).
  const finalReport =
    !saved.finalReport && targets.length === 0 && sameOrder(state.precedence, DEFAULT_CATEGORY_PRECEDENCE)
      ? saved.finalReport
      : { categoryPrecedence: state.precedence, targets };
  return { rulebook: { survey, finalReport }, rowsOf };
}

const KNOWN = new RegExp(
  '^(' +
    [
      'survey\\.questions(\\[\\d+\\](\\.(code|label\\.kk|label\\.ru|type))?)?',
      'survey\\.(enabled|satisfiedQuestion|satisfiedFrom|target)',
      'finalReport\\.categoryPrecedence',
      `finalReport\\.targets\\.(${FINAL_REPORT_TARGET_CODES.join('|')})`,
    ].join('|') +
    ')$',
);

function moveProblem(apiField: string, state: OutcomesState): { name: string; messageKey?: string } | null {
  const path = apiField.replace(/^rulebook\./, '');
  if (path === 'survey.target') return { name: 'survey.target', messageKey: `${O}target_problem` };
  if (path === 'survey') return { name: 'survey.enabled' };
  if (/^finalReport\.categoryPrecedence/.test(path) || path === 'finalReport')
    return { name: 'finalReport.categoryPrecedence' };
  const target = /^finalReport\.targets\[(\d+)\]/.exec(path);
  if (target) {
    const code = targetsSent(state)[Number(target[1])];
    return code
      ? { name: `finalReport.targets.${code}`, messageKey: `${O}share_problem` }
      : { name: 'finalReport.categoryPrecedence' };
  }
  return null;
}

function categoryName(ctx: PageContext, code: string): string {
  return (REPORT_CATEGORIES as readonly string[]).includes(code) ? ctx.t(`pages.reports.category.${code}`) : code;
}

/** The survey and the final report's counting rule as saved, for reading. */
export function OutcomesTables({ ctx, rulebook }: { ctx: PageContext; rulebook: Rulebook }) {
  const survey = surveyOf(rulebook);
  const precedence = rulebook.finalReport?.categoryPrecedence ?? DEFAULT_CATEGORY_PRECEDENCE;
  const targets = rulebook.finalReport?.targets ?? [];
  return (
    <>
      <h3>{ctx.t(`${O}survey_heading`)}</h3>
      {!survey ? (
        <p>{ctx.t(`${O}survey_none`)}</p>
      ) : (
        <>
          <SavedTable label={ctx.t(`${O}questions_caption`)} caption>
            <thead>
              <tr>
                <th scope="col">№</th>
                <th scope="col">{ctx.t(`${O}question`)}</th>
                <th scope="col">{ctx.t(`${O}type`)}</th>
                <th scope="col">{ctx.t(`${O}code`)}</th>
              </tr>
            </thead>
            <tbody>
              {survey.questions.map((q, i) => (
                <tr key={q.code}>
                  <td>{i + 1}</td>
                  <td>{q.label[ctx.locale]}</td>
                  <td>{ctx.t(`${O}type_${q.type}`)}</td>
                  <td class="mono">{q.code}</td>
                </tr>
              ))}
            </tbody>
          </SavedTable>
          <p>
            {ctx.t(`${O}satisfied_text`, {
              question: survey.questions.find((q) => q.code === survey.satisfiedQuestion)?.label[ctx.locale] ?? '',
              from: survey.satisfiedFrom,
              target: percentText(survey.target),
            })}
          </p>
        </>
      )}
      <h3>{ctx.t(`${O}final_heading`)}</h3>
      <p>{ctx.t(`${O}precedence`)}:</p>
      <ol>
        {precedence.map((c) => (
          <li key={c}>{categoryName(ctx, c)}</li>
        ))}
      </ol>
      <p>
        {ctx.t(`${O}targets`)}:{' '}
        {targets.length
          ? targets.map((t) => `${ctx.t(`${O}target_${t.code}`)} — ${percentText(t.target)}\u00a0%`).join('; ')
          : ctx.t(`${O}no_targets`)}
      </p>
    </>
  );
}

function QuestionFields(props: {
  ctx: PageContext;
  index: number;
  q: SurveyQuestionRow;
  count: number;
  errors: FormErrors;
}) {
  const { ctx, index, q, errors } = props;
  const name = (f: string) => `survey.questions[${index}].${f}`;
  return (
    <RowCard
      ctx={ctx}
      name={`survey.questions[${index}]`}
      list="questions"
      at={[index]}
      count={props.count}
      what={ctx.t(`${O}question_n`, { n: index + 1 })}
      errors={errors}
    >
      <NamePair name={name('label')} kk={ctx.t(`${O}label_kk`)} ru={ctx.t(`${O}label_ru`)} value={q} errors={errors} />
      <div class="row-pair">
        <SelectField
          name={name('type')}
          label={ctx.t(`${O}type`)}
          value={q.type}
          options={SURVEY_QUESTION_TYPES.map((t) => ({ value: t, label: ctx.t(`${O}type_${t}`) }))}
          errors={errors}
        />
        <CodeField ctx={ctx} name={name('code')} label={ctx.t(`${O}code`)} value={q.code} errors={errors} />
      </div>
    </RowCard>
  );
}

/** One category in the order: its name and the buttons that move it (no script needed). */
function PrecedenceRow(props: { ctx: PageContext; index: number; code: string; count: number }) {
  const { ctx, index, code, count } = props;
  const what = categoryName(ctx, code);
  return (
    <li class="rules-order-row">
      <input type="hidden" name={`finalReport.categoryPrecedence[${index}].code`} value={code} />
      <span>{what}</span>
      <span class="rules-row-buttons">
        {index > 0 && (
          <button type="submit" class="link-button" name="action" value={`up:precedence:${index}`}>
            {ctx.t(`${T}move_up`, { what })}
          </button>
        )}
        {index < count - 1 && (
          <button type="submit" class="link-button" name="action" value={`down:precedence:${index}`}>
            {ctx.t(`${T}move_down`, { what })}
          </button>
        )}
      </span>
    </li>
  );
}

function labelsOf(ctx: PageContext, state: OutcomesState): Record<string, string> {
  const labels: Record<string, string> = {
    'survey.enabled': ctx.t(`${O}survey_enabled`),
    'survey.questions': ctx.t(`${O}questions_heading`),
    'survey.satisfiedQuestion': ctx.t(`${O}satisfied_question`),
    'survey.satisfiedFrom': ctx.t(`${O}satisfied_from`),
    'survey.target': ctx.t(`${O}target`),
    'finalReport.categoryPrecedence': ctx.t(`${O}precedence`),
  };
  for (const code of FINAL_REPORT_TARGET_CODES) labels[`finalReport.targets.${code}`] = ctx.t(`${O}target_${code}`);
  const question = { 'label.kk': 'label_kk', 'label.ru': 'label_ru', type: 'type', code: 'code' };
  return {
    ...labels,
    ...rowLabels(ctx, O, 'survey.questions', 'question_n', question, state.questions.length),
  };
}

function OutcomesForm({ ctx, state, errors }: { ctx: PageContext; state: OutcomesState; errors: FormErrors }) {
  const scale = state.questions.filter((q) => q.type === 'scale' && q.code);
  const choices = scale.map((q) => ({ value: q.code, label: (ctx.locale === 'ru' ? q.ru : q.kk) || q.code }));
  if (state.satisfiedQuestion && !scale.some((q) => q.code === state.satisfiedQuestion))
    choices.push({ value: state.satisfiedQuestion, label: state.satisfiedQuestion });
  return (
    <>
      <h2>{ctx.t(`${O}survey_heading`)}</h2>
      <p class="hint">{ctx.t(`${O}survey_hint`)}</p>
      <Checkbox name="survey.enabled" label={ctx.t(`${O}survey_enabled`)} checked={state.surveyOn} errors={errors} />
      <fieldset class="rules-options" id={fieldId('survey.questions')} tabindex={-1}>
        <legend>{ctx.t(`${O}questions_heading`)}</legend>
        <GroupMessage name="survey.questions" errors={errors} />
        {state.questions.map((q, i) => (
          <QuestionFields key={i} ctx={ctx} index={i} q={q} count={state.questions.length} errors={errors} />
        ))}
        {state.questions.length < MAX_QUESTIONS && (
          <AddButton action="add:questions">{ctx.t(`${O}add_question`)}</AddButton>
        )}
      </fieldset>
      <fieldset class="row-card" id="rules-satisfied">
        <legend>{ctx.t(`${O}satisfied_heading`)}</legend>
        <SelectField
          name="survey.satisfiedQuestion"
          label={ctx.t(`${O}satisfied_question`)}
          hint={ctx.t(`${O}satisfied_question_hint`)}
          value={state.satisfiedQuestion}
          options={choices}
          placeholder={choices.length === 0 ? ctx.t(`${O}no_scale_question`) : undefined}
          errors={errors}
        />
        <div class="row-pair">
          <SelectField
            name="survey.satisfiedFrom"
            label={ctx.t(`${O}satisfied_from`)}
            hint={ctx.t(`${O}satisfied_from_hint`, { max: SURVEY_SCALE_MAX })}
            value={state.satisfiedFrom}
            options={Array.from({ length: SURVEY_SCALE_MAX }, (_, i) => ({
              value: String(i + 1),
              label: String(i + 1),
            }))}
            errors={errors}
          />
          <NumberField
            name="survey.target"
            label={ctx.t(`${O}target`)}
            hint={ctx.t(`${O}target_hint`)}
            value={state.target}
            decimal
            errors={errors}
          />
        </div>
      </fieldset>

      <h2>{ctx.t(`${O}final_heading`)}</h2>
      <h3 id={fieldId('finalReport.categoryPrecedence')} tabindex={-1}>
        {ctx.t(`${O}precedence`)}
      </h3>
      <p class="hint">{ctx.t(`${O}precedence_hint`)}</p>
      <ListMessage name="finalReport.categoryPrecedence" errors={errors} />
      <ol class="rules-order">
        {state.precedence.map((code, i) => (
          <PrecedenceRow key={code || i} ctx={ctx} index={i} code={code} count={state.precedence.length} />
        ))}
      </ol>
      <fieldset class="row-card" id="rules-targets">
        <legend>{ctx.t(`${O}targets`)}</legend>
        <p class="hint">{ctx.t(`${O}targets_hint`)}</p>
        <div class="row-pair">
          {FINAL_REPORT_TARGET_CODES.map((code) => (
            <NumberField
              key={code}
              name={`finalReport.targets.${code}`}
              label={ctx.t(`${O}target_${code}`)}
              value={state.targets[code]}
              decimal
              errors={errors}
            />
          ))}
        </div>
      </fieldset>
    </>
  );
}

/** The participants' satisfaction survey and how the final report counts participants. */
export const OUTCOMES: SectionSpec<OutcomesState> = {
  section: 'outcomes',
  keys: ['survey', 'finalReport'],
  fromSaved,
  fromBody,
  applyAction,
  build,
  known: (name) => KNOWN.test(name),
  moveProblem,
  page: (props) => (
    <RulesPage
      {...props}
      section="outcomes"
      labels={(state) => labelsOf(props.ctx, state)}
      intro={<p>{props.ctx.t(`${O}intro`)}</p>}
      saved={<OutcomesTables ctx={props.ctx} rulebook={props.competition.rulebook} />}
      form={(state, errors) => <OutcomesForm ctx={props.ctx} state={state} errors={errors} />}
    />
  ),
};
