import { randomBytes } from 'node:crypto';
import { TEST_PASSWORD } from './accounts';
import type { TestApp } from './test-app';

export interface PageResponse {
  status: number;
  html: string;
  headers: Record<string, string | string[] | number | undefined>;
  location: string | undefined;
}

/**
 * A browser without a browser, over Fastify's inject: keeps cookies, reads each page's CSRF
 * token, posts forms as `application/x-www-form-urlencoded`, does not follow redirects (the
 * tests assert them). For journeys in a real browser see test/browser.
 */
export class PageClient {
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(
    private readonly t: TestApp,
    private readonly ip = '127.0.0.1',
  ) {}

  async get(url: string, headers: Record<string, string> = {}): Promise<PageResponse> {
    return this.request('GET', url, undefined, headers);
  }

  /** Posts a form with this client's CSRF token (pass `_csrf` to override it, `null` to leave it out). */
  async post(
    url: string,
    form: Record<string, string | string[] | null>,
    headers: Record<string, string> = {},
  ): Promise<PageResponse> {
    const params = new URLSearchParams();
    if (!('_csrf' in form)) params.append('_csrf', this.csrf);
    for (const [key, value] of Object.entries(form)) {
      if (value === null) continue;
      for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
    }
    return this.request('POST', url, params.toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    });
  }

  /** Follows a redirect chain from a response (at most 5 hops). */
  async follow(response: PageResponse): Promise<PageResponse> {
    let current = response;
    for (let hop = 0; hop < 5 && current.location; hop += 1) current = await this.get(current.location);
    return current;
  }

  /**
   * Posts a file form as a browser does (multipart/form-data): `fields` first, in order, then
   * the file as `file`. The action carries its own CSRF token, as the page's form does.
   */
  async postFile(
    action: string,
    fields: Record<string, string>,
    file: { name: string; bytes: Buffer; type: string },
    headers: Record<string, string> = {},
  ): Promise<PageResponse> {
    const boundary = `----page${randomBytes(6).toString('hex')}`;
    const payload = Buffer.concat([
      ...Object.entries(fields).map(([k, v]) =>
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return this.request('POST', action, payload, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...headers,
    });
  }

  /** A file route's answer as it came (bytes in `rawPayload`, headers): PageResponse reads bodies as text. */
  async download(url: string, headers: Record<string, string> = {}) {
    return this.t.app.inject({
      method: 'GET',
      url,
      remoteAddress: this.ip,
      headers: { ...this.cookieHeader(), ...headers },
    });
  }

  private cookieHeader(): Record<string, string> {
    const cookie = [...this.cookies.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
    return cookie ? { cookie } : {};
  }

  private async request(
    method: string,
    url: string,
    payload: string | Buffer | undefined,
    headers: Record<string, string>,
  ): Promise<PageResponse> {
    const res = await this.t.app.inject({
      method: method as 'GET',
      url,
      payload,
      remoteAddress: this.ip,
      headers: { ...this.cookieHeader(), ...headers },
    });
    const setCookies = res.headers['set-cookie'];
    for (const line of Array.isArray(setCookies) ? setCookies : setCookies ? [setCookies] : []) {
      const [pair, ...attrs] = String(line).split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const html = res.body;
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? /[?&]_csrf=([^"&]+)/.exec(html)?.[1];
    if (token) this.csrf = decodeURIComponent(token);
    return { status: res.statusCode, html, headers: res.headers, location: res.headers.location as string | undefined };
  }
}

/**
 * A browser at `ip` that has chosen `lang` and, given an account, signed in through the sign-in
 * page (a visitor with null). Rate limits count per address in the Redis all suites share, so each
 * spec passes addresses from its own range.
 */
export async function signedInPages(
  t: TestApp,
  account: { email: string } | null,
  lang: 'kk' | 'ru',
  ip: string,
): Promise<PageClient> {
  const b = new PageClient(t, ip);
  await b.get(`/language/${lang}?next=/sign-in`);
  if (!account) return b;
  await b.get('/sign-in');
  const res = await b.post('/sign-in', { email: account.email, password: TEST_PASSWORD, next: '/' });
  if (res.status !== 303) throw new Error(`sign-in as ${account.email} from ${ip} answered ${res.status}, not 303`);
  return b;
}

/** The text a person reads in a page's HTML: tags dropped, entities decoded, whitespace collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** The message beside a field (`<p class="field-error" id="f-name-error">`), or undefined. */
export function fieldError(html: string, id: string): string | undefined {
  const match = new RegExp(`id="${id}-error">([^<]*)<`).exec(html);
  return match ? textOf(match[1]) : undefined;
}

/** The values of the ticked checkboxes of a group. */
export function ticked(html: string, name: string): string[] {
  return [...html.matchAll(/<input[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => tag.includes(`name="${name}"`) && /\bchecked\b/.test(tag))
    .map((tag) => /value="([^"]+)"/.exec(tag)![1]);
}
