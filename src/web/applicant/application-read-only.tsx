import { Fragment } from 'preact';
import type { ApplicationView } from '../../modules/applications/applications.service';
import { DIRECTION_LABELS, isDirectionCode } from '../../modules/competitions/domain/directions.constants';
import type { FormField, Rulebook } from '../../modules/competitions/domain/rulebook.types';
import { VIEWABLE_KINDS } from '../../modules/files/content-disposition.util';
import { formatDate, formatMoney } from '../core/format';
import type { PageContext } from '../core/page-context';

/**
 * An application as its owner reads it back, without a form: the project, the team, the
 * budget and the documents. The check-and-submit page and the application's own page show it.
 */

const T = 'pages.application_submit.';

/** `12 КБ`, `1,5 МБ`: a file's size as people read it. */
export function fileSize(ctx: PageContext, bytes: number): string {
  if (bytes < 1024 * 1024) return ctx.t(`${T}size_kb`, { n: bytes === 0 ? 0 : Math.max(1, Math.round(bytes / 1024)) });
  return ctx.t(`${T}size_mb`, { n: Math.round((bytes / (1024 * 1024)) * 10) / 10 });
}

/** A file kind as its people know it: PDF, JPG, PNG, DOCX, XLSX. */
export function fileKindName(kind: string): string {
  return kind.toUpperCase();
}

/** A rulebook text in the page's language. */
export function localized(ctx: PageContext, text: { kk: string; ru: string } | undefined): string {
  return text ? text[ctx.locale] : '';
}

export function directionLabel(ctx: PageContext, code: string | null): string | null {
  if (!code) return null;
  return isDirectionCode(code) ? DIRECTION_LABELS[code][ctx.locale] : code;
}

export function nominationLabel(ctx: PageContext, rulebook: Rulebook, code: string | null): string | null {
  if (!code) return null;
  return localized(ctx, rulebook.nominations.find((n) => n.code === code)?.label) || code;
}

