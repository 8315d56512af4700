import type { ReportStatus } from '../../modules/reports/domain/report-status';
import { formatDate, formatDateTime } from '../core/format';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { reportPath, type ReportListItem } from './report-model';
import { T } from './report-read-only';

const TAG: Record<ReportStatus, string> = {
  draft: 'tag tag--grey',
  submitted: 'tag tag--yellow',
  resubmitted: 'tag tag--yellow',
  returned: 'tag tag--red',
  accepted: 'tag tag--green',
};

export function ReportStatusTag({ ctx, status }: { ctx: PageContext; status: ReportStatus }) {
  return <strong class={TAG[status]}>{ctx.t(`${T}status.${status}`)}</strong>;
}

/** «Бағдарламалық есеп (аралық)» / «Содержательный отчёт (промежуточный)». */
export function reportName(ctx: PageContext, report: Pick<ReportListItem, 'kind' | 'stage'>): string {
  return ctx.t(`${T}name`, { kind: report.kind, stage: report.stage });
}

/** The due date, with "overdue" or the late allowance when there is one. */
export function DueDate({
  ctx,
  report,
}: {
  ctx: PageContext;
  report: Pick<ReportListItem, 'dueOn' | 'lateUntil' | 'overdue'>;
}) {
  return (
    <>
      <span class="nowrap">{formatDate(report.dueOn, ctx.locale)}</span>
      {report.overdue && (
        <>
          {' '}
          <strong class="tag tag--red">{ctx.t(`${T}overdue`)}</strong>
        </>
      )}
      {report.lateUntil && (
        <div class="muted">{ctx.t(`${T}late_until`, { date: formatDate(report.lateUntil, ctx.locale) })}</div>
      )}
    </>
  );
}

/** The winner's (and the organizers') list of a contract's reports: due dates, status, what to do. */
export function ContractReportsPage(props: {
  ctx: PageContext;
  contract: { id: string; number: string; projectTitle: string; competitionTitle: string };
  reports: ReportListItem[];
  timeZone: string;
}) {
  const { ctx, contract, reports } = props;
  const title = ctx.t(`${T}contract_reports_title`);
  return (
    <Layout ctx={ctx} title={`${title}: ${contract.number}`}>
      <p class="caption">{contract.competitionTitle}</p>
      <h1>{title}</h1>
      <p>
        {ctx.t(`${T}contract_line`, { number: contract.number })} · {contract.projectTitle}
      </p>
      <p>{ctx.t(`${T}contract_reports_intro`)}</p>
      {reports.length === 0 ? (
        <p>{ctx.t(`${T}no_reports`)}</p>
      ) : (
        <ul class="cards report-cards">
          {reports.map((r) => (
            <li class="card" key={r.id}>
              <h2>
                <a href={reportPath(r.id)}>{reportName(ctx, r)}</a>
              </h2>
              <dl class="facts">
                <dt>{ctx.t(`${T}due`)}</dt>
                <dd>
                  <DueDate ctx={ctx} report={r} />
                </dd>
                <dt>{ctx.t(`${T}col_status`)}</dt>
                <dd>
                  <ReportStatusTag ctx={ctx} status={r.status} />
                </dd>
                {r.submittedAt && (
                  <>
                    <dt>{ctx.t(`${T}submitted_at`)}</dt>
                    <dd>{formatDateTime(r.submittedAt, props.timeZone, ctx.locale)}</dd>
                  </>
                )}
              </dl>
              <p>{ctx.t(`${T}next.grantee.${r.status}`)}</p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/contracts/${contract.id}`}>{ctx.t(`${T}back_to_contract`)}</a>
      </p>
    </Layout>
  );
}

/** Which group a report is listed in on the organizer's page: overdue first, then waiting for review. */
export function groupOf(r: ReportListItem): 'overdue' | 'review' | 'open' | 'accepted' {
  if (r.overdue) return 'overdue';
  if (r.status === 'submitted' || r.status === 'resubmitted') return 'review';
  if (r.status === 'accepted') return 'accepted';
  return 'open';
}

const GROUPS = ['overdue', 'review', 'open', 'accepted'] as const;

function ReportsTable({ ctx, reports, caption }: { ctx: PageContext; reports: ReportListItem[]; caption: string }) {
  return (
    <div class="table-scroll" role="region" aria-label={caption} tabindex={0}>
      <table class="stack-table reports-table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t(`${T}col_contract`)}</th>
            <th scope="col">{ctx.t(`${T}col_report`)}</th>
            <th scope="col">{ctx.t(`${T}due`)}</th>
            <th scope="col">{ctx.t(`${T}col_status`)}</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id}>
              <td data-label={ctx.t(`${T}col_contract`)}>
                <span class="mono nowrap">{r.contractNumber}</span>
                <div>{r.projectTitle}</div>
              </td>
              <td data-label={ctx.t(`${T}col_report`)}>
                <a href={reportPath(r.id)}>{reportName(ctx, r)}</a>
              </td>
              <td data-label={ctx.t(`${T}due`)}>
                <DueDate ctx={ctx} report={r} />
              </td>
              <td data-label={ctx.t(`${T}col_status`)}>
                <ReportStatusTag ctx={ctx} status={r.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The organizer's page of a competition's reports: the overdue list first, then those waiting for review. */
export function CompetitionReportsPage(props: {
  ctx: PageContext;
  competition: { id: string; title: string };
  reports: ReportListItem[];
  notice?: string | null;
}) {
  const { ctx, competition, reports } = props;
  const title = ctx.t(`${T}competition_reports_title`);
  return (
    <Layout ctx={ctx} title={`${title}: ${competition.title}`} wide>
      <p>
        <a href={`/organizer/competitions/${competition.id}`}>{ctx.t(`${T}back_to_competition`)}</a>
      </p>
      <p class="caption">{competition.title}</p>
      <h1>{title}</h1>
      <Notice text={props.notice} />
      <dl class="facts">
        {GROUPS.map((g) => (
          <>
            <dt>{ctx.t(`${T}group.${g}`)}</dt>
            <dd>{reports.filter((r) => groupOf(r) === g).length}</dd>
          </>
        ))}
      </dl>
      {reports.length === 0 && <p>{ctx.t(`${T}no_competition_reports`)}</p>}
      {GROUPS.map((g) => {
        const mine = reports.filter((r) => groupOf(r) === g);
        if (mine.length === 0) return null;
        return (
          <section key={g} aria-labelledby={`group-${g}`}>
            <h2 id={`group-${g}`}>
              {ctx.t(`${T}group.${g}`)} ({mine.length})
            </h2>
            <ReportsTable ctx={ctx} reports={mine} caption={ctx.t(`${T}group.${g}`)} />
          </section>
        );
      })}
    </Layout>
  );
}
