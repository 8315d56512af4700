import type { Locale } from '../../common/i18n/i18n';

export interface PageUser {
  id: string;
  isAdmin: boolean;
  emailVerified: boolean;
  /** Staff roles held in any competition: the menu links to their pages. */
  staffRoles: readonly string[];
}

/** What every page and component needs to speak to its reader: language, who, the form token. */
export interface PageContext {
  locale: Locale;
  /** A catalogue message in the page's language; an unknown key comes back as the key (tests catch it). */
  t: (key: string, params?: Record<string, unknown>) => string;
  user: PageUser | null;
  /** The CSRF token every state-changing form carries as `_csrf`. */
  csrfToken: string;
  /** This page's path and query: where "sign in, then come back" returns to. */
  path: string;
  now: Date;
}
