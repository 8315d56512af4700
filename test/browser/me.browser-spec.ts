import type { Page } from 'playwright-core';
import { makeBin, makeIin } from '../../libs/kz';
import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { openCompetition, readyDraft } from '../support/competitions';
import {
  accessibilityProblems,
  horizontalOverflow,
  rawTextProblems,
  screenshot,
  signIn,
  Site,
  startSite,
  ViewportName,
} from './support/site';

const DAY = 24 * 3600 * 1000;

/** The words each journey reads and clicks, per language. */
const WORDS = {
  kk: {
    myPage: 'Менің бетім',
    profileLink: 'Профиль',
    iin: 'ЖСН',
    lastName: 'Тегі',
    firstName: 'Аты',
    birthDate: 'Туған күні',
    female: 'Әйел',
    phone: 'Телефон',
    education: 'Білімі',
    unemployed: 'жұмыссыз',
    saveProfile: 'Профильді сақтау',
    checksum: 'ЖСН-нің бақылау цифры сәйкес келмейді',
    saved: 'Профиль сақталды.',
    fromIin: /Туған күні\s+15\sсәуір 2001\s+Жынысы\s+Әйел/,
    organizationLink: 'Ұйым',
    newOrganization: 'Ұйымды тіркеу',
    bin: 'БСН',
    orgName: 'Ұйымның атауы',
    kind: 'Ұйым түрі',
    region: 'Облыс немесе республикалық маңызы бар қала',
    registeredOn: 'Тіркелген күні',
    binChecksum: 'БСН-нің бақылау цифры сәйкес келмейді',
    created: 'Ұйым тіркелді.',
    markAll: 'Барлығын оқылды деп белгілеу',
    noneUnread: 'Оқылмаған хабарлама жоқ.',
  },
  ru: {
    myPage: 'Моя страница',
    profileLink: 'Профиль',
    iin: 'ИИН',
    lastName: 'Фамилия',
    firstName: 'Имя',
    birthDate: 'Дата рождения',
    female: 'Женский',
    phone: 'Телефон',
    education: 'Образование',
    unemployed: 'безработный',
    saveProfile: 'Сохранить профиль',
    checksum: 'Контрольная цифра ИИН не сходится',
    saved: 'Профиль сохранён.',
    fromIin: /Дата рождения\s+15\sапреля 2001\s+Пол\s+Женский/,
    organizationLink: 'Организация',
    newOrganization: 'Зарегистрировать организацию',
    bin: 'БИН',
    orgName: 'Название организации',
    kind: 'Вид организации',
    region: 'Область или город республиканского значения',
    registeredOn: 'Дата регистрации',
    binChecksum: 'Контрольная цифра БИН не сходится',
    created: 'Организация зарегистрирована.',
    markAll: 'Отметить все как прочитанные',
    noneUnread: 'Непрочитанных уведомлений нет.',
  },
} as const;

/** A valid number with its check digit changed. */
function withWrongCheckDigit(number: string): string {
  return number.slice(0, 11) + String((Number(number[11]) + 1) % 10);
}

/** Every page of the journey: no axe violation, no sideways scroll at 360 px, no raw catalogue key. */
async function looksRight(page: Page, name: string): Promise<void> {
  expect(await accessibilityProblems(page)).toEqual([]);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await rawTextProblems(page)).toEqual([]);
  await screenshot(page, name);
}