/** An answer to one of the rulebook's own questions, as text (options by their labels). */
export function answerText(ctx: PageContext, field: FormField, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const option = (v: unknown) => localized(ctx, field.options?.find((o) => o.value === v)?.label) || String(v);
  if (field.type === 'boolean') return ctx.t(value ? 'pages.common.yes' : 'pages.common.no');
  if (field.type === 'select') return option(value);
  if (field.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return formatDate(value, ctx.locale);
  }
  if (field.type === 'multiselect' && Array.isArray(value)) return value.length ? value.map(option).join(', ') : null;
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

function Value({ ctx, text }: { ctx: PageContext; text: string | null | undefined }) {
  return text ? <dd>{text}</dd> : <dd class="muted">{ctx.t(`${T}summary.empty`)}</dd>;
}

export function ApplicationReadOnly({
  ctx,
  application,
  rulebook,
  territoryName,
  headingLevel = 2,
}: {
  ctx: PageContext;
  application: ApplicationView;
  rulebook: Rulebook;
  /** The territory's name in the page's language (the code when unknown). */
  territoryName: string | null;
  headingLevel?: 2 | 3;
}) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const answers = application.answers ?? {};
  return (
    <div class="application-read-only">
      <H>{ctx.t(`${T}summary.project`)}</H>
      <dl class="summary-list">
        <dt>{ctx.t(`${T}summary.title`)}</dt>
        <Value ctx={ctx} text={application.title} />
        <dt>{ctx.t(`${T}summary.territory`)}</dt>
        <Value ctx={ctx} text={territoryName} />
        {rulebook.directions.length > 0 && (
          <>
            <dt>{ctx.t(`${T}summary.direction`)}</dt>
            <Value ctx={ctx} text={directionLabel(ctx, application.direction)} />
          </>
        )}
        {rulebook.nominations.length > 0 && (
          <>
            <dt>{ctx.t(`${T}summary.nomination`)}</dt>
            <Value ctx={ctx} text={nominationLabel(ctx, rulebook, application.nomination)} />
          </>
        )}
        {rulebook.fields.map((field) => (
          <Fragment key={field.key}>
            <dt>{localized(ctx, field.label)}</dt>
            <Value ctx={ctx} text={answerText(ctx, field, answers[field.key])} />
          </Fragment>
        ))}
      </dl>

      {rulebook.team && (
        <>
          <H>{ctx.t(`${T}summary.team`)}</H>
          {application.team.length === 0 ? (
            <p class="muted">{ctx.t(`${T}summary.team_empty`)}</p>
          ) : (
            <ol class="team-list">
              {application.team.map((m, i) => (
                <li key={i}>
                  {m.lastName} {m.firstName}, {ctx.t(`${T}summary.member_age`, { age: m.age })}
                  {'educationStatus' in m &&
                    m.educationStatus &&
                    `, ${ctx.t(`pages.application.team.education_status.${m.educationStatus}`)}`}
                  {m.isLeader && (
                    <>
                      {' '}
                      <span class="tag">{ctx.t(`${T}summary.leader`)}</span>
                    </>
                  )}
                </li>
              ))}
            </ol>
          )}
        </>
      )}

      {rulebook.funding && (
        <>
          <H>{ctx.t(`${T}summary.budget`)}</H>
          {application.budgetLines.length === 0 ? (
            <p class="muted">{ctx.t(`${T}summary.budget_empty`)}</p>
          ) : (
            // A table wider than a phone scrolls inside its box: focusable so a keyboard can scroll it too.
            <div class="table-scroll" role="region" aria-label={ctx.t(`${T}summary.budget`)} tabindex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{ctx.t(`${T}summary.budget_item`)}</th>
                    <th scope="col">{ctx.t(`${T}summary.budget_quantity_cost`)}</th>
                    <th scope="col">{ctx.t(`${T}summary.budget_line_total`)}</th>
                  </tr>
                </thead>
                <tbody>
                  {application.budgetLines.map((line, i) => (
                    <tr key={i}>
                      <td>{line.item}</td>
                      {/* May break after the × on a phone; the amount itself never breaks. */}
                      <td>
                        {line.quantity} × {formatMoney(line.unitCost)}
                      </td>
                      <td class="num">{formatMoney(line.total)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={2}>
                      {ctx.t(`${T}summary.budget_total`)}
                    </th>
                    <td class="num">
                      <strong>{formatMoney(application.amountRequested)}</strong>
                    </td>
                  </tr>
                </tfoot>
              </table>
            </div>
          )}
        </>
      )}

      {rulebook.documents.length > 0 && (
        <>
          <H>{ctx.t(`${T}summary.documents`)}</H>
          {application.documents.length === 0 ? (
            <p class="muted">{ctx.t(`${T}summary.documents_empty`)}</p>
          ) : (
            <dl class="summary-list">
              {rulebook.documents
                .filter((d) => application.documents.some((f) => f.documentCode === d.code))
                .map((d) => (
                  <Fragment key={d.code}>
                    <dt>{localized(ctx, d.label)}</dt>
                    <dd>
                      <ul class="file-list">
                        {application.documents
                          .filter((f) => f.documentCode === d.code)
                          .map((f) => (
                            <li key={f.id}>
                              <a href={downloadPath(application.id, f.id)}>{f.originalName}</a>{' '}
                              <span class="muted">
                                ({fileKindName(f.fileKind)}, {fileSize(ctx, f.size)})
                              </span>
                              {isViewable(f.fileKind) && (
                                <>
                                  {' · '}
                                  <a
                                    href={`${downloadPath(application.id, f.id)}?view=1`}
                                    target="_blank"
                                    rel="noopener"
                                  >
                                    {ctx.t(`${T}summary.document_view`)}
                                  </a>
                                </>
                              )}
                            </li>
                          ))}
                      </ul>
                    </dd>
                  </Fragment>
                ))}
            </dl>
          )}
        </>
      )}
    </div>
  );
}

/** The page that hands out an attached file (through the attachments service's access check). */
/** A PDF or an image the browser shows by itself. */
export function isViewable(kind: string): boolean {
  return (VIEWABLE_KINDS as readonly string[]).includes(kind);
}

export function downloadPath(applicationId: string, attachmentId: string): string {
  return `/applications/${applicationId}/documents/${attachmentId}`;
}
