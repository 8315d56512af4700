import type { PaymentsRule, TrancheRule } from '../../../modules/competitions/domain/rulebook.types';
import { fieldId, FormErrors } from '../../core/forms';
import type { PageContext } from '../../core/page-context';
import type { FormValues } from './setup-forms';

/**
 * The payment schedule rows of the money section: each tranche a share (a whole percent of
 * the contract sum, or a fixed sum in tenge) and when it is paid (once the contract is in
 * force, or after the interim or final reports are accepted). Rows are added and removed by
 * submit buttons of the same form (no script); the typed rows go along, nothing is saved
 * until "save".
 */

export const TRANCHES = 'payments.tranches';
export const TRANCHE_ACTION = 'tranche_action';
const MAX_ROWS = 12;
type When = 'on_activation' | 'after_reports_interim' | 'after_reports_final';
const WHEN: readonly When[] = ['on_activation', 'after_reports_interim', 'after_reports_final'];

const rowName = (i: number, key: 'kind' | 'value' | 'when') => `${TRANCHES}.${i}.${key}`;

interface Row {
  kind: 'percent' | 'amount';
  value: string;
  when: When;
}

function whenOf(t: TrancheRule): When {
  if (t.condition === 'on_activation') return 'on_activation';
  return t.stage === 'interim' ? 'after_reports_interim' : 'after_reports_final';
}

function one(values: FormValues, name: string): string {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function toValues(rows: Row[]): FormValues {
  const values: FormValues = { 'payments.count': String(rows.length) };
  rows.forEach((row, i) => {
    values[rowName(i, 'kind')] = row.kind;
    values[rowName(i, 'value')] = row.value;
    values[rowName(i, 'when')] = row.when;
  });
  return values;
}

export function rowsOf(values: FormValues): Row[] {
  const count = Math.min(Number.parseInt(one(values, 'payments.count'), 10) || 0, MAX_ROWS);
  return Array.from({ length: count }, (_, i) => ({
    kind: one(values, rowName(i, 'kind')) === 'amount' ? ('amount' as const) : ('percent' as const),
    value: one(values, rowName(i, 'value')),
    when: (WHEN as readonly string[]).includes(one(values, rowName(i, 'when')))
      ? (one(values, rowName(i, 'when')) as When)
      : 'on_activation',
  }));
}

/** The saved rule as the form's rows. */
export function trancheValues(rule: PaymentsRule | null | undefined): FormValues {
  return toValues(
    (rule?.tranches ?? []).map((t) => ({
      kind: t.amount !== undefined && t.amount !== null ? 'amount' : 'percent',
      value: String(t.amount ?? t.percent ?? ''),
      when: whenOf(t),
    })),
  );
}

/** `70`, `100 000 ₸`: a whole number as typed; anything else goes as typed for the service to refuse. */
function numberOrText(value: string): number | string | undefined {
  const compact = value.replace(/[\s\u00a0\u202f₸%]/g, '');
  if (compact === '') return undefined;
  return /^\d{1,12}$/.test(compact) ? Number(compact) : value;
}

/** The rule the rows ask for; no rows is no rule (the contracts then state the default schedule). */
export function paymentsUpdate(values: FormValues): Record<string, unknown> | null {
  const rows = rowsOf(values);
  if (rows.length === 0) return null;
  return {
    tranches: rows.map((row) => ({
      [row.kind]: numberOrText(row.value),
      condition: row.when === 'on_activation' ? 'on_activation' : 'after_reports',
      ...(row.when !== 'on_activation' && { stage: row.when === 'after_reports_interim' ? 'interim' : 'final' }),
    })),
  };
}

/** `add`, or `remove:<row>`: the rows changed, everything else as typed. */
export function applyTrancheAction(values: FormValues, action: string): FormValues {
  const rows = rowsOf(values);
  if (action === 'add' && rows.length < MAX_ROWS) rows.push({ kind: 'percent', value: '', when: 'on_activation' });
  const remove = /^remove:(\d+)$/.exec(action);
  if (remove) rows.splice(Number(remove[1]), 1);
  const kept: FormValues = {};
  for (const [key, value] of Object.entries(values)) if (!key.startsWith('payments.')) kept[key] = value;
  return { ...kept, ...toValues(rows) };
}

/**
 * A service problem at a tranche's own value (`rulebook.payments.tranches[1].percent`) → that
 * row's input. The rows' names use dots (`payments.tranches.1.value`), not brackets: the form
 * is read back by name, and brackets are not plain characters everywhere names are matched.
 */
export function trancheInputFor(apiField: string): string | null {
  const match = /^rulebook\.payments\.tranches\[(\d+)\]\.(percent|amount)$/.exec(apiField);
  return match ? rowName(Number(match[1]), 'value') : null;
}

export function TrancheInputs({ ctx, values, errors }: { ctx: PageContext; values: FormValues; errors: FormErrors }) {
  const rows = rowsOf(values);
  const listId = fieldId(TRANCHES);
  const listError = errors.for(TRANCHES);
  const t = (key: string, params?: Record<string, string | number>) => ctx.t(`pages.setup.tranches.${key}`, params);
  return (
    <fieldset class={`form-group${listError ? ' field--error' : ''}`} id={listId} tabindex={-1}>
      <legend>{t('legend')}</legend>
      <p class="hint">{t('hint')}</p>
      {listError && (
        <p class="field-error" id={`${listId}-error`}>
          {listError}
        </p>
      )}
      <input type="hidden" name="payments.count" value={String(rows.length)} />
      {rows.length === 0 && <p>{t('none')}</p>}
      {rows.map((row, i) => {
        const valueName = rowName(i, 'value');
        const valueId = fieldId(valueName);
        const valueError = errors.for(valueName);
        const kindId = fieldId(rowName(i, 'kind'));
        const whenId = fieldId(rowName(i, 'when'));
        return (
          <fieldset class="form-group" key={i}>
            <legend>{t('row', { index: i + 1 })}</legend>
            <div class="field">
              <label for={kindId}>{t('kind')}</label>
              <select id={kindId} name={rowName(i, 'kind')}>
                <option value="percent" selected={row.kind === 'percent'}>
                  {t('kind_percent')}
                </option>
                <option value="amount" selected={row.kind === 'amount'}>
                  {t('kind_amount')}
                </option>
              </select>
            </div>
            <div class={`field${valueError ? ' field--error' : ''}`}>
              <label for={valueId}>{t('value')}</label>
              <p class="hint" id={`${valueId}-hint`}>
                {t('value_hint')}
              </p>
              {valueError && (
                <p class="field-error" id={`${valueId}-error`}>
                  {valueError}
                </p>
              )}
              <input
                id={valueId}
                name={valueName}
                type="text"
                inputMode="numeric"
                value={row.value}
                class="w-medium"
                aria-invalid={valueError ? 'true' : undefined}
                aria-describedby={[`${valueId}-hint`, valueError ? `${valueId}-error` : null].filter(Boolean).join(' ')}
              />
            </div>
            <div class="field">
              <label for={whenId}>{t('when')}</label>
              <select id={whenId} name={rowName(i, 'when')}>
                {WHEN.map((w) => (
                  <option key={w} value={w} selected={row.when === w}>
                    {t(`when_${w}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" name={TRANCHE_ACTION} value={`remove:${i}`} class="button button--secondary">
              {t('remove', { index: i + 1 })}
            </button>
          </fieldset>
        );
      })}
      {rows.length < MAX_ROWS && (
        <button type="submit" name={TRANCHE_ACTION} value="add" class="button button--secondary">
          {t('add')}
        </button>
      )}
    </fieldset>
  );
}
