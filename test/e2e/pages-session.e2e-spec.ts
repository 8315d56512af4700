import { signUp, TEST_PASSWORD } from '../support/accounts';
import { PageClient, textOf } from '../support/page-client';
import { createTestApp, TestApp } from '../support/test-app';

/** The page layer's ground rules: sign in and out with a server-side session, CSRF on every form, pages for errors. */
describe('web pages: session, CSRF, language, errors', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the sign-in page in Kazakh by default, with a label on every input', async () => {
    const page = await new PageClient(t).get('/sign-in');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html; charset=utf-8/);
    expect(page.html).toMatch(/^<!doctype html><html lang="kk">/);
    expect(textOf(page.html)).toContain('Электрондық пошта');
    for (const [, id] of page.html.matchAll(/<input[^>]*\bid="([^"]+)"/g)) expect(page.html).toContain(`for="${id}"`);
  });

  it('signs in with the API account, ends the session on the server when signing out', async () => {
    const account = await signUp(t, 'web-session');
    const browser = new PageClient(t);
    await browser.get('/sign-in');
    const signedIn = await browser.post('/sign-in', { email: account.email, password: TEST_PASSWORD, next: '/me' });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe('/me');
    const cookie = String(signedIn.headers['set-cookie']);
    expect(cookie).toMatch(/sid=[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/);
    const sid = browser.cookies.get('sid')!;
    const [row] = await t.db.query(`SELECT ended_at FROM web_sessions WHERE user_id = $1`, [account.userId]);
    expect(row.ended_at).toBeNull();

    // The page now says who is in: a sign-out button instead of the sign-in link.
    const after = await browser.get('/sign-in?next=/me');
    expect(after.status).toBe(303);
    const out = await browser.post('/sign-out', {});
    expect(out.status).toBe(303);
    expect(browser.cookies.has('sid')).toBe(false);
    const [ended] = await t.db.query(`SELECT ended_at FROM web_sessions WHERE user_id = $1`, [account.userId]);
    expect(ended.ended_at).not.toBeNull();

    // A copy of the old cookie signs nobody in any more.
    const thief = new PageClient(t);
    thief.cookies.set('sid', sid);
    const stolen = await thief.get('/sign-in');
    expect(stolen.status).toBe(200);
  });

  it('answers a wrong password on the form, in Russian when chosen, keeping the e-mail typed', async () => {
    const account = await signUp(t, 'web-wrong');
    const browser = new PageClient(t);
    const switched = await browser.get('/language/ru?next=/sign-in');
    expect(switched.location).toBe('/sign-in');
    await browser.get('/sign-in');
    const res = await browser.post('/sign-in', { email: account.email, password: 'not-the-password', next: '/me' });
    expect(res.status).toBe(200);
    expect(res.html).toContain('<html lang="ru">');
    expect(res.html).toMatch(/<title>Ошибка: /);
    expect(res.html).toContain('class="error-summary"');
    expect(res.html).toContain(`value="${account.email}"`);
    expect(browser.cookies.has('sid')).toBe(false);
  });

  it('refuses a form without its CSRF token or with another browser’s, and signs nobody in', async () => {
    const account = await signUp(t, 'web-csrf');
    const attacker = new PageClient(t);
    await attacker.get('/sign-in');
    const victim = new PageClient(t);
    await victim.get('/sign-in');
    const forged = await victim.post('/sign-in', {
      _csrf: attacker.csrf,
      email: account.email,
      password: TEST_PASSWORD,
    });
    expect(forged.status).toBe(403);
    expect(textOf(forged.html)).toContain('Форманың мерзімі өтті');
    const missing = await victim.post('/sign-in', { _csrf: null, email: account.email, password: TEST_PASSWORD });
    expect(missing.status).toBe(403);
    expect(victim.cookies.has('sid')).toBe(false);
  });

  it('sends a signed-out visitor of a private page to sign in, and back afterwards', async () => {
    const browser = new PageClient(t);
    const res = await browser.get('/sign-out-probe-not-a-page');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(textOf(res.html)).toContain('Бет табылмады');
  });

  it('never redirects elsewhere after sign-in, whatever `next` says', async () => {
    const account = await signUp(t, 'web-next');
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '/api/v1/me']) {
      const browser = new PageClient(t);
      await browser.get('/sign-in');
      const res = await browser.post('/sign-in', { email: account.email, password: TEST_PASSWORD, next });
      expect(res.location).toBe('/me');
    }
  });

  it('serves the stylesheet compressed with a year of cache', async () => {
    const page = await new PageClient(t).get('/sign-in');
    const href = /href="(\/assets\/site\.css\?v=[0-9a-f]+)"/.exec(page.html)![1];
    const css = await t.app.inject({ method: 'GET', url: href, headers: { 'accept-encoding': 'br, gzip' } });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-encoding']).toBe('br');
    expect(String(css.headers['cache-control'])).toContain('immutable');
  });

  it('does not ask the browser to upgrade requests to https on a plain-http site (the demo on localhost)', async () => {
    const page = await new PageClient(t).get('/sign-in');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('keeps the JSON API free of cookies: a session cookie does not sign in an API call', async () => {
    const account = await signUp(t, 'web-api');
    const browser = new PageClient(t);
    await browser.get('/sign-in');
    await browser.post('/sign-in', { email: account.email, password: TEST_PASSWORD });
    const api = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: `sid=${browser.cookies.get('sid')}` },
    });
    expect(api.statusCode).toBe(401);
  });
});
