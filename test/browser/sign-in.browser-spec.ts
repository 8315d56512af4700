import { signUp, TEST_PASSWORD } from '../support/accounts';
import {
  accessibilityProblems,
  horizontalOverflow,
  rawTextProblems,
  screenshot,
  Site,
  startSite,
} from './support/site';

/** Signing in and out in a real browser, both languages, phone and desktop; axe on every page. */
describe('browser: sign in and out', () => {
  let site: Site;

  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(async () => {
    await site?.close();
  });

  for (const viewport of ['phone', 'desktop'] as const) {
    it(`signs in, switches to Russian and signs out (${viewport})`, async () => {
      const account = await signUp(site.t, `browser-${viewport}`);
      const { context, page } = await site.newPage({ viewport });
      await page.goto('/sign-in');
      expect(await page.getAttribute('html', 'lang')).toBe('kk');
      expect(await accessibilityProblems(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `sign-in-kk-${viewport}`);

      await page.getByLabel('Электрондық пошта').fill(account.email);
      await page.getByLabel('Құпиясөз').fill('wrong-password-1');
      await page.getByRole('button', { name: 'Кіру' }).click();
      expect(await page.title()).toMatch(/^Қате: /);
      // The summary takes focus and links to the field.
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
      expect(await accessibilityProblems(page)).toEqual([]);
      await screenshot(page, `sign-in-error-kk-${viewport}`);

      await page.getByRole('link', { name: 'Русский' }).click();
      expect(await page.getAttribute('html', 'lang')).toBe('ru');
      await page.getByLabel('Электронная почта').fill(account.email);
      await page.getByLabel('Пароль').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Войти' }).click();
      expect(new URL(page.url()).pathname).toBe('/me');
      expect(await rawTextProblems(page)).toEqual([]);
      await page.getByRole('button', { name: 'Выйти' }).click();
      expect(await page.getByRole('link', { name: 'Войти' }).count()).toBe(1);
      await context.close();
    });
  }
});
