import { FIELD_TYPES, FieldType, FormField, Rulebook } from '../../../modules/competitions/domain/rulebook.types';
import { Checkbox, fieldId, FormErrors, SelectField, TextField } from '../../core/forms';
import type { PageContext } from '../../core/page-context';
import type { FormBody } from '../../core/web-request';
import {
  AddButton,
  applyToList,
  CodeField,
  compact,
  FormValues,
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
  yesNo,
} from './rules-parts';
import type { SectionSpec } from './rules-section';

const Q = `${T}questions.`;
/** The rulebook's limits (rulebook-parts.validation.ts): at most 100 questions, 100 options each. */
const MAX_QUESTIONS = 100;
const MAX_OPTIONS = 100;
const CHOICE_TYPES: readonly string[] = ['select', 'multiselect'];

export interface OptionRow {
  value: string;
  kk: string;
  ru: string;
}

export interface QuestionRow {
  key: string;
  kk: string;
  ru: string;
  type: string;
  required: boolean;
  maxLength: string;
  min: string;
  max: string;
  options: OptionRow[];
}

function blankOption(): OptionRow {
  return { value: '', kk: '', ru: '' };
}

function blankQuestion(): QuestionRow {
  return { key: '', kk: '', ru: '', type: 'text', required: false, maxLength: '', min: '', max: '', options: [] };
}

function isChoice(type: string): boolean {
  return CHOICE_TYPES.includes(type);
}

function optionBlank(o: OptionRow): boolean {
  return !o.value.trim() && !o.kk.trim() && !o.ru.trim();
}

function questionBlank(q: QuestionRow): boolean {
  return (
    !q.key.trim() &&
    !q.kk.trim() &&
    !q.ru.trim() &&
    !q.maxLength.trim() &&
    !q.min.trim() &&
    !q.max.trim() &&
    q.options.every(optionBlank)
  );
}

/** A list question shows two empty options to start with; others show none. */
function withOptionRows(q: QuestionRow): QuestionRow {
  if (isChoice(q.type) && q.options.length === 0) return { ...q, options: [blankOption(), blankOption()] };
  return q;
}

function fromSaved(rulebook: Rulebook): QuestionRow[] {
  return rulebook.fields.map((f) =>
    withOptionRows({
      key: f.key,
      kk: f.label.kk,
      ru: f.label.ru,
      type: f.type,
      required: f.required,
      maxLength: numberText(f.maxLength),
      min: numberText(f.min),
      max: numberText(f.max),
      options: (f.options ?? []).map((o) => ({ value: o.value, kk: o.label.kk, ru: o.label.ru })),
    }),
  );
}

function fromBody(body: FormBody): QuestionRow[] {
  return listRows(body, 'fields', MAX_QUESTIONS).map((row: FormValues) =>
    withOptionRows({
      key: one(row, 'key').trim(),
      ...namesIn(row, 'label'),
      type: one(row, 'type') || 'text',
      required: one(row, 'required') === 'on',
      maxLength: one(row, 'maxLength'),
      min: one(row, 'min'),
      max: one(row, 'max'),
      options: listRows(row, 'options', MAX_OPTIONS).map((o) => ({
        value: one(o, 'value').trim(),
        ...namesIn(o, 'label'),
      })),
    }),
  );
}

function applyAction(rows: QuestionRow[], action: RowAction): QuestionRow[] {
  if (action.list === 'fields') return applyToList(rows, action, action.at[0], blankQuestion, MAX_QUESTIONS);
  if (action.list === 'options') {
    const [row, option] = action.at;
    if (!rows[row]) return rows;
    const next = [...rows];
    next[row] = { ...rows[row], options: applyToList(rows[row].options, action, option, blankOption, MAX_OPTIONS) };
    return next;
  }
  return rows;
}

function build(rows: QuestionRow[]) {
  const rowsOf = new Map<string, number[]>();
  const sent = sentRows(rows, questionBlank);
  rowsOf.set('fields', sent);
  const keys = new Set(rows.map((q) => q.key).filter(Boolean));
  const fields = sent.map((row, k) => {
    const q = rows[row];
    let options: Record<string, unknown>[] | undefined;
    if (isChoice(q.type) || q.options.some((o) => !optionBlank(o))) {
      const optionRows = sentRows(q.options, optionBlank);
      rowsOf.set(`fields[${k}].options`, optionRows);
      const values = new Set(q.options.map((o) => o.value).filter(Boolean));
      options = optionRows.map((j) => {
        const o = q.options[j];
        return { value: o.value || freeCode('option', values), label: { kk: o.kk, ru: o.ru } };
      });
      if (options.length === 0 && !isChoice(q.type)) options = undefined;
    }
    return compact({
      key: q.key || freeCode('question', keys),
      label: { kk: q.kk, ru: q.ru },
      type: q.type,
      required: q.required,
      maxLength: numberOrRaw(q.maxLength),
      min: numberOrRaw(q.min),
      max: numberOrRaw(q.max),
      options: isChoice(q.type) && options?.length === 0 ? undefined : options,
    });
  });
  return { rulebook: { fields }, rowsOf };
}

