import type { ComponentChildren } from 'preact';
import type { Locale } from '../../common/i18n/i18n';
import { assetUrl } from './assets';
import { CsrfInput } from './forms';
import type { PageContext } from './page-context';

const OTHER: Record<Locale, Locale> = { kk: 'ru', ru: 'kk' };

/**
 * Every page's frame: language, title (saying "error" first when a form failed), the
 * header with the language switch and the person's links, the main content.
 */
export function Layout(props: {
  ctx: PageContext;
  title: string;
  /** A failed form: the browser tab's title says so first. */
  failed?: boolean;
  /** Wider content for tables (staff pages); applicant pages stay narrow for reading. */
  wide?: boolean;
  scripts?: string[];
  children: ComponentChildren;
}) {
  const { ctx } = props;
  const other = OTHER[ctx.locale];
  const title = `${props.failed ? `${ctx.t('pages.common.error_prefix')}: ` : ''}${props.title} — ${ctx.t('pages.common.site_name')}`;
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="stylesheet" href={assetUrl('site.css')} />
        <script src={assetUrl('site.js')} defer />
        {(props.scripts ?? []).map((s) => (
          <script key={s} src={assetUrl(s)} defer />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {ctx.t('pages.common.skip_to_content')}
        </a>
        <header class="site-header">
          <div class="wrap site-header__inner">
            <a class="brand" href="/">
              {ctx.t('pages.common.site_name')}
            </a>
            <nav class="site-nav" aria-label={ctx.t('pages.common.nav_label')}>
              <ul>
                {ctx.user ? (
                  <>
                    <li>
                      <a href="/me">{ctx.t('pages.common.nav_my_page')}</a>
                    </li>
                    {(ctx.user.isAdmin || ctx.user.staffRoles.includes('organizer')) && (
                      <li>
                        <a href="/organizer">{ctx.t('pages.common.nav_organizer')}</a>
                      </li>
                    )}
                    {ctx.user.staffRoles.includes('mentor') && (
                      <li>
                        <a href="/mentor">{ctx.t('pages.common.nav_mentor')}</a>
                      </li>
                    )}
                    {ctx.user.staffRoles.includes('commission') && (
                      <li>
                        <a href="/commission">{ctx.t('pages.common.nav_commission')}</a>
                      </li>
                    )}
                    {/* Organizers see their competitions' failed e-mails; admins also the audit check. */}
                    {(ctx.user.isAdmin || ctx.user.staffRoles.includes('organizer')) && (
                      <li>
                        <a href="/operations">{ctx.t('pages.common.nav_operations')}</a>
                      </li>
                    )}
                    <li>
                      <form method="post" action="/sign-out" class="inline-form">
                        <CsrfInput ctx={ctx} />
                        <button type="submit" class="link-button">
                          {ctx.t('pages.common.nav_sign_out')}
                        </button>
                      </form>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <a href={`/sign-in?next=${encodeURIComponent(ctx.path)}`}>{ctx.t('pages.common.nav_sign_in')}</a>
                    </li>
                    <li>
                      <a href="/sign-up">{ctx.t('pages.common.nav_sign_up')}</a>
                    </li>
                  </>
                )}
                <li>
                  <a
                    href={`/language/${other}?next=${encodeURIComponent(ctx.path)}`}
                    lang={other}
                    hreflang={other}
                    class="language-switch"
                  >
                    {ctx.t(`pages.common.language_${other}`)}
                  </a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class={props.wide ? 'wrap wrap--wide' : 'wrap'} tabindex={-1}>
          {/* Until the address is confirmed nothing counts; the sign-up and confirm pages say so themselves. */}
          {ctx.user && !ctx.user.emailVerified && !/^\/(sign-up|verify-email)\b/.test(ctx.path) && (
            <div class="notice notice--warning">
              <p>{ctx.t('pages.signup.unverified_notice')}</p>
              <form method="post" action="/verify-email/resend" class="inline-form">
                <CsrfInput ctx={ctx} />
                <button type="submit" class="button button--secondary">
                  {ctx.t('pages.signup.resend_button')}
                </button>
              </form>
            </div>
          )}
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{ctx.t('pages.common.footer')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** A notice at the top of a page after a redirect ("saved", "submitted"). */
export function Notice({ text, kind = 'success' }: { text?: string | null; kind?: 'success' | 'info' | 'warning' }) {
  if (!text) return null;
  return (
    <div class={`notice notice--${kind}`} role="status">
      {text}
    </div>
  );
}
