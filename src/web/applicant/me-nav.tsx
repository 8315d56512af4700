import type { PageContext } from '../core/page-context';

const SECTIONS = [
  { href: '/me', key: 'pages.me.nav_overview' },
  { href: '/me/profile', key: 'pages.me.nav_profile' },
  { href: '/me/organization', key: 'pages.me.nav_organization' },
] as const;

/** The applicant's own pages, one click apart; the current one is marked for screen readers too. */
export function MeNav({ ctx, current }: { ctx: PageContext; current: (typeof SECTIONS)[number]['href'] }) {
  return (
    <nav class="subnav" aria-label={ctx.t('pages.me.nav_label')}>
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.href}>
            <a href={s.href} aria-current={s.href === current ? 'page' : undefined}>
              {ctx.t(s.key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** `?notice=<word>` after a redirect → its catalogue message; never free text from the URL. */
export function noticeText(ctx: PageContext, notice: string | undefined, known: readonly string[]): string | undefined {
  return notice && known.includes(notice) ? ctx.t(`pages.me.notice_${notice}`) : undefined;
}
