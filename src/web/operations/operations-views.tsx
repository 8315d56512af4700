import type { AuditEntrySummary, AuditVerdict } from '../../modules/audit/audit.service';
import type { FailedMessageDto } from '../../modules/notifications/dto/notification.dto';
import { formatDateTime } from '../core/format';
import { PostForm, SubmitButton } from '../core/forms';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { failureReason } from './failure-reason';

/** Where an operator's times are read: the competitions' own zone (Kazakhstan's single zone). */
export const OPERATIONS_TIME_ZONE = 'Asia/Almaty';

function BackLink({ ctx }: { ctx: PageContext }) {
  return (
    <p>
      <a href="/operations">{ctx.t('pages.operations.back')}</a>
    </p>
  );
}

/** The operations home: only the tools this person may use, each with one line on what it is for. */
export function OperationsHomePage({
  ctx,
  failedCount,
  mayAudit,
}: {
  ctx: PageContext;
  /** How many failed e-mails this person sees; null when the failed e-mails are not theirs to see. */
  failedCount: number | null;
  mayAudit: boolean;
}) {
  const title = ctx.t('pages.operations.title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{ctx.t('pages.operations.intro')}</p>
      <ul class="cards">
        {failedCount !== null && (
          <li class="card">
            <h2>
              <a href="/operations/emails">{ctx.t('pages.operations.emails_link')}</a>
            </h2>
            <p>{ctx.t('pages.operations.emails_about')}</p>
            <p>
              <strong class={failedCount > 0 ? 'tag tag--red' : 'tag tag--green'}>
                {ctx.t('pages.operations.emails_count', { count: failedCount })}
              </strong>
            </p>
          </li>
        )}
        {mayAudit && (
          <li class="card">
            <h2>
              <a href="/operations/audit">{ctx.t('pages.operations.audit_link')}</a>
            </h2>
            <p>{ctx.t('pages.operations.audit_about')}</p>
          </li>
        )}
      </ul>
    </Layout>
  );
}

export interface FailedRow extends FailedMessageDto {
  /** The competition the message is about, in both languages; null for an account's own message. */
  competition: { kk: string; ru: string; timeZone: string } | null;
}

function Pager({ ctx, total, page, pageSize }: { ctx: PageContext; total: number; page: number; pageSize: number }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label={ctx.t('pages.operations.pages_label')}>
      <p>
        {page > 1 && <a href={`/operations/emails?page=${page - 1}`}>{ctx.t('pages.operations.page_previous')}</a>}{' '}
        {ctx.t('pages.operations.page_of', { page, pages })}{' '}
        {page < pages && <a href={`/operations/emails?page=${page + 1}`}>{ctx.t('pages.operations.page_next')}</a>}
      </p>
    </nav>
  );
}

/** A template's code in words; a code the catalogue does not know yet is shown as it is. */
function templateName(ctx: PageContext, template: string): string {
  const key = `pages.operations.template.${template}`;
  const text = ctx.t(key);
  return text === key ? template : text;
}

