import type { CompetitionView } from '../../modules/competitions/competitions.service';
import { COMPETITION_STATUSES, CompetitionStatus } from '../../modules/competitions/domain/competition-status';
import { findTemplate } from '../../modules/competitions/domain/competition-templates';
import { formatDateTime } from '../core/format';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { titleIn } from './organizer-views';

const T = 'pages.organizer.hub.';

/** Whether the competition has reached `status` (cancelled reaches nothing further). */
function reached(current: CompetitionStatus, status: CompetitionStatus): boolean {
  if (current === 'cancelled') return false;
  return COMPETITION_STATUSES.indexOf(current) >= COMPETITION_STATUSES.indexOf(status);
}

/** What the organizer does next; an open competition past its deadline waits for screening to be run. */
function nextStep(competition: CompetitionView, now: Date): string {
  const past = competition.submissionDeadline !== null && new Date(competition.submissionDeadline) <= now;
  return competition.status === 'open' && past ? 'open_past_deadline' : competition.status;
}

interface Section {
  key: string;
  href: string;
  /** Shown as the current step: where the organizer's work is now. */
  current: boolean;
  /** Not reachable yet: listed, without a link, so the whole way is visible from the start. */
  later: boolean;
}

/** The sections of a competition's work in the order they come, marked by where the competition is. */
function sectionsOf(competition: CompetitionView): Section[] {
  const base = `/organizer/competitions/${competition.id}`;
  const s = competition.status;
  const sections: Section[] = [
    { key: 'rules', href: `${base}/rules`, current: s === 'draft', later: false },
    { key: 'members', href: `${base}/members`, current: false, later: false },
    {
      key: 'applications',
      href: `${base}/applications`,
      current: s === 'open' || s === 'closed' || s === 'screening',
      later: !reached(s, 'open'),
    },
    { key: 'commission', href: `${base}/commission`, current: s === 'scoring', later: !reached(s, 'screening') },
    { key: 'results', href: `${base}/results`, current: s === 'results', later: !reached(s, 'scoring') },
  ];
  // After the decision: prizes and award acts (prize competitions, volunteer awards), grant
  // contracts (mini-grants, «Сәтті қадам», the draw's grant arms).
  const kind = findTemplate(competition.templateCode)?.kind;
  if (kind === 'prize' || kind === 'award') {
    sections.push({ key: 'awards', href: `${base}/awards`, current: false, later: !reached(s, 'results') });
  }
  if (kind === 'grant' || kind === 'prize' || kind === 'draw') {
    sections.push({ key: 'contracts', href: `${base}/contracts`, current: false, later: !reached(s, 'results') });
    // The winners' reports, the overdue ones first, once contracts can exist.
    sections.push({ key: 'reports', href: `${base}/reports`, current: false, later: !reached(s, 'results') });
  }
  // The participants' survey of the contracted projects, unless the rulebook says it runs none.
  if ((kind === 'grant' || kind === 'prize' || kind === 'draw') && competition.rulebook.survey !== null) {
    sections.push({ key: 'survey', href: `${base}/survey`, current: false, later: !reached(s, 'results') });
  }
  // The operator's final report (the 004 form), computed from the contracts and the reports.
  if (kind === 'grant' || kind === 'prize' || kind === 'draw') {
    sections.push({ key: 'final_report', href: `${base}/final-report`, current: false, later: !reached(s, 'results') });
  }
  if (competition.rulebook.draw) {
    sections.push({ key: 'draw', href: `${base}/draw`, current: false, later: !reached(s, 'scoring') });
    // Arms A and C get a mentor once the draw has placed them.
    sections.push({ key: 'mentors', href: `${base}/mentors`, current: false, later: !reached(s, 'results') });
    // Training attendance and the assigned-versus-received table per arm, once the arms are drawn.
    sections.push({ key: 'training', href: `${base}/training`, current: false, later: !reached(s, 'results') });
  }
  if (competition.rulebook.funding?.stipends) {
    sections.push({ key: 'stipends', href: `${base}/stipends`, current: false, later: !reached(s, 'results') });
  }
  return sections;
}

/**
 * One competition's page for its organizer: where it stands, what to do next, and every part
 * of the work (rules, team, applications and screening, commission, results, the draw) one
 * click away, in the order they come.
 */
export function CompetitionHubPage({
  ctx,
  competition,
  notice,
}: {
  ctx: PageContext;
  competition: CompetitionView;
  notice?: string;
}) {
  const title = titleIn(ctx, competition.title);
  const deadline = competition.submissionDeadline
    ? formatDateTime(competition.submissionDeadline, competition.timeZone, ctx.locale)
    : null;
  return (
    <Layout ctx={ctx} title={title} wide>
      <Notice text={notice} />
      <p>
        <a href="/organizer">{ctx.t('pages.organizer.back_to_my')}</a>
      </p>
      <h1>{title}</h1>
      <dl class="facts">
        <dt>{ctx.t('pages.organizer.col_status')}</dt>
        <dd>
          <strong class="tag tag--grey">{ctx.t(`pages.organizer.competition_status.${competition.status}`)}</strong>
        </dd>
        <dt>{ctx.t('pages.organizer.col_deadline')}</dt>
        <dd>{deadline ?? ctx.t(`${T}no_deadline`)}</dd>
        <dt>{ctx.t('pages.organizer.col_received')}</dt>
        <dd>{competition.counts.received}</dd>
      </dl>
      <div class="notice notice--info">
        <p>{ctx.t(`${T}next.${nextStep(competition, ctx.now)}`, { deadline: deadline ?? '—' })}</p>
      </div>
      <ul class="cards hub">
        {sectionsOf(competition).map((section) => (
          <li class={`card${section.current ? ' card--current' : ''}`} key={section.key}>
            <h2>
              {section.later ? (
                ctx.t(`${T}section.${section.key}`)
              ) : (
                <a href={section.href} aria-current={section.current ? 'step' : undefined}>
                  {ctx.t(`${T}section.${section.key}`)}
                </a>
              )}
            </h2>
            <p>{ctx.t(`${T}about.${section.key}`)}</p>
            {section.later && <p class="muted">{ctx.t(`${T}later`)}</p>}
          </li>
        ))}
      </ul>
      {competition.status !== 'draft' && <h2>{ctx.t(`${T}public_heading`)}</h2>}
      <ul class="links">
        {competition.status !== 'draft' && (
          <li>
            <a href={`/competitions/${competition.id}`}>{ctx.t(`${T}public_page`)}</a>
          </li>
        )}
        {(findTemplate(competition.templateCode)?.kind === 'prize' ||
          findTemplate(competition.templateCode)?.kind === 'award') &&
          reached(competition.status, 'results') && (
            <li>
              <a href={`/competitions/${competition.id}/winners`}>{ctx.t(`${T}public_winners`)}</a>
            </li>
          )}
        {competition.rulebook.draw && reached(competition.status, 'scoring') && (
          <li>
            <a href={`/draws/${competition.id}`}>{ctx.t(`${T}public_draw`)}</a>
          </li>
        )}
      </ul>
    </Layout>
  );
}
