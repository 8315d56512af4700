import type { CompetitionView } from '../../../modules/competitions/competitions.service';
import type { Rulebook, SelectionRule } from '../../../modules/competitions/domain/rulebook.types';
import { ARM_ENTITLEMENTS, TIE_BREAKS } from '../../../modules/competitions/domain/rulebook.types';
import { ARM_CODE_PATTERN } from '../../../modules/competitions/domain/rulebook-parts.validation';
import { maxWeightedTotal } from '../../../modules/scoring/domain/score-rules';
import { entitlementsOf } from '../../../modules/training/domain/compliance-rules';
import { Checkbox, fieldId, FormErrors, RadioGroup, TextField } from '../../core/forms';
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
  many,
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

const C = `${T}criteria.`;
/** The rulebook's limits (rulebook-parts.validation.ts). */
const MAX_CRITERIA = 20;
const MAX_NOMINATIONS = 50;
const MAX_ARMS = 10;
const MIN_ARMS = 2;
const ARM_LETTERS = 'ABCDEFGHIJ';

export interface CriterionRow {
  code: string;
  kk: string;
  ru: string;
  weight: string;
  maxPoints: string;
  step: string;
  commentBelow: string;
}

export interface NominationRow {
  code: string;
  kk: string;
  ru: string;
}

export interface ArmRow {
  code: string;
  weight: string;
  kk: string;
  ru: string;
  /** What the arm gives its teams: grant, training, mentor. */
  entitles: string[];
}

export interface SelectionRow {
  winners: string;
  quorum: string;
  perNomination: string;
  oneWinnerPer: string;
  useTotalFund: boolean;
  capsByRegion: boolean;
  shortlistForDraw: boolean;
}

export interface CriteriaState {
  criteria: CriterionRow[];
  selection: SelectionRow;
  nominations: NominationRow[];
  drawOn: boolean;
  arms: ArmRow[];
}

function blankCriterion(): CriterionRow {
  return { code: '', kk: '', ru: '', weight: '', maxPoints: '10', step: '1', commentBelow: '' };
}

function blankNomination(): NominationRow {
  return { code: '', kk: '', ru: '' };
}

function blankArm(): ArmRow {
  return { code: '', weight: '1', kk: '', ru: '', entitles: [] };
}

function withArmRows(arms: ArmRow[]): ArmRow[] {
  const rows = [...arms];
  while (rows.length < MIN_ARMS) rows.push(blankArm());
  return rows;
}

function fromSaved(rulebook: Rulebook): CriteriaState {
  const s = rulebook.selection;
  const draw = rulebook.draw;
  return {
    criteria: rulebook.criteria.map((c) => ({
      code: c.code,
      kk: c.label.kk,
      ru: c.label.ru,
      weight: numberText(c.weight),
      maxPoints: numberText(c.maxPoints),
      step: numberText(c.step),
      commentBelow: numberText(c.commentBelow),
    })),
    selection: {
      winners: numberText(s.winners),
      quorum: numberText(s.quorum),
      perNomination: numberText(s.perNomination),
      oneWinnerPer: s.oneWinnerPer ?? '',
      useTotalFund: s.useTotalFund === true,
      capsByRegion: s.capsByRegion === true,
      shortlistForDraw: s.shortlistForDraw === true,
    },
    nominations: rulebook.nominations.map((n) => ({ code: n.code, kk: n.label.kk, ru: n.label.ru })),
    drawOn: draw !== null,
    arms: withArmRows(
      (draw?.arms ?? []).map((a) => ({
        code: a.code,
        weight: numberText(a.weight),
        kk: draw?.armMeaning[a.code]?.kk ?? '',
        ru: draw?.armMeaning[a.code]?.ru ?? '',
        // As the arms-compliance table reads it: the arm's own list, else the youth programme's A/B/C.
        entitles: entitlementsOf(draw?.arms ?? [], a.code),
      })),
    ),
  };
}

