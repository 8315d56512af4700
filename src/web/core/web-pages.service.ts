import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { EnvironmentVariables } from '../../../config/env.validation';
import { Clock } from '../../common/clock/clock';
import type { Actor } from '../../common/http/actor';
import { DEFAULT_LOCALE, hasKey, Locale, LOCALES, translate } from '../../common/i18n/i18n';
import { WEB_SESSION_COOKIE } from '../../modules/access/web-sessions';
import type { PageContext } from './page-context';
import type { WebReply, WebRequest } from './web-request';

/** Before sign-in, a form's CSRF token is bound to this random cookie; after, to the session. */
export const ANONYMOUS_COOKIE = 'pre';
/** The language chosen before signing in (after, it is kept on the account). */
export const LANGUAGE_COOKIE = 'lang';
const YEAR_S = 365 * 24 * 3600;
/** How many anonymous public pages are kept (PUBLIC_PAGE_CACHE_MS says how long). */
const PUBLIC_PAGE_ENTRIES = 400;

/** A path on this site (never `//elsewhere` or `https://…`): where a redirect may go. */
export function safeLocalPath(candidate: string | undefined, fallback = '/'): string {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) {
    return fallback;
  }
  if (candidate.startsWith('/api/') || /[\r\n]/.test(candidate) || candidate.length > 500) return fallback;
  return candidate;
}

/**
 * What every page controller does the same way: the reader's language and CSRF token, the
 * actor the services audit, cookies, rendering and post/redirect/get.
 */
@Injectable()
export class WebPages {
  private readonly logger = new Logger('WebPages');
  private readonly csrfKey: Buffer;
  private readonly secureCookies: boolean;
  private readonly publicPageTtlMs: number;
  private readonly publicPages = new Map<string, { html: string; expires: number }>();

  constructor(
    env: EnvironmentVariables,
    private readonly clock: Clock,
  ) {
    this.csrfKey = createHmac('sha256', env.JWT_REFRESH_SECRET).update('web-csrf-key').digest();
    this.secureCookies = env.PUBLIC_URL.startsWith('https://');
    this.publicPageTtlMs = env.PUBLIC_PAGE_CACHE_MS;
  }

  locale(request: WebRequest): Locale {
    if (request.webSession) return request.webSession.locale;
    const chosen = request.cookies?.[LANGUAGE_COOKIE];
    return (LOCALES as readonly string[]).includes(chosen ?? '') ? (chosen as Locale) : DEFAULT_LOCALE;
  }

  context(request: WebRequest, reply: WebReply): PageContext {
    const locale = this.locale(request);
    const session = request.webSession;
    return {
      locale,
      t: (key, params) => {
        if (!hasKey(locale, key)) {
          this.logger.warn(`page text without a message: ${key} (${locale})`);
          return key;
        }
        return translate(locale, key, params);
      },
      user: session
        ? {
            id: session.userId,
            isAdmin: session.isAdmin,
            emailVerified: session.emailVerified,
            staffRoles: session.staffRoles,
          }
        : null,
      csrfToken: this.csrfToken(request, reply),
      path: safeLocalPath(request.url),
      now: this.clock.now(),
    };
  }

  /** Who acts, for the services' audit trail, speaking the page's language. */
  actor(request: WebRequest): Actor {
    return {
      userId: request.user?.id ?? null,
      isAdmin: request.user?.isAdmin ?? false,
      ip: request.ip,
      requestId: String(request.id),
      locale: this.locale(request),
    };
  }

  render(reply: WebReply, page: VNode, status = 200): void {
    this.sendHtml(reply, `<!doctype html>${renderToString(page)}`, status);
  }

