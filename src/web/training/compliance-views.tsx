import type {
  ApplicationCompliance,
  ArmCompliance,
  ArmsComplianceTable,
  EntitlementCount,
} from '../../modules/training/arms-compliance.service';
import { formatDate, formatMoney } from '../core/format';
import { Layout } from '../core/layout';
import type { PageContext } from '../core/page-context';

const T = 'pages.training.';

/** 33.3 → «33,3»: the decimal comma of both languages. */
function percentText(percent: number): string {
  return String(percent).replace('.', ',');
}

function Count({ ctx, count, total }: { ctx: PageContext; count: EntitlementCount; total: number }) {
  if (!count.entitled) return <span class="muted">{ctx.t(`${T}not_entitled`)}</span>;
  if (count.percent === null) return <>{ctx.t(`${T}cell_empty`)}</>;
  return <>{ctx.t(`${T}cell`, { received: count.received, total, percent: percentText(count.percent) })}</>;
}

/** The table per arm: drawn applications and, per entitlement, how many received it. On a phone each arm is one block. */
export function ArmsTable({ ctx, table }: { ctx: PageContext; table: ArmsComplianceTable }) {
  const label = (key: string) => ctx.t(`${T}${key}`);
  return (
    <table class="stack-table">
      <caption class="visually-hidden">{label('table_caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{label('col_arm')}</th>
          <th scope="col" class="num">
            {label('col_applications')}
          </th>
          <th scope="col">{label('col_grant')}</th>
          <th scope="col">{label('col_training')}</th>
          <th scope="col">{label('col_mentor')}</th>
        </tr>
      </thead>
      <tbody>
        {table.arms.map((arm: ArmCompliance) => (
          <tr key={arm.arm}>
            <th scope="row">
              {ctx.t(`${T}arm`, { arm: arm.arm })}
              {arm.meaning && <span class="hint stack-table__meaning">{arm.meaning[ctx.locale]}</span>}
            </th>
            <td class="num" data-label={label('col_applications')}>
              {arm.applications}
            </td>
            <td data-label={label('col_grant')}>
              <Count ctx={ctx} count={arm.grant} total={arm.applications} />
              {arm.grant.entitled && arm.applications > 0 && (
                <span class="hint stack-table__meaning">
                  {ctx.t(`${T}paid_in_full`, { count: arm.grant.paidInFull })}
                </span>
              )}
            </td>
            <td data-label={label('col_training')}>
              <Count ctx={ctx} count={arm.training} total={arm.applications} />
            </td>
            <td data-label={label('col_mentor')}>
              <Count ctx={ctx} count={arm.mentor} total={arm.applications} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What "received" means, in words, under the table: the constants of compliance-rules. */
export function ComplianceRules({ ctx, table }: { ctx: PageContext; table: ArmsComplianceTable }) {
  return (
    <section aria-labelledby="rules-title">
      <h3 id="rules-title">{ctx.t(`${T}rules_title`)}</h3>
      <ul>
        <li>{ctx.t(`${T}rule_grant`)}</li>
        <li>{ctx.t(`${T}rule_training`, { held: table.rules.training.sessionsHeld })}</li>
        <li>{ctx.t(`${T}rule_mentor`, { n: table.rules.mentor.meetingsPerMonth })}</li>
        <li>{ctx.t(`${T}rule_percent`)}</li>
      </ul>
    </section>
  );
}

function Outcome({ ctx, entitled, received }: { ctx: PageContext; entitled: boolean; received: boolean }) {
  if (!entitled) return <span class="muted">{ctx.t(`${T}not_entitled`)}</span>;
  return (
    <span class={`tag ${received ? 'tag--green' : 'tag--yellow'}`}>
      {ctx.t(received ? `${T}received` : `${T}not_received`)}
    </span>
  );
}

/** The organizer's rows: each drawn application and what it received, with the facts behind each answer. */
export function ApplicationsTable({ ctx, rows }: { ctx: PageContext; rows: ApplicationCompliance[] }) {
  const label = (key: string) => ctx.t(`${T}${key}`);
  return (
    <table class="stack-table" aria-labelledby="applications-title">
      <thead>
        <tr>
          <th scope="col">{label('col_number')}</th>
          <th scope="col">{label('col_arm')}</th>
          <th scope="col">{label('col_grant')}</th>
          <th scope="col">{label('col_training')}</th>
          <th scope="col">{label('col_mentor')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.applicationId}>
            <th scope="row">
              <span class="mono">{r.number}</span>
              <span class="hint stack-table__meaning">{r.title ?? label('untitled')}</span>
            </th>
            <td data-label={label('col_arm')}>{r.arm}</td>
            <td data-label={label('col_grant')}>
              <Outcome ctx={ctx} entitled={r.entitles.includes('grant')} received={r.grant.received} />
              {r.entitles.includes('grant') && (
                <span class="hint stack-table__meaning">
                  {r.grant.contractStatus === null
                    ? label('no_contract')
                    : `${ctx.t(`pages.contracts.status.${r.grant.contractStatus}`)}; ${ctx.t(`${T}grant_paid`, {
                        paid: formatMoney(r.grant.paid),
                        amount: formatMoney(r.grant.amount ?? 0),
                      })}`}
                </span>
              )}
            </td>
            <td data-label={label('col_training')}>
              <Outcome ctx={ctx} entitled={r.entitles.includes('training')} received={r.training.received} />
              {r.entitles.includes('training') && (
                <span class="hint stack-table__meaning">
                  {ctx.t(`${T}training_people`, {
                    attending: r.training.membersAttending,
                    members: r.training.members,
                    needed: r.training.membersNeeded,
                  })}
                </span>
              )}
            </td>
            <td data-label={label('col_mentor')}>
              <Outcome ctx={ctx} entitled={r.entitles.includes('mentor')} received={r.mentor.received} />
              {r.entitles.includes('mentor') && (
                <span class="hint stack-table__meaning">
                  {!r.mentor.assigned
                    ? label('mentor_none')
                    : ctx.t(`${T}mentor_meetings`, { count: r.mentor.meetings })}
                  {r.mentor.monthsBehind.length > 0 &&
                    `; ${ctx.t(`${T}mentor_behind`, { months: r.mentor.monthsBehind.join(', ') })}`}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Anyone's page once the draw is published: the counts per arm and the rules, no names. */
export function PublicCompliancePage({ ctx, table }: { ctx: PageContext; table: ArmsComplianceTable }) {
  const title = table.title[ctx.locale];
  const heading = ctx.t(`${T}public_title`);
  return (
    <Layout ctx={ctx} title={`${heading}: ${title}`} wide>
      <p class="caption">{title}</p>
      <h1>{heading}</h1>
      <p>{ctx.t(`${T}public_intro`)}</p>
      <p class="muted">{ctx.t(`${T}as_of`, { date: formatDate(table.asOf, ctx.locale) })}</p>
      <ArmsTable ctx={ctx} table={table} />
      <ComplianceRules ctx={ctx} table={table} />
      <ul class="links">
        <li>
          <a href={`/draws/${table.competitionId}`}>{ctx.t(`${T}public_draw_link`)}</a>
        </li>
        <li>
          <a href={`/competitions/${table.competitionId}`}>{ctx.t(`${T}public_competition_link`)}</a>
        </li>
      </ul>
    </Layout>
  );
}