function fromBody(body: FormBody): CriteriaState {
  const values = body as FormValues;
  return {
    criteria: listRows(body, 'criteria', MAX_CRITERIA).map((row) => ({
      code: one(row, 'code').trim(),
      ...namesIn(row, 'label'),
      weight: one(row, 'weight'),
      maxPoints: one(row, 'maxPoints'),
      step: one(row, 'step'),
      commentBelow: one(row, 'commentBelow'),
    })),
    selection: {
      winners: one(values, 'selection.winners'),
      quorum: one(values, 'selection.quorum'),
      perNomination: one(values, 'selection.perNomination'),
      oneWinnerPer: one(values, 'selection.oneWinnerPer'),
      useTotalFund: one(values, 'selection.useTotalFund') === 'on',
      capsByRegion: one(values, 'selection.capsByRegion') === 'on',
      shortlistForDraw: one(values, 'selection.shortlistForDraw') === 'on',
    },
    nominations: listRows(body, 'nominations', MAX_NOMINATIONS).map((row) => ({
      code: one(row, 'code').trim(),
      ...namesIn(row, 'label'),
    })),
    drawOn: one(values, 'draw.enabled') === 'on',
    arms: withArmRows(
      listRows(body, 'draw.arms', MAX_ARMS).map((row) => ({
        code: one(row, 'code').trim(),
        weight: one(row, 'weight'),
        ...namesIn(row, 'meaning'),
        entitles: many(row, 'entitles'),
      })),
    ),
  };
}

function applyAction(state: CriteriaState, action: RowAction): CriteriaState {
  const at = action.at[0];
  if (action.list === 'criteria')
    return { ...state, criteria: applyToList(state.criteria, action, at, blankCriterion, MAX_CRITERIA) };
  if (action.list === 'nominations')
    return { ...state, nominations: applyToList(state.nominations, action, at, blankNomination, MAX_NOMINATIONS) };
  if (action.list === 'arms')
    return { ...state, arms: withArmRows(applyToList(state.arms, action, at, blankArm, MAX_ARMS)) };
  return state;
}

const criterionBlank = (c: CriterionRow) => !c.code && !c.kk.trim() && !c.ru.trim() && !c.weight.trim();
const nominationBlank = (n: NominationRow) => !n.code && !n.kk.trim() && !n.ru.trim();
const armBlank = (a: ArmRow) => !a.code && !a.kk.trim() && !a.ru.trim();

function build(state: CriteriaState, saved: Rulebook) {
  const rowsOf = new Map<string, number[]>();
  const criteriaRows = sentRows(state.criteria, criterionBlank);
  rowsOf.set('criteria', criteriaRows);
  const criterionCodes = new Set(state.criteria.map((c) => c.code).filter(Boolean));
  const criteria = criteriaRows.map((i) => {
    const c = state.criteria[i];
    return compact({
      code: c.code || freeCode('criterion', criterionCodes),
      label: { kk: c.kk, ru: c.ru },
      weight: numberOrRaw(c.weight),
      maxPoints: numberOrRaw(c.maxPoints),
      step: numberOrRaw(c.step),
      commentBelow: numberOrRaw(c.commentBelow),
    });
  });

  const s = state.selection;
  const selection = compact({
    winners: numberOrRaw(s.winners),
    perNomination: numberOrRaw(s.perNomination),
    oneWinnerPer: s.oneWinnerPer === '' ? null : s.oneWinnerPer,
    capsByRegion: s.capsByRegion || undefined,
    useTotalFund: s.useTotalFund || undefined,
    shortlistForDraw: s.shortlistForDraw || undefined,
    quorum: numberOrRaw(s.quorum),
    tieBreak: saved.selection.tieBreak ?? TIE_BREAKS[0],
  });

  const nominationRows = sentRows(state.nominations, nominationBlank);
  rowsOf.set('nominations', nominationRows);
  const nominationCodes = new Set(state.nominations.map((n) => n.code).filter(Boolean));
  const nominations = nominationRows.map((i) => {
    const n = state.nominations[i];
    return { code: n.code || freeCode('nomination', nominationCodes), label: { kk: n.kk, ru: n.ru } };
  });

  let draw: Record<string, unknown> | null = null;
  if (state.drawOn) {
    const armRows = sentRows(state.arms, armBlank);
    rowsOf.set('draw.arms', armRows);
    const taken = new Set(state.arms.map((a) => a.code).filter(Boolean));
    const arms = armRows.map((i) => {
      const a = state.arms[i];
      let code = a.code;
      if (!code) {
        code = [...ARM_LETTERS].find((l) => !taken.has(l)) ?? '';
        taken.add(code);
      }
      // In the list's own order; an unknown one goes as sent, for the check to name.
      const entitles = [
        ...ARM_ENTITLEMENTS.filter((e) => a.entitles.includes(e)),
        ...a.entitles.filter((e) => !(ARM_ENTITLEMENTS as readonly string[]).includes(e)),
      ];
      return { code, weight: numberOrRaw(a.weight), meaning: { kk: a.kk, ru: a.ru }, entitles };
    });
    draw = {
      arms: arms.map((a) => ({ code: a.code, weight: a.weight, entitles: a.entitles })),
      // Only codes the rulebook accepts get a meaning: a wrong code is named at its own input.
      armMeaning: Object.fromEntries(arms.filter((a) => ARM_CODE_PATTERN.test(a.code)).map((a) => [a.code, a.meaning])),
      stratumAttribute: saved.draw?.stratumAttribute ?? 'region',
    };
  }
  return { rulebook: { criteria, selection, nominations, draw }, rowsOf };
}

