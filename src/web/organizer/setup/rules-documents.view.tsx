import { FILE_KINDS, FileKind, Rulebook } from '../../../modules/competitions/domain/rulebook.types';
import {
  DEFAULT_MAX_APPLICATION_BYTES,
  DEFAULT_MAX_FILE_BYTES,
  toMegabytes,
} from '../../../modules/files/files.exception';
import { Checkbox, fieldId, FormErrors, NO_ERRORS, TextField } from '../../core/forms';
import type { PageContext } from '../../core/page-context';
import type { FormBody } from '../../core/web-request';
import {
  AddButton,
  applyToList,
  compact,
  GroupMessage,
  listRows,
  many,
  one,
  RowAction,
  RowButtons,
  SectionForm,
  SectionPage,
  T,
  yesNo,
} from './rules-parts';
import type { SectionRender, SectionSpec } from './rules-section';
import { freeCode } from './rules-questions.view';

const D = `${T}documents.`;
/** The rulebook's limit (rulebook-parts.validation.ts). */
const MAX_DOCUMENTS = 50;

export interface DocumentRow {
  code: string;
  kk: string;
  ru: string;
  required: boolean;
  /** Allowed file kinds; none ticked means any. */
  kinds: string[];
}

function blankDocument(): DocumentRow {
  return { code: '', kk: '', ru: '', required: true, kinds: ['pdf', 'jpg', 'png'] };
}

function isBlank(d: DocumentRow): boolean {
  return !d.code.trim() && !d.kk.trim() && !d.ru.trim();
}

function fromSaved(rulebook: Rulebook): DocumentRow[] {
  return rulebook.documents.map((d) => ({
    code: d.code,
    kk: d.label.kk,
    ru: d.label.ru,
    required: d.required,
    kinds: d.kinds ? [...d.kinds] : [],
  }));
}

function fromBody(body: FormBody): DocumentRow[] {
  return listRows(body, 'documents', MAX_DOCUMENTS).map((row) => ({
    code: one(row, 'code').trim(),
    kk: one(row, 'label.kk'),
    ru: one(row, 'label.ru'),
    required: one(row, 'required') === 'on',
    kinds: many(row, 'kinds'),
  }));
}

function build(rows: DocumentRow[]) {
  const sent = rows.map((d, i) => (isBlank(d) ? -1 : i)).filter((i) => i >= 0);
  const codes = new Set(rows.map((d) => d.code).filter(Boolean));
  const documents = sent.map((i) => {
    const d = rows[i];
    return compact({
      code: d.code || freeCode('document', codes),
      label: { kk: d.kk, ru: d.ru },
      required: d.required,
      // In the list's own order, whatever order they came in; an unknown one goes as sent, for the check to name.
      kinds: d.kinds.length
        ? [
            ...FILE_KINDS.filter((k) => d.kinds.includes(k)),
            ...d.kinds.filter((k) => !(FILE_KINDS as readonly string[]).includes(k)),
          ]
        : undefined,
    });
  });
  return { rulebook: { documents }, rowsOf: new Map([['documents', sent]]) };
}

const KNOWN = /^documents(\[\d+\](\.(code|label\.kk|label\.ru|required|kinds))?)?$/;

function kindsText(ctx: PageContext, kinds: FileKind[] | undefined): string {
  return kinds?.length ? kinds.map((k) => k.toUpperCase()).join(', ') : ctx.t(`${D}any_kind`);
}

