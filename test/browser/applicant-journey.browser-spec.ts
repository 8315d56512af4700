import { randomBytes, randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { makeBin, makeIin } from '../../libs/kz';
import { MINI_GRANTS_DISTRICT_TEMPLATE } from '../../src/modules/competitions/domain/templates/mini-grants.template';
import { CIVIC_DIRECTION_CODES, DIRECTION_LABELS } from '../../src/modules/competitions/domain/directions.constants';
import kkWords from '../../src/i18n/kk.json';
import ruWords from '../../src/i18n/ru.json';
import kkAccount from '../../src/i18n/pages/account.kk.json';
import ruAccount from '../../src/i18n/pages/account.ru.json';
import kkSubmit from '../../src/i18n/pages/application-submit.kk.json';
import ruSubmit from '../../src/i18n/pages/application-submit.ru.json';
import kkApplication from '../../src/i18n/pages/application.kk.json';
import ruApplication from '../../src/i18n/pages/application.ru.json';
import kkCommon from '../../src/i18n/pages/common.kk.json';
import ruCommon from '../../src/i18n/pages/common.ru.json';
import kkMe from '../../src/i18n/pages/me.kk.json';
import ruMe from '../../src/i18n/pages/me.ru.json';
import kkPublic from '../../src/i18n/pages/public.kk.json';
import ruPublic from '../../src/i18n/pages/public.ru.json';
import kkSignup from '../../src/i18n/pages/signup.kk.json';
import ruSignup from '../../src/i18n/pages/signup.ru.json';
import { makeAdmin, signUp, uniqueEmail } from '../support/accounts';
import { MINIMAL_PDF, openCompetition } from '../support/competitions';
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
 * The whole applicant journey through the pages only (issue 14): the home page, the
 * competition's page, sign up, confirm the e-mail from the link the test's SMTP server
 * received, sign in, profile with IIN, the organization by BIN, apply, the four steps
 * (project with the rulebook's own questions, a team of four by IIN with its leader, budget
 * lines with the server's total, the PDF consent), check and submit, the receipt with the
 * public number, the receipt e-mail and my page. Kazakh on a 360 px phone, Russian on a
 * laptop. Every page visited: no axe violation, no sideways scroll, no raw catalogue key.
 * The project title carries a script tag that must stay text everywhere it is shown.
 */
const DAY = 24 * 3600 * 1000;
const PASSWORD = 'kok-tobe-zhazy-2026';
const XSS_TITLE = '<script>window.__xss=1</script> Жоба';
/** Some twenty pages, each checked by axe, on a machine other test runs share. */
const JOURNEY_MS = 180_000;

const CATALOGUE = {
  kk: {
    ...kkWords,
    ...kkAccount,
    ...kkSignup,
    ...kkCommon,
    ...kkPublic,
    ...kkMe,
    ...kkApplication,
    ...kkSubmit,
  } as Record<string, string>,
  ru: {
    ...ruWords,
    ...ruAccount,
    ...ruSignup,
    ...ruCommon,
    ...ruPublic,
    ...ruMe,
    ...ruApplication,
    ...ruSubmit,
  } as Record<string, string>,
};

/** A catalogue text with simple `{name}` placeholders filled (no plurals: the journey reads none). */
function text(lang: 'kk' | 'ru', key: string, values: Record<string, string | number> = {}): string {
  const message = CATALOGUE[lang][key];
  if (message === undefined) throw new Error(`no ${key} in the ${lang} catalogue`);
  return message.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
}

const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

/** Every page the journey visits: no axe violation, no sideways scroll, no raw catalogue key; then a screenshot. */
async function looksRight(page: Page, name: string): Promise<void> {
  expect([name, await accessibilityProblems(page)]).toEqual([name, []]);
  const overflow = await horizontalOverflow(page);
  expect([name, overflow <= 0 ? 'fits' : `${overflow}px sideways`]).toEqual([name, 'fits']);
  expect([name, await rawTextProblems(page)]).toEqual([name, []]);
  await screenshot(page, name);
}

/** The stored-XSS check: the typed script never ran, and its text is on the page as text. */
async function titleShownAsText(page: Page, name: string): Promise<void> {
  expect([name, await page.evaluate(() => (window as any).__xss)]).toEqual([name, undefined]);
  expect([name, await page.locator('main').innerText()]).toEqual([name, expect.stringContaining(XSS_TITLE)]);
}

describe('browser: the applicant journey from the home page to the receipt', () => {
  let site: Site;
  let competition: any;

  beforeAll(async () => {
    site = await startSite();
    const organizer = await makeAdmin(site.t, await signUp(site.t, 'journey-organizer'));
    // A grant for NGOs and initiative groups: teams of 3–10, the PDF consent required, a
    // district of Jetisu; with the civic directions so the project step asks for one.
    competition = await openCompetition(
      site.t,
      organizer.accessToken,
      'mini-grants-district',
      new Date(Date.now() + 7 * DAY),
      {
        directions: [...CIVIC_DIRECTION_CODES],
      },
    );
    // Its own title: the run's database holds other suites' competitions with the fixture's title.
    const tag = randomInt(1000, 9999);
    competition.title = { kk: `Ауыл бастамалары ${tag}`, ru: `Инициативы аула ${tag}` };
    await site.t.db.query('UPDATE competitions SET title_kk = $2, title_ru = $3 WHERE id = $1', [
      competition.id,
      competition.title.kk,
      competition.title.ru,
    ]);
  });
  afterAll(async () => {
    await site?.close();
  });

  const journeys: { lang: 'kk' | 'ru'; viewport: ViewportName }[] = [
    { lang: 'kk', viewport: 'phone' },
    { lang: 'ru', viewport: 'desktop' },
  ];

  for (const { lang, viewport } of journeys) {
    it(
      `signs up, fills profile and organization, applies in four steps and submits (${lang}, ${viewport})`,
      async () => {
        const started = Date.now();
        const t = (key: string, values?: Record<string, string | number>) => text(lang, key, values);
        const at = (step: string) => `journey-${lang}-${viewport}-${step}`;
        const email = uniqueEmail(`journey-${lang}`);
        const competitionTitle: string = competition.title[lang];
        // Birth years differ per journey, so the two journeys' IINs never meet.
        const year = lang === 'kk' ? 1990 : 1980;
        const serial = randomInt(100, 9000);
        const birthDate = `${year + 4}-05-12`;
        const me = { iin: makeIin(birthDate, 'female', serial), lastName: 'Тестова', firstName: 'Әсел' };
        const members = [1, 2, 3].map((n) => ({
          iin: makeIin(`${year + n}-0${n + 2}-1${n}`, n % 2 ? 'male' : 'female', serial + n),
          lastName: 'Қатысушы',
          firstName: `Мүше ${'абв'[n - 1]}`,
          phone: `+7 701 555 00 0${n}`,
        }));
        const bin = makeBin('2015-06', 40000 + serial);
        const orgName = lang === 'kk' ? '«Ауыл тынысы» қоғамдық бірлестігі' : 'Общественное объединение «Голос аула»';

        const { context, page } = await site.newPage({ viewport });
        // The home page lists the nearest deadlines first, a page at a time: look further if needed.
        const openFromHome = async () => {
          const listed = page.getByRole('link', { name: competitionTitle, exact: true });
          for (let more = 0; more < 10 && (await listed.count()) === 0; more += 1) {
            await page
              .getByRole('link', { name: t('pages.public.pager_next') })
              .first()
              .click();
          }
          await listed.click();
        };

        // Home: the open competition, in the journey's language.
        await page.goto('/');
        if (lang === 'ru') await page.getByRole('link', { name: t('pages.common.language_ru') }).click();
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        await looksRight(page, at('01-home'));

        await openFromHome();
        expect(pathOf(page)).toBe(`/competitions/${competition.id}`);
        await looksRight(page, at('02-competition'));

        // No account yet: the competition page leads to sign-up.
        await page.getByRole('link', { name: t('pages.public.apply_sign_up') }).click();
        expect(pathOf(page)).toBe('/sign-up');
        await looksRight(page, at('03-sign-up'));
        await page.getByLabel(t('pages.account.email')).fill(email);
        await page.getByLabel(t('pages.signup.password_label')).fill(PASSWORD);
        await page.getByRole('button', { name: t('pages.signup.button') }).click();
        expect(pathOf(page)).toBe('/sign-up/check-email');
        expect(await page.locator('main').innerText()).toContain(t('pages.signup.check_email_sent_to', { email }));
        await looksRight(page, at('04-check-email'));

        await page.goto(await site.linkFromMail(email, '/verify-email'));
        await looksRight(page, at('05-verify'));
        await page.getByRole('button', { name: t('pages.signup.verify_button') }).click();
        expect(pathOf(page)).toBe('/sign-in?notice=email_verified');
        expect(await page.locator('.notice').innerText()).toContain(t('pages.account.notice_email_verified'));
        await looksRight(page, at('06-sign-in'));
        await page.getByLabel(t('pages.account.email')).fill(email);
        await page.getByLabel(t('pages.account.password'), { exact: true }).fill(PASSWORD);
        await page.getByRole('button', { name: t('pages.account.sign_in_button'), exact: true }).click();
        expect(pathOf(page)).toBe('/me');
        expect(await page.locator('main .notice--warning').count()).toBe(0);
        await looksRight(page, at('07-me-empty'));

        // Profile with the IIN; birth date and sex are shown as read from it.
        const personal = page.getByRole('navigation', { name: t('pages.me.nav_label') });
        await personal.getByRole('link', { name: t('pages.me.nav_profile') }).click();
        expect(pathOf(page)).toBe('/me/profile');
        await looksRight(page, at('08-profile'));
        await page.getByLabel(t('pages.me.field.iin'), { exact: true }).fill(me.iin);
        await page.getByLabel(t('pages.me.field.lastName'), { exact: true }).fill(me.lastName);
        await page.getByLabel(t('pages.me.field.firstName'), { exact: true }).fill(me.firstName);
        await page.getByLabel(t('pages.me.field.birthDate'), { exact: true }).fill(birthDate);
        await page.getByLabel(t('pages.me.gender.female'), { exact: true }).check();
        await page.getByLabel(t('pages.me.field.phone'), { exact: true }).fill('8 701 555 12 34');
        await page.getByLabel(t('pages.me.field.educationStatus'), { exact: true }).selectOption('university_graduate');
        await page.getByRole('button', { name: t('pages.me.save_profile') }).click();
        expect(pathOf(page)).toBe('/me/profile?notice=profile_saved');
        expect(await page.locator('main').innerText()).toContain(t('pages.me.notice_profile_saved'));
        await looksRight(page, at('09-profile-saved'));

        // The NGO the application is made for, registered by BIN.
        await personal.getByRole('link', { name: t('pages.me.nav_organization') }).click();
        await looksRight(page, at('10-organizations'));
        await page.getByRole('link', { name: t('pages.me.organization_new_link') }).click();
        await looksRight(page, at('11-organization-new'));
        await page.getByLabel(t('pages.me.org.bin'), { exact: true }).fill(bin);
        await page.getByLabel(t('pages.me.org.name'), { exact: true }).fill(orgName);
        await page.getByLabel(t('pages.me.org.kind'), { exact: true }).selectOption('ngo');
        await page.getByLabel(t('pages.me.org.regionCode'), { exact: true }).selectOption('ZHT');
        await page.getByLabel(t('pages.me.org.registeredOn'), { exact: true }).fill('2015-06-20');
        await page.getByRole('button', { name: t('pages.me.org.create') }).click();
        expect(pathOf(page)).toMatch(/^\/organizations\/[0-9a-f-]{36}\?notice=/);
        expect(await page.locator('main').innerText()).toContain(t('pages.me.notice_organization_created'));
        await looksRight(page, at('12-organization'));

        // Back to the competition from the home page, and Apply.
        await page.getByRole('link', { name: t('pages.common.site_name') }).click();
        await openFromHome();
        await page.getByRole('link', { name: t('pages.public.apply_button') }).click();
        expect(pathOf(page)).toBe(`/competitions/${competition.id}/apply`);
        await looksRight(page, at('13-apply'));
        await page.getByLabel(t('pages.application.kind.ngo'), { exact: true }).check();
        await page
          .getByLabel(t('pages.application.start.organization_label'), { exact: true })
          .selectOption({ label: `${orgName} (${bin})` });
        await page.getByRole('button', { name: t('pages.application.start.button') }).click();
        expect(pathOf(page)).toMatch(/^\/applications\/[0-9a-f-]{36}\/project\?notice=started$/);
        const id = new URL(page.url()).pathname.split('/')[2];
        await looksRight(page, at('14-project'));

        // Project: the fixed fields, then the rulebook's own questions by their labels.
        await page.getByLabel(t('pages.application.project.title_label'), { exact: true }).fill(XSS_TITLE);
        const territory = page.getByLabel(t('pages.application.project.territory_label'), { exact: true });
        const districts = await territory
          .locator('option')
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
        expect(districts.length).toBeGreaterThan(1);
        await territory.selectOption(districts[0]);
        await page
          .getByLabel(t('pages.application.project.direction_label'), { exact: true })
          .selectOption({ label: DIRECTION_LABELS.local_self_government[lang] });
        for (const question of MINI_GRANTS_DISTRICT_TEMPLATE.rulebook.fields) {
          const label = question.required
            ? question.label[lang]
            : `${question.label[lang]} (${t('pages.common.optional')})`;
          const input = page.getByLabel(label, { exact: true });
          if (question.type === 'textarea') await input.fill(`${question.label[lang]}: ауыл жастарына арналған алаң.`);
          else if (question.type === 'integer') await input.fill(String(Math.min(question.max ?? 4, 4)));
          else if (question.type === 'date') await input.fill('2027-03-01');
          else throw new Error(`the journey does not fill a ${question.type} question`);
        }
        await page.getByRole('button', { name: t('pages.application.save_continue') }).click();
        expect(pathOf(page)).toBe(`/applications/${id}/team`);
        await looksRight(page, at('15-team'));

        // Team: the rulebook's three rows, a fourth one added; the applicant leads.
        await page.getByRole('button', { name: t('pages.application.team.add') }).click();
        const row = (n: number) => page.getByRole('group', { name: t('pages.application.team.member', { n }) });
        expect(await row(4).count()).toBe(1);
        const people = [{ ...me, phone: '+7 701 555 12 34' }, ...members];
        for (const [index, person] of people.entries()) {
          const r = row(index + 1);
          await r.getByLabel(t('pages.application.team.iin'), { exact: true }).fill(person.iin);
          await r.getByLabel(t('pages.application.team.last_name'), { exact: true }).fill(person.lastName);
          await r.getByLabel(t('pages.application.team.first_name'), { exact: true }).fill(person.firstName);
          await r.getByLabel(t('pages.application.team.phone'), { exact: true }).fill(person.phone);
        }
        await row(1).getByLabel(t('pages.application.team.leader'), { exact: true }).check();
        await looksRight(page, at('16-team-filled'));
        await page.getByRole('button', { name: t('pages.application.save_continue') }).click();
        expect(pathOf(page)).toBe(`/applications/${id}/budget`);
        await looksRight(page, at('17-budget'));

        // Budget: two lines; the total is the server's, shown after saving.
        const line = (n: number) => page.getByRole('group', { name: t('pages.application.budget.line', { n }) });
        if ((await line(2).count()) === 0) {
          await page.getByRole('button', { name: t('pages.application.budget.add') }).click();
        }
        await line(1).getByLabel(t('pages.application.budget.item'), { exact: true }).fill('Спорт құралдары');
        await line(1).getByLabel(t('pages.application.budget.quantity'), { exact: true }).fill('2');
        await line(1).getByLabel(t('pages.application.budget.unit_cost'), { exact: true }).fill('50000');
        await line(2).getByLabel(t('pages.application.budget.item'), { exact: true }).fill('Баспа материалдары');
        await line(2).getByLabel(t('pages.application.budget.quantity'), { exact: true }).fill('10');
        await line(2).getByLabel(t('pages.application.budget.unit_cost'), { exact: true }).fill('8000');
        await page
          .getByRole('button', { name: t('pages.common.save'), exact: true })
          .last()
          .click();
        expect(pathOf(page)).toMatch(new RegExp(`^/applications/${id}/budget`));
        const budgetText = await page.locator('main').innerText();
        expect(budgetText).toMatch(/180\s000\s₸/);
        expect(budgetText).toMatch(/100\s000\s₸/);
        expect(budgetText).toMatch(/80\s000\s₸/);
        await looksRight(page, at('18-budget-saved'));
        await page.getByRole('button', { name: t('pages.application.save_continue') }).click();
        expect(pathOf(page)).toBe(`/applications/${id}/documents`);
        await looksRight(page, at('19-documents'));

        // Documents: the required consent as a PDF.
        const consent = MINI_GRANTS_DISTRICT_TEMPLATE.rulebook.documents.find((d) => d.required)!;
        const fileName = lang === 'kk' ? 'келісім.pdf' : 'согласие.pdf';
        await page
          .getByLabel(t('pages.application_submit.documents.file_label', { document: consent.label[lang] }), {
            exact: true,
          })
          .setInputFiles({
            name: fileName,
            mimeType: 'application/pdf',
            buffer: Buffer.concat([MINIMAL_PDF, Buffer.from(`% ${randomBytes(8).toString('hex')}\n`)]),
          });
        await page
          .getByRole('button', {
            name: `${t('pages.application_submit.documents.upload_button')} ${consent.label[lang]}`,
          })
          .click();
        await page.getByText(t('pages.application_submit.documents.notice_uploaded')).waitFor();
        expect(await page.getByRole('link', { name: fileName, exact: true }).count()).toBe(1);
        await looksRight(page, at('20-documents-uploaded'));

        // Check and submit: no problem left; the title is text.
        await page.getByRole('link', { name: t('pages.application_submit.documents.continue') }).click();
        expect(pathOf(page)).toBe(`/applications/${id}/check`);
        expect(await page.getByText(t('pages.application_submit.check.ready')).count()).toBe(1);
        await titleShownAsText(page, at('check'));
        await looksRight(page, at('21-check'));
        await page.getByRole('button', { name: t('pages.application_submit.check.submit_button') }).click();

        // The receipt with the public number, also e-mailed.
        expect(pathOf(page)).toBe(`/applications/${id}/receipt`);
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
          t('pages.application_submit.receipt.title'),
        );
        const number = (await page.locator('.panel--confirmation strong').innerText()).trim();
        expect(number).toMatch(/^MG\d*-\d{4}-\d{4}$/);
        expect(await page.locator('main').innerText()).toContain(
          t('pages.application_submit.receipt.email_sent', { email }),
        );
        // The receipt names the number, not the title: the typed script must not have run here either.
        expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
        await looksRight(page, at('22-receipt'));

        await waitFor(`the receipt to ${email}`, () => site.smtp.to(email).some((m) => m.text.includes(number)));
        const receipts = site.smtp.to(email).filter((m) => m.text.includes(number));
        expect(receipts).toHaveLength(1);
        expect(receipts[0].text).toContain(`/applications/${id}`);

        // The application's own page: received, the title as text.
        await page.getByRole('link', { name: t('pages.application_submit.receipt.view_link') }).click();
        expect(pathOf(page)).toBe(`/applications/${id}`);
        expect(await page.locator('main').innerText()).toContain(number);
        await titleShownAsText(page, at('application'));
        await looksRight(page, at('23-application'));

        // My page lists it as received, with its number and the title as text.
        await page
          .getByRole('link', { name: t('pages.common.nav_my_page') })
          .first()
          .click();
        expect(pathOf(page)).toBe('/me');
        const card = page.locator('.cards .card').filter({ has: page.locator(`h3 a[href="/applications/${id}"]`) });
        expect(await card.count()).toBe(1);
        expect(await card.innerText()).toContain(number);
        expect(await card.locator('.tag').innerText()).toBe(t('status.submitted'));
        expect(await card.getByRole('link', { name: XSS_TITLE }).getAttribute('href')).toBe(`/applications/${id}`);
        await titleShownAsText(page, at('me'));
        await looksRight(page, at('24-me'));
        await context.close();
        console.log(`applicant journey ${lang} ${viewport}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      },
      JOURNEY_MS,
    );
  }
});
