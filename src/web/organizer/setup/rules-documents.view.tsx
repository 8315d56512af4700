import { FILE_KINDS, FileKind, Rulebook } from '../../../modules/competitions/domain/rulebook.types';
import {
  DEFAULT_MAX_APPLICATION_BYTES,
  DEFAULT_MAX_FILE_BYTES,
  toMegabytes,
} from '../../../modules/files/files.exception';
import { Checkbox, fieldId, FormErrors } from '../../core/forms';
import type { PageContext } from '../../core/page-context';
import type { FormBody } from '../../core/web-request';
import {
  AddButton,
  applyToList,
  CodeField,
  compact,
  freeCode,
  ListMessage,
  listRows,
  many,
  NamePair,
  namesIn,
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
    ...namesIn(row, 'label'),
    required: one(row, 'required') === 'on',
    kinds: many(row, 'kinds'),
  }));
}

function build(rows: DocumentRow[]) {
  const sent = sentRows(rows, isBlank);
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
    <SavedTable label={ctx.t(`${D}saved_caption`)} caption>
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
    </SavedTable>
  );
}

function DocumentFields(props: { ctx: PageContext; index: number; d: DocumentRow; count: number; errors: FormErrors }) {
  const { ctx, index, d, errors } = props;
  const name = (f: string) => `documents[${index}].${f}`;
  const what = ctx.t(`${D}document_n`, { n: index + 1 });
  const kindsId = fieldId(name('kinds'));
  const kindsError = errors.for(name('kinds'));
  return (
    <RowCard
      ctx={ctx}
      name={`documents[${index}]`}
      list="documents"
      at={[index]}
      count={props.count}
      what={what}
      errors={errors}
    >
      <NamePair name={name('label')} kk={ctx.t(`${D}label_kk`)} ru={ctx.t(`${D}label_ru`)} value={d} errors={errors} />
      <CodeField ctx={ctx} name={name('code')} label={ctx.t(`${D}code`)} value={d.code} errors={errors} />
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
    </RowCard>
  );
}

function labelsOf(ctx: PageContext, rows: DocumentRow[]): Record<string, string> {
  return {
    documents: ctx.t(`${D}title`),
    ...rowLabels(
      ctx,
      D,
      'documents',
      'document_n',
      { 'label.kk': 'label_kk', 'label.ru': 'label_ru', code: 'code', kinds: 'kinds' },
      rows.length,
    ),
  };
}

function DocumentsForm({ ctx, rows, errors }: { ctx: PageContext; rows: DocumentRow[]; errors: FormErrors }) {
  return (
    <>
      <ListMessage name="documents" errors={errors} />
      {rows.length === 0 && <p>{ctx.t(`${D}none`)}</p>}
      {rows.map((d, i) => (
        <DocumentFields key={i} ctx={ctx} index={i} d={d} count={rows.length} errors={errors} />
      ))}
      {rows.length < MAX_DOCUMENTS && <AddButton action="add:documents">{ctx.t(`${D}add`)}</AddButton>}
    </>
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
  page: (props) => (
    <RulesPage
      {...props}
      section="documents"
      labels={(rows) => labelsOf(props.ctx, rows)}
      intro={
        <>
          <p>{props.ctx.t(`${D}intro`)}</p>
          <ul class="hint">
            <li>{props.ctx.t(`${D}size_limit`, { mb: toMegabytes(DEFAULT_MAX_FILE_BYTES) })}</li>
            <li>{props.ctx.t(`${D}total_limit`, { mb: toMegabytes(DEFAULT_MAX_APPLICATION_BYTES) })}</li>
          </ul>
        </>
      }
      saved={<DocumentsTable ctx={props.ctx} rulebook={props.competition.rulebook} />}
      form={(rows, errors) => <DocumentsForm ctx={props.ctx} rows={rows} errors={errors} />}
    />
  ),
};
