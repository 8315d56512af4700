import { formatDateTime } from '../core/format';
import type { PageContext } from '../core/page-context';
import { entitlementsOf, MyApplicationItem, shownStatus, tagColour, timeLeftUnit } from './me-progress';

/** A status in words from the catalogue, as a coloured tag. */
export function StatusTag({ ctx, status }: { ctx: PageContext; status: string }) {
  const colour = tagColour(status);
  return <strong class={colour === 'blue' ? 'tag' : `tag tag--${colour}`}>{ctx.t(`status.${status}`)}</strong>;
}

function Entitlements({ ctx, arm }: { ctx: PageContext; arm: string | null }) {
  const items = entitlementsOf(arm);
  if (items.length === 0) return null;
  return (
    <ul>
      {items.map((k) => (
        <li key={k}>{ctx.t(`pages.me.entitlement.${k}`)}</li>
      ))}
    </ul>
  );
}

function DraftNext({ ctx, item }: { ctx: PageContext; item: MyApplicationItem }) {
  if (!item.deadline) return <p>{ctx.t('pages.me.next.draft_no_deadline')}</p>;
  const deadline = formatDateTime(item.deadline, item.timeZone, ctx.locale);
  const left = timeLeftUnit(item.deadline, ctx.now);
  if (!left) return <p>{ctx.t('pages.me.next.draft_late', { deadline })}</p>;
  return (
    <p>
      {ctx.t('pages.me.next.draft', { deadline })}{' '}
      <strong>{ctx.t(`pages.me.next.left_${left.unit}`, { [left.unit]: left.value })}</strong>
    </p>
  );
}

/** "What happens next" for each status, in the reader's language. */
export function NextStep({ ctx, item }: { ctx: PageContext; item: MyApplicationItem }) {
  const status = shownStatus(item);
  switch (status) {
    case 'draft':
      return <DraftNext ctx={ctx} item={item} />;
    case 'submitted':
      return (
        <p>
          {item.submittedAt
            ? ctx.t('pages.me.next.submitted', {
                submittedAt: formatDateTime(item.submittedAt, item.timeZone, ctx.locale),
              })
            : ctx.t('pages.me.next.submitted_plain')}
        </p>
      );
    case 'screened_out':
      return (
        <>
          <p>{ctx.t('pages.me.next.screened_out')}</p>
          {item.screening && item.screening.reasons.length > 0 && (
            <ul>
              {item.screening.reasons.map((r, i) => (
                <li key={i}>
                  {r.label}
                  {r.message ? `: ${r.message}` : ''}
                </li>
              ))}
            </ul>
          )}
          {item.screening?.comment && (
            <p>{ctx.t('pages.me.next.screened_out_comment', { comment: item.screening.comment })}</p>
          )}
        </>
      );
    case 'allocated':
      return (
        <>
          <p>{ctx.t('pages.me.next.allocated', { arm: item.arm ?? '' })}</p>
          <Entitlements ctx={ctx} arm={item.arm} />
        </>
      );
    case 'winner':
      return (
        <>
          <p>{ctx.t('pages.me.next.winner')}</p>
          {item.arm && (
            <>
              <p>{ctx.t('pages.me.next.winner_arm', { arm: item.arm })}</p>
              <Entitlements ctx={ctx} arm={item.arm} />
            </>
          )}
        </>
      );
    default:
      return <p>{ctx.t(`pages.me.next.${status}`)}</p>;
  }
}

export function MyApplications({ ctx, items }: { ctx: PageContext; items: MyApplicationItem[] }) {
  if (items.length === 0) {
    return (
      <>
        <p>{ctx.t('pages.me.applications_none')}</p>
        <p>
          <a href="/">{ctx.t('pages.me.applications_home_link')}</a>
        </p>
      </>
    );
  }
  return (
    <ul class="cards">
      {items.map((item) => (
        <li class="card" key={item.id}>
          <h3>
            <a href={`/applications/${item.id}`}>{item.title || ctx.t('pages.me.untitled')}</a>
          </h3>
          <p class="muted">
            {item.number && (
              <>
                <span class="mono">{item.number}</span>
                {' · '}
              </>
            )}
            {item.competitionTitle}
          </p>
          <p>
            <StatusTag ctx={ctx} status={shownStatus(item)} />
          </p>
          <NextStep ctx={ctx} item={item} />
        </li>
      ))}
    </ul>
  );
}