const KNOWN = new RegExp(
  '^(' +
    [
      'criteria(\\[\\d+\\](\\.(code|label\\.kk|label\\.ru|weight|maxPoints|step|commentBelow))?)?',
      'selection\\.(winners|quorum|perNomination|oneWinnerPer|useTotalFund|capsByRegion|shortlistForDraw)',
      'nominations(\\[\\d+\\](\\.(code|label\\.kk|label\\.ru))?)?',
      'draw',
      'draw\\.arms(\\[\\d+\\](\\.(code|weight|meaning\\.kk|meaning\\.ru|entitles))?)?',
    ].join('|') +
    ')$',
);

function moveProblem(apiField: string, state: CriteriaState): { name: string; messageKey?: string } | null {
  const path = apiField.replace(/^rulebook\./, '');
  const meaning = /^draw\.armMeaning\.([A-Z0-9]+)\.(kk|ru)$/.exec(path);
  if (meaning) {
    // Arms are sent without their blank rows; a code left empty got the first free letter.
    const row = state.arms.findIndex((a) => a.code === meaning[1]);
    return row >= 0 ? { name: `draw.arms[${row}].meaning.${meaning[2]}` } : { name: 'draw.arms' };
  }
  if (path === 'funding.totalFund' || (path === 'funding' && state.selection.useTotalFund))
    return { name: 'selection.useTotalFund', messageKey: `${C}needs_total_fund` };
  if (path === 'funding.perRegionFund' || path === 'funding')
    return { name: 'selection.capsByRegion', messageKey: `${C}needs_region_fund` };
  return null;
}

function share(weight: number, total: number): string {
  return total > 0 ? `${Math.round((weight / total) * 1000) / 10}`.replace('.', ',') : '0';
}

/** `A 66,7%, B 33,3%`: each saved arm's share of the draw. */
function armShares(draw: NonNullable<Rulebook['draw']>): string {
  const total = draw.arms.reduce((sum, a) => sum + a.weight, 0);
  return draw.arms.map((a) => `${a.code} ${share(a.weight, total)}%`).join(', ');
}

function winnerUnitText(ctx: PageContext, unit: SelectionRule['oneWinnerPer']): string {
  return ctx.t(`${C}one_winner_per_${unit ?? 'none'}`);
}