/** My page, profile with IIN and the organization, in a real browser: Kazakh on a phone, Russian on a laptop. */
describe('browser: my page, profile, organization', () => {
  let site: Site;
  let organizer: TestAccount;
  let competitions: any[];
  let serial = 3000 + Math.floor(Math.random() * 3000);

  beforeAll(async () => {
    site = await startSite();
    organizer = await makeAdmin(site.t, await signUp(site.t, 'me-browser-organizer'));
    competitions = [
      await openCompetition(site.t, organizer.accessToken, 'youth-micro-projects', new Date(Date.now() + 3 * DAY)),
      await openCompetition(site.t, organizer.accessToken, 'youth-micro-projects', new Date(Date.now() + 9 * DAY)),
    ];
  });
  afterAll(async () => {
    await site?.close();
  });

  const journeys: { lang: 'kk' | 'ru'; viewport: ViewportName }[] = [
    { lang: 'kk', viewport: 'phone' },
    { lang: 'ru', viewport: 'desktop' },
  ];

  for (const { lang, viewport } of journeys) {
    it(`fills the profile and registers the organization (${lang}, ${viewport})`, async () => {
      const w = WORDS[lang];
      const account = await signUp(site.t, `me-browser-${lang}`, lang);
      // One application sent (a receipt in the notifications) and one draft with its deadline.
      const sent = await readyDraft(site.t, account.accessToken, competitions[0]);
      const submit = await site.t.call('POST', `/applications/${sent}/submit`, { token: account.accessToken });
      expect(submit.status).toBe(200);
      await readyDraft(site.t, account.accessToken, competitions[1]);

      const { context, page } = await site.newPage({ viewport });
      await signIn(page, account.email, lang);
      expect(new URL(page.url()).pathname).toBe('/me');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(w.myPage);
      expect(await page.locator('.cards .card h3 a[href^="/applications/"]').count()).toBe(2);
      await looksRight(page, `me-${lang}-${viewport}`);

      // Profile: a wrong IIN check digit first, then the right one.
      await page
        .getByRole('navigation', { name: lang === 'kk' ? 'Жеке бөлімдер' : 'Личные разделы' })
        .getByRole('link', { name: w.profileLink })
        .click();
      serial += 1;
      const iin = makeIin('2001-04-15', 'female', serial);
      await page.getByLabel(w.iin, { exact: true }).fill(withWrongCheckDigit(iin));
      await page.getByLabel(w.lastName, { exact: true }).fill('Тестова');
      await page.getByLabel(w.firstName, { exact: true }).fill('Әсел');
      await page.getByLabel(w.birthDate, { exact: true }).fill('2001-04-15');
      await page.getByLabel(w.female, { exact: true }).check();
      await page.getByLabel(w.phone, { exact: true }).fill('8 701 555 12 34');
      await page.getByLabel(w.education, { exact: true }).selectOption('college_graduate');
      await page.getByLabel(w.unemployed, { exact: true }).check();
      await page.getByRole('button', { name: w.saveProfile }).click();
      expect(await page.title()).toMatch(lang === 'kk' ? /^Қате: / : /^Ошибка: /);
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
      await expect(page.locator('#f-iin-error').textContent()).resolves.toContain(w.checksum);
      expect(await page.getByLabel(w.lastName, { exact: true }).inputValue()).toBe('Тестова');
      await looksRight(page, `me-profile-error-${lang}-${viewport}`);

      await page.getByLabel(w.iin, { exact: true }).fill(iin);
      await page.getByRole('button', { name: w.saveProfile }).click();
      expect(new URL(page.url()).search).toBe('?notice=profile_saved');
      const profileText = await page.locator('main').innerText();
      expect(profileText).toContain(w.saved);
      expect(profileText).toMatch(w.fromIin);
      await looksRight(page, `me-profile-${lang}-${viewport}`);

      // Organization: a BIN that fails its check, then a good one.
      await page.getByRole('link', { name: w.organizationLink, exact: true }).click();
      await looksRight(page, `me-organizations-empty-${lang}-${viewport}`);
      await page.getByRole('link', { name: w.newOrganization }).click();
      const bin = makeBin('2016-03', 20000 + serial);
      await page.getByLabel(w.bin, { exact: true }).fill(withWrongCheckDigit(bin));
      await page.getByLabel(w.orgName, { exact: true }).fill('«Жастар алаңы» қоғамдық бірлестігі');
      await page.getByLabel(w.kind, { exact: true }).selectOption('ngo');
      await page.getByLabel(w.region, { exact: true }).selectOption('ZHT');
      await page.getByLabel(w.registeredOn, { exact: true }).fill('2016-03-20');
      await page.locator('form button[type=submit]').last().click();
      await expect(page.locator('#f-bin-error').textContent()).resolves.toContain(w.binChecksum);
      await looksRight(page, `me-organization-error-${lang}-${viewport}`);

      await page.getByLabel(w.bin, { exact: true }).fill(bin);
      await page.locator('form button[type=submit]').last().click();
      expect(new URL(page.url()).pathname).toMatch(/^\/organizations\/[0-9a-f-]{36}$/);
      const orgText = await page.locator('main').innerText();
      expect(orgText).toContain(w.created);
      expect(orgText).toContain(bin);
      expect(orgText).toContain(account.email);
      await looksRight(page, `me-organization-${lang}-${viewport}`);

      // Back on my page: every notification marked read at once.
      await page.getByRole('link', { name: w.myPage }).first().click();
      await page.getByRole('button', { name: w.markAll }).click();
      expect(await page.locator('#notifications').innerText()).toContain(w.noneUnread);
      await looksRight(page, `me-read-${lang}-${viewport}`);
      await context.close();
    }, 120_000); // seven pages, each checked by axe, on a loaded machine
  }
});
