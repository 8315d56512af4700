import {
  REPORTING_STAGES,
  ReportingRule,
  ReportingStage,
  Rulebook,
} from '../../../modules/competitions/domain/rulebook.types';
import {
  DEFAULT_OVERSPEND_TOLERANCE_PERCENT,
  DEFAULT_REMINDER_OFFSETS_DAYS,
} from '../../../modules/competitions/domain/templates/reporting-defaults';
import { formatDate } from '../../core/format';
import { fieldId, FormErrors, RadioGroup, TextField } from '../../core/forms';
import type { PageContext } from '../../core/page-context';
import type { FormBody } from '../../core/web-request';
import {
  AddButton,
  applyToList,
  CodeField,
  freeCode,
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

const R = `${T}reporting.`;
/** The rulebook's limit (rulebook-reporting.validation.ts). */
const MAX_INDICATORS = 30;
const WHEN = ['', 'dueOn', 'daysAfterStart', 'daysAfterEnd'] as const;
type When = (typeof WHEN)[number];

export interface StageRow {
  /** How the stage's due date is set; empty: the stage has no report. */
  when: When;
  dueOn: string;
  days: string;
}

export interface IndicatorRow {
  code: string;
  kk: string;
  ru: string;
  unitKk: string;
  unitRu: string;
}

export interface ReportingState {
  stages: Record<ReportingStage, StageRow>;
  /** The reminder offsets as typed: `-7; -1; 1; 7`. */
  reminders: string;
  tolerance: string;
  indicators: IndicatorRow[];
}

function blankIndicator(): IndicatorRow {
  return { code: '', kk: '', ru: '', unitKk: '', unitRu: '' };
}

const indicatorBlank = (i: IndicatorRow) =>
  !i.code && !i.kk.trim() && !i.ru.trim() && !i.unitKk.trim() && !i.unitRu.trim();

function stageOf(rule: ReportingRule | null | undefined, stage: ReportingStage): StageRow {
  const s = rule?.stages.find((x) => x.stage === stage);
  if (!s) return { when: '', dueOn: '', days: '' };
  if (s.dueOn != null) return { when: 'dueOn', dueOn: s.dueOn, days: '' };
  if (s.daysAfterStart != null) return { when: 'daysAfterStart', dueOn: '', days: numberText(s.daysAfterStart) };
  return { when: 'daysAfterEnd', dueOn: '', days: numberText(s.daysAfterEnd) };
}

/** `-7; -1; 1; 7`: the offsets as the form shows them. */
export function offsetsText(offsets: readonly number[]): string {
  return offsets.join('; ');
}

function fromSaved(rulebook: Rulebook): ReportingState {
  const r = rulebook.reporting;
  return {
    stages: { interim: stageOf(r, 'interim'), final: stageOf(r, 'final') },
    reminders: r?.reminderOffsetsDays ? offsetsText(r.reminderOffsetsDays) : '',
    tolerance: numberText(r?.overspendTolerancePercent),
    indicators: (r?.indicators ?? []).map((i) => ({
      code: i.code,
      kk: i.label.kk,
      ru: i.label.ru,
      unitKk: i.unit?.kk ?? '',
      unitRu: i.unit?.ru ?? '',
    })),
  };
}

function fromBody(body: FormBody): ReportingState {
  const values = body as Record<string, string | string[] | undefined>;
  const stage = (s: ReportingStage): StageRow => {
    const when = one(values, `reporting.${s}.when`) as When;
    return {
      when: WHEN.includes(when) ? when : '',
      dueOn: one(values, `reporting.${s}.dueOn`).trim(),
      days: one(values, `reporting.${s}.days`),
    };
  };
  return {
    stages: { interim: stage('interim'), final: stage('final') },
    reminders: one(values, 'reporting.reminderOffsetsDays'),
    tolerance: one(values, 'reporting.overspendTolerancePercent'),
    indicators: listRows(body, 'reporting.indicators', MAX_INDICATORS).map((row) => ({
      code: one(row, 'code').trim(),
      ...namesIn(row, 'label'),
      unitKk: one(row, 'unit.kk'),
      unitRu: one(row, 'unit.ru'),
    })),
  };
}

/** The reminder offsets as typed (`-7; -1; 1; 7`, `−7 −1 1 7`): whole numbers, anything else as typed for the check. */
function offsetsOf(text: string): (number | string)[] | undefined {
  const tokens = text
    .replace(/[\u2212\u2013]/g, '-')
    .split(/[;,\s]+/)
    .filter(Boolean);
  if (tokens.length === 0) return undefined;
  return tokens.map((t) => (/^[-+]?\d{1,4}$/.test(t) ? Number(t) : t));
}

/** The stages sent, in order: the interim one (if any) before the final one. */
function stagesSent(state: ReportingState): ReportingStage[] {
  return REPORTING_STAGES.filter((s) => state.stages[s].when !== '');
}

function build(state: ReportingState, saved: Rulebook) {
  const rowsOf = new Map<string, number[]>();
  const sent = sentRows(state.indicators, indicatorBlank);
  rowsOf.set('reporting.indicators', sent);
  const stages = stagesSent(state).map((stage) => {
    const row = state.stages[stage];
    if (row.when === 'dueOn') return { stage, dueOn: row.dueOn || undefined };
    return { stage, [row.when]: numberOrRaw(row.days) };
  });
  const reminderOffsetsDays = offsetsOf(state.reminders);
  const overspendTolerancePercent = numberOrRaw(state.tolerance);
  // Nothing typed where there was no rule: still none (contracts use the default final report).
  if (
    !saved.reporting &&
    stages.length === 0 &&
    reminderOffsetsDays === undefined &&
    overspendTolerancePercent === undefined &&
    sent.length === 0
  ) {
    return { rulebook: { reporting: saved.reporting ?? null }, rowsOf };
  }
  const codes = new Set(state.indicators.map((i) => i.code).filter(Boolean));
  const indicators = sent.map((k) => {
    const i = state.indicators[k];
    const unit = i.unitKk.trim() || i.unitRu.trim() ? { kk: i.unitKk, ru: i.unitRu } : undefined;
    return { code: i.code || freeCode('indicator', codes), label: { kk: i.kk, ru: i.ru }, unit };
  });
  const reporting = { stages, reminderOffsetsDays, overspendTolerancePercent, indicators };
  return { rulebook: { reporting }, rowsOf };
}

const KNOWN = new RegExp(
  '^(' +
    [
      'reporting\\.(interim|final)\\.(when|dueOn|days)',
      'reporting\\.reminderOffsetsDays',
      'reporting\\.overspendTolerancePercent',
      'reporting\\.indicators(\\[\\d+\\](\\.(code|label\\.kk|label\\.ru|unit\\.kk|unit\\.ru))?)?',
    ].join('|') +
    ')$',
);

function moveProblem(apiField: string, state: ReportingState): { name: string; messageKey?: string } | null {
  const path = apiField.replace(/^rulebook\./, '');
  if (/^reporting\.reminderOffsetsDays(\[\d+\])?$/.test(path))
    return { name: 'reporting.reminderOffsetsDays', messageKey: `${R}reminders_problem` };
  if (path === 'reporting.stages' || path === 'reporting')
    return { name: 'reporting.final.when', messageKey: `${R}stages_required` };
  const stage = /^reporting\.stages\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (stage) {
    const which = stagesSent(state)[Number(stage[1])];
    if (!which) return { name: 'reporting.final.when' };
    const at = (f: string) => `reporting.${which}.${f}`;
    const sub = stage[2];
    if (sub === 'dueOn') return { name: at('dueOn'), messageKey: `${R}date_problem` };
    if (sub === 'daysAfterStart' || sub === 'daysAfterEnd') return { name: at('days'), messageKey: `${R}days_problem` };
    if (sub === undefined) {
      // Exactly one way of setting the date: the one chosen was left empty.
      return state.stages[which].when === 'dueOn'
        ? { name: at('dueOn'), messageKey: `${R}date_problem` }
        : { name: at('days'), messageKey: `${R}days_problem` };
    }
    return { name: at('when') };
  }
  return null;
}

export function whenText(ctx: PageContext, rule: ReportingRule, stage: ReportingStage): string {
  const s = rule.stages.find((x) => x.stage === stage);
  if (!s) return ctx.t(`${R}stage_none`);
  if (s.dueOn != null) return ctx.t(`${R}due_on_text`, { date: formatDate(s.dueOn, ctx.locale) });
  if (s.daysAfterStart != null) return ctx.t(`${R}after_start_text`, { n: s.daysAfterStart });
  return ctx.t(`${R}after_end_text`, { n: s.daysAfterEnd ?? 0 });
}

/** The reporting rule as saved, for reading. */
export function ReportingTables({ ctx, rulebook }: { ctx: PageContext; rulebook: Rulebook }) {
  const r = rulebook.reporting;
  if (!r) return <p>{ctx.t(`${R}none`)}</p>;
  return (
    <>
      <dl class="summary-list">
        {REPORTING_STAGES.map((stage) => [
          <dt key={`t${stage}`}>{ctx.t(`${R}stage_${stage}`)}</dt>,
          <dd key={`d${stage}`}>{whenText(ctx, r, stage)}</dd>,
        ])}
        <dt>{ctx.t(`${R}reminders`)}</dt>
        <dd>{offsetsText(r.reminderOffsetsDays ?? DEFAULT_REMINDER_OFFSETS_DAYS)}</dd>
        <dt>{ctx.t(`${R}tolerance`)}</dt>
        <dd>{`${r.overspendTolerancePercent ?? DEFAULT_OVERSPEND_TOLERANCE_PERCENT}\u00a0%`}</dd>
      </dl>
      {(r.indicators ?? []).length === 0 ? (
        <p>{ctx.t(`${R}no_indicators`)}</p>
      ) : (
        <SavedTable label={ctx.t(`${R}indicators_heading`)} caption>
          <thead>
            <tr>
              <th scope="col">№</th>
              <th scope="col">{ctx.t(`${R}indicator`)}</th>
              <th scope="col">{ctx.t(`${R}unit`)}</th>
              <th scope="col">{ctx.t(`${R}code`)}</th>
            </tr>
          </thead>
          <tbody>
            {(r.indicators ?? []).map((i, n) => (
              <tr key={i.code}>
                <td>{n + 1}</td>
                <td>{i.label[ctx.locale]}</td>
                <td>{i.unit?.[ctx.locale] ?? ''}</td>
                <td class="mono">{i.code}</td>
              </tr>
            ))}
          </tbody>
        </SavedTable>
      )}
    </>
  );
}

function StageFields({
  ctx,
  stage,
  row,
  errors,
}: {
  ctx: PageContext;
  stage: ReportingStage;
  row: StageRow;
  errors: FormErrors;
}) {
  const name = (f: string) => `reporting.${stage}.${f}`;
  return (
    <fieldset class="row-card" id={fieldId(name('stage'))}>
      <legend>{ctx.t(`${R}stage_${stage}`)}</legend>
      <RadioGroup
        name={name('when')}
        label={ctx.t(`${R}when`)}
        value={row.when}
        options={WHEN.map((w) => ({ value: w, label: ctx.t(`${R}when_${w || 'none'}`) }))}
        errors={errors}
      />
      <div class="row-pair">
        <TextField
          name={name('dueOn')}
          label={ctx.t(`${R}due_on`)}
          hint={ctx.t(`${R}due_on_hint`)}
          type="date"
          value={row.dueOn}
          width="medium"
          errors={errors}
        />
        <NumberField
          name={name('days')}
          label={ctx.t(`${R}days`)}
          hint={ctx.t(`${R}days_hint`)}
          value={row.days}
          errors={errors}
        />
      </div>
    </fieldset>
  );
}

function IndicatorFields(props: {
  ctx: PageContext;
  index: number;
  i: IndicatorRow;
  count: number;
  errors: FormErrors;
}) {
  const { ctx, index, i, errors } = props;
  const name = (f: string) => `reporting.indicators[${index}].${f}`;
  return (
    <RowCard
      ctx={ctx}
      name={`reporting.indicators[${index}]`}
      list="indicators"
      at={[index]}
      count={props.count}
      what={ctx.t(`${R}indicator_n`, { n: index + 1 })}
      errors={errors}
    >
      <NamePair name={name('label')} kk={ctx.t(`${R}label_kk`)} ru={ctx.t(`${R}label_ru`)} value={i} errors={errors} />
      <NamePair
        name={name('unit')}
        kk={ctx.t(`${R}unit_kk`)}
        ru={ctx.t(`${R}unit_ru`)}
        value={{ kk: i.unitKk, ru: i.unitRu }}
        errors={errors}
      />
      <CodeField ctx={ctx} name={name('code')} label={ctx.t(`${R}code`)} value={i.code} errors={errors} />
    </RowCard>
  );
}

function labelsOf(ctx: PageContext, state: ReportingState): Record<string, string> {
  const labels: Record<string, string> = {
    'reporting.reminderOffsetsDays': ctx.t(`${R}reminders`),
    'reporting.overspendTolerancePercent': ctx.t(`${R}tolerance`),
    'reporting.indicators': ctx.t(`${R}indicators_heading`),
  };
  for (const stage of REPORTING_STAGES) {
    const s = ctx.t(`${R}stage_${stage}`);
    labels[`reporting.${stage}.when`] = `${s}, ${ctx.t(`${R}when`)}`;
    labels[`reporting.${stage}.dueOn`] = `${s}, ${ctx.t(`${R}due_on`)}`;
    labels[`reporting.${stage}.days`] = `${s}, ${ctx.t(`${R}days`)}`;
  }
  const indicator = {
    'label.kk': 'label_kk',
    'label.ru': 'label_ru',
    'unit.kk': 'unit_kk',
    'unit.ru': 'unit_ru',
    code: 'code',
  };
  return {
    ...labels,
    ...rowLabels(ctx, R, 'reporting.indicators', 'indicator_n', indicator, state.indicators.length),
  };
}

function ReportingForm({ ctx, state, errors }: { ctx: PageContext; state: ReportingState; errors: FormErrors }) {
  return (
    <>
      <h2>{ctx.t(`${R}stages_heading`)}</h2>
      <p class="hint">{ctx.t(`${R}stages_hint`)}</p>
      {REPORTING_STAGES.map((stage) => (
        <StageFields key={stage} ctx={ctx} stage={stage} row={state.stages[stage]} errors={errors} />
      ))}
      <h2>{ctx.t(`${R}reminders_heading`)}</h2>
      <TextField
        name="reporting.reminderOffsetsDays"
        label={ctx.t(`${R}reminders`)}
        hint={ctx.t(`${R}reminders_hint`, { offsets: offsetsText(DEFAULT_REMINDER_OFFSETS_DAYS) })}
        value={state.reminders}
        width="medium"
        errors={errors}
      />
      <NumberField
        name="reporting.overspendTolerancePercent"
        label={ctx.t(`${R}tolerance`)}
        hint={ctx.t(`${R}tolerance_hint`, { n: DEFAULT_OVERSPEND_TOLERANCE_PERCENT })}
        value={state.tolerance}
        errors={errors}
      />
      <h2 id={fieldId('reporting.indicators')} tabindex={-1}>
        {ctx.t(`${R}indicators_heading`)}
      </h2>
      <p class="hint">{ctx.t(`${R}indicators_hint`)}</p>
      <ListMessage name="reporting.indicators" errors={errors} />
      {state.indicators.length === 0 && <p>{ctx.t(`${R}no_indicators`)}</p>}
      {state.indicators.map((i, n) => (
        <IndicatorFields key={n} ctx={ctx} index={n} i={i} count={state.indicators.length} errors={errors} />
      ))}
      {state.indicators.length < MAX_INDICATORS && (
        <AddButton action="add:indicators">{ctx.t(`${R}add_indicator`)}</AddButton>
      )}
    </>
  );
}

/** The winners' reports: when each stage is due, the reminders, the overspend tolerance, the indicators. */
export const REPORTING: SectionSpec<ReportingState> = {
  section: 'reporting',
  keys: ['reporting'],
  fromSaved,
  fromBody,
  applyAction: (state, action: RowAction) =>
    action.list === 'indicators'
      ? { ...state, indicators: applyToList(state.indicators, action, action.at[0], blankIndicator, MAX_INDICATORS) }
      : state,
  build,
  known: (name) => KNOWN.test(name),
  moveProblem,
  page: (props) => (
    <RulesPage
      {...props}
      section="reporting"
      labels={(state) => labelsOf(props.ctx, state)}
      intro={<p>{props.ctx.t(`${R}intro`)}</p>}
      saved={<ReportingTables ctx={props.ctx} rulebook={props.competition.rulebook} />}
      form={(state, errors) => <ReportingForm ctx={props.ctx} state={state} errors={errors} />}
    />
  ),
};
