import type { ComponentChildren } from 'preact';
import type { DrawAssignment, DrawEntry, DrawRecord } from '../../../libs/lottery';
import { messageSource } from '../../common/i18n/i18n';
import { readableNumber } from '../../common/i18n/message-format';
import type { ArmBalance, StandardizedDifference } from '../../modules/allocation/domain/balance';
import { formatDateTime } from '../core/format';
import { Layout } from '../core/layout';
import type { PageContext } from '../core/page-context';

/** The record as the allocation service returns it: LOTTERY.md's document and the announced time when set. */
export type PublishedDraw = DrawRecord & { announcedAt?: string | null };

export interface DrawBalance {
  arms: ArmBalance[];
  differences: StandardizedDifference[];
}

export interface DrawPageProps {
  ctx: PageContext;
  record: PublishedDraw;
  /** After the draw only. */
  balance: DrawBalance | null;
  /** The competition's zone: every time on the page is its local time. */
  timeZone: string;
  /** What each arm gives, in the page's language (from the competition's rules). */
  armMeaning: Record<string, string>;
  /** Names of the strata people read (regions), by stratum key; a key without a name is shown as it is. */
  stratumNames: Record<string, string>;
  /** The record's path on this site (the download link, the check's fetch). */
  recordPath: string;
  /** The record's full address, for the command lines. */
  recordUrl: string;
}

/** The texts draw-check.js shows, keyed as its contract says: pages.draw.check.<key> without the prefix. */
const CHECK_MESSAGE_KEYS = [
  'ok',
  'checking',
  'unreadable',
  'MALFORMED',
  'NOT_DRAWN',
  'COMMITMENT_MISMATCH',
  'POOL_HASH_MISMATCH',
  'ASSIGNMENT_MISMATCH',
  'ASSIGNMENT_MISSING',
  'ASSIGNMENT_EXTRA',
] as const;

/**
 * The raw kk or ru templates (the script fills their `{name}` placeholders with textContent);
 * they travel in an attribute, escaped like any other, never as raw text in the HTML.
 */
export function checkMessages(ctx: PageContext): Record<string, string> {
  return Object.fromEntries(
    CHECK_MESSAGE_KEYS.map((key) => [key, messageSource(ctx.locale, `pages.draw.check.${key}`) ?? key]),
  );
}

/** The verifier's command lines: code, the same in both languages. */
export function commandLines(recordUrl: string): { node: string[]; python: string[] } {
  return {
    node: ['npm ci', `npm run draw:verify -- ${recordUrl}`],
    python: [`curl -s ${recordUrl} > draw.json`, 'python3 libs/lottery/verify_draw.py draw.json'],
  };
}