/** The required documents as saved, for reading. */
export function DocumentsTable({ ctx, rulebook }: { ctx: PageContext; rulebook: Rulebook }) {
  if (rulebook.documents.length === 0) return <p>{ctx.t(`${D}none`)}</p>;
  return (
    <div class="table-scroll" role="region" aria-label={ctx.t(`${D}saved_caption`)} tabindex={0}>
      <table>
        <caption class="visually-hidden">{ctx.t(`${D}saved_caption`)}</caption>
        <thead>
          <tr>
            <th scope="col">№</th>
            <th scope="col">{ctx.t(`${D}label`)}</th>
            <th scope="col">{ctx.t(`${D}required`)}</th>
            <th scope="col">{ctx.t(`${D}kinds`)}</th>
            <th scope="col">{ctx.t(`${D}code`)}</th>
          </tr>
        </thead>
        <tbody>
          {rulebook.documents.map((d, i) => (
            <tr key={d.code}>
              <td>{i + 1}</td>
              <td>{d.label[ctx.locale]}</td>
              <td>{yesNo(ctx, d.required)}</td>
              <td>{kindsText(ctx, d.kinds)}</td>
              <td class="mono">{d.code}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DocumentFields(props: { ctx: PageContext; index: number; d: DocumentRow; count: number; errors: FormErrors }) {
  const { ctx, index, d, errors } = props;
  const name = (f: string) => `documents[${index}].${f}`;
  const what = ctx.t(`${D}document_n`, { n: index + 1 });
  const kindsId = fieldId(name('kinds'));
  const kindsError = errors.for(name('kinds'));
  return (
    <fieldset class="row-card rules-row" id={fieldId(`documents[${index}]`)} tabindex={-1}>
      <legend>{what}</legend>
      <GroupMessage name={`documents[${index}]`} errors={errors} />
      <div class="rules-grid">
        <TextField name={name('label.kk')} label={ctx.t(`${D}label_kk`)} value={d.kk} errors={errors} />
        <TextField name={name('label.ru')} label={ctx.t(`${D}label_ru`)} value={d.ru} errors={errors} />
      </div>
      <TextField
        name={name('code')}
        label={ctx.t(`${D}code`)}
        hint={ctx.t(`${T}code_hint`)}
        value={d.code}
        width="medium"
        errors={errors}
      />
      <Checkbox name={name('required')} label={ctx.t(`${D}required_label`)} checked={d.required} errors={errors} />
      <fieldset
        class={`field rules-kinds${kindsError ? ' field--error' : ''}`}
        id={kindsId}
        tabindex={-1}
        aria-describedby={`${kindsId}-hint${kindsError ? ` ${kindsId}-error` : ''}`}
      >
        <legend>{ctx.t(`${D}kinds`)}</legend>
        <p class="hint" id={`${kindsId}-hint`}>
          {ctx.t(`${D}kinds_hint`)}
        </p>
        {kindsError && (
          <p class="field-error" id={`${kindsId}-error`}>
            {kindsError}
          </p>
        )}
        {FILE_KINDS.map((kind) => (
          <div class="choice" key={kind}>
            <input
              type="checkbox"
              id={`${kindsId}-${kind}`}
              name={name('kinds')}
              value={kind}
              checked={d.kinds.includes(kind)}
            />
            <label for={`${kindsId}-${kind}`}>{kind.toUpperCase()}</label>
          </div>
        ))}
      </fieldset>
      <RowButtons ctx={ctx} list="documents" at={[index]} count={props.count} what={what} canMove />
    </fieldset>
  );
}

function labelsOf(ctx: PageContext, rows: DocumentRow[]): Record<string, string> {
  const labels: Record<string, string> = { documents: ctx.t(`${D}title`) };
  rows.forEach((_, i) => {
    const n = ctx.t(`${D}document_n`, { n: i + 1 });
    labels[`documents[${i}]`] = n;
    labels[`documents[${i}].label.kk`] = `${n}, ${ctx.t(`${D}label_kk`)}`;
    labels[`documents[${i}].label.ru`] = `${n}, ${ctx.t(`${D}label_ru`)}`;
    labels[`documents[${i}].code`] = `${n}, ${ctx.t(`${D}code`)}`;
    labels[`documents[${i}].kinds`] = `${n}, ${ctx.t(`${D}kinds`)}`;
  });
  return labels;
}

function DocumentsPage(props: SectionRender<DocumentRow[]>) {
  const { ctx, competition, state } = props;
  const errors = props.errors ?? NO_ERRORS;
  return (
    <SectionPage
      ctx={ctx}
      competition={competition}
      section="documents"
      errors={errors}
      labels={state ? labelsOf(ctx, state) : {}}
      notice={props.notice}
      conflict={props.conflict}
      unsaved={props.unsaved}
    >
      <p>{ctx.t(`${D}intro`)}</p>
      <ul class="hint">
        <li>{ctx.t(`${D}size_limit`, { mb: toMegabytes(DEFAULT_MAX_FILE_BYTES) })}</li>
        <li>{ctx.t(`${D}total_limit`, { mb: toMegabytes(DEFAULT_MAX_APPLICATION_BYTES) })}</li>
      </ul>
      {(!state || props.conflict) && (
        <section aria-labelledby="rules-saved-title">
          <h2 id="rules-saved-title">{ctx.t(`${T}saved_now`)}</h2>
          <DocumentsTable ctx={ctx} rulebook={competition.rulebook} />
        </section>
      )}
      {state && (
        <SectionForm ctx={ctx} competition={competition} section="documents" version={props.version}>
          {props.conflict && <h2>{ctx.t(`${T}your_changes`)}</h2>}
          <div id={fieldId('documents')} tabindex={-1}>
            <GroupMessage name="documents" errors={errors} />
          </div>
          {state.length === 0 && <p>{ctx.t(`${D}none`)}</p>}
          {state.map((d, i) => (
            <DocumentFields key={i} ctx={ctx} index={i} d={d} count={state.length} errors={errors} />
          ))}
          {state.length < MAX_DOCUMENTS && <AddButton action="add:documents">{ctx.t(`${D}add`)}</AddButton>}
        </SectionForm>
      )}
    </SectionPage>
  );
}

export const DOCUMENTS: SectionSpec<DocumentRow[]> = {
  section: 'documents',
  keys: ['documents'],
  fromSaved,
  fromBody,
  applyAction: (rows: DocumentRow[], action: RowAction) =>
    action.list === 'documents' ? applyToList(rows, action, action.at[0], blankDocument, MAX_DOCUMENTS) : rows,
  build: (rows) => build(rows),
  known: (name) => KNOWN.test(name),
  page: (props) => <DocumentsPage {...props} />,
};
