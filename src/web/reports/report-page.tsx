import { Fragment, type ComponentChildren } from 'preact';
import { AGE_BANDS, COUNT_GENDERS, REPORT_CATEGORIES } from '../../modules/final-report/domain/participants';
import {
  ATTACHMENTS_OF,
  type ReportAttachmentKind,
  type ReportContent,
} from '../../modules/reports/domain/report-content';
import { ACTIVITY_OUTCOMES } from '../../modules/reports/domain/report-content';
import { isAwaitingReview, isEditable } from '../../modules/reports/domain/report-status';
import { DEFAULT_MAX_FILE_BYTES, toMegabytes } from '../../modules/files/files.exception';
import { localized } from '../applicant/application-read-only';
import { AutosaveStatus, DefaultSaveButton } from '../applicant/application-shell';
import { formatDate, formatDateTime, formatMoney } from '../core/format';
import {
  Checkbox,
  ErrorSummary,
  fieldId,
  FormErrors,
  NO_ERRORS,
  PostForm,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../core/forms';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { type ReportForm, MAX_ROWS } from './report-form';
import { DueDate, reportName, ReportStatusTag } from './report-list-views';
import type { ParticipantRow } from '../../modules/final-report/domain/participants';
import type { ReportReviewView } from '../../modules/reports/reports.service';
import {
  competitionReportsPath,
  contractReportsPath,
  GENERAL,
  reportPath,
  type ReportPageModel,
  type ReportVersionView,
} from './report-model';
import {
  FileList,
  FinancialTable,
  type ReadableReport,
  ReportSections,
  sectionAnchor,
  sectionName,
  sectionsOf,
  T,
} from './report-read-only';

const FILE_ACCEPT: Record<ReportAttachmentKind, string> = {
  photo: '.jpg,.jpeg,.png,image/jpeg,image/png',
  receipt: '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png',
  participants_list: '.pdf,.jpg,.jpeg,.png,.xlsx,.docx',
  document: '.pdf,.jpg,.jpeg,.png,.xlsx,.docx',
};

/** The last review, when it returned the report: its comments are what the grantee answers now. */
export function lastReturn(report: ReportPageModel): ReportReviewView | null {
  const last = report.reviews.reduce<ReportReviewView | null>((a, r) => (!a || r.version > a.version ? r : a), null);
  return last && last.decision === 'returned' && last.version === report.submissions ? last : null;
}

/** A version as something to read, with the report's indicators. */
export function readableVersion(report: ReportPageModel, version: ReportVersionView): ReadableReport {
  return {
    id: report.id,
    kind: report.kind,
    content: version.snapshot.content,
    financial: version.snapshot.financial ?? null,
    attachments: version.snapshot.attachments.map((a) => ({ ...a })),
    indicators: report.indicators,
  };
}

function ReportHeading({ ctx, report, title }: { ctx: PageContext; report: ReportPageModel; title: string }) {
  return (
    <>
      <p class="caption">
        {report.competitionTitle[ctx.locale]} · {ctx.t(`${T}contract_line`, { number: report.contractNumber })}
      </p>
      <h1>{title}</h1>
      <dl class="facts">
        <dt>{ctx.t(`${T}project`)}</dt>
        <dd>{report.projectTitle}</dd>
        <dt>{ctx.t(`${T}due`)}</dt>
        <dd>
          <DueDate ctx={ctx} report={report} />
        </dd>
        <dt>{ctx.t(`${T}col_status`)}</dt>
        <dd>
          <ReportStatusTag ctx={ctx} status={report.status} />
        </dd>
      </dl>
    </>
  );
}

/** The organizer's comment on a section (and the answer given), quoted. */
function CommentQuote({ label, text }: { label: string; text: string }) {
  return (
    <div class="report-comment">
      <p class="report-comment__label">{label}</p>
      <p class="message-text">{text}</p>
    </div>
  );
}

function sectionComment(
  review: { comment: string | null; sections: { section: string; comment: string }[] } | null,
  section: string,
): string | null {
  if (section === GENERAL) return review?.comment ?? null;
  return review?.sections.find((s) => s.section === section)?.comment ?? null;
}

/** Beside a returned report's section in the grantee's form: the organizer's comment and the answer field. */
function AnswerField({
  ctx,
  report,
  review,
  section,
  form,
  errors,
}: {
  ctx: PageContext;
  report: ReportPageModel;
  review: ReportReviewView | null;
  section: string;
  form: ReportForm;
  errors: FormErrors;
}) {
  const comment = sectionComment(review, section);
  if (!comment) return null;
  return (
    <div class="report-answer">
      <CommentQuote
        label={ctx.t(section === GENERAL ? `${T}organizer_comment_general` : `${T}organizer_comment`)}
        text={comment}
      />
      <TextArea
        name={`answers.${section}`}
        label={ctx.t(`${T}your_answer`, { section: sectionName(ctx, report.kind, section) })}
        value={form.answers[section] ?? ''}
        rows={3}
        maxLength={4000}
        errors={errors}
      />
    </div>
  );
}

function options(ctx: PageContext, prefix: string, values: readonly string[]) {
  return values.map((v) => ({ value: v, label: ctx.t(`${T}${prefix}.${v}`) }));
}

function RowButtons({ ctx, prefix, index, count }: { ctx: PageContext; prefix: string; index: number; count: number }) {
  return count > 1 ? (
    <button type="submit" class="link-button" name="action" value={`remove:${prefix}:${index}`}>
      {ctx.t(`${T}remove_row`, { n: index + 1 })}
    </button>
  ) : null;
}

function AddButton({ ctx, prefix, count }: { ctx: PageContext; prefix: string; count: number }) {
  return count < MAX_ROWS ? (
    <p>
      <button type="submit" class="button button--secondary" name="action" value={`add:${prefix}`}>
        {ctx.t(`${T}add.${prefix}`)}
      </button>
    </p>
  ) : null;
}

function ProgrammaticFields({
  ctx,
  report,
  form,
  errors,
  review,
}: {
  ctx: PageContext;
  report: ReportPageModel;
  form: ReportForm;
  errors: FormErrors;
  review: ReportReviewView | null;
}) {
  const answer = (section: string) => (
    <AnswerField ctx={ctx} report={report} review={review} section={section} form={form} errors={errors} />
  );
  const heading = (section: string) => (
    <h2 id={sectionAnchor(section)} tabindex={-1}>
      {sectionName(ctx, report.kind, section)}
    </h2>
  );
  return (
    <>
      {heading('summary')}
      {answer('summary')}
      <TextArea
        name="summary"
        label={ctx.t(`${T}summary`)}
        hint={ctx.t(`${T}summary_hint`)}
        value={form.summary}
        maxLength={10000}
        errors={errors}
      />
      <TextArea
        name="deviations"
        label={ctx.t(`${T}deviations`)}
        hint={ctx.t(`${T}deviations_hint`)}
        value={form.deviations}
        rows={3}
        maxLength={10000}
        errors={errors}
      />

      {heading('activities')}
      {answer('activities')}
      <p class="hint">{ctx.t(`${T}activities_hint`)}</p>
      {form.activities.map((a, i) => {
        const name = (f: string) => `activities[${i}].${f}`;
        return (
          <fieldset class="row-card" data-row="activities" data-index={i} key={i}>
            <legend>{ctx.t(`${T}activity_n`, { n: i + 1 })}</legend>
            <TextField
              name={name('title')}
              label={ctx.t(`${T}activity_title`)}
              value={a.title}
              maxLength={300}
              errors={errors}
            />
            <Checkbox name={name('planned')} label={ctx.t(`${T}activity_planned`)} checked={a.planned === 'on'} />
            <SelectField
              name={name('outcome')}
              label={ctx.t(`${T}activity_outcome`)}
              value={a.outcome}
              options={options(ctx, 'outcome', ACTIVITY_OUTCOMES)}
              errors={errors}
            />
            <div class="row-pair">
              <TextField
                name={name('heldOn')}
                type="date"
                width="medium"
                label={ctx.t(`${T}activity_held_on`)}
                value={a.heldOn}
                errors={errors}
              />
              <TextField
                name={name('participants')}
                label={ctx.t(`${T}activity_participants`)}
                value={a.participants}
                inputMode="numeric"
                width="short"
                errors={errors}
              />
            </div>
            <TextField
              name={name('place')}
              label={ctx.t(`${T}activity_place`)}
              value={a.place}
              maxLength={300}
              errors={errors}
            />
            <TextArea
              name={name('result')}
              label={ctx.t(`${T}activity_result`)}
              value={a.result}
              rows={3}
              maxLength={4000}
              errors={errors}
            />
            <RowButtons ctx={ctx} prefix="activities" index={i} count={form.activities.length} />
          </fieldset>
        );
      })}
      <AddButton ctx={ctx} prefix="activities" count={form.activities.length} />

      {heading('indicators')}
      {answer('indicators')}
      {report.indicators.length === 0 ? (
        <p class="muted">{ctx.t(`${T}no_indicators`)}</p>
      ) : (
        report.indicators.map((ind, i) => {
          const v = form.indicators[i];
          const label = localized(ctx, ind.label);
          return (
            <fieldset class="row-card" key={ind.code}>
              <legend>
                {label}
                {ind.unit && <span class="muted"> ({localized(ctx, ind.unit)})</span>}
              </legend>
              <input type="hidden" name={`indicators[${i}].code`} value={ind.code} />
              <div class="row-pair">
                <TextField
                  name={`indicators[${i}].plan`}
                  label={ctx.t(`${T}plan`)}
                  value={v?.plan}
                  inputMode="numeric"
                  width="short"
                  errors={errors}
                />
                <TextField
                  name={`indicators[${i}].fact`}
                  label={ctx.t(`${T}fact`)}
                  value={v?.fact}
                  inputMode="numeric"
                  width="short"
                  errors={errors}
                />
              </div>
              <TextField
                name={`indicators[${i}].comment`}
                label={ctx.t(`${T}indicator_comment`)}
                value={v?.comment}
                maxLength={1000}
                errors={errors}
              />
            </fieldset>
          );
        })
      )}

      {heading('participants')}
      {answer('participants')}
      <p class="hint">{ctx.t(`${T}participants_hint`)}</p>
      <h3>{ctx.t(`${T}people_title`)}</h3>
      {form.people.map((p, i) => {
        const name = (f: string) => `people[${i}].${f}`;
        return (
          <fieldset class="row-card" data-row="people" data-index={i} key={i}>
            <legend>{ctx.t(`${T}person_n`, { n: i + 1 })}</legend>
            <TextField
              name={name('iin')}
              label={ctx.t(`${T}iin`)}
              hint={ctx.t(`${T}iin_hint`)}
              value={p.iin}
              inputMode="numeric"
              width="medium"
              maxLength={14}
              errors={errors}
            />
            <TextField
              name={name('fullName')}
              label={ctx.t(`${T}full_name`)}
              value={p.fullName}
              maxLength={300}
              errors={errors}
            />
            <SelectField
              name={name('gender')}
              label={ctx.t(`${T}person_gender`)}
              value={p.gender}
              placeholder={ctx.t(`${T}from_iin`)}
              options={options(ctx, 'gender', ['male', 'female'])}
              errors={errors}
            />
            <RowButtons ctx={ctx} prefix="people" index={i} count={form.people.length} />
          </fieldset>
        );
      })}
      <AddButton ctx={ctx} prefix="people" count={form.people.length} />
      <h3>{ctx.t(`${T}counts_title`)}</h3>
      <p class="hint">{ctx.t(`${T}counts_hint`)}</p>
      {form.counts.map((c, i) => {
        const name = (f: string) => `counts[${i}].${f}`;
        return (
          <fieldset class="row-card" data-row="counts" data-index={i} key={i}>
            <legend>{ctx.t(`${T}count_n`, { n: i + 1 })}</legend>
            <TextField
              name={name('count')}
              label={ctx.t(`${T}count_people`)}
              value={c.count}
              inputMode="numeric"
              width="short"
              errors={errors}
            />
            <SelectField
              name={name('gender')}
              label={ctx.t(`${T}count_gender`)}
              value={c.gender}
              placeholder=""
              options={options(ctx, 'gender', COUNT_GENDERS)}
              errors={errors}
            />
            <SelectField
              name={name('ageBand')}
              label={ctx.t(`${T}count_age_band`)}
              value={c.ageBand}
              placeholder=""
              options={options(ctx, 'age_band', AGE_BANDS)}
              errors={errors}
            />
            <SelectField
              name={name('category')}
              label={ctx.t(`${T}count_category`)}
              value={c.category}
              placeholder=""
              options={options(ctx, 'category', REPORT_CATEGORIES)}
              errors={errors}
            />
            <RowButtons ctx={ctx} prefix="counts" index={i} count={form.counts.length} />
          </fieldset>
        );
      })}
      <AddButton ctx={ctx} prefix="counts" count={form.counts.length} />

      {heading('beneficiaries')}
      {answer('beneficiaries')}
      <div class="row-pair">
        <TextField
          name="beneficiaries.direct"
          label={ctx.t(`${T}direct`)}
          hint={ctx.t(`${T}direct_hint`)}
          value={form.direct}
          inputMode="numeric"
          width="short"
          errors={errors}
        />
        <TextField
          name="beneficiaries.indirect"
          label={ctx.t(`${T}indirect`)}
          hint={ctx.t(`${T}indirect_hint`)}
          value={form.indirect}
          inputMode="numeric"
          width="short"
          errors={errors}
        />
      </div>
      {review && sectionComment(review, 'attachments') && (
        <>
          {heading('attachments')}
          {answer('attachments')}
        </>
      )}
    </>
  );
}

function FinancialFields({
  ctx,
  report,
  form,
  errors,
  review,
}: {
  ctx: PageContext;
  report: ReportPageModel;
  form: ReportForm;
  errors: FormErrors;
  review: ReportReviewView | null;
}) {
  const fin = report.financial;
  const answer = (section: string) => (
    <AnswerField ctx={ctx} report={report} review={review} section={section} form={form} errors={errors} />
  );
  return (
    <>
      <h2 id={sectionAnchor('lines')} tabindex={-1}>
        {sectionName(ctx, report.kind, 'lines')}
      </h2>
      {answer('lines')}
      <p class="hint">{ctx.t(`${T}lines_hint`, { tolerance: fin?.tolerancePercent ?? 0 })}</p>
      {(fin?.rows ?? []).map((r, i) => {
        const l = form.lines[i] ?? { spent: '', justification: '' };
        return (
          <fieldset class={`row-card${r.needsJustification ? ' row-card--warning' : ''}`} key={r.line}>
            <legend>{r.item}</legend>
            <dl class="facts">
              <dt>{ctx.t(`${T}col_approved`)}</dt>
              <dd class="nowrap">{formatMoney(r.approved)}</dd>
              <dt>{ctx.t(`${T}col_spent_before`)}</dt>
              <dd class="nowrap">{formatMoney(r.spentBefore)}</dd>
              <dt>{ctx.t(`${T}col_cumulative`)}</dt>
              <dd class="nowrap">{formatMoney(r.cumulative)}</dd>
              <dt>{ctx.t(`${T}col_unspent`)}</dt>
              <dd class="nowrap">{formatMoney(r.unspent)}</dd>
            </dl>
            <input type="hidden" name={`lines[${i}].line`} value={String(r.line)} />
            <TextField
              name={`lines[${i}].spent`}
              label={ctx.t(`${T}spent_now`, { item: r.item })}
              hint={ctx.t(`${T}spent_hint`)}
              value={l.spent}
              inputMode="numeric"
              width="medium"
              errors={errors}
            />
            {r.needsJustification && (
              <p class="notice notice--warning">
                {ctx.t(`${T}needs_justification`, { tolerance: fin?.tolerancePercent ?? 0 })}
              </p>
            )}
            <TextArea
              name={`lines[${i}].justification`}
              label={ctx.t(`${T}justification`, { item: r.item })}
              hint={ctx.t(`${T}justification_hint`, { tolerance: fin?.tolerancePercent ?? 0 })}
              value={l.justification}
              rows={2}
              maxLength={4000}
              errors={errors}
            />
          </fieldset>
        );
      })}
      {['receipts', 'justifications', 'attachments'].some((s) => sectionComment(review, s)) && (
        <>
          <h2>{ctx.t(`${T}answers_title`)}</h2>
          {answer('justifications')}
          {answer('receipts')}
          {answer('attachments')}
        </>
      )}
    </>
  );
}

/** One upload form: kind (and budget line) first, then the file; upload-progress.js shows how much has gone. */
function UploadForm({
  ctx,
  report,
  kind,
  budgetLine,
  label,
  errors,
}: {
  ctx: PageContext;
  report: ReportPageModel;
  kind: ReportAttachmentKind;
  budgetLine?: number;
  label: string;
  errors: FormErrors;
}) {
  const name = budgetLine === undefined ? `file.${kind}` : `file.receipt.${budgetLine}`;
  const id = fieldId(name);
  const error = errors.for(name);
  return (
    <PostForm ctx={ctx} action={`${reportPath(report.id)}/attachments`} multipart class="upload-form">
      <input type="hidden" name="kind" value={kind} />
      {budgetLine !== undefined && <input type="hidden" name="budgetLine" value={String(budgetLine)} />}
      <div class={`field${error ? ' field--error' : ''}`}>
        <label for={id}>{label}</label>
        <p class="hint" id={`${id}-hint`}>
          {ctx.t(`${T}types.${kind}`)}
        </p>
        {error && (
          <p class="field-error" id={`${id}-error`}>
            {error}
          </p>
        )}
        <input
          type="file"
          id={id}
          name="file"
          accept={FILE_ACCEPT[kind]}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ')}
        />
      </div>
      <p
        class="upload-progress"
        hidden
        aria-live="polite"
        data-upload-progress
        data-text={ctx.t(`${T}uploading`, { percent: '¤' })}
      />
      <button type="submit" class="button button--secondary">
        {ctx.t(`${T}upload`)}
        <span class="visually-hidden"> {label}</span>
      </button>
    </PostForm>
  );
}

function RemoveFile({
  ctx,
  report,
  file,
}: {
  ctx: PageContext;
  report: ReportPageModel;
  file: { id: string; name: string };
}) {
  return (
    <PostForm ctx={ctx} action={`${reportPath(report.id)}/files/${file.id}/delete`} class="inline-form">
      {' '}
      <button type="submit" class="link-button">
        {ctx.t(`${T}remove_file`)}
        <span class="visually-hidden"> {file.name}</span>
      </button>
    </PostForm>
  );
}

/** The files of an editable report, kind by kind (receipts line by line), each with its upload form. */
function FilesSection({ ctx, report, errors }: { ctx: PageContext; report: ReportPageModel; errors: FormErrors }) {
  const remove = (f: { id: string; name: string }) => <RemoveFile ctx={ctx} report={report} file={f} />;
  const kinds = ATTACHMENTS_OF[report.kind].filter((k) => k !== 'receipt');
  return (
    <section aria-labelledby="files-title" class="report-files">
      <h2 id="files-title">{ctx.t(`${T}files_title`)}</h2>
      <p class="hint">{ctx.t(`${T}files_hint`, { fileMb: toMegabytes(DEFAULT_MAX_FILE_BYTES) })}</p>
      {report.kind === 'financial' && (
        <>
          <h3 id={sectionAnchor('receipts')} tabindex={-1}>
            {sectionName(ctx, report.kind, 'receipts')}
          </h3>
          {(report.financial?.rows ?? []).map((r) => (
            <div class="row-card" key={r.line}>
              <h4>{r.item}</h4>
              <FileList
                ctx={ctx}
                reportId={report.id}
                files={report.attachments.filter((a) => a.kind === 'receipt' && a.budgetLine === r.line)}
                remove={remove}
              />
              <UploadForm
                ctx={ctx}
                report={report}
                kind="receipt"
                budgetLine={r.line}
                label={ctx.t(`${T}receipt_for`, { item: r.item })}
                errors={errors}
              />
            </div>
          ))}
        </>
      )}
      {kinds.map((kind) => (
        <div class="row-card" key={kind} id={kind === 'participants_list' ? undefined : `files-${kind}`}>
          <h3>{ctx.t(`${T}kind.${kind}`)}</h3>
          <FileList
            ctx={ctx}
            reportId={report.id}
            files={report.attachments.filter((a) => a.kind === kind)}
            remove={remove}
          />
          <UploadForm ctx={ctx} report={report} kind={kind} label={ctx.t(`${T}upload_kind.${kind}`)} errors={errors} />
        </div>
      ))}
    </section>
  );
}

/** What is saved now beside what was typed, per section: nothing is overwritten without the person. */
function ConflictPanel({
  ctx,
  report,
  saved,
  typed,
}: {
  ctx: PageContext;
  report: ReportPageModel;
  saved: ReportContent;
  typed: ReportContent;
}) {
  return (
    <div class="notice notice--warning" role="alert" id="report-conflict">
      <h2>{ctx.t(`${T}conflict_title`)}</h2>
      <p>{ctx.t(`${T}conflict_text`)}</p>
      <div class="table-scroll" role="region" aria-label={ctx.t(`${T}conflict_title`)} tabindex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{ctx.t(`${T}col_section`)}</th>
              <th scope="col">{ctx.t(`${T}conflict_saved`)}</th>
              <th scope="col">{ctx.t(`${T}conflict_typed`)}</th>
            </tr>
          </thead>
          <tbody>
            {digestSections(report).map((section) => (
              <tr key={section}>
                <th scope="row">{sectionName(ctx, report.kind, section)}</th>
                <td class="message-text">{digest(ctx, report, section, saved) || '—'}</td>
                <td class="message-text">{digest(ctx, report, section, typed) || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function digestSections(report: ReportPageModel): string[] {
  return report.kind === 'financial'
    ? ['lines']
    : ['summary', 'activities', 'indicators', 'participants', 'beneficiaries'];
}

/** A section's content in a line or two, to compare two versions of it. */
function digest(ctx: PageContext, report: ReportPageModel, section: string, c: ReportContent): string {
  switch (section) {
    case 'summary':
      return [c.summary, c.deviations].filter(Boolean).join('\n');
    case 'activities':
      return (c.activities ?? []).map((a) => a.title).join('\n');
    case 'indicators':
      return (c.indicators ?? []).map((v) => `${v.code}: ${v.plan} / ${v.fact}`).join('\n');
    case 'participants':
      return Array.isArray(c.participants) ? ctx.t(`${T}rows_count`, { count: c.participants.length }) : '';
    case 'beneficiaries':
      return c.beneficiaries ? `${c.beneficiaries.direct} / ${c.beneficiaries.indirect}` : '';
    case 'lines':
      return (c.lines ?? [])
        .map((l) => {
          const item = report.financial?.rows.find((r) => r.line === l.line)?.item ?? String(l.line + 1);
          const spent = typeof l.spent === 'number' ? formatMoney(l.spent) : String(l.spent);
          return `${item}: ${spent}${l.justification ? ` — ${l.justification}` : ''}`;
        })
        .join('\n');
    default:
      return '';
  }
}

/** The error summary's names of the form's fields. */
function formLabels(ctx: PageContext, report: ReportPageModel, form: ReportForm): Record<string, string> {
  const labels: Record<string, string> = {
    summary: ctx.t(`${T}summary`),
    deviations: ctx.t(`${T}deviations`),
    'beneficiaries.direct': ctx.t(`${T}direct`),
    'beneficiaries.indirect': ctx.t(`${T}indirect`),
  };
  form.activities.forEach((_a, i) => {
    const n = ctx.t(`${T}activity_n`, { n: i + 1 });
    labels[`activities[${i}].title`] = `${n}, ${ctx.t(`${T}activity_title`)}`;
    labels[`activities[${i}].participants`] = `${n}, ${ctx.t(`${T}activity_participants`)}`;
    labels[`activities[${i}].heldOn`] = `${n}, ${ctx.t(`${T}activity_held_on`)}`;
    labels[`activities[${i}].outcome`] = `${n}, ${ctx.t(`${T}activity_outcome`)}`;
  });
  report.indicators.forEach((ind, i) => {
    labels[`indicators[${i}].plan`] = `${localized(ctx, ind.label)}, ${ctx.t(`${T}plan`)}`;
    labels[`indicators[${i}].fact`] = `${localized(ctx, ind.label)}, ${ctx.t(`${T}fact`)}`;
  });
  form.people.forEach((_p, i) => {
    const n = ctx.t(`${T}person_n`, { n: i + 1 });
    labels[`people[${i}].iin`] = `${n}, ${ctx.t(`${T}iin`)}`;
    labels[`people[${i}].fullName`] = `${n}, ${ctx.t(`${T}full_name`)}`;
    labels[`people[${i}].gender`] = `${n}, ${ctx.t(`${T}person_gender`)}`;
  });
  form.counts.forEach((_c, i) => {
    const n = ctx.t(`${T}count_n`, { n: i + 1 });
    labels[`counts[${i}].count`] = `${n}, ${ctx.t(`${T}count_people`)}`;
    labels[`counts[${i}].gender`] = `${n}, ${ctx.t(`${T}count_gender`)}`;
    labels[`counts[${i}].ageBand`] = `${n}, ${ctx.t(`${T}count_age_band`)}`;
    labels[`counts[${i}].category`] = `${n}, ${ctx.t(`${T}count_category`)}`;
  });
  (report.financial?.rows ?? []).forEach((r, i) => {
    labels[`lines[${i}].spent`] = ctx.t(`${T}spent_now`, { item: r.item });
    labels[`lines[${i}].justification`] = ctx.t(`${T}justification`, { item: r.item });
    labels[`file.receipt.${r.line}`] = ctx.t(`${T}receipt_for`, { item: r.item });
  });
  for (const kind of ['photo', 'participants_list', 'document'] as const) {
    labels[`file.${kind}`] = ctx.t(`${T}upload_kind.${kind}`);
  }
  for (const section of [...sectionsOf(report.kind), GENERAL]) {
    labels[`answers.${section}`] = ctx.t(`${T}your_answer`, { section: sectionName(ctx, report.kind, section) });
  }
  return labels;
}

function VersionsList({ ctx, report }: { ctx: PageContext; report: ReportPageModel }) {
  if (report.versions.length === 0) return null;
  const versions = [...report.versions].sort((a, b) => b.number - a.number);
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">{ctx.t(`${T}versions_title`)}</h2>
      <ul class="plain-list">
        {versions.map((v) => {
          const review = report.reviews.find((r) => r.version === v.number);
          return (
            <li key={v.number}>
              <a href={`${reportPath(report.id)}/versions/${v.number}`}>{ctx.t(`${T}version_n`, { n: v.number })}</a>{' '}
              <span class="muted">
                {ctx.t(`${T}version_submitted`, { at: formatDateTime(v.submittedAt, report.timeZone, ctx.locale) })}
                {v.late ? ` · ${ctx.t(`${T}submitted_late`)}` : ''}
                {review
                  ? ` · ${ctx.t(`${T}review_${review.decision}`, { at: formatDateTime(review.reviewedAt, report.timeZone, ctx.locale) })}`
                  : ''}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function BackLinks({ ctx, report }: { ctx: PageContext; report: ReportPageModel }) {
  return (
    <ul class="links">
      <li>
        <a href={contractReportsPath(report.contractId)}>{ctx.t(`${T}back_to_reports`)}</a>
      </li>
      {report.role === 'organizer' && (
        <li>
          <a href={competitionReportsPath(report.competitionId)}>{ctx.t(`${T}back_to_competition_reports`)}</a>
        </li>
      )}
    </ul>
  );
}

/** The organizer's comment fields beside a section, with what was said and answered before. */
function ReviewSide({
  ctx,
  report,
  section,
  previous,
  answers,
  typed,
  errors,
}: {
  ctx: PageContext;
  report: ReportPageModel;
  section: string;
  previous: ReportReviewView | null;
  answers: Record<string, string>;
  typed: Record<string, string>;
  errors: FormErrors;
}) {
  const before = sectionComment(previous, section);
  return (
    <>
      {before && <CommentQuote label={ctx.t(`${T}your_earlier_comment`, { n: previous!.version })} text={before} />}
      {answers[section] && <CommentQuote label={ctx.t(`${T}grantee_answer`)} text={answers[section]} />}
      <TextArea
        name={`sections.${section}`}
        label={ctx.t(`${T}comment_on`, { section: sectionName(ctx, report.kind, section) })}
        value={typed[section] ?? ''}
        rows={2}
        maxLength={4000}
        errors={errors}
      />
    </>
  );
}

/** The organizer's due-date form: move the due date, or allow a late first submission until a day, with a reason. */
function DueForm({
  ctx,
  report,
  errors,
  typed,
}: {
  ctx: PageContext;
  report: ReportPageModel;
  errors: FormErrors;
  typed?: { dueOn: string; lateUntil: string; reason: string };
}) {
  const values = typed ?? { dueOn: report.dueOn, lateUntil: report.lateUntil ?? '', reason: '' };
  return (
    <details open={!!typed}>
      <summary>{ctx.t(`${T}due_change`)}</summary>
      <PostForm ctx={ctx} action={`${reportPath(report.id)}/due`}>
        <input type="hidden" name="version" value={String(report.version)} />
        <TextField
          name="dueOn"
          type="date"
          width="medium"
          label={ctx.t(`${T}due_on`)}
          value={values.dueOn}
          errors={errors}
        />
        <TextField
          name="lateUntil"
          type="date"
          width="medium"
          label={ctx.t(`${T}late_until_label`)}
          hint={ctx.t(`${T}late_until_hint`)}
          value={values.lateUntil}
          errors={errors}
        />
        <TextArea
          name="reason"
          label={ctx.t(`${T}due_reason`)}
          value={values.reason}
          rows={2}
          maxLength={1000}
          errors={errors}
        />
        <SubmitButton secondary>{ctx.t(`${T}due_save`)}</SubmitButton>
      </PostForm>
    </details>
  );
}

export interface ReportPageProps {
  ctx: PageContext;
  report: ReportPageModel;
  /** The grantee's form as typed (a refused save) or as saved. */
  form: ReportForm;
  errors?: FormErrors;
  notice?: string | null;
  /** Rendered from a posted form (a row added or removed, a refused save). */
  posted?: boolean;
  /** A save over a newer one (409): what is saved now, beside what was typed. */
  conflict?: { saved: ReportContent; typed: ReportContent };
  /** The organizer's review as typed (a refused return). */
  review?: { comment: string; sections: Record<string, string> };
  due?: { dueOn: string; lateUntil: string; reason: string };
}

/** `/reports/:id`: the grantee's form (draft, returned), or the report to read; the organizer's review. */
export function ReportPage(props: ReportPageProps) {
  const { ctx, report, form } = props;
  const errors = props.errors ?? NO_ERRORS;
  const title = reportName(ctx, report);
  const editable = report.role === 'grantee' && isEditable(report.status);
  const returned = lastReturn(report);
  const latest = report.latest;
  const reviewing = report.role === 'organizer' && isAwaitingReview(report.status) && latest;
  return (
    <Layout
      ctx={ctx}
      title={title}
      failed={errors.any || !!props.conflict}
      wide={report.role === 'organizer'}
      scripts={editable ? ['autosave.js', 'upload-progress.js'] : undefined}
    >
      <ErrorSummary
        ctx={ctx}
        errors={errors}
        labels={{
          ...formLabels(ctx, report, form),
          comment: ctx.t(`${T}review_comment`),
          dueOn: ctx.t(`${T}due_on`),
          lateUntil: ctx.t(`${T}late_until_label`),
          reason: ctx.t(`${T}due_reason`),
        }}
      />
      <Notice text={props.notice} />
      <ReportHeading ctx={ctx} report={report} title={title} />
      {report.role === 'grantee' && <p>{ctx.t(`${T}next.grantee.${report.status}`)}</p>}
      {report.role === 'grantee' && report.overdue && editable && (
        <Notice kind="warning" text={ctx.t(`${T}overdue_note`, { date: formatDate(report.dueOn, ctx.locale) })} />
      )}
      {editable ? (
        <>
          {props.conflict && (
            <ConflictPanel ctx={ctx} report={report} saved={props.conflict.saved} typed={props.conflict.typed} />
          )}
          {report.kind === 'financial' && report.financial && (
            <FinancialTable
              ctx={ctx}
              rows={report.financial.rows}
              totals={report.financial.totals}
              caption={ctx.t(`${T}saved_table`)}
            />
          )}
          <PostForm ctx={ctx} action={reportPath(report.id)} autosave={reportPath(report.id)} id="report-form">
            <DefaultSaveButton ctx={ctx} />
            <input type="hidden" name="version" value={String(report.version)} />
            <AnswerField ctx={ctx} report={report} review={returned} section={GENERAL} form={form} errors={errors} />
            {report.kind === 'programmatic' ? (
              <ProgrammaticFields ctx={ctx} report={report} form={form} errors={errors} review={returned} />
            ) : (
              <FinancialFields ctx={ctx} report={report} form={form} errors={errors} review={returned} />
            )}
            <div class="step-buttons">
              <SubmitButton name="action" value="check">
                {ctx.t(`${T}save_check`)}
              </SubmitButton>
              <SubmitButton name="action" value="save" secondary>
                {ctx.t(props.conflict ? `${T}save_anyway` : 'pages.common.save')}
              </SubmitButton>
            </div>
            <AutosaveStatus ctx={ctx} posted={props.posted} />
          </PostForm>
          <FilesSection ctx={ctx} report={report} errors={errors} />
          <p>
            <a class="button" href={`${reportPath(report.id)}/check`}>
              {ctx.t(`${T}go_check`)}
            </a>
          </p>
        </>
      ) : reviewing ? (
        <ReviewForm ctx={ctx} report={report} version={latest} errors={errors} typed={props.review} />
      ) : latest ? (
        <>
          <h2>{ctx.t(`${T}version_shown`, { n: latest.number })}</h2>
          <ReportSections ctx={ctx} report={readableVersion(report, latest)} />
        </>
      ) : (
        <p>{ctx.t(`${T}not_submitted_yet`)}</p>
      )}
      {report.role === 'organizer' && report.status !== 'accepted' && (
        <DueForm ctx={ctx} report={report} errors={errors} typed={props.due} />
      )}
      <VersionsList ctx={ctx} report={report} />
      <BackLinks ctx={ctx} report={report} />
    </Layout>
  );
}

/** The submitted version beside the organizer's comment per section; accept, or return with comments. */
function ReviewForm({
  ctx,
  report,
  version,
  errors,
  typed,
}: {
  ctx: PageContext;
  report: ReportPageModel;
  version: ReportVersionView;
  errors: FormErrors;
  typed?: { comment: string; sections: Record<string, string> };
}) {
  const previous = report.reviews.find((r) => r.version === version.number - 1) ?? null;
  const answers = Object.fromEntries((version.snapshot.content.answers ?? []).map((a) => [a.section, a.answer]));
  return (
    <PostForm ctx={ctx} action={`${reportPath(report.id)}/review`}>
      <h2>{ctx.t(`${T}review_title`, { n: version.number })}</h2>
      <p class="hint">{ctx.t(`${T}review_hint`)}</p>
      <ReportSections
        ctx={ctx}
        report={readableVersion(report, version)}
        beside={(section) => (
          <ReviewSide
            ctx={ctx}
            report={report}
            section={section}
            previous={previous}
            answers={answers}
            typed={typed?.sections ?? {}}
            errors={errors}
          />
        )}
      />
      <TextArea
        name="comment"
        label={ctx.t(`${T}review_comment`)}
        hint={ctx.t(`${T}review_comment_hint`)}
        value={typed?.comment ?? ''}
        rows={3}
        maxLength={4000}
        errors={errors}
      />
      <div class="step-buttons">
        <SubmitButton name="decision" value="accept">
          {ctx.t(`${T}accept`)}
        </SubmitButton>
        <button type="submit" class="button button--warning" name="decision" value="return">
          {ctx.t(`${T}return`)}
        </button>
      </div>
    </PostForm>
  );
}

/** `/reports/:id/check`: what the report holds, the problems a submission would meet, and the submit button. */
export function CheckPage({
  ctx,
  report,
  problems,
  failed,
}: {
  ctx: PageContext;
  report: ReportPageModel;
  /** Each problem with the form's field it is at (a link to it on the report's page). */
  problems: FormErrors;
  failed?: boolean;
}) {
  const title = ctx.t(`${T}check_title`, { name: reportName(ctx, report) });
  const editable = report.role === 'grantee' && isEditable(report.status);
  const readable: ReadableReport = {
    id: report.id,
    kind: report.kind,
    content: { ...report.content, beneficiaries: report.beneficiaries },
    financial: report.financial,
    attachments: report.attachments,
    indicators: report.indicators,
    participants: report.participants as ParticipantRow[],
  };
  const labels = formLabels(ctx, report, {
    summary: '',
    deviations: '',
    activities: report.content.activities?.map(() => ({}) as never) ?? [],
    indicators: [],
    direct: '',
    indirect: '',
    people: [],
    counts: [],
    lines: [],
    answers: {},
  });
  return (
    <Layout ctx={ctx} title={title} failed={failed}>
      {problems.any && (
        <div class="error-summary" role="alert" aria-labelledby="check-problems" tabindex={-1} data-error-summary>
          <h2 id="check-problems">{ctx.t(`${T}check_problems`, { count: problems.items.length })}</h2>
          <ul>
            {problems.items.map((p, i) => (
              <li key={i}>
                {p.field ? (
                  <a href={`${reportPath(report.id)}#${p.field.startsWith('section-') ? p.field : fieldId(p.field)}`}>
                    {labels[p.field] ? `${labels[p.field]}: ${p.message}` : p.message}
                  </a>
                ) : (
                  p.message
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ReportHeading ctx={ctx} report={report} title={title} />
      {!editable && <Notice kind="info" text={ctx.t(`${T}next.grantee.${report.status}`)} />}
      {editable && !problems.any && <p>{ctx.t(`${T}check_intro`)}</p>}
      <ReportSections ctx={ctx} report={readable} />
      {editable && (
        <>
          <p>
            <a href={reportPath(report.id)}>{ctx.t(`${T}back_to_form`)}</a>
          </p>
          <PostForm ctx={ctx} action={`${reportPath(report.id)}/submit`}>
            <input type="hidden" name="version" value={String(report.version)} />
            <p class="hint">{ctx.t(`${T}submit_hint`)}</p>
            <SubmitButton>{ctx.t(report.status === 'returned' ? `${T}resubmit` : `${T}submit`)}</SubmitButton>
          </PostForm>
        </>
      )}
    </Layout>
  );
}

/** `/reports/:id/versions/:n`: a version as submitted, with the review of it beside each section. */
export function VersionPage({
  ctx,
  report,
  version,
}: {
  ctx: PageContext;
  report: ReportPageModel;
  version: ReportVersionView;
}) {
  const title = ctx.t(`${T}version_title`, { name: reportName(ctx, report), n: version.number });
  const review = version.review;
  const previous = report.reviews.find((r) => r.version === version.number - 1) ?? null;
  const answers = Object.fromEntries((version.snapshot.content.answers ?? []).map((a) => [a.section, a.answer]));
  const side = (section: string): ComponentChildren => {
    const before = sectionComment(previous, section);
    const after = sectionComment(review, section);
    if (!before && !answers[section] && !after) return null;
    return (
      <Fragment>
        {before && <CommentQuote label={ctx.t(`${T}comment_of`, { n: previous!.version })} text={before} />}
        {answers[section] && <CommentQuote label={ctx.t(`${T}grantee_answer`)} text={answers[section]} />}
        {after && <CommentQuote label={ctx.t(`${T}comment_of`, { n: version.number })} text={after} />}
      </Fragment>
    );
  };
  return (
    <Layout ctx={ctx} title={title} wide>
      <p class="caption">
        {report.competitionTitle[ctx.locale]} · {ctx.t(`${T}contract_line`, { number: report.contractNumber })}
      </p>
      <h1>{title}</h1>
      <p>
        {ctx.t(`${T}version_submitted`, { at: formatDateTime(version.submittedAt, report.timeZone, ctx.locale) })}
        {version.late ? ` · ${ctx.t(`${T}submitted_late`)}` : ''}
      </p>
      {review && (
        <div class={`notice ${review.decision === 'accepted' ? 'notice--success' : 'notice--warning'}`}>
          <p>
            {ctx.t(`${T}review_${review.decision}`, {
              at: formatDateTime(review.reviewedAt, report.timeZone, ctx.locale),
            })}
          </p>
          {review.comment && <p class="message-text">{review.comment}</p>}
        </div>
      )}
      <ReportSections ctx={ctx} report={readableVersion(report, version)} beside={side} />
      <p>
        <a href={reportPath(report.id)}>{ctx.t(`${T}back_to_report`)}</a>
      </p>
    </Layout>
  );
}
