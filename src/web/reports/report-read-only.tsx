import type { ComponentChildren } from 'preact';
import type { ReportIndicator } from '../../modules/competitions/domain/rulebook.types';
import type { ParticipantRow } from '../../modules/final-report/domain/participants';
import type { FinancialRow, FinancialTotals } from '../../modules/reports/domain/financial';
import type { ReportAttachmentKind, ReportContent } from '../../modules/reports/domain/report-content';
import { REPORT_SECTIONS, type ReportKind } from '../../modules/reports/domain/report-status';
import { fileSize, localized } from '../applicant/application-read-only';
import { formatDate, formatMoney } from '../core/format';
import type { PageContext } from '../core/page-context';
import { reportPath } from './report-model';

/** A file of a report as listed (the working copy's, or a version's). */
export interface ReportFile {
  id: string;
  kind: ReportAttachmentKind;
  budgetLine: number | null;
  name: string;
  size: number;
}

export const T = 'pages.reports.';

/** A report's words for one of its sections (a heading, a label in the summary). */
export function sectionName(ctx: PageContext, kind: ReportKind, section: string): string {
  return ctx.t(`${T}section.${kind}.${section}`);
}

export function sectionsOf(kind: ReportKind): readonly string[] {
  return REPORT_SECTIONS[kind];
}

/** The anchor of a section on the report's page (the check page and the comments link to it). */
export const sectionAnchor = (section: string) => `section-${section}`;

export function fileHref(reportId: string, file: { id: string }): string {
  return `${reportPath(reportId)}/files/${file.id}`;
}

export function FileList({
  ctx,
  reportId,
  files,
  remove,
}: {
  ctx: PageContext;
  reportId: string;
  files: ReportFile[];
  /** Each file gets a "remove" button (a draft or a returned report, its grantee). */
  remove?: (file: ReportFile) => ComponentChildren;
}) {
  if (files.length === 0) return <p class="muted">{ctx.t(`${T}no_files`)}</p>;
  return (
    <ul class="file-list">
      {files.map((f) => (
        <li key={f.id}>
          <a href={fileHref(reportId, f)}>{f.name}</a> <span class="muted">({fileSize(ctx, f.size)})</span>
          {remove?.(f)}
        </li>
      ))}
    </ul>
  );
}