/** The criteria, the selection rule, the nominations and the draw as saved, for reading. */
export function CriteriaTables({ ctx, rulebook }: { ctx: PageContext; rulebook: Rulebook }) {
  const total = maxWeightedTotal(rulebook.criteria);
  const s = rulebook.selection;
  const draw = rulebook.draw;
  const armTotal = (draw?.arms ?? []).reduce((sum, a) => sum + a.weight, 0);
  return (
    <>
      <h3>{ctx.t(`${C}criteria_heading`)}</h3>
      <SavedTable label={ctx.t(`${C}criteria_heading`)}>
        <thead>
          <tr>
            <th scope="col">№</th>
            <th scope="col">{ctx.t(`${C}label`)}</th>
            <th scope="col" class="num">
              {ctx.t(`${C}max_points`)}
            </th>
            <th scope="col" class="num">
              {ctx.t(`${C}step`)}
            </th>
            <th scope="col" class="num">
              {ctx.t(`${C}weight`)}
            </th>
            <th scope="col" class="num">
              {ctx.t(`${C}share`)}
            </th>
            <th scope="col" class="num">
              {ctx.t(`${C}comment_below_short`)}
            </th>
            <th scope="col">{ctx.t(`${C}code`)}</th>
          </tr>
        </thead>
        <tbody>
          {rulebook.criteria.map((c, i) => (
            <tr key={c.code}>
              <td>{i + 1}</td>
              <td>{c.label[ctx.locale]}</td>
              <td class="num">{numberText(c.maxPoints)}</td>
              <td class="num">{numberText(c.step)}</td>
              <td class="num">{numberText(c.weight)}</td>
              <td class="num">{share(c.weight, total)}%</td>
              <td class="num">{numberText(c.commentBelow) || '—'}</td>
              <td class="mono">{c.code}</td>
            </tr>
          ))}
        </tbody>
      </SavedTable>
      <p id="rules-weight-total">{ctx.t(`${C}weight_total`, { total: numberText(total) })}</p>
      <h3>{ctx.t(`${C}selection_heading`)}</h3>
      <dl class="summary-list">
        <dt>{ctx.t(`${C}winners`)}</dt>
        <dd>{s.winners ?? ctx.t(`${C}not_set`)}</dd>
        <dt>{ctx.t(`${C}quorum`)}</dt>
        <dd>{s.quorum ?? ctx.t(`${C}not_set`)}</dd>
        <dt>{ctx.t(`${C}one_winner_per`)}</dt>
        <dd>{winnerUnitText(ctx, s.oneWinnerPer)}</dd>
        <dt>{ctx.t(`${C}use_total_fund`)}</dt>
        <dd>{yesNo(ctx, s.useTotalFund)}</dd>
        <dt>{ctx.t(`${C}caps_by_region`)}</dt>
        <dd>{yesNo(ctx, s.capsByRegion)}</dd>
        <dt>{ctx.t(`${C}shortlist_for_draw`)}</dt>
        <dd>{yesNo(ctx, s.shortlistForDraw)}</dd>
        <dt>{ctx.t(`${C}per_nomination`)}</dt>
        <dd>{s.perNomination ?? ctx.t(`${C}not_set`)}</dd>
        <dt>{ctx.t(`${C}tie_break`)}</dt>
        <dd>{ctx.t(`${C}tie_break_text`)}</dd>
      </dl>
      <h3>{ctx.t(`${C}nominations_heading`)}</h3>
      {rulebook.nominations.length === 0 ? (
        <p>{ctx.t(`${C}nominations_none`)}</p>
      ) : (
        <ol>
          {rulebook.nominations.map((n) => (
            <li key={n.code}>{n.label[ctx.locale]}</li>
          ))}
        </ol>
      )}
      <h3>{ctx.t(`${C}draw_heading`)}</h3>
      {!draw ? (
        <p>{ctx.t(`${C}draw_none`)}</p>
      ) : (
        <SavedTable label={ctx.t(`${C}draw_heading`)}>
          <thead>
            <tr>
              <th scope="col">{ctx.t(`${C}arm`)}</th>
              <th scope="col">{ctx.t(`${C}arm_meaning`)}</th>
              <th scope="col" class="num">
                {ctx.t(`${C}arm_weight`)}
              </th>
              <th scope="col" class="num">
                {ctx.t(`${C}share`)}
              </th>
            </tr>
          </thead>
          <tbody>
            {draw.arms.map((a) => (
              <tr key={a.code}>
                <td class="mono">{a.code}</td>
                <td>{draw.armMeaning[a.code]?.[ctx.locale] ?? ''}</td>
                <td class="num">{a.weight}</td>
                <td class="num">{share(a.weight, armTotal)}%</td>
              </tr>
            ))}
          </tbody>
        </SavedTable>
      )}
    </>
  );
}

