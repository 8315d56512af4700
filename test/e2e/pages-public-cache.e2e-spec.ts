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

  it('serves the same competition page to visitors for a while, per language, and fresh pages to the signed-in', async () => {
    const organizer = await makeAdmin(t, await signUp(t, 'cache-organizer'));
    const competition = await openCompetition(
      t,
      organizer.accessToken,
      'volunteer-awards',
      new Date(Date.now() + 7 * 86_400_000),
    );
    const path = `/competitions/${competition.id}`;
    const before = await new PageClient(t).get(path);
    expect(before.status).toBe(200);

    // A change made meanwhile (here straight in the table) reaches visitors only when the copy expires.
    await t.db.query(`UPDATE competitions SET title_kk = 'Кэш тексеру конкурсы' WHERE id = $1`, [competition.id]);
    const again = await new PageClient(t).get(path);
    expect(again.html).toBe(before.html);
    expect(textOf(again.html)).not.toContain('Кэш тексеру конкурсы');

    // Another language is another page; a signed-in reader is never served the shared copy.
    const russian = new PageClient(t);
    await russian.get(`/language/ru?next=${path}`);
    expect((await russian.get(path)).html).toContain('<html lang="ru">');
    const applicant = await signUp(t, 'cache-reader');
    const reader = new PageClient(t);
    await reader.get('/sign-in');
    await reader.post('/sign-in', { email: applicant.email, password: TEST_PASSWORD });
    expect(textOf((await reader.get(path)).html)).toContain('Кэш тексеру конкурсы');
  });

  it('never keeps a not-found answer', async () => {
    const missing = await new PageClient(t).get('/competitions/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
  });
});
