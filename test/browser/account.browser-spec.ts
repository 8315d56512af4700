import type { Page } from 'playwright-core';
import { uniqueEmail } from '../support/accounts';
import { waitFor } from '../support/smtp-sink';
import {
  accessibilityProblems,
  horizontalOverflow,
  rawTextProblems,
  screenshot,
  Site,
  startSite,
  ViewportName,
} from './support/site';

/**
 * Sign up, confirm the address from the e-mail the test's SMTP server received, sign in,
 * forgot → reset from the e-mail → sign in with the new password: on a phone in Kazakh and on a
 * laptop in Russian. Every page visited: no axe violation (WCAG 2.1 A/AA), no raw catalogue
 * key, no sideways scroll.
 */
const PASSWORD = 'dala-zhuldyz-2026';
const NEW_PASSWORD = 'tau-ozen-kopir-2026';
/** A whole journey with axe on some fifteen pages: well over jest's default on a busy machine. */
const JOURNEY_MS = 120_000;

const path = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

describe('browser: sign up, confirm, sign in, forgot and reset the password', () => {
  let site: Site;

  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(async () => {
    await site?.close();
  });

  /** What every page visited must pass; a screenshot to look at when SCREENSHOTS_DIR is set. */
  async function checkPage(page: Page, name: string, viewport: ViewportName): Promise<void> {
    expect([name, await accessibilityProblems(page)]).toEqual([name, []]);
    expect([name, await rawTextProblems(page)]).toEqual([name, []]);
    const overflow = await horizontalOverflow(page);
    expect([name, overflow <= 0 ? 'fits' : `${overflow}px sideways`]).toEqual([name, 'fits']);
    await screenshot(page, `account-${name}-${viewport}`);
  }

  /** The verification e-mails to an address so far (the worker delivers them a moment after the page answers). */
  const verificationMails = (email: string) => site.smtp.to(email).filter((m) => m.text.includes('/verify-email?'));

  it(
    'on a phone, in Kazakh: signs up, signs in before confirming, sends the link again, confirms, resets the password',
    async () => {
      const viewport = 'phone';
      const email = uniqueEmail('browser-kk');
      const { context, page } = await site.newPage({ viewport });

      await page.goto('/sign-up');
      expect(await page.getAttribute('html', 'lang')).toBe('kk');
      expect(await page.getByRole('radio', { name: 'Қазақша' }).isChecked()).toBe(true);
      await checkPage(page, 'sign-up-kk', viewport);

      // A common password is refused at its field; the address typed stays.
      await page.getByLabel('Электрондық пошта').fill(email);
      await page.getByLabel('Құпиясөз ойлап табыңыз').fill('password123');
      await page.getByRole('button', { name: 'Тіркелу' }).click();
      expect(await page.title()).toMatch(/^Қате: Тіркелу/);
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
      expect(await page.locator('#f-password-error').innerText()).toContain('тым кең таралған');
      expect(await page.getByLabel('Электрондық пошта').inputValue()).toBe(email);
      await checkPage(page, 'sign-up-error-kk', viewport);

      await page.getByLabel('Құпиясөз ойлап табыңыз').fill(PASSWORD);
      await page.getByRole('button', { name: 'Тіркелу' }).click();
      expect(path(page)).toBe('/sign-up/check-email');
      expect(await page.locator('main').innerText()).toContain(`Біз ${email} мекенжайына хат жібердік.`);
      await checkPage(page, 'check-email-kk', viewport);
      await waitFor('the first verification e-mail', () => verificationMails(email).length === 1);

      // Signed in before confirming: every page says so, with a button for a new link.
      await page.goto('/sign-in');
      await page.getByLabel('Электрондық пошта').fill(email);
      await page.getByLabel('Құпиясөз').fill(PASSWORD);
      await page.getByRole('button', { name: 'Кіру', exact: true }).click();
      expect(path(page)).toBe('/me');
      const notice = page.locator('main .notice--warning');
      expect(await notice.innerText()).toContain('Электрондық пошта мекенжайыңыз әлі расталмаған.');
      await checkPage(page, 'me-unverified-kk', viewport);
      await notice.getByRole('button', { name: 'Сілтемені қайта жіберу' }).click();
      expect(path(page)).toBe('/sign-up/check-email?notice=resent');
      expect(await page.locator('main').innerText()).toContain(`Егер ${email} мекенжайымен расталмаған есептік жазба`);
      await checkPage(page, 'check-email-resent-kk', viewport);

      // The newest link (the first one stopped working when it was replaced).
      await waitFor('the second verification e-mail', () => verificationMails(email).length === 2);
      const link = await site.linkFromMail(email, '/verify-email');
      expect(verificationMails(email)[1].text).toContain(link);
      await page.goto(link);
      await checkPage(page, 'verify-kk', viewport);
      await page.getByRole('button', { name: 'Электрондық поштамды растау' }).click();
      expect(path(page)).toBe('/me');
      expect(await page.locator('main .notice--warning').count()).toBe(0);

      // The same link again, now used: a clear page with the way to a new one.
      await page.goto(link);
      await page.getByRole('button', { name: 'Электрондық поштамды растау' }).click();
      expect(await page.locator('h1').innerText()).toBe('Сілтеме жарамсыз');
      await checkPage(page, 'verify-used-kk', viewport);

      await page.getByRole('button', { name: 'Шығу' }).click();
      await page.goto('/sign-in');
      await page.getByRole('link', { name: 'Құпиясөзді ұмыттыңыз ба?' }).click();
      expect(path(page)).toBe('/forgot-password');
      await checkPage(page, 'forgot-kk', viewport);
      await page.getByLabel('Электрондық пошта').fill(email);
      await page.getByRole('button', { name: 'Сілтеме жіберу' }).click();
      expect(path(page)).toBe('/forgot-password/sent');
      await checkPage(page, 'forgot-sent-kk', viewport);

      await page.goto(await site.linkFromMail(email, '/reset-password'));
      await checkPage(page, 'reset-kk', viewport);
      await page.getByLabel('Жаңа құпиясөз').fill('short');
      await page.getByRole('button', { name: 'Құпиясөзді сақтау' }).click();
      expect(await page.title()).toMatch(/^Қате: /);
      expect(await page.locator('#f-password-error').innerText()).toBe('Құпиясөз кемінде 8 таңбадан тұруы керек.');
      await checkPage(page, 'reset-error-kk', viewport);
      await page.getByLabel('Жаңа құпиясөз').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Құпиясөзді сақтау' }).click();
      expect(path(page)).toBe('/sign-in?notice=password_changed');
      expect(await page.locator('.notice').innerText()).toContain('Құпиясөз өзгертілді');
      await checkPage(page, 'sign-in-password-changed-kk', viewport);

      await page.getByLabel('Электрондық пошта').fill(email);
      await page.getByLabel('Құпиясөз').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Кіру', exact: true }).click();
      expect(path(page)).toBe('/me');
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'on a laptop, in Russian: signs up, confirms from the e-mail, signs in, resets the password, asks for a sign-in link',
    async () => {
      const viewport = 'desktop';
      const email = uniqueEmail('browser-ru');
      const { context, page } = await site.newPage({ viewport });

      await page.goto('/sign-up');
      await page.getByRole('link', { name: 'Русский' }).click();
      expect(path(page)).toBe('/sign-up');
      expect(await page.getAttribute('html', 'lang')).toBe('ru');
      expect(await page.getByRole('radio', { name: 'Русский' }).isChecked()).toBe(true);
      await checkPage(page, 'sign-up-ru', viewport);

      await page.getByLabel('Электронная почта').fill('aigerim@');
      await page.getByLabel('Придумайте пароль').fill(PASSWORD);
      await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
      expect(await page.title()).toMatch(/^Ошибка: Регистрация/);
      expect(await page.locator('.error-summary').innerText()).toContain(
        'Электронная почта: Неверный адрес электронной почты.',
      );
      await checkPage(page, 'sign-up-error-ru', viewport);
      // The summary's link takes the keyboard to the field.
      await page.locator('.error-summary a').click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-email');

      await page.getByLabel('Электронная почта').fill(email);
      await page.getByLabel('Придумайте пароль').fill(PASSWORD);
      await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
      expect(path(page)).toBe('/sign-up/check-email');
      expect(await page.locator('main').innerText()).toContain(`Мы отправили письмо на адрес ${email}.`);
      await checkPage(page, 'check-email-ru', viewport);

      const link = await site.linkFromMail(email, '/verify-email');
      await page.goto(link);
      expect(await page.locator('h1').innerText()).toBe('Подтверждение адреса электронной почты');
      await checkPage(page, 'verify-ru', viewport);
      await page.getByRole('button', { name: 'Подтвердить мой адрес' }).click();
      expect(path(page)).toBe('/sign-in?notice=email_verified');
      expect(await page.locator('.notice').innerText()).toBe('Адрес электронной почты подтверждён. Теперь войдите.');
      await checkPage(page, 'sign-in-verified-ru', viewport);

      await page.getByLabel('Электронная почта').fill(email);
      await page.getByLabel('Пароль').fill(PASSWORD);
      await page.getByRole('button', { name: 'Войти', exact: true }).click();
      expect(path(page)).toBe('/me');
      expect(await page.locator('main .notice--warning').count()).toBe(0);
      await page.getByRole('button', { name: 'Выйти' }).click();

      await page.goto('/sign-in');
      await page.getByRole('link', { name: 'Забыли пароль?' }).click();
      await checkPage(page, 'forgot-ru', viewport);
      await page.getByLabel('Электронная почта').fill(email);
      await page.getByRole('button', { name: 'Отправить ссылку' }).click();
      expect(path(page)).toBe('/forgot-password/sent');
      await checkPage(page, 'forgot-sent-ru', viewport);

      await page.goto(await site.linkFromMail(email, '/reset-password'));
      await checkPage(page, 'reset-ru', viewport);
      await page.getByLabel('Новый пароль').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Сохранить пароль' }).click();
      expect(path(page)).toBe('/sign-in?notice=password_changed');
      await checkPage(page, 'sign-in-password-changed-ru', viewport);

      // The old password no longer opens the account; the new one does.
      await page.getByLabel('Электронная почта').fill(email);
      await page.getByLabel('Пароль').fill(PASSWORD);
      await page.getByRole('button', { name: 'Войти', exact: true }).click();
      expect(await page.title()).toMatch(/^Ошибка: /);
      await page.getByLabel('Пароль').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Войти', exact: true }).click();
      expect(path(page)).toBe('/me');
      await page.getByRole('button', { name: 'Выйти' }).click();

      // The e-mailed sign-in link: request, the landing page's button, signed in.
      await page.goto('/sign-in');
      await page.getByRole('link', { name: 'Прислать ссылку для входа на почту' }).click();
      expect(path(page)).toBe('/sign-in-link');
      await checkPage(page, 'sign-in-link-ru', viewport);
      await page.getByLabel('Электронная почта').fill(email);
      await page.getByRole('button', { name: 'Отправить ссылку' }).click();
      expect(path(page)).toBe('/sign-in-link/sent');
      await checkPage(page, 'sign-in-link-sent-ru', viewport);
      await page.goto(await site.linkFromMail(email, '/sign-in-link'));
      await checkPage(page, 'sign-in-link-landing-ru', viewport);
      await page.getByRole('button', { name: 'Войти', exact: true }).click();
      expect(path(page)).toBe('/me');
      expect(await page.getByRole('button', { name: 'Выйти' }).count()).toBe(1);
      await context.close();
    },
    JOURNEY_MS,
  );
});