const KNOWN =
  /^fields(\[\d+\](\.(key|label\.kk|label\.ru|type|required|maxLength|min|max|options)|\.options\[\d+\](\.(value|label\.kk|label\.ru))?)?)?$/;

function typeLabel(ctx: PageContext, type: string): string {
  return (FIELD_TYPES as readonly string[]).includes(type) ? ctx.t(`${Q}type_${type}`) : type;
}

function limitsText(ctx: PageContext, f: FormField): string {
  const parts: string[] = [];
  if (f.maxLength !== undefined) parts.push(ctx.t(`${Q}limit_length`, { limit: f.maxLength }));
  if (f.min !== undefined) parts.push(ctx.t(`${Q}limit_min`, { limit: numberText(f.min) }));
  if (f.max !== undefined) parts.push(ctx.t(`${Q}limit_max`, { limit: numberText(f.max) }));
  return parts.join('; ');
}

/** The questions as saved, for reading: a read-only competition, or what someone else saved first. */
export function QuestionsTable({ ctx, rulebook }: { ctx: PageContext; rulebook: Rulebook }) {
  if (rulebook.fields.length === 0) return <p>{ctx.t(`${Q}none`)}</p>;
  return (
    <SavedTable label={ctx.t(`${Q}saved_caption`)} caption>
      <thead>
        <tr>
          <th scope="col">№</th>
          <th scope="col">{ctx.t(`${Q}label`)}</th>
          <th scope="col">{ctx.t(`${Q}type`)}</th>
          <th scope="col">{ctx.t(`${Q}required`)}</th>
          <th scope="col">{ctx.t(`${Q}limits`)}</th>
          <th scope="col">{ctx.t(`${Q}key`)}</th>
        </tr>
      </thead>
      <tbody>
        {rulebook.fields.map((f, i) => (
          <tr key={f.key}>
            <td>{i + 1}</td>
            <td>
              {f.label[ctx.locale]}
              {f.options && f.options.length > 0 && (
                <ul class="plain-list muted">
                  {f.options.map((o) => (
                    <li key={o.value}>{o.label[ctx.locale]}</li>
                  ))}
                </ul>
              )}
            </td>
            <td>{typeLabel(ctx, f.type)}</td>
            <td>{yesNo(ctx, f.required)}</td>
            <td>{limitsText(ctx, f)}</td>
            <td class="mono">{f.key}</td>
          </tr>
        ))}
      </tbody>
    </SavedTable>
  );
}

function OptionFields(props: {
  ctx: PageContext;
  row: number;
  index: number;
  option: OptionRow;
  count: number;
  errors: FormErrors;
}) {
  const { ctx, row, index, option, errors } = props;
  const name = `fields[${row}].options[${index}]`;
  return (
    <RowCard
      ctx={ctx}
      name={name}
      list="options"
      at={[row, index]}
      count={props.count}
      what={ctx.t(`${Q}option_n`, { n: index + 1 })}
      errors={errors}
      option
    >
      <NamePair
        name={`${name}.label`}
        kk={ctx.t(`${Q}option_kk`)}
        ru={ctx.t(`${Q}option_ru`)}
        value={option}
        errors={errors}
      >
        <CodeField
          ctx={ctx}
          name={`${name}.value`}
          label={ctx.t(`${Q}option_value`)}
          value={option.value}
          errors={errors}
        />
      </NamePair>
    </RowCard>
  );
}

