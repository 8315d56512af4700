import type { DrawRecord } from '../../../libs/lottery';
import type { CompetitionView } from '../../modules/competitions/competitions.service';
import { DIRECTION_LABELS, DirectionCode } from '../../modules/competitions/domain/directions.constants';
import { FILE_KINDS, Rulebook } from '../../modules/competitions/domain/rulebook.types';
import {
  DEFAULT_MAX_APPLICATION_BYTES,
  DEFAULT_MAX_FILE_BYTES,
  toMegabytes,
} from '../../modules/files/files.exception';
import type { PublishedResultRow } from '../../modules/scoring/results.service';
import { findTemplate } from '../../modules/competitions/domain/competition-templates';
import { formatDate, formatMoney } from '../core/format';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';
import {
  acceptingApplications,
  competitionPath,
  isCancelled,
  deadlineText,
  local,
  publicStatus,
  readable,
  scopeText,
  StatusTag,
  TerritoryNames,
  timeLeftText,
} from './public-parts';

/** Prize competitions and volunteer awards publish their winners' prizes on a page of their own. */
function awardsKind(templateCode: string): boolean {
  const kind = findTemplate(templateCode)?.kind;
  return kind === 'prize' || kind === 'award';
}

export interface CompetitionPageData {
  competition: CompetitionView;
  names: TerritoryNames;
  /** Technical screening's counts, once published. */
  screening: { screenedIn: number; screenedOut: number } | null;
  /** The ranking with each application's outcome, once published. */
  results: { publishedAt: string; rows: PublishedResultRow[] } | null;
  /** The draw's public record (youth micro-projects), once prepared. */
  draw: DrawRecord | null;
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function territoryName(ctx: PageContext, names: TerritoryNames, code: string | null): string {
  if (!code) return '';
  const name = names.get(code);
  return name ? local(ctx, name) : code;
}

function ApplyCall({ ctx, competition }: { ctx: PageContext; competition: CompetitionView }) {
  const apply = `${competitionPath(competition.id)}/apply`;
  if (ctx.user) {
    return (
      <p>
        <a class="button" href={apply}>
          {ctx.t('pages.public.apply_button')}
        </a>
      </p>
    );
  }
  return (
    <>
      <p>
        <a class="button" href={`/sign-in?next=${encodeURIComponent(apply)}`}>
          {ctx.t('pages.public.apply_button')}
        </a>
      </p>
      <p class="hint">
        {ctx.t('pages.public.apply_sign_in_hint')} <a href="/sign-up">{ctx.t('pages.public.apply_sign_up')}</a>
      </p>
    </>
  );
}

function WhoMayApply({ ctx, rb, names }: { ctx: PageContext; rb: Rulebook; names: TerritoryNames }) {
  const team = rb.team;
  const ages = (rule: { minAge?: number; maxAge?: number }) =>
    rule.minAge !== undefined && rule.maxAge !== undefined
      ? ctx.t('pages.public.age_range', { min: rule.minAge, max: rule.maxAge })
      : rule.minAge !== undefined
        ? ctx.t('pages.public.age_from', { min: rule.minAge })
        : rule.maxAge !== undefined
          ? ctx.t('pages.public.age_to', { max: rule.maxAge })
          : null;
  const teamAges = team ? ages(team) : null;
  const applicantAges = rb.applicantAge ? ages(rb.applicantAge) : null;
  const limits = [
    rb.limits.onePersonOneApplication ? ctx.t('pages.public.limit_one_person') : null,
    rb.limits.oneApplicationPerGroup ? ctx.t('pages.public.limit_one_per_group') : null,
    rb.limits.perHostOrganization ? ctx.t('pages.public.limit_per_host', { n: rb.limits.perHostOrganization }) : null,
  ].filter((l): l is string => l !== null);
  return (
    <section aria-labelledby="who-heading">
      <h2 id="who-heading">{ctx.t('pages.public.who_heading')}</h2>
      <dl class="summary-list">
        <dt>{ctx.t('pages.public.applicant_kinds')}</dt>
        <dd>{rb.applicantKinds.map((k) => ctx.t(`pages.public.kind_${k}`)).join(', ')}</dd>
        {team && (
          <>
            <dt>{ctx.t('pages.public.team_label')}</dt>
            <dd>
              {team.minSize === team.maxSize
                ? ctx.t('pages.public.team_size_exact', { n: team.minSize })
                : ctx.t('pages.public.team_size', { min: team.minSize, max: team.maxSize })}
            </dd>
          </>
        )}
        {teamAges && (
          <>
            <dt>{ctx.t('pages.public.team_age_label')}</dt>
            <dd>{teamAges}</dd>
          </>
        )}
        {applicantAges && (
          <>
            <dt>{ctx.t('pages.public.age_label')}</dt>
            <dd>{applicantAges}</dd>
          </>
        )}
        <dt>{ctx.t('pages.public.territory')}</dt>
        <dd>
          {scopeText(ctx, rb, names)}
          <br />
          <span class="muted">{ctx.t(`pages.public.territory_level_${rb.territory.level}`)}</span>
        </dd>
        {rb.directions.length > 0 && (
          <>
            <dt>{ctx.t('pages.public.directions_label')}</dt>
            <dd>
              {rb.directions
                .map((d) => (d in DIRECTION_LABELS ? local(ctx, DIRECTION_LABELS[d as DirectionCode]) : d))
                .join('; ')}
            </dd>
          </>
        )}
        {limits.length > 0 && (
          <>
            <dt>{ctx.t('pages.public.limits_label')}</dt>
            <dd>
              <ul class="plain-list">
                {limits.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function selectionRule(ctx: PageContext, rb: Rulebook): string {
  const s = rb.selection;
  const parts: string[] = [];
  if (s.shortlistForDraw) parts.push(ctx.t('rule.shortlist'));
  if (s.winners) parts.push(ctx.t('rule.winners', { n: s.winners }));
  if (s.perNomination) parts.push(ctx.t('rule.per_nomination', { n: s.perNomination }));
  if (s.oneWinnerPer === 'district') parts.push(ctx.t('rule.one_per_district'));
  if (s.oneWinnerPer === 'region') parts.push(ctx.t('rule.one_per_region'));
  return parts.length ? sentence(parts.join('; ')) : '';
}

function WhatItGives({ ctx, competition }: { ctx: PageContext; competition: CompetitionView }) {
  const rb = competition.rulebook;
  const funding = rb.funding;
  const kind = findTemplate(competition.templateCode)?.kind;
  const rule = selectionRule(ctx, rb);
  return (
    <section aria-labelledby="gives-heading">
      <h2 id="gives-heading">{ctx.t('pages.public.gives_heading')}</h2>
      <dl class="summary-list">
        {funding?.amountCap !== undefined && (
          <>
            <dt>{ctx.t('pages.public.amount_cap')}</dt>
            <dd>{formatMoney(funding.amountCap)}</dd>
          </>
        )}
        {funding?.totalFund !== undefined && (
          <>
            <dt>{ctx.t('pages.public.total_fund')}</dt>
            <dd>{formatMoney(funding.totalFund)}</dd>
          </>
        )}
        {funding?.perRegionFund !== undefined && (
          <>
            <dt>{ctx.t('pages.public.per_region_fund')}</dt>
            <dd>{formatMoney(funding.perRegionFund)}</dd>
          </>
        )}
        {funding?.hostOrganizationOverheadPercent !== undefined && (
          <>
            <dt>{ctx.t('pages.public.overhead_label')}</dt>
            <dd>{ctx.t('pages.public.overhead', { percent: funding.hostOrganizationOverheadPercent })}</dd>
          </>
        )}
        {funding?.stipends && (
          <>
            <dt>{ctx.t('pages.public.stipends_label')}</dt>
            <dd>
              {ctx.t('pages.public.stipends', {
                students: formatMoney(funding.stipends.schoolLeaverAndStudents),
                graduates: formatMoney(funding.stipends.graduates),
              })}
            </dd>
          </>
        )}
        {rule && (
          <>
            <dt>{ctx.t('pages.public.selection_rule_label')}</dt>
            <dd>{rule}</dd>
          </>
        )}
        {rb.nominations.length > 0 && (
          <>
            <dt>{ctx.t('pages.public.nominations_label')}</dt>
            <dd>{rb.nominations.map((n) => local(ctx, n.label)).join('; ')}</dd>
          </>
        )}
      </dl>
      {!funding && kind === 'prize' && <p>{ctx.t('pages.public.prizes')}</p>}
      {!funding && (kind === 'award' || rb.nominations.length > 0) && <p>{ctx.t('pages.public.awards')}</p>}
      {!funding && kind === 'selection' && <p>{ctx.t('pages.public.selection_kind')}</p>}
      {rb.draw && (
        <>
          <p>{ctx.t('pages.public.draw_intro')}</p>
          <dl class="summary-list">
            {rb.draw.arms.map((arm) => (
              <>
                <dt>{ctx.t('pages.public.arm', { arm: arm.code })}</dt>
                <dd>{rb.draw!.armMeaning[arm.code] ? local(ctx, rb.draw!.armMeaning[arm.code]) : ''}</dd>
              </>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}

function Documents({ ctx, rb }: { ctx: PageContext; rb: Rulebook }) {
  return (
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading">{ctx.t('pages.public.documents_heading')}</h2>
      {rb.documents.length === 0 ? (
        <p>{ctx.t('pages.public.docs_none')}</p>
      ) : (
        <>
          <ul class="documents">
            {rb.documents.map((d) => (
              <li key={d.code}>
                {local(ctx, d.label)}{' '}
                <span class={d.required ? 'tag' : 'tag tag--grey'}>
                  {ctx.t(d.required ? 'pages.public.doc_required' : 'pages.public.doc_optional')}
                </span>
                <br />
                <span class="muted">
                  {ctx.t('pages.public.doc_kinds', {
                    kinds: (d.kinds ?? FILE_KINDS).map((k) => k.toUpperCase()).join(', '),
                  })}
                </span>
              </li>
            ))}
          </ul>
          <p class="hint">
            {ctx.t('pages.public.doc_limits', {
              file: toMegabytes(DEFAULT_MAX_FILE_BYTES),
              total: toMegabytes(DEFAULT_MAX_APPLICATION_BYTES),
            })}
          </p>
        </>
      )}
    </section>
  );
}

function Criteria({ ctx, rb }: { ctx: PageContext; rb: Rulebook }) {
  return (
    <section aria-labelledby="criteria-heading">
      <h2 id="criteria-heading">{ctx.t('pages.public.criteria_heading')}</h2>
      <p>{ctx.t('pages.public.criteria_intro')}</p>
      <ol class="criteria">
        {rb.criteria.map((c) => (
          <li key={c.code}>
            {local(ctx, c.label)}
            <br />
            <span class="muted">
              {ctx.t('pages.public.col_weight')}: {readable(c.weight)} · {ctx.t('pages.public.col_max_points')}:{' '}
              {readable(c.maxPoints)}
            </span>
          </li>
        ))}
      </ol>
      {rb.selection.quorum ? <p>{sentence(ctx.t('rule.quorum', { n: rb.selection.quorum }))}</p> : null}
    </section>
  );
}

function Ranking({
  ctx,
  rb,
  rows,
  names,
}: {
  ctx: PageContext;
  rb: Rulebook;
  rows: PublishedResultRow[];
  names: TerritoryNames;
}) {
  const nominations = new Map(rb.nominations.map((n) => [n.code, n.label]));
  const outcome = (r: PublishedResultRow) =>
    r.selected ? (
      <span class="tag tag--green">
        {ctx.t(r.reason === 'shortlisted' ? 'pages.public.outcome_shortlisted' : 'pages.public.outcome_selected')}
      </span>
    ) : (
      <span class="tag tag--grey">{ctx.t('pages.public.outcome_not_selected')}</span>
    );
  // Three columns fit a phone: the number, territory, nomination, amount and outcome go under the title.
  const details = (r: PublishedResultRow) =>
    [
      territoryName(ctx, names, r.territoryCode),
      r.nomination && nominations.has(r.nomination) ? local(ctx, nominations.get(r.nomination)!) : '',
      rb.funding ? ctx.t('pages.public.requested_amount', { amount: formatMoney(r.amount) }) : '',
    ].filter((d) => d !== '');
  return (
    <>
      <h3 id="ranking-heading">{ctx.t('pages.public.ranking_heading')}</h3>
      <p class="hint">{ctx.t('pages.public.ranking_note')}</p>
      <div class="table-scroll" role="region" aria-labelledby="ranking-heading" tabindex={0}>
        <table class="ranking">
          <thead>
            <tr>
              <th scope="col" class="num">
                {ctx.t('pages.public.col_rank')}
              </th>
              <th scope="col">{ctx.t('pages.public.col_application')}</th>
              <th scope="col" class="num">
                {ctx.t('pages.public.col_score')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.number ?? i}>
                <td class="num">{r.rank}</td>
                <td>
                  {r.title}
                  <br />
                  <span class="muted">
                    <span class="nowrap">{r.number}</span>
                    {details(r).map((d) => ` · ${d}`)}
                  </span>
                  <br />
                  {outcome(r)}
                </td>
                <td class="num">{readable(r.mean)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Winners({
  ctx,
  rb,
  rows,
  names,
  draw,
}: {
  ctx: PageContext;
  rb: Rulebook;
  rows: PublishedResultRow[];
  names: TerritoryNames;
  draw: DrawRecord | null;
}) {
  const selected = rows.filter((r) => r.selected);
  const shortlist = !!rb.selection.shortlistForDraw;
  const arms = new Map((draw?.assignments ?? []).map((a) => [a.applicationNumber, a.arm]));
  const nominations = new Map(rb.nominations.map((n) => [n.code, n.label]));
  return (
    <>
      <h3>{ctx.t(shortlist ? 'pages.public.shortlist_heading' : 'pages.public.winners_heading')}</h3>
      {selected.length === 0 ? (
        <p>{ctx.t('pages.public.winners_none')}</p>
      ) : (
        <ul class="winners">
          {selected.map((r) => {
            const details = [
              territoryName(ctx, names, r.territoryCode),
              r.nomination && nominations.has(r.nomination) ? local(ctx, nominations.get(r.nomination)!) : '',
              rb.funding && !shortlist ? ctx.t('pages.public.winner_grant', { amount: formatMoney(r.amount) }) : '',
              r.number && arms.has(r.number) ? ctx.t('pages.public.drawn_arm', { arm: arms.get(r.number) }) : '',
            ].filter((d) => d !== '');
            return (
              <li key={r.number}>
                <strong>{r.title}</strong> <span class="nowrap">({r.number})</span>
                {details.length > 0 && (
                  <>
                    <br />
                    <span class="muted">{details.join('; ')}</span>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

function Results({ ctx, data }: { ctx: PageContext; data: CompetitionPageData }) {
  const { competition, screening, results, draw, names } = data;
  const rb = competition.rulebook;
  const cancelled = isCancelled(competition);
  const protocol = (lang: 'kk' | 'ru') => `/api/v1/competitions/${competition.id}/protocol.docx?lang=${lang}`;
  return (
    <section aria-labelledby="results">
      <h2 id="results">{ctx.t('pages.public.results_heading')}</h2>
      <dl class="summary-list">
        <dt>{ctx.t('pages.public.received')}</dt>
        <dd>{competition.counts.received}</dd>
        {screening && (
          <>
            <dt>{ctx.t('pages.public.screened_in')}</dt>
            <dd>{screening.screenedIn}</dd>
            <dt>{ctx.t('pages.public.screened_out')}</dt>
            <dd>{screening.screenedOut}</dd>
          </>
        )}
        {results && (
          <>
            <dt>
              {ctx.t(rb.selection.shortlistForDraw ? 'pages.public.shortlisted_count' : 'pages.public.winners_count')}
            </dt>
            <dd>{results.rows.filter((r) => r.selected).length}</dd>
          </>
        )}
      </dl>
      {!screening && !cancelled && <p>{ctx.t('pages.public.screening_not_yet')}</p>}
      {!results && screening && !cancelled && <p>{ctx.t('pages.public.results_not_yet')}</p>}
      {results && (
        <>
          <p>
            {ctx.t('pages.public.results_published_on', {
              date: formatDate(results.publishedAt, ctx.locale, competition.timeZone),
            })}
          </p>
          <Winners ctx={ctx} rb={rb} rows={results.rows} names={names} draw={draw} />
          {awardsKind(competition.templateCode) && (
            <p>
              <a href={`/competitions/${competition.id}/winners`}>{ctx.t('pages.public.winners_prizes_link')}</a>
            </p>
          )}
          <Ranking ctx={ctx} rb={rb} rows={results.rows} names={names} />
          <h3>{ctx.t('pages.public.protocol_heading')}</h3>
          <ul>
            <li>
              <a href={protocol('kk')} hreflang="kk">
                {ctx.t('pages.public.protocol_kk')}
              </a>
            </li>
            <li>
              <a href={protocol('ru')} hreflang="ru">
                {ctx.t('pages.public.protocol_ru')}
              </a>
            </li>
          </ul>
        </>
      )}
      {draw && (
        <>
          <h3>{ctx.t('pages.public.draw_heading')}</h3>
          <p>{ctx.t(draw.status === 'drawn' ? 'pages.public.draw_done' : 'pages.public.draw_prepared')}</p>
          <p>
            <a href={`/draws/${competition.id}`}>{ctx.t('pages.public.draw_link')}</a>
          </p>
          {draw.status === 'drawn' && (
            <p>
              <a href={`/competitions/${competition.id}/arms-compliance`}>{ctx.t('pages.training.public_title')}</a>
            </p>
          )}
        </>
      )}
    </section>
  );
}

/**
 * A competition's public page: the rules an applicant reads before applying (who, what for,
 * which documents, how it is scored, until when), then what came of it once published.
 */
export function CompetitionPage({ ctx, data }: { ctx: PageContext; data: CompetitionPageData }) {
  const { competition } = data;
  const rb = competition.rulebook;
  const status = publicStatus(competition, ctx.now, !!data.results);
  const accepting = acceptingApplications(competition, ctx.now);
  const left = accepting ? timeLeftText(ctx, competition.submissionDeadline) : null;
  const description = competition.description ? local(ctx, competition.description) : '';
  const intakeOver = competition.status !== 'draft' && !accepting;
  return (
    <Layout ctx={ctx} title={local(ctx, competition.title)}>
      {competition.status === 'draft' && <Notice kind="warning" text={ctx.t('pages.public.draft_notice')} />}
      <h1>{local(ctx, competition.title)}</h1>
      <p>
        <StatusTag ctx={ctx} status={status} />
      </p>
      {description
        .split(/\n+/)
        .filter((p) => p.trim() !== '')
        .map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      {competition.submissionDeadline && (
        <div class="panel">
          <p>
            <strong>{ctx.t('pages.public.deadline')}</strong>
          </p>
          <p class="deadline">{deadlineText(ctx, competition)}</p>
          {left && (
            <p>
              <strong>{left}</strong>
            </p>
          )}
          {accepting && <ApplyCall ctx={ctx} competition={competition} />}
        </div>
      )}
      {intakeOver && <Results ctx={ctx} data={data} />}
      <WhoMayApply ctx={ctx} rb={rb} names={data.names} />
      <WhatItGives ctx={ctx} competition={competition} />
      <Documents ctx={ctx} rb={rb} />
      <Criteria ctx={ctx} rb={rb} />
    </Layout>
  );
}
