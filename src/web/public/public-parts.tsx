import { readableNumber } from '../../common/i18n/message-format';
import type { CompetitionSummary, CompetitionView } from '../../modules/competitions/competitions.service';
import { findTemplate } from '../../modules/competitions/domain/competition-templates';
import type { LocalizedText, Rulebook } from '../../modules/competitions/domain/rulebook.types';
import { formatDateTime, formatMoney, timeLeft } from '../core/format';
import type { PageContext } from '../core/page-context';

/** What the public pages need of a competition: the list's summary and the full view share these. */
export type PublicCompetition = Pick<
  CompetitionView | CompetitionSummary,
  'id' | 'templateCode' | 'title' | 'status' | 'timeZone' | 'submissionDeadline' | 'rulebook'
>;

/** Territory names by code, as TerritoriesService.namesOf answers. */
export type TerritoryNames = Map<string, LocalizedText>;

export function local(ctx: PageContext, text: LocalizedText): string {
  return text[ctx.locale];
}

export function competitionPath(id: string): string {
  return `/competitions/${id}`;
}

/** Still taking applications: open, and the deadline ahead (the server refuses a submission at or after it). */
export function acceptingApplications(c: PublicCompetition, now: Date): boolean {
  return c.status === 'open' && !!c.submissionDeadline && new Date(c.submissionDeadline).getTime() > now.getTime();
}

/** `14 ақпан 2026, 18:00 (Астана уақытымен)`: local time in the competition's zone. */
export function deadlineText(ctx: PageContext, c: Pick<PublicCompetition, 'submissionDeadline' | 'timeZone'>): string {
  if (!c.submissionDeadline) return '';
  const date = formatDateTime(c.submissionDeadline, c.timeZone, ctx.locale);
  // Kazakhstan keeps one zone, UTC+5, since 1 March 2024: Almaty's zone is the country's time.
  return c.timeZone === 'Asia/Almaty' ? ctx.t('pages.public.deadline_astana', { date }) : date;
}

/** `Осталось: 10 дней 3 часа` — the two largest units; null once the moment has passed. */
export function timeLeftText(ctx: PageContext, until: string | null): string | null {
  if (!until) return null;
  const left = timeLeft(until, ctx.now);
  if (!left) return null;
  const parts: string[] = [];
  if (left.days > 0) {
    parts.push(ctx.t('pages.public.left_days', { n: left.days }));
    if (left.hours > 0) parts.push(ctx.t('pages.public.left_hours', { n: left.hours }));
  } else if (left.hours > 0) {
    parts.push(ctx.t('pages.public.left_hours', { n: left.hours }));
    if (left.minutes > 0) parts.push(ctx.t('pages.public.left_minutes', { n: left.minutes }));
  } else if (left.minutes > 0) {
    parts.push(ctx.t('pages.public.left_minutes', { n: left.minutes }));
  } else {
    parts.push(ctx.t('pages.public.left_under_minute'));
  }
  return ctx.t('pages.public.time_left', { time: parts.join(' ') });
}

/** Stopped by its organizer (the entity's status type predates the status). */
export function isCancelled(c: Pick<PublicCompetition, 'status'>): boolean {
  return (c.status as string) === 'cancelled';
}

/** In a few words, what taking part gives: the grant and fund, prizes, awards or a selection. */
export function givesPhrases(ctx: PageContext, c: PublicCompetition): string[] {
  const rb = c.rulebook;
  const kind = findTemplate(c.templateCode)?.kind;
  const phrases: string[] = [];
  if (rb.funding?.amountCap)
    phrases.push(ctx.t('pages.public.gives_grant', { amount: formatMoney(rb.funding.amountCap) }));
  if (rb.funding?.totalFund)
    phrases.push(ctx.t('pages.public.gives_fund', { amount: formatMoney(rb.funding.totalFund) }));
  if (rb.draw) phrases.push(ctx.t('pages.public.gives_draw', { arms: rb.draw.arms.map((a) => a.code).join(', ') }));
  if (phrases.length === 0) {
    if (kind === 'award' || rb.nominations.length > 0) {
      phrases.push(ctx.t('pages.public.gives_award', { n: rb.nominations.length }));
    } else if (kind === 'prize') {
      phrases.push(ctx.t('pages.public.gives_prize'));
    } else {
      phrases.push(ctx.t('pages.public.gives_selection'));
    }
  }
  return phrases;
}

/** The territory in scope, by name (a code without a name stays a code). */
export function scopeText(ctx: PageContext, rb: Rulebook, names: TerritoryNames): string {
  return rb.territory.scope.map((code) => (names.has(code) ? local(ctx, names.get(code)!) : code)).join(', ');
}

export type PublicStatus =
  | 'open'
  | 'intake_over'
  | 'closed'
  | 'screening'
  | 'scoring'
  | 'results'
  | 'results_published'
  | 'contracting'
  | 'implementation'
  | 'completed'
  | 'cancelled'
  | 'draft';

/** Where the competition stands, as the public reads it. */
export function publicStatus(c: PublicCompetition, now: Date, resultsPublished: boolean): PublicStatus {
  if (c.status === 'open') return acceptingApplications(c, now) ? 'open' : 'intake_over';
  if (c.status === 'results' && resultsPublished) return 'results_published';
  return c.status as PublicStatus;
}

const TAG_CLASS: Record<PublicStatus, string> = {
  open: 'tag tag--green',
  intake_over: 'tag tag--yellow',
  closed: 'tag tag--yellow',
  screening: 'tag tag--yellow',
  scoring: 'tag tag--yellow',
  results: 'tag tag--yellow',
  results_published: 'tag',
  contracting: 'tag',
  implementation: 'tag',
  completed: 'tag tag--grey',
  cancelled: 'tag tag--red',
  draft: 'tag tag--grey',
};

export function StatusTag({ ctx, status }: { ctx: PageContext; status: PublicStatus }) {
  return <span class={TAG_CLASS[status]}>{ctx.t(`pages.public.status_${status}`)}</span>;
}

/** A number as people read it in either language: `8,75`, `0,4`. */
export function readable(value: number): string {
  return readableNumber(value);
}

/**
 * Previous/next links for one of the home page's lists; `param` names its page in the query,
 * `keep` holds the other list's page so moving in one does not reset the other.
 */
export function Pager({
  ctx,
  label,
  param,
  page,
  pageSize,
  total,
  keep,
}: {
  ctx: PageContext;
  label: string;
  param: string;
  page: number;
  pageSize: number;
  total: number;
  keep: Record<string, number>;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1 && page <= 1) return null;
  const href = (n: number) => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...keep, [param]: n })) if (v > 1) query.set(k, String(v));
    const qs = query.toString();
    return qs ? `/?${qs}` : '/';
  };
  return (
    <nav class="pager" aria-label={ctx.t('pages.public.pager_label', { list: label })}>
      <ul>
        {page > 1 && (
          <li>
            <a href={href(Math.min(page - 1, pages))} rel="prev">
              {ctx.t('pages.public.pager_previous')}
            </a>
          </li>
        )}
        <li class="muted">{ctx.t('pages.public.pager_position', { page, pages })}</li>
        {page < pages && (
          <li>
            <a href={href(page + 1)} rel="next">
              {ctx.t('pages.public.pager_next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
