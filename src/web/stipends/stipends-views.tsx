import type { StipendRegister } from '../../modules/stipends/stipends.service';
import { formatMoney } from '../core/format';
import { ErrorSummary, FormErrors, SelectField, SubmitButton, TextField } from '../core/forms';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { CompetitionNav, titleIn } from '../organizer/organizer-views';

const T = 'pages.stipends.';

/** `2026 ж. шілде` / `июль 2026 г.` */
export function monthLabel(ctx: PageContext, month: string): string {
  const [year, m] = month.split('-');
  return ctx.t(`${T}month`, { year, m: String(Number(m)) });
}

function TotalsTable({
  ctx,
  caption,
  what,
  lines,
  total,
}: {
  ctx: PageContext;
  caption: string;
  what: string;
  lines: { key: string; label: string; people: number; amount: number }[];
  total: { people: number; amount: number };
}) {
  return (
    <div class="table-scroll" role="region" aria-label={caption} tabindex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{what}</th>
            <th scope="col" class="num">
              {ctx.t(`${T}col_people`)}
            </th>
            <th scope="col" class="num">
              {ctx.t(`${T}col_amount`)}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.key}>
              <th scope="row">{l.label}</th>
              <td class="num">{l.people}</td>
              <td class="num">{formatMoney(l.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{ctx.t(`${T}total`)}</th>
            <td class="num">{total.people}</td>
            <td class="num">{formatMoney(total.amount)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The month picker: the project's months to choose from, or a YYYY-MM field while they are not known. */
function MonthForm({
  ctx,
  base,
  register,
  month,
  errors,
}: {
  ctx: PageContext;
  base: string;
  register: StipendRegister | null;
  month: string;
  errors: FormErrors;
}) {
  const label = ctx.t(`${T}month_field`);
  const months = register?.period?.months ?? [];
  const chosen = register?.month ?? month;
  return (
    <form method="get" action={`${base}/stipends`} class="stipend-month">
      {months.length > 0 && !errors.any ? (
        <SelectField
          name="month"
          label={label}
          value={chosen}
          options={[...months, ...(months.includes(chosen) ? [] : [chosen])].map((m) => ({
            value: m,
            label: monthLabel(ctx, m),
          }))}
          errors={errors}
        />
      ) : (
        <TextField
          name="month"
          label={label}
          hint={ctx.t(`${T}month_hint`)}
          value={month}
          maxLength={7}
          width="short"
          errors={errors}
        />
      )}
      <SubmitButton secondary>{ctx.t(`${T}show`)}</SubmitButton>
    </form>
  );
}

export function StipendsPage({
  ctx,
  competition,
  register,
  month,
  errors,
}: {
  ctx: PageContext;
  competition: { id: string; title: { kk: string; ru: string } };
  register: StipendRegister | null;
  month: string;
  errors: FormErrors;
}) {
  const title = ctx.t(`${T}title`);
  const base = `/organizer/competitions/${competition.id}`;
  const r = register;
  return (
    <Layout ctx={ctx} title={title} failed={errors.any} wide>
      <ErrorSummary ctx={ctx} errors={errors} labels={{ month: ctx.t(`${T}month_field`) }} />
      <CompetitionNav ctx={ctx} competitionId={competition.id} />
      <p class="muted">{titleIn(ctx, competition.title)}</p>
      <h1>{title}</h1>
      {r && (
        <p>
          {ctx.t(`${T}intro`, {
            students: formatMoney(r.rates.schoolLeaverAndStudents),
            graduates: formatMoney(r.rates.graduates),
          })}
        </p>
      )}
      {r &&
        (r.period ? (
          <p>
            {ctx.t(`${T}period`, {
              from: monthLabel(ctx, r.period.first),
              to: monthLabel(ctx, r.period.last),
              count: r.period.months.length,
            })}
          </p>
        ) : (
          <Notice kind="info" text={ctx.t(`${T}no_period`)} />
        ))}
      {(r || errors.items.some((e) => e.field === 'month')) && (
        <MonthForm ctx={ctx} base={base} register={r} month={month} errors={errors} />
      )}
      {r && (
        <>
          <h2>{ctx.t(`${T}register_for`, { month: monthLabel(ctx, r.month) })}</h2>
          {!r.withinProject && r.period && <Notice kind="warning" text={ctx.t(`${T}outside`)} />}
          <p>
            <strong>{ctx.t(`${T}summary`, { people: r.total.people, amount: formatMoney(r.total.amount) })}</strong>
          </p>
          <ul class="links">
            <li>
              <a href={`${base}/stipends.xlsx?month=${r.month}&lang=kk`} download hreflang="kk">
                {ctx.t(`${T}download_kk`)}
              </a>
            </li>
            <li>
              <a href={`${base}/stipends.xlsx?month=${r.month}&lang=ru`} download hreflang="ru">
                {ctx.t(`${T}download_ru`)}
              </a>
            </li>
          </ul>
          {r.rows.length > 0 && (
            <>
              <TotalsTable
                ctx={ctx}
                caption={ctx.t(`${T}by_arm`)}
                what={ctx.t(`${T}col_arm`)}
                lines={r.byArm.map((g) => ({
                  key: g.arm ?? '-',
                  label: g.arm ? ctx.t(`${T}arm`, { arm: g.arm }) : ctx.t(`${T}no_arm`),
                  people: g.people,
                  amount: g.amount,
                }))}
                total={r.total}
              />
              <TotalsTable
                ctx={ctx}
                caption={ctx.t(`${T}by_region`)}
                what={ctx.t(`${T}col_region`)}
                lines={r.byRegion.map((g) => ({
                  key: g.code ?? '-',
                  label: g.name?.[ctx.locale] ?? g.code ?? ctx.t(`${T}no_region`),
                  people: g.people,
                  amount: g.amount,
                }))}
                total={r.total}
              />
            </>
          )}
          {r.unstated.length > 0 && (
            <>
              <h2>{ctx.t(`${T}unstated_title`, { count: r.unstated.length })}</h2>
              <p>{ctx.t(`${T}unstated_hint`)}</p>
              <ul>
                {r.unstated.map((u, i) => (
                  <li key={i}>
                    <span class="mono">{u.number}</span> — {u.fullName}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Layout>
  );
}
