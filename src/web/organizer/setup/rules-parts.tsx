import type { ComponentChildren } from 'preact';
import type { CompetitionView } from '../../../modules/competitions/competitions.service';
import { DefaultSaveButton, ErrorSummary, fieldId, FormErrors, NO_ERRORS, PostForm, TextField } from '../../core/forms';
import { Layout, Notice } from '../../core/layout';
import type { PageContext } from '../../core/page-context';
import type { FormBody } from '../../core/web-request';
import type { SectionRender } from './rules-section';

export const T = 'pages.rules.';

/** The sections this controller edits, each a page under the rules overview. */
export type RulesSection = 'questions' | 'documents' | 'criteria' | 'reporting' | 'outcomes';

export const RULES_SECTIONS: readonly RulesSection[] = ['questions', 'documents', 'criteria', 'reporting', 'outcomes'];

export function overviewPath(id: string): string {
  return `/organizer/competitions/${id}/rules`;
}

export function sectionPath(id: string, section: RulesSection): string {
  return `${overviewPath(id)}/${section}`;
}

/** A form's values: one string per field, a list for repeated ones (checkboxes). */
export type FormValues = Record<string, string | string[] | undefined>;

export function one(values: FormValues, name: string): string {
  const value = values[name];
  if (Array.isArray(value)) return value[value.length - 1] ?? '';
  return value ?? '';
}