  /**
   * A public page as everyone without a session sees it, kept for a few seconds per language
   * and address: a crowd opening the home page or a competition's page on its deadline day
   * costs one rendering (and its queries) per `ttlMs`, not one per visitor. Signed-in readers
   * (whose pages carry their name, forms and tokens) always get a fresh page.
   */
  async renderPublic(request: WebRequest, reply: WebReply, build: (ctx: PageContext) => Promise<VNode>): Promise<void> {
    const ctx = this.context(request, reply);
    const ttlMs = this.publicPageTtlMs;
    if (ctx.user || ttlMs === 0) return this.render(reply, await build(ctx));
    const key = `${ctx.locale} ${request.url}`;
    const now = Date.now();
    const hit = this.publicPages.get(key);
    if (hit && hit.expires > now) return this.sendHtml(reply, hit.html, 200);
    const html = `<!doctype html>${renderToString(await build(ctx))}`;
    if (this.publicPages.size >= PUBLIC_PAGE_ENTRIES) {
      // Oldest first (a Map keeps insertion order): enough for a cache this small.
      for (const old of [...this.publicPages.keys()].slice(0, PUBLIC_PAGE_ENTRIES / 4)) this.publicPages.delete(old);
    }
    this.publicPages.set(key, { html, expires: now + ttlMs });
    this.sendHtml(reply, html, 200);
  }

  private sendHtml(reply: WebReply, html: string, status: number): void {
    void reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'private, no-cache')
      .send(html);
  }

  /** Post/redirect/get: 303 makes the browser GET the next page. */
  redirect(reply: WebReply, path: string): void {
    void reply.status(303).header('location', safeLocalPath(path)).header('cache-control', 'no-store').send();
  }

  /**
   * The next page after a file form kept its file. upload-progress.js (it sends `X-Upload:
   * progress`) gets the place as JSON and goes there itself: a redirect it followed could be
   * upgraded to https by the CSP and fail after the file was kept. A plain form post: 303.
   */
  redirectAfterUpload(request: WebRequest, reply: WebReply, path: string): void {
    if (request.headers['x-upload'] !== 'progress') return this.redirect(reply, path);
    void reply
      .status(200)
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(JSON.stringify({ location: path }));
  }

  startSession(reply: WebReply, token: string, expiresAt: Date): void {
    const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - this.clock.now().getTime()) / 1000));
    void reply.setCookie(WEB_SESSION_COOKIE, token, this.cookieOptions(maxAge));
  }

  endSession(reply: WebReply): void {
    void reply.clearCookie(WEB_SESSION_COOKIE, this.cookieOptions(0));
  }

  rememberLanguage(reply: WebReply, locale: Locale): void {
    void reply.setCookie(LANGUAGE_COOKIE, locale, { ...this.cookieOptions(YEAR_S), httpOnly: false });
  }

  /** The token a form of this page must send back; it fits only this session (or this anonymous browser). */
  csrfToken(request: WebRequest, reply: WebReply): string {
    const session = request.webSession;
    if (session) return this.sign(`session:${session.sessionId}`);
    let anonymous = request.cookies?.[ANONYMOUS_COOKIE];
    if (!anonymous || !/^[\w-]{43}$/.test(anonymous)) {
      anonymous = randomBytes(32).toString('base64url');
      void reply.setCookie(ANONYMOUS_COOKIE, anonymous, this.cookieOptions(YEAR_S));
      // Later code on this request (another token) sees the same value.
      request.cookies = { ...(request.cookies ?? {}), [ANONYMOUS_COOKIE]: anonymous };
    }
    return this.sign(`anonymous:${anonymous}`);
  }

  csrfValid(request: WebRequest, token: string | undefined): boolean {
    if (!token) return false;
    const session = request.webSession;
    const anonymous = request.cookies?.[ANONYMOUS_COOKIE];
    const candidates = [
      session ? this.sign(`session:${session.sessionId}`) : null,
      // A form shown before sign-in and posted after it (or the other way round) is still ours.
      anonymous ? this.sign(`anonymous:${anonymous}`) : null,
    ].filter((c): c is string => c !== null);
    const given = Buffer.from(token);
    return candidates.some((c) => c.length === token.length && timingSafeEqual(Buffer.from(c), given));
  }

  private sign(subject: string): string {
    return createHmac('sha256', this.csrfKey).update(subject).digest('base64url');
  }

  private cookieOptions(maxAge: number) {
    return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: this.secureCookies, maxAge };
  }
}