function CriterionFields(props: {
  ctx: PageContext;
  index: number;
  c: CriterionRow;
  count: number;
  errors: FormErrors;
}) {
  const { ctx, index, c, errors } = props;
  const name = (f: string) => `criteria[${index}].${f}`;
  const what = ctx.t(`${C}criterion_n`, { n: index + 1 });
  return (
    <RowCard
      ctx={ctx}
      name={`criteria[${index}]`}
      list="criteria"
      at={[index]}
      count={props.count}
      what={what}
      errors={errors}
    >
      <NamePair name={name('label')} kk={ctx.t(`${C}label_kk`)} ru={ctx.t(`${C}label_ru`)} value={c} errors={errors} />
      <div class="row-pair">
        <NumberField
          name={name('maxPoints')}
          label={ctx.t(`${C}max_points`)}
          hint={ctx.t(`${C}max_points_hint`)}
          value={c.maxPoints}
          errors={errors}
        />
        <NumberField
          name={name('step')}
          label={ctx.t(`${C}step`)}
          hint={ctx.t(`${C}step_hint`)}
          value={c.step}
          decimal
          errors={errors}
        />
        <NumberField
          name={name('weight')}
          label={ctx.t(`${C}weight`)}
          hint={ctx.t(`${C}weight_hint`)}
          value={c.weight}
          decimal
          errors={errors}
        />
        <NumberField
          name={name('commentBelow')}
          label={ctx.t(`${C}comment_below`)}
          hint={ctx.t(`${C}comment_below_hint`)}
          value={c.commentBelow}
          decimal
          errors={errors}
        />
      </div>
      <CodeField ctx={ctx} name={name('code')} label={ctx.t(`${C}code`)} value={c.code} errors={errors} />
    </RowCard>
  );
}

