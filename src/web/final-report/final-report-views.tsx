import type { FinalReport } from '../../modules/final-report/final-report.service';
import { cellText, reportTables, type ReportTable } from '../../modules/final-report/final-report.tables';
import { Layout } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { CompetitionNav, titleIn } from '../organizer/organizer-views';

const T = 'pages.final_report.';

/** One table of the form; on a phone a table of several rows reads as one block per row. */
function FormTable({ ctx, table }: { ctx: PageContext; table: ReportTable }) {
  // A one-row table (total, then a column per value) reads down the page instead: each value
  // on its own line beside its count, so a phone shows it without scrolling sideways.
  if (table.rows.length === 1 && table.headers.length > 2) {
    const [row] = table.rows;
    return (
      <section>
        <h2>{table.heading}</h2>
        <div class="table-scroll" role="region" aria-label={table.heading} tabindex={0}>
          <table>
            <tbody>
              {table.headers.map((h, i) => (
                <tr key={i}>
                  <th scope="row">{h}</th>
                  <td class="num">
                    {i === 0 ? <strong>{cellText(row[i], ctx.locale)}</strong> : cellText(row[i], ctx.locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {table.notes.map((note, i) => (
          <p key={i} class="muted">
            {note}
          </p>
        ))}
      </section>
    );
  }
  return (
    <section>
      <h2>{table.heading}</h2>
      {table.rows.length > 0 && (
        <div class="table-scroll" role="region" aria-label={table.heading} tabindex={0}>
          <table class="stack-table">
            <thead>
              <tr>
                {table.headers.map((h, i) => (
                  <th scope="col" class={table.numeric.includes(i) ? 'num' : undefined} key={i}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((v, i) => (
                    <td class={table.numeric.includes(i) ? 'num' : undefined} data-label={table.headers[i]} key={i}>
                      {cellText(v, ctx.locale)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {table.notes.map((note, i) => (
        <p key={i} class={table.rows.length ? 'muted' : undefined}>
          {note}
        </p>
      ))}
    </section>
  );
}

/**
 * The organizer's final report (the 004 form) on the page: the tables computed from the data,
 * the rules the counting followed under the tables they concern, and the DOCX (kk, ru) and
 * XLSX downloads — the API's files.
 */
export function FinalReportPage({
  ctx,
  competition,
  report,
}: {
  ctx: PageContext;
  competition: { id: string; title: { kk: string; ru: string } };
  report: FinalReport;
}) {
  const title = ctx.t(`${T}title`);
  const base = `/organizer/competitions/${competition.id}/final-report`;
  return (
    <Layout ctx={ctx} title={title} wide>
      <CompetitionNav ctx={ctx} competitionId={competition.id} />
      <p class="muted">{titleIn(ctx, competition.title)}</p>
      <h1>{title}</h1>
      <p>{ctx.t(`${T}intro`)}</p>
      <ul class="links">
        <li>
          <a href={`${base}.docx?lang=kk`} download hreflang="kk">
            {ctx.t(`${T}download_docx_kk`)}
          </a>
        </li>
        <li>
          <a href={`${base}.docx?lang=ru`} download hreflang="ru">
            {ctx.t(`${T}download_docx_ru`)}
          </a>
        </li>
        <li>
          <a href={`${base}.xlsx?lang=${ctx.locale}`} download>
            {ctx.t(`${T}download_xlsx`)}
          </a>
        </li>
      </ul>
      {reportTables(report, ctx.locale).map((table) => (
        <FormTable ctx={ctx} table={table} key={table.key} />
      ))}
    </Layout>
  );
}