export function FailedEmailsPage({
  ctx,
  rows,
  total,
  page,
  pageSize,
  seesAll,
  notice,
  warning,
}: {
  ctx: PageContext;
  rows: FailedRow[];
  total: number;
  page: number;
  pageSize: number;
  /** An admin sees every failed message; an organizer those about their competitions. */
  seesAll: boolean;
  notice?: string;
  warning?: string;
}) {
  const title = ctx.t('pages.operations.emails_link');
  return (
    <Layout ctx={ctx} title={title} wide>
      <Notice text={notice} />
      <Notice text={warning} kind="warning" />
      <BackLink ctx={ctx} />
      <h1>{title}</h1>
      <p>{ctx.t('pages.operations.emails.intro')}</p>
      <p class="hint">{ctx.t(seesAll ? 'pages.operations.scope_all' : 'pages.operations.scope_mine')}</p>
      {rows.length === 0 ? (
        <p>
          <strong class="tag tag--green">{ctx.t('pages.operations.emails.empty')}</strong>
        </p>
      ) : (
        <>
          <p>{ctx.t('pages.operations.emails.found', { count: total })}</p>
          <div class="table-scroll">
            <table class="failed-emails">
              <caption class="visually-hidden">{ctx.t('pages.operations.emails.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{ctx.t('pages.operations.emails.col_recipient')}</th>
                  <th scope="col">{ctx.t('pages.operations.emails.col_message')}</th>
                  <th scope="col">{ctx.t('pages.operations.emails.col_reason')}</th>
                  <th scope="col">{ctx.t('pages.operations.emails.col_retry')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const reason = failureReason(row.lastError);
                  const zone = row.competition?.timeZone ?? OPERATIONS_TIME_ZONE;
                  return (
                    <tr key={row.id} id={`message-${row.id}`}>
                      <td>
                        <span class="mono">{row.recipientEmail}</span>
                        <p class="hint">
                          {ctx.t('pages.operations.emails.created', {
                            time: formatDateTime(row.createdAt, zone, ctx.locale),
                          })}
                        </p>
                      </td>
                      <td>
                        {templateName(ctx, row.template)}
                        <p class="hint">
                          {row.competition
                            ? ctx.t('pages.operations.emails.competition', {
                                title: ctx.locale === 'ru' ? row.competition.ru : row.competition.kk,
                              })
                            : ctx.t('pages.operations.emails.no_competition')}
                        </p>
                      </td>
                      <td>
                        {ctx.t(`pages.operations.reason.${reason.kind}`)}
                        {reason.details && (
                          <p class="hint">
                            {ctx.t('pages.operations.emails.server_said')} <span class="mono">{reason.details}</span>
                          </p>
                        )}
                        <p class="hint">{ctx.t('pages.operations.emails.attempts', { count: row.attempts })}</p>
                      </td>
                      <td>
                        <PostForm ctx={ctx} action={`/operations/emails/${row.id}/retry`} class="inline-form">
                          <SubmitButton secondary>
                            {ctx.t('pages.operations.emails.retry_button')}
                            <span class="visually-hidden">
                              {' '}
                              {ctx.t('pages.operations.emails.retry_whom', { recipient: row.recipientEmail })}
                            </span>
                          </SubmitButton>
                        </PostForm>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pager ctx={ctx} total={total} page={page} pageSize={pageSize} />
        </>
      )}
    </Layout>
  );
}

function AuditIntro({ ctx }: { ctx: PageContext }) {
  return (
    <>
      <p>{ctx.t('pages.operations.audit.intro')}</p>
      <p>{ctx.t('pages.operations.audit.how')}</p>
    </>
  );
}

/** The check is a POST: it reads the whole chain, so it never runs just because someone opened the page. */
export function AuditCheckPage({ ctx }: { ctx: PageContext }) {
  const title = ctx.t('pages.operations.audit.title');
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink ctx={ctx} />
      <h1>{title}</h1>
      <AuditIntro ctx={ctx} />
      <PostForm ctx={ctx} action="/operations/audit/verify">
        <SubmitButton>{ctx.t('pages.operations.audit.button')}</SubmitButton>
      </PostForm>
    </Layout>
  );
}

/** "3 миллисекунды", "2 секунды": how long the check took, in words. */
export function durationText(ctx: PageContext, ms: number): string {
  return ms < 1000
    ? ctx.t('pages.operations.audit.duration_ms', { count: Math.max(0, Math.round(ms)) })
    : ctx.t('pages.operations.audit.duration_s', { count: Math.round(ms / 1000) });
}

export function AuditResultPage({
  ctx,
  verdict,
  ms,
  entry,
}: {
  ctx: PageContext;
  verdict: AuditVerdict;
  ms: number;
  /** The first broken entry as it reads now; null when the chain is whole (or the entry is gone). */
  entry: AuditEntrySummary | null;
}) {
  const title = ctx.t('pages.operations.audit.result_title');
  const duration = durationText(ctx, ms);
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink ctx={ctx} />
      <h1>{title}</h1>
      {verdict.ok ? (
        <div class="notice" role="status" data-outcome="ok">
          <p>
            <strong>{ctx.t('pages.operations.audit.ok', { count: verdict.checked, duration })}</strong>
          </p>
          <p>{ctx.t('pages.operations.audit.ok_means')}</p>
        </div>
      ) : (
        <div class="notice notice--error" role="alert" data-outcome="broken">
          <h2>{ctx.t('pages.operations.audit.broken', { id: verdict.brokenAt })}</h2>
          <p>{ctx.t(`pages.operations.audit.reason.${verdict.reason}`)}</p>
          {entry ? (
            <dl class="summary-list">
              <dt>{ctx.t('pages.operations.audit.entry_id')}</dt>
              <dd class="mono">{entry.id}</dd>
              <dt>{ctx.t('pages.operations.audit.entry_time')}</dt>
              <dd>{formatDateTime(entry.occurredAt, OPERATIONS_TIME_ZONE, ctx.locale)}</dd>
              <dt>{ctx.t('pages.operations.audit.entry_action')}</dt>
              <dd class="mono">{entry.action}</dd>
              <dt>{ctx.t('pages.operations.audit.entry_object')}</dt>
              <dd class="mono">
                {entry.entityType} {entry.entityId}
              </dd>
            </dl>
          ) : (
            <p>{ctx.t('pages.operations.audit.entry_missing')}</p>
          )}
          <p>{ctx.t('pages.operations.audit.broken_means', { count: verdict.checked })}</p>
          <p>{ctx.t('pages.operations.audit.checked_in', { duration })}</p>
        </div>
      )}
      <AuditIntro ctx={ctx} />
      <PostForm ctx={ctx} action="/operations/audit/verify">
        <SubmitButton secondary>{ctx.t('pages.operations.audit.again')}</SubmitButton>
      </PostForm>
    </Layout>
  );
}