/** The financial table as the server computed it: approved, spent before, this period, cumulative, unspent. */
export function FinancialTable({
  ctx,
  rows,
  totals,
  caption,
}: {
  ctx: PageContext;
  rows: FinancialRow[];
  totals: FinancialTotals;
  caption: string;
}) {
  return (
    <div class="table-scroll" role="region" aria-label={caption} tabindex={0}>
      <table class="report-money">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t(`${T}col_item`)}</th>
            <th scope="col" class="num">
              {ctx.t(`${T}col_approved`)}
            </th>
            <th scope="col" class="num">
              {ctx.t(`${T}col_spent_before`)}
            </th>
            <th scope="col" class="num">
              {ctx.t(`${T}col_spent_now`)}
            </th>
            <th scope="col" class="num">
              {ctx.t(`${T}col_cumulative`)}
            </th>
            <th scope="col" class="num">
              {ctx.t(`${T}col_unspent`)}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.line} class={r.overspent ? 'row--warning' : undefined}>
              <th scope="row">
                {r.item}
                {r.overspent && (
                  <>
                    {' '}
                    <strong class="tag tag--red">{ctx.t(`${T}overspent`)}</strong>
                  </>
                )}
              </th>
              <td class="num nowrap">{formatMoney(r.approved)}</td>
              <td class="num nowrap">{formatMoney(r.spentBefore)}</td>
              <td class="num nowrap">{formatMoney(r.spentThisPeriod)}</td>
              <td class="num nowrap">{formatMoney(r.cumulative)}</td>
              <td class="num nowrap">{formatMoney(r.unspent)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{ctx.t(`${T}total`)}</th>
            <td class="num nowrap">
              <strong>{formatMoney(totals.approved)}</strong>
            </td>
            <td class="num nowrap">
              <strong>{formatMoney(totals.spentBefore)}</strong>
            </td>
            <td class="num nowrap">
              <strong>{formatMoney(totals.spentThisPeriod)}</strong>
            </td>
            <td class="num nowrap">
              <strong>{formatMoney(totals.cumulative)}</strong>
            </td>
            <td class="num nowrap">
              <strong>{formatMoney(totals.unspent)}</strong>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function isParticipantRows(value: unknown): value is ParticipantRow[] {
  return Array.isArray(value) && value.every((r) => r && typeof r === 'object' && 'kind' in r);
}

export function ParticipantsTable({ ctx, rows }: { ctx: PageContext; rows: ParticipantRow[] }) {
  if (rows.length === 0) return <p class="muted">{ctx.t(`${T}no_participants`)}</p>;
  const people = rows.filter((r) => r.kind === 'person');
  const counts = rows.filter((r) => r.kind === 'count');
  return (
    <>
      {people.length > 0 && (
        <ol class="plain-list">
          {people.map((p, i) => (
            <li key={i}>
              {p.fullName || ctx.t(`${T}no_name`)}
              {p.iin && <span class="mono"> {p.iin}</span>}
              {p.gender && <span class="muted"> · {ctx.t(`${T}gender.${p.gender}`)}</span>}
              {p.birthDate && <span class="muted"> · {formatDate(p.birthDate, ctx.locale)}</span>}
            </li>
          ))}
        </ol>
      )}
      {counts.length > 0 && (
        <ul class="plain-list">
          {counts.map((c, i) => (
            <li key={i}>
              {ctx.t(`${T}count_row`, {
                count: c.count,
                gender: ctx.t(`${T}gender.${c.gender}`),
                band: ctx.t(`${T}age_band.${c.ageBand}`),
                category: ctx.t(`${T}category.${c.category}`),
              })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** What a report says, to read: a submitted version, or an accepted report. */
export interface ReadableReport {
  id: string;
  kind: ReportKind;
  content: ReportContent;
  financial?: { rows: FinancialRow[]; totals: FinancialTotals; tolerancePercent: number } | null;
  attachments: ReportFile[];
  indicators: ReportIndicator[];
  participants?: ParticipantRow[];
}

function text(ctx: PageContext, value: string | null | undefined) {
  return value && value.trim() ? <p class="message-text">{value}</p> : <p class="muted">{ctx.t(`${T}not_given`)}</p>;
}

/** One section's content, read-only. */
export function SectionContent({
  ctx,
  report,
  section,
}: {
  ctx: PageContext;
  report: ReadableReport;
  section: string;
}) {
  const c = report.content;
  const filesOf = (kinds: ReportAttachmentKind[]) => report.attachments.filter((a) => kinds.includes(a.kind));
  switch (section) {
    case 'summary':
      return (
        <>
          {text(ctx, c.summary)}
          <h4>{ctx.t(`${T}deviations`)}</h4>
          {text(ctx, c.deviations)}
        </>
      );
    case 'activities':
      return (c.activities ?? []).length === 0 ? (
        <p class="muted">{ctx.t(`${T}not_given`)}</p>
      ) : (
        <ol>
          {(c.activities ?? []).map((a, i) => (
            <li key={i}>
              <strong>{a.title}</strong>{' '}
              <span class="muted">
                ({ctx.t(`${T}${a.planned ? 'planned' : 'unplanned'}`)}, {ctx.t(`${T}outcome.${a.outcome}`)})
              </span>
              {(a.heldOn || a.place || a.participants != null) && (
                <div class="muted">
                  {[
                    a.heldOn ? formatDate(a.heldOn, ctx.locale) : null,
                    a.place,
                    a.participants != null ? ctx.t(`${T}activity_people`, { count: a.participants }) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
              )}
              {a.result && <div class="message-text">{a.result}</div>}
            </li>
          ))}
        </ol>
      );
    case 'indicators': {
      const values = c.indicators ?? [];
      if (report.indicators.length === 0 && values.length === 0)
        return <p class="muted">{ctx.t(`${T}no_indicators`)}</p>;
      return (
        <div class="table-scroll" role="region" aria-label={sectionName(ctx, report.kind, section)} tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t(`${T}col_indicator`)}</th>
                <th scope="col" class="num">
                  {ctx.t(`${T}col_plan`)}
                </th>
                <th scope="col" class="num">
                  {ctx.t(`${T}col_fact`)}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.indicators.map((ind) => {
                const v = values.find((x) => x.code === ind.code);
                return (
                  <tr key={ind.code}>
                    <th scope="row">
                      {localized(ctx, ind.label)}
                      {ind.unit && <span class="muted"> ({localized(ctx, ind.unit)})</span>}
                      {v?.comment && <div class="muted">{v.comment}</div>}
                    </th>
                    <td class="num">{v ? v.plan : '—'}</td>
                    <td class="num">{v ? v.fact : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      );
    }
    case 'participants': {
      const rows = report.participants ?? (isParticipantRows(c.participants) ? c.participants : []);
      return (
        <>
          <ParticipantsTable ctx={ctx} rows={rows} />
          <FileList ctx={ctx} reportId={report.id} files={filesOf(['participants_list'])} />
        </>
      );
    }
    case 'beneficiaries':
      return (
        <dl class="summary-list">
          <dt>{ctx.t(`${T}direct`)}</dt>
          <dd>{c.beneficiaries?.direct ?? '—'}</dd>
          <dt>{ctx.t(`${T}indirect`)}</dt>
          <dd>{c.beneficiaries?.indirect ?? '—'}</dd>
        </dl>
      );
    case 'lines':
      return report.financial ? (
        <FinancialTable
          ctx={ctx}
          rows={report.financial.rows}
          totals={report.financial.totals}
          caption={sectionName(ctx, report.kind, section)}
        />
      ) : (
        <p class="muted">{ctx.t(`${T}not_given`)}</p>
      );
    case 'receipts':
      return (
        <ul class="plain-list">
          {(report.financial?.rows ?? []).map((r) => (
            <li key={r.line}>
              <strong>{r.item}</strong>
              <FileList
                ctx={ctx}
                reportId={report.id}
                files={report.attachments.filter((a) => a.kind === 'receipt' && a.budgetLine === r.line)}
              />
            </li>
          ))}
        </ul>
      );
    case 'justifications': {
      const justified = (report.financial?.rows ?? []).filter((r) => r.justification || r.overspent);
      return justified.length === 0 ? (
        <p class="muted">{ctx.t(`${T}no_justifications`)}</p>
      ) : (
        <dl class="summary-list">
          {justified.map((r) => (
            <>
              <dt>{r.item}</dt>
              <dd>{r.justification ?? <span class="muted">{ctx.t(`${T}not_given`)}</span>}</dd>
            </>
          ))}
        </dl>
      );
    }
    case 'attachments':
      return (
        <FileList
          ctx={ctx}
          reportId={report.id}
          files={filesOf(report.kind === 'programmatic' ? ['photo', 'document'] : ['document'])}
        />
      );
    default:
      return null;
  }
}

/**
 * A report to read, section by section; `beside` puts something next to each section (the
 * organizer's comment fields, or the comments and answers of a version), side by side on a
 * wide screen and under it on a phone.
 */
export function ReportSections({
  ctx,
  report,
  beside,
}: {
  ctx: PageContext;
  report: ReadableReport;
  beside?: (section: string) => ComponentChildren;
}) {
  return (
    <>
      {sectionsOf(report.kind).map((section) => {
        const side = beside?.(section);
        return (
          <section
            key={section}
            class={side ? 'report-section report-section--beside' : 'report-section'}
            id={sectionAnchor(section)}
            aria-labelledby={`${sectionAnchor(section)}-title`}
          >
            <div class="report-section__body">
              <h3 id={`${sectionAnchor(section)}-title`}>{sectionName(ctx, report.kind, section)}</h3>
              <SectionContent ctx={ctx} report={report} section={section} />
            </div>
            {side && <div class="report-section__side">{side}</div>}
          </section>
        );
      })}
    </>
  );
}
