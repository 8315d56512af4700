import { ErrorSummary, FormErrors, NO_ERRORS, PostForm, SubmitButton, TextArea, fieldId } from '../../core/forms';
import { Layout, Notice } from '../../core/layout';
import type { PageContext } from '../../core/page-context';
import { BalanceTables } from '../../public/draw-page.view';
import {
  ArmLists,
  ceremonyPath,
  competitionTitle,
  DrawState,
  DrawTeam,
  drawPath,
  FormState,
  hubPath,
  publicDrawPath,
  stratumNameOf,
  when,
} from './draw-parts';

export interface PrepareForm {
  announcedDate: string;
  announcedTime: string;
}

export const EMPTY_PREPARE: PrepareForm = { announcedDate: '', announcedTime: '' };

function compareAscii(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function BackToCompetition({ ctx, state }: { ctx: PageContext; state: DrawState }) {
  return (
    <p>
      <a href={hubPath(state.competition.id)}>{ctx.t('pages.drawadmin.back_to_competition')}</a>
    </p>
  );
}

/** The arm codes and region names the balance table of the public page expects. */
export function BalanceSection({ ctx, state }: { ctx: PageContext; state: DrawState }) {
  const record = state.record!;
  if (!state.balance) return null;
  return (
    <BalanceTables
      ctx={ctx}
      balance={state.balance}
      strata={[...new Set(record.pool.map((e) => e.stratum))].sort(compareAscii)}
      stratumLabel={ctx.t(
        record.stratumAttribute === 'region' ? 'pages.draw.stratum_region' : 'pages.draw.stratum_other',
      )}
      stratumName={stratumNameOf(state)}
      armName={(code) => ctx.t('pages.draw.arm_name', { code })}
    />
  );
}

/** The teams of a pool with their titles and regions, and how many come from each region. */
function PoolTables({ ctx, state, teams }: { ctx: PageContext; state: DrawState; teams: DrawTeam[] }) {
  const stratumName = stratumNameOf(state);
  const byStratum = new Map<string, number>();
  for (const team of teams) byStratum.set(team.stratum, (byStratum.get(team.stratum) ?? 0) + 1);
  const sorted = [...teams].sort((a, b) => compareAscii(a.stratum, b.stratum) || compareAscii(a.number, b.number));
  return (
    <>
      <h3 id="drawadmin-strata-title">{ctx.t('pages.drawadmin.pool_by_region')}</h3>
      <div class="table-scroll" role="region" aria-labelledby="drawadmin-strata-title" tabindex={0}>
        <table id="drawadmin-strata">
          <thead>
            <tr>
              <th scope="col">{ctx.t('pages.draw.stratum_region')}</th>
              <th scope="col" class="num">
                {ctx.t('pages.drawadmin.col_count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...byStratum.keys()].sort(compareAscii).map((key) => (
              <tr key={key}>
                <th scope="row">{stratumName(key)}</th>
                <td class="num">{byStratum.get(key)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{ctx.t('pages.draw.total')}</th>
              <td class="num">{teams.length}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <h3 id="drawadmin-pool-title">{ctx.t('pages.drawadmin.pool_list')}</h3>
      <div class="table-scroll" role="region" aria-labelledby="drawadmin-pool-title" tabindex={0}>
        <table id="drawadmin-pool">
          <thead>
            <tr>
              <th scope="col">{ctx.t('pages.draw.application_number')}</th>
              <th scope="col">{ctx.t('pages.drawadmin.col_title')}</th>
              <th scope="col">{ctx.t('pages.draw.stratum_region')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((team) => (
              <tr key={team.number}>
                <td class="mono nowrap">{team.number}</td>
                <td>{team.title}</td>
                <td>{stratumName(team.stratum)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The date and time inputs of the announced time, one problem for both (the API's `announcedAt`). */
function AnnouncedTimeFields({
  ctx,
  values,
  errors,
  offset,
}: {
  ctx: PageContext;
  values: PrepareForm;
  errors: FormErrors;
  offset: string;
}) {
  const id = fieldId('announcedAt');
  const error = errors.for('announcedAt');
  return (
    <fieldset
      class={`field${error ? ' field--error' : ''}`}
      id={id}
      tabindex={-1}
      aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
    >
      <legend>{ctx.t('pages.drawadmin.announced_label')}</legend>
      <p class="hint" id={`${id}-hint`}>
        {ctx.t('pages.drawadmin.announced_hint', { offset })}
      </p>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <div class="row-pair">
        <div class="field">
          <label for="f-announcedDate">{ctx.t('pages.drawadmin.announced_date')}</label>
          <input
            type="date"
            id="f-announcedDate"
            name="announcedDate"
            value={values.announcedDate}
            aria-invalid={error ? 'true' : undefined}
          />
        </div>
        <div class="field">
          <label for="f-announcedTime">{ctx.t('pages.drawadmin.announced_time')}</label>
          <input
            type="time"
            id="f-announcedTime"
            name="announcedTime"
            value={values.announcedTime}
            aria-invalid={error ? 'true' : undefined}
          />
        </div>
      </div>
    </fieldset>
  );
}

function NotPrepared(props: { ctx: PageContext; state: DrawState; prepare: FormState<PrepareForm>; offset: string }) {
  const { ctx, state } = props;
  return (
    <>
      <p>
        <strong class="tag tag--grey">{ctx.t('pages.drawadmin.status_none')}</strong>
      </p>
      <h2>{ctx.t('pages.drawadmin.pool_title')}</h2>
      {state.pool.length === 0 ? (
        <p>{ctx.t('pages.drawadmin.pool_empty')}</p>
      ) : (
        <>
          <p>{ctx.t('pages.drawadmin.pool_count', { n: state.pool.length })}</p>
          <PoolTables ctx={ctx} state={state} teams={state.pool} />
        </>
      )}
      <h2>{ctx.t('pages.drawadmin.prepare_title')}</h2>
      <p>{ctx.t('pages.drawadmin.prepare_explained')}</p>
      <p>{ctx.t('pages.drawadmin.prepare_frozen')}</p>
      <PostForm ctx={ctx} action={`${drawPath(state.competition.id)}/prepare`}>
        <AnnouncedTimeFields
          ctx={ctx}
          values={props.prepare.values}
          errors={props.prepare.errors}
          offset={props.offset}
        />
        <SubmitButton>{ctx.t('pages.drawadmin.prepare_button')}</SubmitButton>
      </PostForm>
    </>
  );
}

/** The commitment in one block people can select, and a copy button the script shows. */
function Commitment({ ctx, commitment }: { ctx: PageContext; commitment: string }) {
  return (
    <div class="drawadmin-commitment">
      <p id="drawadmin-commitment" class="mono drawadmin-commitment__value">
        {commitment}
      </p>
      <p>
        <button
          type="button"
          class="button button--secondary"
          data-copy-target="drawadmin-commitment"
          data-copied={ctx.t('pages.drawadmin.copied')}
          hidden
        >
          {ctx.t('pages.drawadmin.copy')}
        </button>
        <span class="drawadmin-copy-status" role="status" />
      </p>
    </div>
  );
}

function Prepared(props: { ctx: PageContext; state: DrawState; cancel: FormState<{ reason: string }> }) {
  const { ctx, state } = props;
  const record = state.record!;
  const id = state.competition.id;
  const teams: DrawTeam[] = record.pool.map((e) => ({
    number: e.applicationNumber,
    title: state.titles[e.applicationNumber] ?? '',
    stratum: e.stratum,
  }));
  return (
    <>
      <p>
        <strong class="tag tag--yellow">{ctx.t('pages.drawadmin.status_prepared')}</strong>
      </p>
      <h2>{ctx.t('pages.drawadmin.commitment_title')}</h2>
      <p>{ctx.t('pages.drawadmin.commitment_explained')}</p>
      <Commitment ctx={ctx} commitment={record.commitment} />
      <dl class="summary-list">
        <dt>{ctx.t('pages.draw.announced_at')}</dt>
        <dd>{record.announcedAt ? when(ctx, state, record.announcedAt) : ctx.t('pages.draw.not_announced')}</dd>
        <dt>{ctx.t('pages.draw.prepared_at')}</dt>
        <dd>{when(ctx, state, record.preparedAt)}</dd>
        <dt>{ctx.t('pages.draw.pool_hash')}</dt>
        <dd>
          <code class="mono">{record.poolHash}</code>
        </dd>
        <dt>{ctx.t('pages.drawadmin.public_page')}</dt>
        <dd>
          <a href={publicDrawPath(id)}>{ctx.t('pages.drawadmin.public_link')}</a>
        </dd>
      </dl>
      <p>
        <a class="button" href={ceremonyPath(id)}>
          {ctx.t('pages.drawadmin.to_ceremony')}
        </a>
      </p>
      <h2>{ctx.t('pages.draw.pool_title')}</h2>
      <p>{ctx.t('pages.drawadmin.pool_frozen', { n: teams.length })}</p>
      <PoolTables ctx={ctx} state={state} teams={teams} />
      <h2 id="drawadmin-cancel-title">{ctx.t('pages.drawadmin.cancel_title')}</h2>
      <p>{ctx.t('pages.drawadmin.cancel_explained')}</p>
      <PostForm ctx={ctx} action={`${drawPath(id)}/cancel`}>
        <TextArea
          name="reason"
          label={ctx.t('pages.drawadmin.cancel_reason')}
          hint={ctx.t('pages.drawadmin.cancel_reason_hint')}
          value={props.cancel.values.reason}
          errors={props.cancel.errors}
          rows={3}
          maxLength={1000}
          required
        />
        <button type="submit" class="button button--warning">
          {ctx.t('pages.drawadmin.cancel_button')}
        </button>
      </PostForm>
    </>
  );
}

function Drawn({ ctx, state }: { ctx: PageContext; state: DrawState }) {
  const record = state.record!;
  const id = state.competition.id;
  return (
    <>
      <p>
        <strong class="tag tag--green">{ctx.t('pages.draw.status_drawn')}</strong>
      </p>
      <dl class="summary-list">
        <dt>{ctx.t('pages.draw.drawn_at')}</dt>
        <dd>{record.drawnAt ? when(ctx, state, record.drawnAt) : ''}</dd>
        <dt>{ctx.t('pages.draw.commitment')}</dt>
        <dd>
          <code class="mono">{record.commitment}</code>
        </dd>
        <dt>{ctx.t('pages.draw.seed')}</dt>
        <dd>
          <code class="mono">{record.seed ?? ''}</code>
        </dd>
        <dt>{ctx.t('pages.draw.entropy')}</dt>
        <dd>
          {record.publicEntropy ? <code class="mono">{record.publicEntropy}</code> : ctx.t('pages.draw.entropy_empty')}
        </dd>
      </dl>
      <div class="notice notice--info">
        <p>{ctx.t('pages.drawadmin.check_explained')}</p>
        <p>
          <a href={publicDrawPath(id)}>{ctx.t('pages.drawadmin.public_link')}</a>
        </p>
      </div>
      <p>
        <a class="button button--secondary" href={ceremonyPath(id)}>
          {ctx.t('pages.drawadmin.to_ceremony_result')}
        </a>
      </p>
      <h2>{ctx.t('pages.draw.result_title')}</h2>
      <ArmLists ctx={ctx} state={state} />
      <BalanceSection ctx={ctx} state={state} />
    </>
  );
}

function CancelledDraws({ ctx, state }: { ctx: PageContext; state: DrawState }) {
  const cancelled = state.record?.cancelled ?? [];
  if (cancelled.length === 0) return null;
  return (
    <>
      <h2>{ctx.t('pages.draw.cancelled_title')}</h2>
      <ul class="plain-list">
        {cancelled.map((c) => (
          <li key={c.commitment} class="card">
            <p>
              <strong>{ctx.t('pages.draw.cancelled_item', { date: when(ctx, state, c.preparedAt) })}</strong>
            </p>
            <dl class="summary-list">
              <dt>{ctx.t('pages.draw.cancelled_at')}</dt>
              <dd>{when(ctx, state, c.cancelledAt)}</dd>
              <dt>{ctx.t('pages.draw.cancel_reason')}</dt>
              <dd>{c.reason}</dd>
              <dt>{ctx.t('pages.draw.commitment')}</dt>
              <dd>
                <code class="mono">{c.commitment}</code>
              </dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The organizer's draw page: not prepared (the shortlist to be frozen and the preparation
 * form), prepared (the commitment to announce, the ceremony, cancel with a reason) or drawn
 * (seed, entropy, arms and the balance table, the public page with its check).
 */
export function DrawAdminPage(props: {
  ctx: PageContext;
  state: DrawState;
  /** The zone's offset, e.g. UTC+05:00: the announced time is typed in the competition's local time. */
  offset: string;
  prepare?: FormState<PrepareForm>;
  cancel?: FormState<{ reason: string }>;
  /** A problem of the page's action that belongs to no field (the service's 409). */
  errors?: FormErrors;
  notice?: string;
}) {
  const { ctx, state } = props;
  const prepare = props.prepare ?? { values: EMPTY_PREPARE, errors: NO_ERRORS };
  const cancel = props.cancel ?? { values: { reason: '' }, errors: NO_ERRORS };
  const errors = new FormErrors([...(props.errors?.items ?? []), ...prepare.errors.items, ...cancel.errors.items]);
  const title = ctx.t('pages.drawadmin.title', { title: competitionTitle(ctx, state) });
  const labels = {
    announcedAt: ctx.t('pages.drawadmin.announced_label'),
    reason: ctx.t('pages.drawadmin.cancel_reason'),
  };
  return (
    <Layout ctx={ctx} title={title} failed={errors.any} wide scripts={['draw-ceremony.js']}>
      <BackToCompetition ctx={ctx} state={state} />
      <h1>{title}</h1>
      <Notice text={props.notice} />
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      {!state.hasDraw ? (
        <p>{ctx.t('pages.drawadmin.no_draw')}</p>
      ) : !state.record ? (
        <NotPrepared ctx={ctx} state={state} prepare={prepare} offset={props.offset} />
      ) : state.record.status === 'drawn' ? (
        <Drawn ctx={ctx} state={state} />
      ) : (
        <Prepared ctx={ctx} state={state} cancel={cancel} />
      )}
      {state.hasDraw && <CancelledDraws ctx={ctx} state={state} />}
    </Layout>
  );
}