export function many(values: FormValues, name: string): string[] {
  const value = values[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * A list posted as `fields[0].key`, `fields[0].label.kk`, `fields[0].options[1].value`…: the
 * rows in the form's index order, each with the rest of its names (`key`, `label.kk`,
 * `options[1].value`). Works one level at a time, so rows inside rows read the same way.
 */
export function listRows(values: FormValues | FormBody | undefined, prefix: string, limit = 200): FormValues[] {
  const byIndex = new Map<number, FormValues>();
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${escaped}\\[(\\d{1,3})\\]\\.([\\w.[\\]]+)$`);
  for (const [key, value] of Object.entries(values ?? {})) {
    const match = pattern.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    const row = byIndex.get(index) ?? {};
    row[match[2]] = value;
    byIndex.set(index, row);
  }
  return [...byIndex.entries()]
    .sort((a, b) => a[0] - b[0])
    .slice(0, limit)
    .map(([, row]) => row);
}

/**
 * A number as a person types it (`7,5`, `7.5`, `1 000`) for the rulebook's check; an empty
 * field is left out (a required one is then "required"), anything else goes as typed so that
 * the check names it ("must be a number").
 */
export function numberOrRaw(text: string): number | string | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (compact === '') return undefined;
  return /^-?\d{1,12}(\.\d{1,6})?$/.test(compact) ? Number(compact) : text.trim();
}

/** A saved number back in the form, with the page's decimal comma in Russian and Kazakh. */
export function numberText(value: number | undefined | null): string {
  if (value === undefined || value === null) return '';
  return String(value).replace('.', ',');
}

/** A name in both languages as posted: `<name>.kk` and `<name>.ru` (`label`, `meaning`). */
export function namesIn(row: FormValues, name: string): { kk: string; ru: string } {
  return { kk: one(row, `${name}.kk`), ru: one(row, `${name}.ru`) };
}

/** The first free `prefix_N`: a code for a row whose code was left empty. */
export function freeCode(prefix: string, taken: Set<string>): string {
  let n = 1;
  while (taken.has(`${prefix}_${n}`)) n += 1;
  taken.add(`${prefix}_${n}`);
  return `${prefix}_${n}`;
}

/** The form's rows that are sent: blank rows are left out (the service numbers only those). */
export function sentRows<R>(rows: R[], blank: (row: R) => boolean): number[] {
  return rows.map((r, i) => (blank(r) ? -1 : i)).filter((i) => i >= 0);
}

/** Drops keys whose value is undefined, so the rulebook gets only what was typed. */
export function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

/** Moves, adds and removes of rows: the form comes back with the change, nothing saved yet. */
export interface RowAction {
  kind: 'add' | 'remove' | 'up' | 'down';
  list: string;
  /** Row index; for a nested list (`options`) the outer row first. */
  at: number[];
}

export function rowAction(action: string): RowAction | null {
  const match = /^(add|remove|up|down):([a-z]+)((?::\d{1,3})*)$/.exec(action);
  if (!match) return null;
  const at = match[3] ? match[3].slice(1).split(':').map(Number) : [];
  return { kind: match[1] as RowAction['kind'], list: match[2], at };
}

/** Applies add/remove/up/down to a list; `blank` makes a new row. Out-of-range indexes change nothing. */
export function applyToList<R>(rows: R[], action: RowAction, index: number | undefined, blank: () => R, max: number) {
  const list = [...rows];
  if (action.kind === 'add') {
    if (list.length < max) list.push(blank());
    return list;
  }
  if (index === undefined || !Number.isInteger(index) || index < 0 || index >= list.length) return list;
  if (action.kind === 'remove') list.splice(index, 1);
  if (action.kind === 'up' && index > 0) [list[index - 1], list[index]] = [list[index], list[index - 1]];
  if (action.kind === 'down' && index < list.length - 1)
    [list[index + 1], list[index]] = [list[index], list[index + 1]];
  return list;
}

/**
 * Maps the service's paths onto the form's names. The service numbers only the rows sent
 * (blank rows are left out), so `rulebook.criteria[1].weight` may be the form's third row:
 * `rowsOf` gives, per list as the service names it (`criteria`, `fields[2].options`), the
 * form's row of each item sent. A path the form shows no input for falls back to its row,
 * then to its list; `known` says which names the form shows a message at.
 */
export function formNameOf(
  apiField: string,
  rowsOf: Map<string, number[]>,
  known: (name: string) => boolean,
): string | null {
  const path = apiField.replace(/^rulebook\./, '');
  let apiPrefix = '';
  let formName = '';
  const candidates: string[] = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(path)) !== null) {
    if (match[1] !== undefined) {
      apiPrefix = apiPrefix ? `${apiPrefix}.${match[1]}` : match[1];
      formName = formName ? `${formName}.${match[1]}` : match[1];
    } else {
      const row = rowsOf.get(apiPrefix)?.[Number(match[2])];
      if (row === undefined) break;
      apiPrefix = `${apiPrefix}[${match[2]}]`;
      formName = `${formName}[${row}]`;
    }
    candidates.push(formName);
  }
  for (const candidate of candidates.reverse()) if (known(candidate)) return candidate;
  return null;
}

/** The message beside a row or a list (not an input): its fieldset's own problems. */
export function GroupMessage({ name, errors }: { name: string; errors: FormErrors }) {
  const message = errors.for(name);
  return message ? (
    <p class="field-error" id={`${fieldId(name)}-error`}>
      {message}
    </p>
  ) : null;
}

/** A list's anchor for the error summary's link, with the list's own problems. */
export function ListMessage({ name, errors }: { name: string; errors: FormErrors }) {
  return (
    <div id={fieldId(name)} tabindex={-1}>
      <GroupMessage name={name} errors={errors} />
    </div>
  );
}

/**
 * The error summary's names for a list's rows and their inputs: "Question 3", "Question 3,
 * Name in Kazakh"… `keys` is the catalogue's prefix, `fields` maps an input's name in the row
 * to its catalogue key, `within` the outer row's name for a list inside a row.
 */
export function rowLabels(
  ctx: PageContext,
  keys: string,
  list: string,
  rowKey: string,
  fields: Record<string, string>,
  count: number,
  within = '',
): Record<string, string> {
  const labels: Record<string, string> = {};
  for (let i = 0; i < count; i += 1) {
    const n = `${within}${ctx.t(`${keys}${rowKey}`, { n: i + 1 })}`;
    labels[`${list}[${i}]`] = n;
    for (const [f, key] of Object.entries(fields)) labels[`${list}[${i}].${f}`] = `${n}, ${ctx.t(`${keys}${key}`)}`;
  }
  return labels;
}

/** The name of a row in both languages, side by side: inputs `<name>.kk` and `<name>.ru` (then `children`). */
export function NamePair(props: {
  name: string;
  /** The inputs' labels. */
  kk: string;
  ru: string;
  value: { kk: string; ru: string };
  errors: FormErrors;
  children?: ComponentChildren;
}) {
  const { name, value, errors } = props;
  return (
    <div class="rules-grid">
      <TextField name={`${name}.kk`} label={props.kk} value={value.kk} errors={errors} />
      <TextField name={`${name}.ru`} label={props.ru} value={value.ru} errors={errors} />
      {props.children}
    </div>
  );
}

/** A row's code: may be left empty (one is made up on saving). */
export function CodeField(props: { ctx: PageContext; name: string; label: string; value: string; errors: FormErrors }) {
  return (
    <TextField
      name={props.name}
      label={props.label}
      hint={props.ctx.t(`${T}code_hint`)}
      value={props.value}
      width="medium"
      errors={props.errors}
    />
  );
}

/** A short input for a number: whole (`numeric` keyboard) or with a fraction (`decimal`). */
export function NumberField(props: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  decimal?: boolean;
  errors: FormErrors;
}) {
  return (
    <TextField
      name={props.name}
      label={props.label}
      hint={props.hint}
      value={props.value}
      inputMode={props.decimal ? 'decimal' : 'numeric'}
      width="short"
      errors={props.errors}
    />
  );
}

/**
 * One row of a list: a fieldset named after the row ("Question 3") with the row's own
 * problems, its inputs, and the buttons that move or remove it (an option is not moved).
 */
export function RowCard(props: {
  ctx: PageContext;
  /** The row's form name: `fields[2]`, `fields[2].options[0]`, `draw.arms[1]`. */
  name: string;
  /** The list the row's buttons act on (`fields`, `options`, `arms`) and the row's place in it. */
  list: string;
  at: number[];
  count: number;
  what: string;
  errors: FormErrors;
  option?: boolean;
  children: ComponentChildren;
}) {
  const { ctx, name, what, errors } = props;
  return (
    <fieldset class={`row-card ${props.option ? 'rules-option' : 'rules-row'}`} id={fieldId(name)} tabindex={-1}>
      <legend>{what}</legend>
      <GroupMessage name={name} errors={errors} />
      {props.children}
      <RowButtons ctx={ctx} list={props.list} at={props.at} count={props.count} what={what} canMove={!props.option} />
    </fieldset>
  );
}

/** A saved list for reading, in a region that scrolls sideways on its own when it does not fit. */
export function SavedTable(props: { label: string; caption?: boolean; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={props.label} tabindex={0}>
      <table>
        {props.caption && <caption class="visually-hidden">{props.label}</caption>}
        {props.children}
      </table>
    </div>
  );
}

/** The buttons under each row: move it up or down, remove it. They work without script. */
export function RowButtons(props: {
  ctx: PageContext;
  list: string;
  at: number[];
  count: number;
  /** "Question 3": what the buttons move, for a screen reader. */
  what: string;
  canMove?: boolean;
}) {
  const { ctx, list, at, count, what } = props;
  const index = at[at.length - 1];
  const suffix = at.join(':');
  return (
    <div class="rules-row-buttons">
      {props.canMove && index > 0 && (
        <button type="submit" class="link-button" name="action" value={`up:${list}:${suffix}`}>
          {ctx.t(`${T}move_up`, { what })}
        </button>
      )}
      {props.canMove && index < count - 1 && (
        <button type="submit" class="link-button" name="action" value={`down:${list}:${suffix}`}>
          {ctx.t(`${T}move_down`, { what })}
        </button>
      )}
      <button type="submit" class="link-button" name="action" value={`remove:${list}:${suffix}`}>
        {ctx.t(`${T}remove`, { what })}
      </button>
    </div>
  );
}

export function AddButton({ action, children }: { action: string; children: ComponentChildren }) {
  return (
    <p>
      <button type="submit" class="button button--secondary" name="action" value={action}>
        {children}
      </button>
    </p>
  );
}

/** What a section page shows above and around its form or its read-only table. */
export interface SectionFrame {
  ctx: PageContext;
  competition: CompetitionView;
  section: RulesSection;
  errors?: FormErrors;
  labels?: Record<string, string>;
  notice?: string | null;
  /** Someone saved first: the saved rules are shown above the form with what was typed. */
  conflict?: boolean;
  /** Rows were added or moved: the form differs from what is saved until it is saved. */
  unsaved?: boolean;
}

export function isEditable(competition: CompetitionView): boolean {
  return competition.status === 'draft';
}

export function SectionPage(props: SectionFrame & { children: ComponentChildren }) {
  const { ctx, competition, section } = props;
  const errors = props.errors ?? NO_ERRORS;
  const title = ctx.t(`${T}${section}.title`);
  const others = RULES_SECTIONS.filter((s) => s !== section);
  return (
    <Layout ctx={ctx} title={title} failed={errors.any || !!props.conflict} wide>
      <ErrorSummary ctx={ctx} errors={errors} labels={props.labels} />
      <Notice text={props.notice} />
      <p>
        <a href={overviewPath(competition.id)}>{ctx.t(`${T}back_to_overview`)}</a>
      </p>
      <h1>{title}</h1>
      <p class="muted">{competition.title[ctx.locale]}</p>
      <nav class="subnav" aria-label={ctx.t(`${T}sections_label`)}>
        <ul>
          {others.map((s) => (
            <li key={s}>
              <a href={sectionPath(competition.id, s)}>{ctx.t(`${T}${s}.title`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {!isEditable(competition) && (
        <div class="notice notice--info" role="status">
          <p>{ctx.t(`${T}read_only`)}</p>
          <p>{ctx.t('errors.COMPETITION_LOCKED')}</p>
        </div>
      )}
      {props.conflict && (
        <div class="notice notice--warning" role="alert" id="rules-conflict">
          <h2>{ctx.t(`${T}conflict_title`)}</h2>
          <p>{ctx.t(`${T}conflict_text`)}</p>
        </div>
      )}
      {props.unsaved && (
        <div class="notice notice--info" role="status">
          {ctx.t(`${T}unsaved`)}
        </div>
      )}
      {props.children}
    </Layout>
  );
}

/** The section's form: the version read, Enter saves, the save button at the end. */
export function SectionForm(props: {
  ctx: PageContext;
  competition: CompetitionView;
  section: RulesSection;
  version: number;
  children: ComponentChildren;
}) {
  const { ctx, competition, section } = props;
  return (
    <PostForm ctx={ctx} action={sectionPath(competition.id, section)} class="rules-form">
      <DefaultSaveButton label={ctx.t('pages.common.save')} />
      <input type="hidden" name="version" value={String(props.version)} />
      {props.children}
      <p class="step-buttons">
        <button type="submit" class="button" name="action" value="save">
          {ctx.t(`${T}save`)}
        </button>
      </p>
    </PostForm>
  );
}

/** Yes / no in a table cell. */
export function yesNo(ctx: PageContext, value: boolean | undefined): string {
  return ctx.t(value ? 'pages.common.yes' : 'pages.common.no');
}

/**
 * A section's page: the frame, what is saved for reading (the section is read-only, or
 * someone saved first) and the form with the section's own rows.
 */
export function RulesPage<S>(
  props: SectionRender<S> & {
    section: RulesSection;
    /** The error summary's names of the form's inputs. */
    labels: (state: S) => Record<string, string>;
    intro: ComponentChildren;
    saved: ComponentChildren;
    form: (state: S, errors: FormErrors) => ComponentChildren;
  },
) {
  const { ctx, competition, section, state } = props;
  const errors = props.errors ?? NO_ERRORS;
  return (
    <SectionPage
      ctx={ctx}
      competition={competition}
      section={section}
      errors={errors}
      labels={state ? props.labels(state) : {}}
      notice={props.notice}
      conflict={props.conflict}
      unsaved={props.unsaved}
    >
      {props.intro}
      {(!state || props.conflict) && (
        <section aria-labelledby="rules-saved-title">
          <h2 id="rules-saved-title">{ctx.t(`${T}saved_now`)}</h2>
          {props.saved}
        </section>
      )}
      {state && (
        <SectionForm ctx={ctx} competition={competition} section={section} version={props.version}>
          {props.conflict && <h2>{ctx.t(`${T}your_changes`)}</h2>}
          {props.form(state, errors)}
        </SectionForm>
      )}
    </SectionPage>
  );
}