function QuestionFields(props: { ctx: PageContext; index: number; q: QuestionRow; count: number; errors: FormErrors }) {
  const { ctx, index, q, errors } = props;
  const name = (f: string) => `fields[${index}].${f}`;
  const what = ctx.t(`${Q}question_n`, { n: index + 1 });
  const typeOptions = FIELD_TYPES.map((type: FieldType) => ({ value: type, label: typeLabel(ctx, type) }));
  return (
    <RowCard
      ctx={ctx}
      name={`fields[${index}]`}
      list="fields"
      at={[index]}
      count={props.count}
      what={what}
      errors={errors}
    >
      <NamePair name={name('label')} kk={ctx.t(`${Q}label_kk`)} ru={ctx.t(`${Q}label_ru`)} value={q} errors={errors} />
      <div class="row-pair">
        <SelectField
          name={name('type')}
          label={ctx.t(`${Q}type`)}
          value={q.type}
          options={typeOptions}
          errors={errors}
        />
        <TextField
          name={name('key')}
          label={ctx.t(`${Q}key`)}
          hint={ctx.t(`${Q}key_hint`)}
          value={q.key}
          width="medium"
          errors={errors}
        />
      </div>
      <Checkbox name={name('required')} label={ctx.t(`${Q}required_label`)} checked={q.required} errors={errors} />
      <div class="row-pair">
        <NumberField
          name={name('maxLength')}
          label={ctx.t(`${Q}max_length`)}
          hint={ctx.t(`${Q}max_length_hint`)}
          value={q.maxLength}
          errors={errors}
        />
        <NumberField
          name={name('min')}
          label={ctx.t(`${Q}min`)}
          hint={ctx.t(`${Q}min_max_hint`)}
          value={q.min}
          decimal
          errors={errors}
        />
        <NumberField
          name={name('max')}
          label={ctx.t(`${Q}max`)}
          hint={ctx.t(`${Q}min_max_hint`)}
          value={q.max}
          decimal
          errors={errors}
        />
      </div>
      {isChoice(q.type) || q.options.length > 0 ? (
        <fieldset class="rules-options" id={fieldId(name('options'))} tabindex={-1}>
          <legend>{ctx.t(`${Q}options`)}</legend>
          <GroupMessage name={name('options')} errors={errors} />
          {q.options.map((o, j) => (
            <OptionFields key={j} ctx={ctx} row={index} index={j} option={o} count={q.options.length} errors={errors} />
          ))}
          {q.options.length < MAX_OPTIONS && (
            <AddButton action={`add:options:${index}`}>{ctx.t(`${Q}add_option`, { what })}</AddButton>
          )}
        </fieldset>
      ) : (
        <>
          <GroupMessage name={name('options')} errors={errors} />
          <p class="hint">{ctx.t(`${Q}options_hint`)}</p>
        </>
      )}
    </RowCard>
  );
}

function labelsOf(ctx: PageContext, rows: QuestionRow[]): Record<string, string> {
  const labels: Record<string, string> = {
    fields: ctx.t(`${Q}title`),
    ...rowLabels(
      ctx,
      Q,
      'fields',
      'question_n',
      {
        'label.kk': 'label_kk',
        'label.ru': 'label_ru',
        type: 'type',
        key: 'key',
        maxLength: 'max_length',
        min: 'min',
        max: 'max',
        options: 'options',
      },
      rows.length,
    ),
  };
  rows.forEach((q, i) => {
    const options = { value: 'option_value', 'label.kk': 'option_kk', 'label.ru': 'option_ru' };
    const within = `${labels[`fields[${i}]`]}, `;
    Object.assign(labels, rowLabels(ctx, Q, `fields[${i}].options`, 'option_n', options, q.options.length, within));
  });
  return labels;
}

function QuestionsForm({ ctx, rows, errors }: { ctx: PageContext; rows: QuestionRow[]; errors: FormErrors }) {
  return (
    <>
      <ListMessage name="fields" errors={errors} />
      {rows.length === 0 && <p>{ctx.t(`${Q}none`)}</p>}
      {rows.map((q, i) => (
        <QuestionFields key={i} ctx={ctx} index={i} q={q} count={rows.length} errors={errors} />
      ))}
      {rows.length < MAX_QUESTIONS && <AddButton action="add:fields">{ctx.t(`${Q}add`)}</AddButton>}
    </>
  );
}

export const QUESTIONS: SectionSpec<QuestionRow[]> = {
  section: 'questions',
  keys: ['fields'],
  fromSaved,
  fromBody,
  applyAction: (rows, action) => applyAction(rows, action).map(withOptionRows),
  build: (rows) => build(rows),
  known: (name) => KNOWN.test(name),
  page: (props) => (
    <RulesPage
      {...props}
      section="questions"
      labels={(rows) => labelsOf(props.ctx, rows)}
      intro={<p>{props.ctx.t(`${Q}intro`)}</p>}
      saved={<QuestionsTable ctx={props.ctx} rulebook={props.competition.rulebook} />}
      form={(rows, errors) => <QuestionsForm ctx={props.ctx} rows={rows} errors={errors} />}
    />
  ),
};
