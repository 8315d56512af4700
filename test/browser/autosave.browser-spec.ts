import type { Page } from 'playwright-core';
import { makeAdmin, signUp, TEST_PASSWORD, TestAccount } from '../support/accounts';
import { memberOfAge, openCompetition } from '../support/competitions';
import {
  accessibilityProblems,
  horizontalOverflow,
  rawTextProblems,
  screenshot,
  Site,
  startSite,
  ViewportName,
} from './support/site';

const DAY = 24 * 3600 * 1000;
// A journey through four pages with axe on each takes longer than jest's default.
jest.setTimeout(90_000);

/** Autosave of the application's steps in a real browser, and the steps' pages at both widths in both languages. */
describe('browser: the application in steps, autosave', () => {
  let site: Site;
  let competition: any;

  beforeAll(async () => {
    site = await startSite();
    const admin = await makeAdmin(site.t, await signUp(site.t, 'autosave-organizer'));
    competition = await openCompetition(
      site.t,
      admin.accessToken,
      'youth-micro-projects',
      new Date(Date.now() + 20 * DAY),
    );
  });
  afterAll(async () => {
    await site?.close();
  });

  async function signIn(page: Page, account: TestAccount, language: 'kk' | 'ru' = 'kk'): Promise<void> {
    if (language === 'ru') await page.goto('/language/ru?next=/sign-in');
    await page.goto('/sign-in');
    await page.locator('input[name="email"]').fill(account.email);
    await page.locator('input[name="password"]').fill(TEST_PASSWORD);
    await page.locator('form[action="/sign-in"] button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
  }

  /** Starts a draft from the apply page; the browser is left on its project step. */
  async function startDraft(page: Page): Promise<string> {
    await page.goto(`/competitions/${competition.id}/apply`);
    await page.locator('input[name="applicantKind"][value="initiative_group"]').check();
    await page.locator(`form[action="/competitions/${competition.id}/apply"] button[type="submit"]`).click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}\/project/);
    return /\/applications\/([0-9a-f-]{36})\//.exec(page.url())![1];
  }

  const status = (page: Page) => page.locator('[data-autosave-status]');

  it('keeps what is typed while the connection is down, puts it back after a reload and saves it', async () => {
    const { context, page } = await site.newPage({ viewport: 'phone' });
    await signIn(page, await signUp(site.t, 'autosave-text'));
    const id = await startDraft(page);
    const url = `/applications/${id}/project`;

    await page.getByLabel('Жобаның атауы').fill('Ауылдағы шеберхана');
    await expectStatus(page, 'Нобай сақталды.');
    expect(await titleOf(id)).toBe('Ауылдағы шеберхана');

    await context.setOffline(true);
    const goal = page.getByLabel('Кіші жобаның мақсаты');
    await goal.fill('Жастарды қолөнерге баулу, байланыс үзілгенде жазылған мәтін');
    await expectStatus(page, 'Байланыс жоқ: мәтін осы құрылғыда сақталды, байланыс қалпына келгенде жіберіледі.');
    // The page cannot even reload while offline; what was typed is only in this browser now.
    await expect(page.reload()).rejects.toThrow();
    expect((await answersOf(id)).goal ?? null).toBeNull();

    await context.setOffline(false);
    await page.goto(url);
    expect(await page.getByLabel('Кіші жобаның мақсаты').inputValue()).toBe(
      'Жастарды қолөнерге баулу, байланыс үзілгенде жазылған мәтін',
    );
    // Sent by the page as it came back online, or put back from this browser's copy and sent.
    await waitUntil(
      async () => (await answersOf(id)).goal === 'Жастарды қолөнерге баулу, байланыс үзілгенде жазылған мәтін',
    );
    // Saved: nothing is left waiting in the browser.
    await waitUntil(async () => (await page.evaluate((key) => localStorage.getItem(key), `autosave:${url}`)) === null);

    // Back online in the same page, what was typed offline is sent by itself.
    await context.setOffline(true);
    await page.getByLabel('Жобаның атауы').fill('Ауылдағы шеберхана мен кітапхана');
    await expectStatus(page, 'Байланыс жоқ: мәтін осы құрылғыда сақталды, байланыс қалпына келгенде жіберіледі.');
    await context.setOffline(false);
    await expectStatus(page, 'Нобай сақталды.');
    expect(await titleOf(id)).toBe('Ауылдағы шеберхана мен кітапхана');
    await context.close();
  });

  it('puts back a team row typed offline into a page closed before it was sent, and saves the whole team', async () => {
    const { context, page } = await site.newPage({ viewport: 'desktop' });
    await signIn(page, await signUp(site.t, 'autosave-team'));
    const id = await startDraft(page);
    await page.goto(`/applications/${id}/team`);
    const members = [memberOfAge(20), memberOfAge(21), memberOfAge(23), memberOfAge(24)];
    const fillRow = async (i: number) => {
      const m = members[i];
      await page.locator(`input[name="team[${i}].iin"]`).fill(m.iin);
      await page.locator(`input[name="team[${i}].lastName"]`).fill(m.lastName);
      await page.locator(`input[name="team[${i}].firstName"]`).fill(m.firstName);
      await page.locator(`input[name="team[${i}].phone"]`).fill(m.phone);
    };
    for (const i of [0, 1, 2]) await fillRow(i);
    await expectStatus(page, 'Нобай сақталды.');
    expect(await teamOf(id)).toEqual(members.slice(0, 3).map((m) => m.iin));

    // A fourth row by the form's own button (a post), then typed while the connection is down.
    await page.getByRole('button', { name: 'Тағы бір мүше қосу' }).click();
    expect(await page.locator('input[name="team[3].iin"]').inputValue()).toBe('');
    await context.setOffline(true);
    await fillRow(3);
    await expectStatus(page, 'Байланыс жоқ: мәтін осы құрылғыда сақталды, байланыс қалпына келгенде жіберіледі.');
    await page.close();

    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(`/applications/${id}/team`);
    expect(await again.locator('input[name="team[3].iin"]').inputValue()).toBe(members[3].iin);
    expect(await again.locator('input[name="team[3].lastName"]').inputValue()).toBe(members[3].lastName);
    // Either this page sends the row ('saved'), or the closing page's last save (a keepalive
    // request the browser held while offline) got there first and the page shows the row as put
    // back: never a refusal or 'offline'.
    await waitUntil(async () => (await teamOf(id)).length === members.length);
    expect(await teamOf(id)).toEqual(members.map((m) => m.iin));
    expect(['saved', 'restored', null]).toContain(await status(again).getAttribute('data-state'));
    expect(await accessibilityProblems(again)).toEqual([]);
    await context.close();
  });

  for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
    for (const language of ['kk', 'ru'] as const) {
      it(`shows the apply page and every step readable and accessible (${viewport}, ${language})`, async () => {
        const { context, page } = await site.newPage({ viewport });
        await signIn(page, await signUp(site.t, `steps-${viewport}-${language}`), language);
        await page.goto(`/competitions/${competition.id}/apply`);
        await checkPage(page, `application-apply-${language}-${viewport}`);
        const id = await startDraft(page);
        await checkPage(page, `application-project-${language}-${viewport}`);

        await page.goto(`/applications/${id}/team`);
        const young = memberOfAge(16);
        await page.locator('input[name="team[0].iin"]').fill(young.iin);
        await page.locator('input[name="team[0].lastName"]').fill(young.lastName);
        await page.locator('input[name="team[0].firstName"]').fill(young.firstName);
        await page.locator('input[name="team[0].phone"]').fill(young.phone);
        await page.locator('input[name="team[1].iin"]').fill('123456789012');
        await page.locator('input[name="team[1].lastName"]').fill('Қате');
        await page.locator('button[name="action"][value="save"]:not(.visually-hidden)').click();
        await page.waitForLoadState();
        await checkPage(page, `application-team-error-${language}-${viewport}`);

        await page.goto(`/applications/${id}/budget`);
        await page.locator('input[name="lines[0].item"]').fill(language === 'kk' ? 'Бояу' : 'Краска');
        await page.locator('input[name="lines[0].quantity"]').fill('3');
        await page.locator('input[name="lines[0].unitCost"]').fill('400 000');
        await page.locator('button[name="action"][value="save"]:not(.visually-hidden)').click();
        await page.waitForURL(/notice=saved/);
        // The save arrived: the page shows what the server keeps, not the copy typed before it.
        expect(await page.locator('input[name="lines[0].unitCost"]').inputValue()).toBe('400000');
        expect(await status(page).textContent()).toBe('');
        await checkPage(page, `application-budget-${language}-${viewport}`);
        await context.close();
      });
    }
  }

  async function checkPage(page: Page, name: string): Promise<void> {
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await rawTextProblems(page)).toEqual([]);
    await screenshot(page, name);
  }

  /** Waits until autosave's status says this (it fails with what it said instead). */
  async function expectStatus(page: Page, text: string): Promise<void> {
    await page
      .waitForFunction((expected) => document.querySelector('[data-autosave-status]')?.textContent === expected, text, {
        timeout: 10_000,
      })
      .catch(async () => {
        expect(await status(page).textContent()).toBe(text);
      });
  }

  async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > until) throw new Error('the condition did not come true in time');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function titleOf(id: string): Promise<string | null> {
    const [row] = await site.t.db.query(`SELECT title FROM applications WHERE id = $1`, [id]);
    return row.title;
  }

  async function answersOf(id: string): Promise<Record<string, unknown>> {
    const [row] = await site.t.db.query(`SELECT answers FROM applications WHERE id = $1`, [id]);
    return row.answers;
  }

  async function teamOf(id: string): Promise<string[]> {
    const rows = await site.t.db.query(
      `SELECT iin FROM application_members WHERE application_id = $1 ORDER BY position`,
      [id],
    );
    return rows.map((r: { iin: string }) => r.iin);
  }
});
