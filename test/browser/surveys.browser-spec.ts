import kkTexts from '../../src/i18n/pages/surveys.kk.json';
import ruTexts from '../../src/i18n/pages/surveys.ru.json';
import { surveyCompetition, SurveyCompetition } from '../support/surveys';
import { looksRight, signIn, Site, startSite } from './support/site';

jest.setTimeout(400_000);

const TEXTS = { kk: kkTexts, ru: ruTexts } as const;
const word = (lang: 'kk' | 'ru', key: string) => (TEXTS[lang] as Record<string, string>)[`pages.surveys.${key}`];

const OVERALL = {
  kk: 'Жобаның іс-шараларына жалпы қаншалықты қанағаттандыңыз?',
  ru: 'Насколько в целом вы удовлетворены мероприятиями проекта?',
} as const;
const REQUIRED = {
  kk: `«${OVERALL.kk}» сұрағына жауап беріңіз: 1-ден 5-ке дейінгі бағаның бірін таңдаңыз.`,
  ru: `Ответьте на вопрос «${OVERALL.ru}»: выберите оценку от 1 до 5.`,
} as const;

/**
 * The survey in a real browser, in Kazakh and in Russian: the organizer makes two links and
 * opens the list to print; one participant answers by link on a 360 px phone (a missing
 * point named first), another types the paper code with script off; the same link twice is
 * refused; the organizer reads 1 of 2 satisfied against 80%. Axe, no sideways scroll, no raw key.
 */
describe('browser: participants satisfaction survey', () => {
  let site: Site;
  const competitions: Record<'kk' | 'ru', SurveyCompetition> = {} as never;

  beforeAll(async () => {
    site = await startSite();
    const tag = `bs${Date.now() % 100000}`;
    competitions.kk = await surveyCompetition(site.t, { tag: `${tag}kk`, winners: 1 });
    competitions.ru = await surveyCompetition(site.t, {
      tag: `${tag}ru`,
      winners: 1,
      templateCode: 'youth-micro-projects',
    });
  });
  afterAll(async () => {
    await site?.close();
  });

  for (const lang of ['kk', 'ru'] as const) {
    const w = (key: string) => word(lang, key);

    it(`${lang}: links made and printed, answered by link and by code on a phone, twice refused, results read`, async () => {
      const c = competitions[lang];
      const admin = `/organizer/competitions/${c.id}/survey`;
      const organizer = await site.newPage();
      // Axe needs script: the first phone has it; the second answers with script off.
      const phone = await site.newPage({ viewport: 'phone' });
      const phone2 = await site.newPage({ viewport: 'phone', javaScript: false });
      // A step that cannot happen fails in seconds, naming the step, instead of at the test's timeout.
      for (const p of [organizer, phone, phone2]) p.page.setDefaultTimeout(20_000);
      try {
        await signIn(organizer.page, c.organizer.email, lang, `/organizer/competitions/${c.id}`);
        await organizer.page.getByRole('link', { name: w('title') }).click();
        await organizer.page.waitForURL((url) => url.pathname === admin);
        await looksRight(organizer.page, `survey-admin-empty-${lang}`, [1280, 360]);
        await organizer.page.getByLabel(w('org.count_label')).fill('2');
        await organizer.page.getByRole('button', { name: new RegExp(`^${w('org.make')}`) }).click();
        await organizer.page.waitForURL((url) => url.pathname.includes('/survey/batches/'));
        expect(await organizer.page.textContent('h1')).toBe(w('list.title'));
        await looksRight(organizer.page, `survey-list-${lang}`, [1280, 360]);
        const codes = await organizer.page.locator('.survey-code').allTextContents();
        const links = await organizer.page.locator('.survey-link').allTextContents();
        expect(codes).toHaveLength(2);
        expect(links).toHaveLength(2);

        // By link, on a phone.
        const path = new URL(links[0]).pathname;
        await phone.page.goto(`/language/${lang}?next=${encodeURIComponent(path)}`);
        expect(await phone.page.textContent('h1')).toBe(w('title'));
        await looksRight(phone.page, `survey-form-${lang}`, [360]);
        await phone.page.getByRole('button', { name: w('send') }).click();
        await phone.page.waitForLoadState();
        expect(await phone.page.locator('.error-summary').textContent()).toContain(REQUIRED[lang]);
        await looksRight(phone.page, `survey-form-error-${lang}`, [360]);
        const overall = phone.page.getByRole('group', { name: OVERALL[lang] });
        await overall.getByLabel(w('scale.5')).check();
        for (const group of await phone.page.getByRole('group').all()) {
          if (!(await group.locator('input:checked').count())) await group.getByLabel(w('scale.4')).check();
        }
        await phone.page
          .getByLabel(lang === 'kk' ? 'Жобада сізге не ұнады?' : 'Что вам понравилось в проекте?')
          .fill(lang === 'kk' ? 'Шеберлік сабақтары' : 'Мастер-классы');
        await phone.page.getByRole('button', { name: w('send') }).click();
        await phone.page.waitForURL((url) => url.pathname.endsWith('/thanks'));
        expect(await phone.page.textContent('h1')).toBe(w('thanks_title'));
        await looksRight(phone.page, `survey-thanks-${lang}`, [360]);
        // The same link again: already answered, no form.
        await phone.page.goto(path);
        expect(await phone.page.locator('main').textContent()).toContain(w('answered_text'));
        expect(await phone.page.locator('input[type=radio]').count()).toBe(0);
        await looksRight(phone.page, `survey-answered-${lang}`, [360]);
        await phone.page.goto('/s');
        await looksRight(phone.page, `survey-code-${lang}`, [360]);

        // By code from the paper list, typed in lower case without the dash, with script off.
        await phone2.page.goto(`/language/${lang}?next=/s`);
        await phone2.page.getByLabel(w('code_label')).fill(codes[1].toLowerCase().replace('-', ''));
        await phone2.page.getByRole('button', { name: w('code_go') }).click();
        await phone2.page.waitForURL((url) => url.pathname === new URL(links[1]).pathname);
        for (const group of await phone2.page.getByRole('group').all()) await group.getByLabel(w('scale.2')).check();
        await phone2.page.getByRole('button', { name: w('send') }).click();
        await phone2.page.waitForURL((url) => url.pathname.endsWith('/thanks'));
        await phone2.page.goto(`/s`);
        await phone2.page.getByLabel(w('code_label')).fill(codes[1]);
        await phone2.page.getByRole('button', { name: w('code_go') }).click();
        await phone2.page.waitForURL((url) => url.pathname === new URL(links[1]).pathname);
        expect(await phone2.page.locator('main').textContent()).toContain(w('answered_title'));

        // The organizer's results: 1 of 2 satisfied, below the 80% target.
        await organizer.page.goto(admin);
        const main = (await organizer.page.textContent('main')) ?? '';
        expect(main).toContain(w('org.below'));
        expect(main).toContain('50%');
        await organizer.page.getByText(w('org.by_question'), { exact: true }).first().isVisible();
        await looksRight(organizer.page, `survey-admin-results-${lang}`, [1280, 360]);
      } finally {
        await organizer.context.close();
        await phone.context.close();
        await phone2.context.close();
      }
    });
  }
});
