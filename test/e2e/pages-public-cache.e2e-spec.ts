import { makeAdmin, signUp, TEST_PASSWORD } from '../support/accounts';
import { openCompetition } from '../support/competitions';
import { PageClient, textOf } from '../support/page-client';
import { createTestApp, TestApp } from '../support/test-app';

/** Anonymous public pages are reused for PUBLIC_PAGE_CACHE_MS; a signed-in reader always gets a fresh page. */
describe('web pages: the anonymous public page cache', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_PAGE_CACHE_MS: '60000' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves the same home page to visitors for a while, per language, and fresh pages to the signed-in', async () => {
    const organizer = await makeAdmin(t, await signUp(t, 'cache-organizer'));
    const deadline = new Date(Date.now() + 7 * 86_400_000);
    const first = await openCompetition(t, organizer.accessToken, 'volunteer-awards', deadline);
    const visitor = new PageClient(t);
    const before = await visitor.get('/?open=1');
    expect(before.status).toBe(200);

    const second = await openCompetition(t, organizer.accessToken, 'volunteer-awards', deadline);
    await t.db.query(`UPDATE competitions SET title_kk = 'Кэш тексеру конкурсы' WHERE id = $1`, [second.id]);
    const again = await new PageClient(t).get('/?open=1');
    expect(again.html).toBe(before.html);
    expect(textOf(again.html)).not.toContain('Кэш тексеру конкурсы');

    // Another language is another page; a signed-in reader is never served the shared copy.
    const russian = new PageClient(t);
    await russian.get('/language/ru?next=/');
    expect((await russian.get('/?open=1')).html).toContain('<html lang="ru">');
    const applicant = await signUp(t, 'cache-reader');
    const reader = new PageClient(t);
    await reader.get('/sign-in');
    await reader.post('/sign-in', { email: applicant.email, password: TEST_PASSWORD });
    const fresh = await reader.get('/?open=1');
    expect(textOf(fresh.html)).toContain('Кэш тексеру конкурсы');
    expect(first.id).not.toBe(second.id);
  });

  it('never keeps a not-found answer', async () => {
    const missing = await new PageClient(t).get('/competitions/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
  });
});
