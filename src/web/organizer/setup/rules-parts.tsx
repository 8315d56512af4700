import type { ComponentChildren } from 'preact';
import type { CompetitionView } from '../../../modules/competitions/competitions.service';
import { ErrorSummary, fieldId, FormErrors, NO_ERRORS, PostForm } from '../../core/forms';
import { Layout, Notice } from '../../core/layout';
import type { PageContext } from '../../core/page-context';
import type { FormBody } from '../../core/web-request';

export const T = 'pages.rules.';

/** The three sections this controller edits, each a page under the rules overview. */
export type RulesSection = 'questions' | 'documents' | 'criteria';

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

/** The first button of the form: Enter in a field saves instead of removing the first row. */
export function DefaultSaveButton({ ctx }: { ctx: PageContext }) {
  return (
    <button type="submit" name="action" value="save" class="visually-hidden" tabindex={-1}>
      {ctx.t('pages.common.save')}
    </button>
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
  const others = (['questions', 'documents', 'criteria'] as const).filter((s) => s !== section);
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
      <DefaultSaveButton ctx={ctx} />
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