function compareAscii(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function percent(share: number): string {
  return `${readableNumber(Math.round(share * 1000) / 10)}\u00a0%`;
}

function Hash({ value }: { value: string }) {
  return <code class="mono">{value}</code>;
}

/** A table that may scroll sideways on a phone: a named region the keyboard can reach and scroll. */
function ScrollRegion({ labelledBy, children }: { labelledBy: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-labelledby={labelledBy} tabindex={0}>
      {children}
    </div>
  );
}

/** A column of arms in a narrow table: the letter on screen, the arm's full name for screen readers. */
function ArmHeading({ code, name }: { code: string; name: string }) {
  return (
    <>
      <span aria-hidden="true">{code}</span>
      <span class="visually-hidden">{name}</span>
    </>
  );
}

/** One panel per command, so a command that wraps on a phone still reads as one. */
function CommandBlock({ lines }: { lines: string[] }) {
  return (
    <>
      {lines.map((line) => (
        <p key={line} class="panel mono">
          <code>{line}</code>
        </p>
      ))}
    </>
  );
}

export function DrawPage(props: DrawPageProps) {
  const { ctx, record, balance, timeZone } = props;
  const drawn = record.status === 'drawn' && record.assignments !== null;
  const title = ctx.t('pages.draw.title', { title: record.competition.title[ctx.locale] ?? '' });
  const when = (instant: string) => formatDateTime(instant, timeZone, ctx.locale);
  const stratumName = (key: string) => (props.stratumNames[key] ? `${props.stratumNames[key]} (${key})` : key);
  const byRegion = record.stratumAttribute === 'region';
  const stratumLabel = ctx.t(byRegion ? 'pages.draw.stratum_region' : 'pages.draw.stratum_other');
  const armName = (code: string) => ctx.t('pages.draw.arm_name', { code });
  return (
    <Layout ctx={ctx} title={title} scripts={drawn ? ['draw-check.js'] : []}>
      <h1>{title}</h1>
      <p>
        <strong class={drawn ? 'tag tag--green' : 'tag tag--yellow'} data-draw-status={record.status}>
          {ctx.t(drawn ? 'pages.draw.status_drawn' : 'pages.draw.status_prepared')}
        </strong>
      </p>
      <p>{ctx.t('pages.draw.lead')}</p>
      <p>{ctx.t(drawn ? 'pages.draw.drawn_explained' : 'pages.draw.prepared_explained')}</p>

      <h2>{ctx.t('pages.draw.facts_title')}</h2>
      <dl class="summary-list">
        <dt>{ctx.t('pages.draw.announced_at')}</dt>
        <dd>{record.announcedAt ? when(record.announcedAt) : ctx.t('pages.draw.not_announced')}</dd>
        <dt>{ctx.t('pages.draw.prepared_at')}</dt>
        <dd>{when(record.preparedAt)}</dd>
        {drawn && record.drawnAt && (
          <>
            <dt>{ctx.t('pages.draw.drawn_at')}</dt>
            <dd>{when(record.drawnAt)}</dd>
          </>
        )}
        <dt>{ctx.t('pages.draw.commitment')}</dt>
        <dd>
          <Hash value={record.commitment} />
          <br />
          <span class="hint">{ctx.t('pages.draw.commitment_hint')}</span>
        </dd>
        <dt>{ctx.t('pages.draw.pool_hash')}</dt>
        <dd>
          <Hash value={record.poolHash} />
        </dd>
        {drawn && (
          <>
            <dt>{ctx.t('pages.draw.seed')}</dt>
            <dd>
              <Hash value={record.seed ?? ''} />
            </dd>
            <dt>{ctx.t('pages.draw.entropy')}</dt>
            <dd>
              {record.publicEntropy ? (
                <code class="mono">{record.publicEntropy}</code>
              ) : (
                ctx.t('pages.draw.entropy_empty')
              )}
              <br />
              <span class="hint">{ctx.t('pages.draw.entropy_hint')}</span>
            </dd>
          </>
        )}
      </dl>

      <h2>{ctx.t('pages.draw.arms_title')}</h2>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{ctx.t('pages.draw.arm')}</th>
              <th scope="col" class="num">
                {ctx.t('pages.draw.weight')}
              </th>
              <th scope="col">{ctx.t('pages.draw.arm_meaning')}</th>
            </tr>
          </thead>
          <tbody>
            {record.arms.map((arm) => (
              <tr key={arm.code}>
                <th scope="row" class="nowrap">
                  {armName(arm.code)}
                </th>
                <td class="num">{arm.weight}</td>
                <td>{props.armMeaning[arm.code] ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">{ctx.t('pages.draw.weights_hint')}</p>
      <p class="hint">{ctx.t(byRegion ? 'pages.draw.strata_region' : 'pages.draw.strata_other')}</p>

      {drawn ? (
        <DrawResult {...props} stratumLabel={stratumLabel} stratumName={stratumName} armName={armName} />
      ) : (
        <Pool ctx={ctx} pool={record.pool} stratumLabel={stratumLabel} stratumName={stratumName} />
      )}

      {drawn && balance && (
        <BalanceTables
          ctx={ctx}
          balance={balance}
          strata={[...new Set(record.pool.map((e) => e.stratum))].sort(compareAscii)}
          stratumLabel={stratumLabel}
          stratumName={stratumName}
          armName={armName}
        />
      )}

      {drawn && (
        <p>
          <a href={`/competitions/${record.competition.id}/arms-compliance`}>{ctx.t('pages.training.public_title')}</a>
        </p>
      )}

      <CancelledPreparations ctx={ctx} cancelled={record.cancelled} when={when} />

      <VerifySection {...props} drawn={drawn} />
    </Layout>
  );
}

/** Preparations cancelled before: their commitments were published, so they stay on the page with the reason. */
function CancelledPreparations(props: {
  ctx: PageContext;
  cancelled: PublishedDraw['cancelled'];
  when: (instant: string) => string;
}) {
  const { ctx, when } = props;
  if (props.cancelled.length === 0) return null;
  return (
    <>
      <h2>{ctx.t('pages.draw.cancelled_title')}</h2>
      <p>{ctx.t('pages.draw.cancelled_intro')}</p>
      {props.cancelled.map((c) => (
        <section key={c.commitment} class="cancelled-draw">
          <h3>{ctx.t('pages.draw.cancelled_item', { date: when(c.preparedAt) })}</h3>
          <dl class="summary-list">
            <dt>{ctx.t('pages.draw.cancelled_at')}</dt>
            <dd>{when(c.cancelledAt)}</dd>
            <dt>{ctx.t('pages.draw.cancel_reason')}</dt>
            <dd>{c.reason}</dd>
            <dt>{ctx.t('pages.draw.commitment')}</dt>
            <dd>
              <Hash value={c.commitment} />
            </dd>
            <dt>{ctx.t('pages.draw.pool_hash')}</dt>
            <dd>
              <Hash value={c.poolHash} />
            </dd>
          </dl>
        </section>
      ))}
    </>
  );
}

/**
 * A draw whose preparation was cancelled and not yet prepared again: the page says so and keeps
 * every cancelled commitment in view, so a cancellation never makes the draw disappear.
 */
export function CancelledDrawPage(props: {
  ctx: PageContext;
  title: { kk: string; ru: string };
  cancelled: PublishedDraw['cancelled'];
  timeZone: string;
}) {
  const { ctx } = props;
  const title = ctx.t('pages.draw.title', { title: props.title[ctx.locale] ?? '' });
  const when = (instant: string) => formatDateTime(instant, props.timeZone, ctx.locale);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <strong class="tag tag--yellow" data-draw-status="cancelled">
          {ctx.t('pages.draw.status_cancelled')}
        </strong>
      </p>
      <p>{ctx.t('pages.draw.cancelled_explained')}</p>
      <CancelledPreparations ctx={ctx} cancelled={props.cancelled} when={when} />
    </Layout>
  );
}

function Pool(props: {
  ctx: PageContext;
  pool: DrawEntry[];
  stratumLabel: string;
  stratumName: (key: string) => string;
}) {
  const { ctx } = props;
  const sorted = [...props.pool].sort(
    (a, b) => compareAscii(a.stratum, b.stratum) || compareAscii(a.applicationNumber, b.applicationNumber),
  );
  return (
    <>
      <h2>{ctx.t('pages.draw.pool_title')}</h2>
      <p>{ctx.t('pages.draw.pool_count', { n: sorted.length })}</p>
      <div class="table-scroll">
        <table id="draw-pool">
          <thead>
            <tr>
              <th scope="col">{ctx.t('pages.draw.application_number')}</th>
              <th scope="col">{props.stratumLabel}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((entry) => (
              <tr key={entry.applicationNumber}>
                <td class="mono nowrap">{entry.applicationNumber}</td>
                <td>{props.stratumName(entry.stratum)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function DrawResult(
  props: DrawPageProps & {
    stratumLabel: string;
    stratumName: (key: string) => string;
    armName: (code: string) => string;
  },
) {
  const { ctx, record } = props;
  const assignments: DrawAssignment[] = record.assignments ?? [];
  return (
    <>
      <h2>{ctx.t('pages.draw.result_title')}</h2>
      <p>{ctx.t('pages.draw.pool_count', { n: record.pool.length })}</p>
      {record.arms.map((arm) => {
        const members = assignments
          .filter((a) => a.arm === arm.code)
          .sort((a, b) => compareAscii(a.applicationNumber, b.applicationNumber));
        const headingId = `arm-${arm.code.replace(/[^\w-]/g, '_')}`;
        return (
          <section key={arm.code} aria-labelledby={headingId} data-arm={arm.code}>
            <h3 id={headingId}>{ctx.t('pages.draw.arm_count', { code: arm.code, n: members.length })}</h3>
            {props.armMeaning[arm.code] && <p class="hint">{props.armMeaning[arm.code]}</p>}
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{ctx.t('pages.draw.application_number')}</th>
                    <th scope="col">{props.stratumLabel}</th>
                  </tr>
                </thead>
                <tbody>
                  {members.map((a) => (
                    <tr key={a.applicationNumber}>
                      <td class="mono nowrap">{a.applicationNumber}</td>
                      <td>{props.stratumName(a.stratum)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </>
  );
}

/** The balance table (LOTTERY.md): also shown on the organizer's draw pages. */
export function BalanceTables(props: {
  ctx: PageContext;
  balance: DrawBalance;
  strata: string[];
  stratumLabel: string;
  stratumName: (key: string) => string;
  armName: (code: string) => string;
}) {
  const { ctx, balance } = props;
  const arms = balance.arms;
  const rows: [string, (arm: ArmBalance) => string][] = [
    ['pages.draw.row_applications', (a) => String(a.applications)],
    ['pages.draw.row_people', (a) => String(a.people)],
    ['pages.draw.row_women', (a) => percent(a.shareWomen)],
    ['pages.draw.row_vulnerable', (a) => percent(a.shareVulnerable)],
    ['pages.draw.row_disabled', (a) => percent(a.shareDisabled)],
    ['pages.draw.row_age', (a) => readableNumber(a.meanAge)],
  ];
  const covariates: [StandardizedDifference['covariate'], string][] = [
    ['women', 'pages.draw.row_women'],
    ['vulnerable', 'pages.draw.row_vulnerable'],
    ['disabled', 'pages.draw.row_disabled'],
    ['age', 'pages.draw.row_age'],
  ];
  const pairs = balance.differences
    .filter((d) => d.covariate === 'women')
    .map((d) => d.arms)
    .filter(([a, b]) => a !== b);
  const difference = (covariate: string, [a, b]: [string, string]) =>
    balance.differences.find((d) => d.covariate === covariate && d.arms[0] === a && d.arms[1] === b)?.value ?? 0;
  return (
    <>
      <h2>{ctx.t('pages.draw.balance_title')}</h2>
      <p>{ctx.t('pages.draw.balance_intro')}</p>
      <h3 id="draw-balance-strata-title">{ctx.t('pages.draw.balance_strata_caption')}</h3>
      <ScrollRegion labelledBy="draw-balance-strata-title">
        <table id="draw-balance-strata">
          <thead>
            <tr>
              <th scope="col">{props.stratumLabel}</th>
              {arms.map((a) => (
                <th key={a.arm} scope="col" class="num">
                  <ArmHeading code={a.arm} name={props.armName(a.arm)} />
                </th>
              ))}
              <th scope="col" class="num">
                {ctx.t('pages.draw.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.strata.map((stratum) => (
              <tr key={stratum}>
                <th scope="row">{props.stratumName(stratum)}</th>
                {arms.map((a) => (
                  <td key={a.arm} class="num">
                    {a.byStratum[stratum] ?? 0}
                  </td>
                ))}
                <td class="num">{arms.reduce((sum, a) => sum + (a.byStratum[stratum] ?? 0), 0)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{ctx.t('pages.draw.total')}</th>
              {arms.map((a) => (
                <td key={a.arm} class="num">
                  {a.applications}
                </td>
              ))}
              <td class="num">{arms.reduce((sum, a) => sum + a.applications, 0)}</td>
            </tr>
          </tbody>
        </table>
      </ScrollRegion>
      <h3 id="draw-balance-people-title">{ctx.t('pages.draw.balance_people_caption')}</h3>
      <ScrollRegion labelledBy="draw-balance-people-title">
        <table id="draw-balance-people">
          <thead>
            <tr>
              <td />
              {arms.map((a) => (
                <th key={a.arm} scope="col" class="num">
                  <ArmHeading code={a.arm} name={props.armName(a.arm)} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([key, value]) => (
              <tr key={key}>
                <th scope="row">{ctx.t(key)}</th>
                {arms.map((a) => (
                  <td key={a.arm} class="num">
                    {value(a)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p class="hint">{ctx.t('pages.draw.vulnerable_note')}</p>
      {pairs.length > 0 && (
        <>
          <h3 id="draw-balance-differences-title">{ctx.t('pages.draw.differences_caption')}</h3>
          <ScrollRegion labelledBy="draw-balance-differences-title">
            <table id="draw-balance-differences">
              <thead>
                <tr>
                  <td />
                  {pairs.map(([a, b]) => (
                    <th key={`${a}-${b}`} scope="col" class="num">
                      {`${a}\u00a0–\u00a0${b}`}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {covariates.map(([covariate, key]) => (
                  <tr key={covariate}>
                    <th scope="row">{ctx.t(key)}</th>
                    {pairs.map((pair) => (
                      <td key={pair.join('-')} class="num">
                        {readableNumber(difference(covariate, pair))}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <p class="hint">{ctx.t('pages.draw.differences_hint')}</p>
        </>
      )}
    </>
  );
}

function VerifySection(props: DrawPageProps & { drawn: boolean }) {
  const { ctx } = props;
  const commands = commandLines(props.recordUrl);
  const fileName = `draw-${props.record.competition.id}.json`;
  return (
    <section aria-labelledby="draw-verify-title">
      <h2 id="draw-verify-title">{ctx.t('pages.draw.verify_title')}</h2>
      <p>
        <a href={props.recordPath} download={fileName} type="application/json">
          {ctx.t('pages.draw.download')}
        </a>
      </p>
      <p class="hint">{ctx.t('pages.draw.download_hint')}</p>
      {props.drawn ? (
        <section
          id="draw-check"
          data-record-url={props.recordPath}
          data-messages={JSON.stringify(checkMessages(ctx))}
          aria-labelledby="draw-check-title"
          hidden
        >
          <h3 id="draw-check-title">{ctx.t('pages.draw.browser_title')}</h3>
          <p>{ctx.t('pages.draw.check.note')}</p>
          <button type="button" id="draw-check-run" class="button">
            {ctx.t('pages.draw.check.button')}
          </button>
          <div class="field">
            <label for="draw-check-file">{ctx.t('pages.draw.check.file')}</label>
            <input type="file" id="draw-check-file" accept="application/json,.json" />
          </div>
          <p id="draw-check-result" class="draw-verdict" role="status" aria-live="polite" />
        </section>
      ) : (
        <p>{ctx.t('pages.draw.verify_later')}</p>
      )}
      <h3>{ctx.t('pages.draw.cli_title')}</h3>
      <p>{ctx.t('pages.draw.cli_node')}</p>
      <CommandBlock lines={commands.node} />
      <p class="hint">{ctx.t('pages.draw.cli_node_result')}</p>
      <p>{ctx.t('pages.draw.cli_python')}</p>
      <CommandBlock lines={commands.python} />
      <p class="hint">{ctx.t('pages.draw.cli_python_result')}</p>
    </section>
  );
}
