import type { Page } from 'playwright-core';
import { makeAdmin, signUp } from '../support/accounts';
import { competitionStory, openTitled, Story } from '../support/published-results';
import {
  accessibilityProblems,
  horizontalOverflow,
  rawTextProblems,
  screenshot,
  Site,
  startSite,
} from './support/site';

const DAY = 24 * 3600 * 1000;

/**
 * Clicks a link in one of the home page's lists, paging on until it shows (the run's database
 * holds other suites' competitions too).
 */
async function linkOnHome(page: Page, list: 'open' | 'past', name: string | RegExp): Promise<void> {
  for (let n = 1; n <= 60; n += 1) {
    await page.goto(n === 1 ? '/' : `/?${list}=${n}`);
    const link = page.getByRole('link', { name, exact: typeof name === 'string' });
    if ((await link.count()) === 1) return link.click();
    if ((await page.locator(`a[href*="${list}=${n + 1}"]`).count()) === 0) break;
  }
  throw new Error(`no link "${String(name)}" in the ${list} list`);
}

/** The public pages in a real browser: home and a competition's page, open and decided, kk and ru, phone and desktop. */
describe('browser: public pages without an account', () => {
  let site: Site;
  let open: { id: string };
  let published: Story;
  let drawn: Story;
  const OPEN = {
    kk: 'Жетісу облысының аудандары мен қалаларына арналған шағын гранттар конкурсы',
    ru: 'Конкурс мини-грантов для районов и городов области Жетісу',
  };
  const PUBLISHED = { kk: 'Жетісу шағын гранттары: жарияланған нәтижелер', ru: 'Мини-гранты Жетісу: итоги' };

  beforeAll(async () => {
    site = await startSite();
    const organizer = await makeAdmin(site.t, await signUp(site.t, 'browser-public-organizer'));
    open = await openTitled(site.t, organizer, 'mini-grants-district', OPEN, new Date(Date.now() + 12 * DAY));
    published = await competitionStory(site.t, organizer, {
      templateCode: 'mini-grants-district',
      title: PUBLISHED,
      projects: [
        'Ауыл кітапханасында балаларға арналған оқу бұрышы',
        'Аула спорт алаңын жөндеу',
        'Қарттарға үйде көмек көрсететін еріктілер тобы',
        'Мектеп жанындағы жылыжай',
      ],
      screenOut: [3],
      stage: 'results_published',
    });
    drawn = await competitionStory(site.t, organizer, {
      templateCode: 'youth-micro-projects',
      title: { kk: 'Жастардың кіші жобалары', ru: 'Микропроекты молодёжи' },
      projects: ['Жасөспірімдерге арналған кино клуб', 'Жергілікті қолөнер шеберханасы', 'Өзен жағасын тазалау'],
      stage: 'results_published',
    });
  }, 180_000);
  afterAll(async () => {
    await site?.close();
  });

  for (const viewport of ['phone', 'desktop'] as const) {
    for (const locale of ['kk', 'ru'] as const) {
      it(`home, an open competition and decided ones read well (${locale}, ${viewport})`, async () => {
        const { context, page } = await site.newPage({ viewport });
        const check = async (name: string) => {
          expect(await page.getAttribute('html', 'lang')).toBe(locale);
          expect(await accessibilityProblems(page)).toEqual([]);
          expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
          expect(await rawTextProblems(page)).toEqual([]);
          await screenshot(page, `public-${name}-${locale}-${viewport}`);
        };
        await page.goto(locale === 'ru' ? '/language/ru?next=/' : '/');
        await check('home');

        // The open competition, from its card on the home page.
        await linkOnHome(page, 'open', OPEN[locale]);
        expect(new URL(page.url()).pathname).toBe(`/competitions/${open.id}`);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(OPEN[locale]);
        expect(await page.locator('main').innerText()).toMatch(
          locale === 'kk' ? /Қалған уақыт: 1[12] күн/ : /Осталось: 1[12] дн/,
        );
        await check('competition-open');

        // "Apply" goes through sign-in and comes back to the application.
        await page.getByRole('link', { name: locale === 'kk' ? 'Өтінім беру' : 'Подать заявку' }).click();
        const signIn = new URL(page.url());
        expect(signIn.pathname).toBe('/sign-in');
        expect(signIn.searchParams.get('next')).toBe(`/competitions/${open.id}/apply`);

        // A decided competition: results first, with the ranking and the protocol.
        await linkOnHome(
          page,
          'past',
          new RegExp(`^${locale === 'kk' ? 'Нәтижелер' : 'Результаты'}\\s*: ${PUBLISHED[locale]}`),
        );
        expect(new URL(page.url()).hash).toBe('#results');
        const ranking = page.getByRole('region', { name: 'Рейтинг' });
        for (const a of published.applications.filter((x) => !x.screenedOut)) {
          await expect(ranking.getByText(a.number, { exact: true }).count()).resolves.toBe(1);
        }
        expect(await page.getByRole('link', { name: /DOCX/ }).count()).toBe(2);
        await check('competition-results');

        // Youth micro-projects after the draw: the shortlist with arms, a link to the draw page.
        await page.goto(`/competitions/${drawn.competition.id}`);
        expect(
          await page
            .getByRole('link', { name: locale === 'kk' ? /Жеребе хаттамасы/ : /Протокол жеребьёвки/ })
            .getAttribute('href'),
        ).toBe(`/draws/${drawn.competition.id}`);
        await check('competition-draw');
        await context.close();
      });
    }
  }

  it('works with JavaScript off', async () => {
    const { context, page } = await site.newPage({ viewport: 'phone', javaScript: false });
    await page.goto(`/competitions/${published.competition.id}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(PUBLISHED.kk);
    expect(await page.getByRole('link', { name: /DOCX/ }).count()).toBe(2);
    await context.close();
  });
});
