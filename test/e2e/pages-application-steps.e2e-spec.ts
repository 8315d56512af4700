import { makeAdmin, signUp, TEST_PASSWORD, TestAccount } from '../support/accounts';
import { openCompetition } from '../support/competitions';
import { PageClient, textOf } from '../support/page-client';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;

/** A browser signed in as the account, through the sign-in form. */
async function signedIn(t: TestApp, account: TestAccount): Promise<PageClient> {
  const browser = new PageClient(t);
  await browser.get('/sign-in');
  const res = await browser.post('/sign-in', { email: account.email, password: TEST_PASSWORD, next: '/me' });
  if (res.status !== 303) throw new Error(`sign-in: ${res.status}`);
  return browser;
}

/** The application's steps as pages (issue 14): start, project, team, budget; each saves on the server. */
describe('web pages: the application in steps', () => {
  let t: TestApp;
  let admin: TestAccount;
  let youth: any;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeAdmin(t, await signUp(t, 'steps-organizer'));
    youth = await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + 20 * DAY));
  });
  afterAll(async () => {
    await t.close();
  });

  /** Starts a draft through the apply page; returns its id. */
  async function startDraft(browser: PageClient, competitionId = youth.id): Promise<string> {
    await browser.get(`/competitions/${competitionId}/apply`);
    const res = await browser.post(`/competitions/${competitionId}/apply`, { applicantKind: 'initiative_group' });
    expect(res.status).toBe(303);
    const id = /^\/applications\/([0-9a-f-]{36})\/project\?notice=started$/.exec(res.location ?? '')?.[1];
    if (!id) throw new Error(`no draft in ${res.location}`);
    return id;
  }

  describe('start', () => {
    it('sends a signed-out visitor to sign in and back to the apply page', async () => {
      const res = await new PageClient(t).get(`/competitions/${youth.id}/apply`);
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/sign-in?next=${encodeURIComponent(`/competitions/${youth.id}/apply`)}`);
    });

    it('explains what an application needs, starts a draft once', async () => {
      const browser = await signedIn(t, await signUp(t, 'steps-start'));
      const page = await browser.get(`/competitions/${youth.id}/apply`);
      expect(page.status).toBe(200);
      const text = textOf(page.html);
      expect(text).toContain('Командада 3–5 адам');
      expect(text).toContain('Мүшелердің жасы: 18–29.');
      expect(text).toContain('Сұралатын соманың ең көбі: 1 000 000 ₸.');
      expect(text).toContain('Дербес деректерді жинауға және өңдеуге келісім');

      const id = await startDraft(browser);
      // Back on the apply page, the draft is the way forward; pressing start again opens it, not a second one.
      const again = await browser.get(`/competitions/${youth.id}/apply`);
      expect(again.html).toContain(`href="/applications/${id}/project"`);
      const repeated = await browser.post(`/competitions/${youth.id}/apply`, { applicantKind: 'initiative_group' });
      expect(repeated.location).toBe(`/applications/${id}/project`);
    });

    it('refuses an applicant kind the rulebook does not allow, at the field', async () => {
      const browser = await signedIn(t, await signUp(t, 'steps-kind'));
      await browser.get(`/competitions/${youth.id}/apply`);
      const res = await browser.post(`/competitions/${youth.id}/apply`, { applicantKind: 'individual' });
      expect(res.status).toBe(200);
      expect(res.html).toMatch(/<title>Қате: /);
      expect(res.html).toContain('href="#f-applicantKind"');
    });
  });
});
