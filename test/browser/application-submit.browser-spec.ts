import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { makeAdmin, signUp, TEST_PASSWORD } from '../support/accounts';
import { MINIMAL_PDF, openCompetition, readyDraft } from '../support/competitions';
import { waitFor } from '../support/smtp-sink';
import {
  accessibilityProblems,
  horizontalOverflow,
  rawTextProblems,
  screenshot,
  Site,
  startSite,
} from './support/site';

const DAY = 24 * 3600 * 1000;
const CONSENT = 'personal_data_consent';

/** The words each journey reads and clicks, in its language. */
const WORDS = {
  kk: {
    signIn: 'Кіру',
    email: 'Электрондық пошта',
    password: 'Құпиясөз',
    consent: 'Файл: Дербес деректерді жинауға және өңдеуге келісім',
    upload: 'Жүктеу Дербес деректерді жинауға және өңдеуге келісім',
    uploaded: 'Файл тіркелді.',
    refused: 'Бұл файл түрі қабылданбайды.',
    toCheck: 'Тексеру және жіберу бетіне өту',
    ready: 'Өтінім жіберуге дайын',
    submit: 'Өтінімді жіберу',
    received: 'Өтінім қабылданды',
    view: 'Өтінім бетіне өту',
  },
  ru: {
    signIn: 'Войти',
    email: 'Электронная почта',
    password: 'Пароль',
    consent: 'Файл: Согласие на сбор и обработку персональных данных',
    upload: 'Загрузить Согласие на сбор и обработку персональных данных',
    uploaded: 'Файл приложен.',
    refused: 'Этот тип файла не принимается.',
    toCheck: 'Перейти к проверке и отправке',
    ready: 'Заявка готова к отправке',
    submit: 'Отправить заявку',
    received: 'Заявка принята',
    view: 'Перейти на страницу заявки',
  },
} as const;

/** Every page the journey visits: no axe violation, no sideways scroll, no raw catalogue key; then a screenshot. */
async function looksRight(page: Page, name: string): Promise<void> {
  expect([name, await accessibilityProblems(page)]).toEqual([name, []]);
  expect([name, (await horizontalOverflow(page)) <= 0]).toEqual([name, true]);
  expect([name, await rawTextProblems(page)]).toEqual([name, []]);
  await screenshot(page, name);
}

/** Documents, check, a double-clicked submit and the receipt, in a real browser. */
describe('browser: documents, check and submit, the receipt', () => {
  let site: Site;
  let competition: any;
  let adminToken: string;

  beforeAll(async () => {
    site = await startSite();
    adminToken = (await makeAdmin(site.t, await signUp(site.t, 'browser-submit-organizer'))).accessToken;
    competition = await openCompetition(site.t, adminToken, 'youth-micro-projects', new Date(Date.now() + 5 * DAY));
  });
  afterAll(async () => {
    await site?.close();
  });

  for (const [viewport, lang] of [
    ['phone', 'kk'],
    ['desktop', 'ru'],
  ] as const) {
    it(`uploads the consent, checks and submits once on a double click, and gets the receipt by e-mail (${viewport}, ${lang})`, async () => {
      const w = WORDS[lang];
      const account = await signUp(site.t, `browser-submit-${lang}`, lang);
      const id = await readyDraft(site.t, account.accessToken, competition, { applicantKind: 'initiative_group' });
      // The fixture attached every required document; the person attaches the consent here instead.
      const [consent] = await site.t.db.query(
        `SELECT id FROM attachments WHERE application_id = $1 AND document_code = $2`,
        [id, CONSENT],
      );
      expect((await site.t.call('DELETE', `/attachments/${consent.id}`, { token: account.accessToken })).status).toBe(
        204,
      );

      const { context, page } = await site.newPage({ viewport });
      const signIn = `/sign-in?next=${encodeURIComponent(`/applications/${id}/documents`)}`;
      await page.goto(lang === 'kk' ? signIn : `/language/ru?next=${encodeURIComponent(signIn)}`);
      await page.getByLabel(w.email).fill(account.email);
      await page.getByLabel(w.password).fill(TEST_PASSWORD);
      await page.getByRole('button', { name: w.signIn, exact: true }).click();
      await page.waitForURL(`**/applications/${id}/documents`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await looksRight(page, `documents-${lang}-${viewport}`);

      // A text file named .pdf is refused at the field, in the page's language; nothing is kept.
      await page.getByLabel(w.consent).setInputFiles({
        name: 'scan.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('just some text, not a PDF at all\n'.repeat(20)),
      });
      await page.getByRole('button', { name: w.upload }).click();
      await page.getByText(w.refused).first().waitFor();
      expect(await page.getByLabel(w.consent).getAttribute('aria-invalid')).toBe('true');
      await looksRight(page, `documents-refused-${lang}-${viewport}`);

      await page.getByLabel(w.consent).setInputFiles({
        name: lang === 'kk' ? 'келісім.pdf' : 'согласие.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.concat([MINIMAL_PDF, Buffer.from(`% ${randomBytes(8).toString('hex')}\n`)]),
      });
      await page.getByRole('button', { name: w.upload }).click();
      await page.getByText(w.uploaded).waitFor();
      expect(await page.getByRole('link', { name: lang === 'kk' ? 'келісім.pdf' : 'согласие.pdf' }).count()).toBe(1);
      await looksRight(page, `documents-uploaded-${lang}-${viewport}`);

      await page.getByRole('link', { name: w.toCheck }).click();
      await page.waitForURL(`**/applications/${id}/check`);
      expect(await page.getByText(w.ready).count()).toBe(1);
      await looksRight(page, `check-${lang}-${viewport}`);
      // The budget's table fits the width too (it would scroll inside its own box otherwise).
      expect(await page.locator('.table-scroll').evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);

      // A double click sends the form twice: one submission, one number.
      await page.getByRole('button', { name: w.submit }).dblclick();
      await page.waitForURL(`**/applications/${id}/receipt`);
      const number = (await page.locator('.panel--confirmation strong').textContent())!.trim();
      expect(number).toMatch(/^[A-Z]+\d*-\d{4}-\d{4}$/);
      expect(await page.getByRole('heading', { level: 1, name: w.received }).count()).toBe(1);
      expect(await page.getByText(account.email).count()).toBe(1);
      await looksRight(page, `receipt-${lang}-${viewport}`);

      const [row] = await site.t.db.query(`SELECT status, number FROM applications WHERE id = $1`, [id]);
      expect(row).toEqual({ status: 'submitted', number });
      const [{ n }] = await site.t.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'application.submitted'`,
        [id],
      );
      expect(n).toBe(1);

      // The receipt e-mail reaches the applicant's mailbox, in their language, with the number.
      await waitFor(`the receipt to ${account.email}`, () =>
        site.smtp.to(account.email).some((m) => m.subject.includes(number)),
      );
      const receipts = site.smtp.to(account.email).filter((m) => m.subject.includes(number));
      expect(receipts).toHaveLength(1);
      expect(receipts[0].text).toContain(number);
      expect(receipts[0].text).toContain(`/applications/${id}`);

      await page.getByRole('link', { name: w.view }).click();
      await page.waitForURL(`**/applications/${id}`);
      expect(await page.getByText(number).count()).toBeGreaterThan(0);
      await looksRight(page, `application-${lang}-${viewport}`);
      await context.close();
    });
  }
});
