import type { Page } from '../../common/pagination/pagination';
import type { CompetitionSummary } from '../../modules/competitions/competitions.service';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';
import {
  competitionPath,
  deadlineText,
  givesPhrases,
  isCancelled,
  local,
  Pager,
  publicStatus,
  scopeText,
  StatusTag,
  TerritoryNames,
  timeLeftText,
} from './public-parts';

/** What the home page shows of a competition whose intake is over: the published counts. */
export interface PastOutcome {
  screening: { screenedIn: number; screenedOut: number } | null;
  results: { publishedAt: string; ranked: number; selected: number } | null;
}

export interface HomeData {
  open: Page<CompetitionSummary>;
  past: Page<CompetitionSummary>;
  outcomes: Map<string, PastOutcome>;
  names: TerritoryNames;
  notice?: string;
}

function OpenCard({ ctx, c, names }: { ctx: PageContext; c: CompetitionSummary; names: TerritoryNames }) {
  const left = timeLeftText(ctx, c.submissionDeadline);
  return (
    <li class="card">
      <h3>
        <a href={competitionPath(c.id)}>{local(ctx, c.title)}</a>
      </h3>
      <dl class="summary-list">
        <dt>{ctx.t('pages.public.gives')}</dt>
        <dd>{givesPhrases(ctx, c).join('; ')}</dd>
        <dt>{ctx.t('pages.public.territory')}</dt>
        <dd>{scopeText(ctx, c.rulebook, names)}</dd>
        <dt>{ctx.t('pages.public.deadline')}</dt>
        <dd>
          {deadlineText(ctx, c)}
          {left && (
            <>
              <br />
              <strong>{left}</strong>
            </>
          )}
        </dd>
      </dl>
    </li>
  );
}

function PastCard({
  ctx,
  c,
  names,
  outcome,
}: {
  ctx: PageContext;
  c: CompetitionSummary;
  names: TerritoryNames;
  outcome: PastOutcome;
}) {
  const shortlist = !!c.rulebook.selection.shortlistForDraw;
  return (
    <li class="card">
      <h3>
        <a href={competitionPath(c.id)}>{local(ctx, c.title)}</a>
      </h3>
      <p>
        <StatusTag ctx={ctx} status={publicStatus(c, ctx.now, !!outcome.results)} />
      </p>
      <dl class="summary-list">
        <dt>{ctx.t('pages.public.territory')}</dt>
        <dd>{scopeText(ctx, c.rulebook, names)}</dd>
        {c.submissionDeadline && (
          <>
            <dt>{ctx.t('pages.public.deadline')}</dt>
            <dd>{deadlineText(ctx, c)}</dd>
          </>
        )}
        {!isCancelled(c) && (
          <>
            <dt>{ctx.t('pages.public.received')}</dt>
            <dd>{c.received}</dd>
          </>
        )}
        {outcome.screening && (
          <>
            <dt>{ctx.t('pages.public.screened_in')}</dt>
            <dd>{outcome.screening.screenedIn}</dd>
          </>
        )}
        {outcome.results && (
          <>
            <dt>{ctx.t(shortlist ? 'pages.public.shortlisted_count' : 'pages.public.winners_count')}</dt>
            <dd>{outcome.results.selected}</dd>
          </>
        )}
      </dl>
      {outcome.results && (
        <p>
          <a href={`${competitionPath(c.id)}#results`}>
            {ctx.t('pages.public.results_link')}
            <span class="visually-hidden">: {local(ctx, c.title)}</span>
          </a>
        </p>
      )}
    </li>
  );
}

/** The home page: competitions taking applications, then those whose intake is over, with their outcome. */
export function HomePage({ ctx, data }: { ctx: PageContext; data: HomeData }) {
  const { open, past } = data;
  const openLabel = ctx.t('pages.public.open_heading');
  const pastLabel = ctx.t('pages.public.past_heading');
  const keep = { open: open.page, past: past.page };
  return (
    <Layout ctx={ctx} title={ctx.t('pages.public.home_title')}>
      <Notice text={data.notice} />
      <h1>{ctx.t('pages.public.home_title')}</h1>
      <p>{ctx.t('pages.public.home_intro')}</p>

      <section aria-labelledby="open-heading">
        <h2 id="open-heading">{openLabel}</h2>
        {open.items.length === 0 ? (
          <p>{ctx.t('pages.public.open_none')}</p>
        ) : (
          <ul class="cards">
            {open.items.map((c) => (
              <OpenCard key={c.id} ctx={ctx} c={c} names={data.names} />
            ))}
          </ul>
        )}
        <Pager
          ctx={ctx}
          label={openLabel}
          param="open"
          page={open.page}
          pageSize={open.pageSize}
          total={open.total}
          keep={keep}
        />
      </section>

      <section aria-labelledby="past-heading">
        <h2 id="past-heading">{pastLabel}</h2>
        {past.items.length === 0 ? (
          <p>{ctx.t('pages.public.past_none')}</p>
        ) : (
          <ul class="cards">
            {past.items.map((c) => (
              <PastCard
                key={c.id}
                ctx={ctx}
                c={c}
                names={data.names}
                outcome={data.outcomes.get(c.id) ?? { screening: null, results: null }}
              />
            ))}
          </ul>
        )}
        <Pager
          ctx={ctx}
          label={pastLabel}
          param="past"
          page={past.page}
          pageSize={past.pageSize}
          total={past.total}
          keep={keep}
        />
      </section>
    </Layout>
  );
}
