import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { giveOrganizer } from '../support/awards';
import { MINIMAL_PDF } from '../support/competitions';
import { competitionStory, Story } from '../support/published-results';
import { looksRight, signIn, Site, startSite } from './support/site';

jest.setTimeout(400_000);

const WORDS = {
  kk: {
    title: 'Жеңімпаздар мен сыйлықтар',
    place: 'Орын',
    prizeKk: 'Сыйлық (қазақша)',
    prizeRu: 'Сыйлық (орысша)',
    amount: 'Сыйлықтың құны, теңге (міндетті емес)',
    save: 'Сыйлықты сақтау',
    saved: 'Сыйлық сақталды.',
    placeError: 'Орын 1 мен 3 аралығында болуы керек: жеңімпаздар саны — 3.',
    date: 'Тапсырылған күні',
    scan: 'Қол қойылған актінің көшірмесі',
    handover: 'Тапсыруды тіркеу',
    handedOver: 'Сыйлықтың тапсырылғаны тіркелді, жеңімпазға хат жіберілді.',
    publicTitle: 'Жеңімпаздар тізімі',
  },
  ru: {
    title: 'Победители и призы',
    place: 'Место',
    prizeKk: 'Приз (на казахском)',
    prizeRu: 'Приз (на русском)',
    amount: 'Стоимость приза, тенге (необязательно)',
    save: 'Сохранить приз',
    saved: 'Приз сохранён.',
    placeError: 'Место должно быть от 1 до 3: победителей — 3.',
    date: 'Дата передачи',
    scan: 'Копия подписанного акта',
    handover: 'Записать передачу',
    handedOver: 'Передача приза записана, победителю отправлено письмо.',
    publicTitle: 'Список победителей',
  },
} as const;

/** The organizer's awards page and the public winners list in a real browser, kk and ru. */
describe('browser: awards', () => {
  let site: Site;
  let organizer: TestAccount;
  const stories: Record<'kk' | 'ru', Story> = {} as never;
  let dir: string;
  let scanPath: string;

  beforeAll(async () => {
    site = await startSite();
    organizer = await makeAdmin(site.t, await signUp(site.t, 'browser-awards-organizer'));
    for (const lang of ['kk', 'ru'] as const) {
      stories[lang] = await competitionStory(site.t, organizer, {
        templateCode: 'short-term-projects',
        title: { kk: `Сәтті қадам: браузер ${lang}`, ru: `Сәтті қадам: браузер ${lang}` },
        projects: ['Ауыл кітапханасы', 'Жастар алаңы', 'Таза өзен', 'Қарттарға көмек'],
        stage: 'results_published',
      });
      await giveOrganizer(
        site.t,
        stories[lang].competition.id,
        organizer.userId,
        '«Атасу жастары» қоғамдық бірлестігі',
      );
    }
    dir = mkdtempSync(join(tmpdir(), 'awards-scan-'));
    scanPath = join(dir, 'акт.pdf');
    writeFileSync(scanPath, MINIMAL_PDF);
  });
  afterAll(async () => {
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const lang of ['kk', 'ru'] as const) {
    const w = WORDS[lang];

    it(`${lang}: the organizer records a prize (a wrong place first), hands it over with the scan, and anyone reads the list`, async () => {
      const story = stories[lang];
      const path = `/organizer/competitions/${story.competition.id}/awards`;
      const { context, page } = await site.newPage();
      try {
        await signIn(page, organizer.email, lang, path);
        expect(await page.textContent('h1')).toBe(w.title);
        await looksRight(page, `awards-${lang}`, [1280, 768, 360]);

        const card = page.locator('#winner-1');
        await card.getByLabel(w.place, { exact: true }).fill('7');
        await card.getByLabel(w.prizeKk, { exact: true }).fill('Ноутбук');
        await card.getByLabel(w.prizeRu, { exact: true }).fill('Ноутбук');
        await card.getByLabel(w.amount, { exact: true }).fill('300 000');
        await card.getByRole('button', { name: w.save }).click();
        await page.waitForSelector('.error-summary');
        expect(await page.locator('#f-w1-place-error').textContent()).toBe(w.placeError);
        expect(await page.locator('#f-w1-amount').inputValue()).toBe('300 000');
        await looksRight(page, `awards-error-${lang}`);

        await page.locator('#f-w1-place').fill('1');
        await page.locator('#winner-1').getByRole('button', { name: w.save }).click();
        await page.waitForURL((url) => url.search.includes('notice=saved'));
        expect(await page.locator('.notice').textContent()).toBe(w.saved);

        const saved = page.locator('#winner-1');
        await saved.getByLabel(w.date, { exact: true }).fill(new Date().toISOString().slice(0, 10));
        await saved.getByLabel(w.scan, { exact: true }).setInputFiles(scanPath);
        await saved.getByRole('button', { name: w.handover }).click();
        await page.waitForURL((url) => url.search.includes('notice=handed_over'));
        expect(await page.locator('.notice').textContent()).toBe(w.handedOver);
        await looksRight(page, `awards-handed-over-${lang}`);

        const visitor = await site.newPage();
        try {
          await visitor.page.goto(
            `/language/${lang}?next=${encodeURIComponent(`/competitions/${story.competition.id}/winners`)}`,
          );
          expect(await visitor.page.textContent('h1')).toBe(w.publicTitle);
          const text = await visitor.page.textContent('main');
          expect(text).toContain('Ноутбук');
          expect(text).not.toContain('+7');
          await looksRight(visitor.page, `winners-public-${lang}`, [1280, 768, 360]);
        } finally {
          await visitor.context.close();
        }
      } finally {
        await context.close();
      }
    });
  }
});
