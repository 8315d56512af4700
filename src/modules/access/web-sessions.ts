/** The cookie of a signed-in browser: httpOnly, SameSite=Lax, Secure behind HTTPS. */
export const WEB_SESSION_COOKIE = 'sid';

/** Marks a controller as web pages: the access guard then reads the session cookie (and only then). */
export const WEB_PAGE = 'access:web-page';

/** A browser session the access guard found behind the page's cookie. */
export interface ResolvedWebSession {
  sessionId: string;
  userId: string;
  isAdmin: boolean;
  locale: 'kk' | 'ru';
  emailVerified: boolean;
  /** The staff roles this person holds in any competition (organizer, commission, mentor), for the menu. */
  staffRoles: string[];
}

/**
 * Finds the signed-in person behind a web page's session cookie. The access guard asks it
 * for page routes only (the JSON API takes bearer tokens, never cookies, so it needs no CSRF
 * defence); the identity module, which owns sessions, provides it.
 */
export abstract class WebSessionResolver {
  abstract resolve(cookieToken: string): Promise<ResolvedWebSession | null>;
}