function SelectionFields({ ctx, s, errors }: { ctx: PageContext; s: SelectionRow; errors: FormErrors }) {
  const count = (key: keyof SelectionRow, hint?: string) => (
    <NumberField
      name={`selection.${key}`}
      label={ctx.t(`${C}${snake(key)}`)}
      hint={hint}
      value={String(s[key])}
      errors={errors}
    />
  );
  return (
    <fieldset class="row-card" id="rules-selection">
      <legend class="visually-hidden">{ctx.t(`${C}selection_heading`)}</legend>
      <div class="row-pair">
        {count('winners', ctx.t(`${C}winners_hint`))}
        {count('quorum', ctx.t(`${C}quorum_hint`))}
        {count('perNomination', ctx.t(`${C}per_nomination_hint`))}
      </div>
      <RadioGroup
        name="selection.oneWinnerPer"
        label={ctx.t(`${C}one_winner_per`)}
        value={s.oneWinnerPer}
        options={['', 'district', 'region'].map((v) => ({
          value: v,
          label: ctx.t(`${C}one_winner_per_${v || 'none'}`),
        }))}
        errors={errors}
      />
      <Checkbox
        name="selection.useTotalFund"
        label={ctx.t(`${C}use_total_fund`)}
        checked={s.useTotalFund}
        errors={errors}
      />
      <Checkbox
        name="selection.capsByRegion"
        label={ctx.t(`${C}caps_by_region`)}
        checked={s.capsByRegion}
        errors={errors}
      />
      <Checkbox
        name="selection.shortlistForDraw"
        label={ctx.t(`${C}shortlist_for_draw`)}
        checked={s.shortlistForDraw}
        errors={errors}
      />
      <p class="hint">
        {ctx.t(`${C}tie_break`)}: {ctx.t(`${C}tie_break_text`)}
      </p>
    </fieldset>
  );
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function NominationFields(props: {
  ctx: PageContext;
  index: number;
  n: NominationRow;
  count: number;
  errors: FormErrors;
}) {
  const { ctx, index, n, errors } = props;
  const name = (f: string) => `nominations[${index}].${f}`;
  const what = ctx.t(`${C}nomination_n`, { n: index + 1 });
  return (
    <RowCard
      ctx={ctx}
      name={`nominations[${index}]`}
      list="nominations"
      at={[index]}
      count={props.count}
      what={what}
      errors={errors}
    >
      <NamePair
        name={name('label')}
        kk={ctx.t(`${C}nomination_kk`)}
        ru={ctx.t(`${C}nomination_ru`)}
        value={n}
        errors={errors}
      />
      <CodeField ctx={ctx} name={name('code')} label={ctx.t(`${C}code`)} value={n.code} errors={errors} />
    </RowCard>
  );
}

function ArmFields(props: { ctx: PageContext; index: number; a: ArmRow; count: number; errors: FormErrors }) {
  const { ctx, index, a, errors } = props;
  const name = (f: string) => `draw.arms[${index}].${f}`;
  const what = ctx.t(`${C}arm_n`, { n: index + 1 });
  const entitlesId = fieldId(name('entitles'));
  const entitlesError = errors.for(name('entitles'));
  return (
    <RowCard
      ctx={ctx}
      name={`draw.arms[${index}]`}
      list="arms"
      at={[index]}
      count={props.count}
      what={what}
      errors={errors}
    >
      <div class="row-pair">
        <TextField
          name={name('code')}
          label={ctx.t(`${C}arm_code`)}
          hint={ctx.t(`${C}arm_code_hint`)}
          value={a.code}
          width="short"
          errors={errors}
        />
        <NumberField
          name={name('weight')}
          label={ctx.t(`${C}arm_weight`)}
          hint={ctx.t(`${C}arm_weight_hint`)}
          value={a.weight}
          errors={errors}
        />
      </div>
      <NamePair
        name={name('meaning')}
        kk={ctx.t(`${C}arm_meaning_kk`)}
        ru={ctx.t(`${C}arm_meaning_ru`)}
        value={a}
        errors={errors}
      />
      <fieldset
        class={`field rules-kinds${entitlesError ? ' field--error' : ''}`}
        id={entitlesId}
        tabindex={-1}
        aria-describedby={`${entitlesId}-hint${entitlesError ? ` ${entitlesId}-error` : ''}`}
      >
        <legend>{ctx.t(`${C}arm_entitles`)}</legend>
        <p class="hint" id={`${entitlesId}-hint`}>
          {ctx.t(`${C}arm_entitles_hint`)}
        </p>
        {entitlesError && (
          <p class="field-error" id={`${entitlesId}-error`}>
            {entitlesError}
          </p>
        )}
        {ARM_ENTITLEMENTS.map((e) => (
          <div class="choice" key={e}>
            <input
              type="checkbox"
              id={`${entitlesId}-${e}`}
              name={name('entitles')}
              value={e}
              checked={a.entitles.includes(e)}
            />
            <label for={`${entitlesId}-${e}`}>{ctx.t(`${C}entitles_${e}`)}</label>
          </div>
        ))}
      </fieldset>
    </RowCard>
  );
}

function labelsOf(ctx: PageContext, state: CriteriaState): Record<string, string> {
  const labels: Record<string, string> = {
    criteria: ctx.t(`${C}criteria_heading`),
    nominations: ctx.t(`${C}nominations_heading`),
    draw: ctx.t(`${C}draw_heading`),
    'draw.arms': ctx.t(`${C}arms_heading`),
  };
  for (const key of ['winners', 'quorum', 'perNomination', 'oneWinnerPer', 'useTotalFund', 'capsByRegion']) {
    labels[`selection.${key}`] = ctx.t(`${C}${snake(key)}`);
  }
  labels['selection.shortlistForDraw'] = ctx.t(`${C}shortlist_for_draw`);
  const criterion = {
    code: 'code',
    'label.kk': 'label_kk',
    'label.ru': 'label_ru',
    weight: 'weight',
    maxPoints: 'max_points',
    step: 'step',
    commentBelow: 'comment_below',
  };
  const nomination = { code: 'code', 'label.kk': 'nomination_kk', 'label.ru': 'nomination_ru' };
  const arm = {
    code: 'arm_code',
    weight: 'arm_weight',
    'meaning.kk': 'arm_meaning_kk',
    'meaning.ru': 'arm_meaning_ru',
    entitles: 'arm_entitles',
  };
  return {
    ...labels,
    ...rowLabels(ctx, C, 'criteria', 'criterion_n', criterion, state.criteria.length),
    ...rowLabels(ctx, C, 'nominations', 'nomination_n', nomination, state.nominations.length),
    ...rowLabels(ctx, C, 'draw.arms', 'arm_n', arm, state.arms.length),
  };
}

function CriteriaForm(props: {
  ctx: PageContext;
  competition: CompetitionView;
  state: CriteriaState;
  conflict?: boolean;
  errors: FormErrors;
}) {
  const { ctx, competition, state, errors } = props;
  return (
    <>
      <h2 id={fieldId('criteria')} tabindex={-1}>
        {ctx.t(`${C}criteria_heading`)}
      </h2>
      <GroupMessage name="criteria" errors={errors} />
      {!props.conflict && (
        <p class="hint">
          {ctx.t(`${C}weight_total`, { total: numberText(maxWeightedTotal(competition.rulebook.criteria)) })}
        </p>
      )}
      {state.criteria.map((c, i) => (
        <CriterionFields key={i} ctx={ctx} index={i} c={c} count={state.criteria.length} errors={errors} />
      ))}
      {state.criteria.length < MAX_CRITERIA && (
        <AddButton action="add:criteria">{ctx.t(`${C}add_criterion`)}</AddButton>
      )}

      <h2>{ctx.t(`${C}selection_heading`)}</h2>
      <SelectionFields ctx={ctx} s={state.selection} errors={errors} />

      <h2 id={fieldId('nominations')} tabindex={-1}>
        {ctx.t(`${C}nominations_heading`)}
      </h2>
      <p class="hint">{ctx.t(`${C}nominations_hint`)}</p>
      <GroupMessage name="nominations" errors={errors} />
      {state.nominations.map((n, i) => (
        <NominationFields key={i} ctx={ctx} index={i} n={n} count={state.nominations.length} errors={errors} />
      ))}
      {state.nominations.length < MAX_NOMINATIONS && (
        <AddButton action="add:nominations">{ctx.t(`${C}add_nomination`)}</AddButton>
      )}

      <h2>{ctx.t(`${C}draw_heading`)}</h2>
      <p class="hint">{ctx.t(`${C}draw_hint`)}</p>
      <ListMessage name="draw" errors={errors} />
      <Checkbox name="draw.enabled" label={ctx.t(`${C}draw_enabled`)} checked={state.drawOn} errors={errors} />
      <fieldset class="rules-options" id={fieldId('draw.arms')} tabindex={-1}>
        <legend>{ctx.t(`${C}arms_heading`)}</legend>
        <GroupMessage name="draw.arms" errors={errors} />
        {competition.rulebook.draw && !props.conflict && (
          <p class="hint" id="rules-arm-shares">
            {ctx.t(`${C}arm_shares`, { shares: armShares(competition.rulebook.draw) })}
          </p>
        )}
        {state.arms.map((a, i) => (
          <ArmFields key={i} ctx={ctx} index={i} a={a} count={state.arms.length} errors={errors} />
        ))}
        {state.arms.length < MAX_ARMS && <AddButton action="add:arms">{ctx.t(`${C}add_arm`)}</AddButton>}
      </fieldset>
    </>
  );
}

export const CRITERIA: SectionSpec<CriteriaState> = {
  section: 'criteria',
  keys: ['criteria', 'selection', 'nominations', 'draw'],
  fromSaved,
  fromBody,
  applyAction,
  build,
  known: (name) => KNOWN.test(name),
  moveProblem,
  page: (props) => (
    <RulesPage
      {...props}
      section="criteria"
      labels={(state) => labelsOf(props.ctx, state)}
      intro={<p>{props.ctx.t(`${C}intro`)}</p>}
      saved={<CriteriaTables ctx={props.ctx} rulebook={props.competition.rulebook} />}
      form={(state, errors) => (
        <CriteriaForm
          ctx={props.ctx}
          competition={props.competition}
          state={state}
          conflict={props.conflict}
          errors={errors}
        />
      )}
    />
  ),
};
