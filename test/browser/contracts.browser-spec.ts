import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kkTexts from '../../src/i18n/pages/contracts.kk.json';
import ruTexts from '../../src/i18n/pages/contracts.ru.json';
import { grantCompetition, GrantCompetition } from '../support/contracts';
import { minimalPng, realDocx } from '../support/files';
import { looksRight, signIn, Site, startSite } from './support/site';

jest.setTimeout(400_000);

const TEXTS = { kk: kkTexts, ru: ruTexts } as const;
const word = (lang: 'kk' | 'ru', key: string) => (TEXTS[lang] as Record<string, string>)[`pages.contracts.${key}`];

const REFUSED = {
  kk: 'Шарттың қол қойылған көшірмесі PDF, JPG немесе PNG файлы болуы керек. Ештеңе сақталған жоқ.',
  ru: 'Подписанная копия договора должна быть файлом PDF, JPG или PNG. Ничего не сохранено.',
} as const;

/**
 * The contract journey in a real browser, in Kazakh (a mini-grant of an initiative group) and
 * in Russian (a youth micro-project through a host organization, with its 15% overhead):
 * the organizer generates and sends, the winner refuses a wrong file then uploads the signed
 * copy, the organizer countersigns and tries to terminate without a reason. Axe, no sideways
 * scroll, no raw key on every page, at 1280, 768 and 360 px.
 */
describe('browser: grant contracts', () => {
  let site: Site;
  let dir: string;
  let files: { png: string; docx: string };
  const competitions: Record<'kk' | 'ru', GrantCompetition> = {} as never;

  beforeAll(async () => {
    site = await startSite();
    const tag = `b${Date.now() % 100000}`;
    competitions.kk = await grantCompetition(site.t, {
      templateCode: 'mini-grants-district',
      tag: `${tag}kk`,
      winners: 1,
    });
    competitions.ru = await grantCompetition(site.t, {
      templateCode: 'youth-micro-projects',
      tag: `${tag}ru`,
      winners: 1,
      hostOrganization: true,
      locales: ['ru'],
    });
    dir = mkdtempSync(join(tmpdir(), 'contract-scan-'));
    files = { png: join(dir, 'қол қойылған шарт.png'), docx: join(dir, 'шарт.pdf') };
    writeFileSync(files.png, minimalPng());
    writeFileSync(files.docx, await realDocx());
  });
  afterAll(async () => {
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const lang of ['kk', 'ru'] as const) {
    const w = (key: string) => word(lang, key);

    it(`${lang}: generate and send, the winner uploads the signed copy, countersign, terminate needs a reason`, async () => {
      const competition = competitions[lang];
      const list = `/organizer/competitions/${competition.id}/contracts`;
      const organizer = await site.newPage();
      const winner = await site.newPage();
      try {
        await signIn(organizer.page, competition.organizer.email, lang, list);
        expect(await organizer.page.textContent('h1')).toBe(w('list_title'));
        await looksRight(organizer.page, `contracts-empty-${lang}`, [1280, 768, 360]);
        await organizer.page.getByRole('button', { name: w('generate') }).click();
        await organizer.page.waitForURL((url) => url.search.includes('notice=generated'));
        await organizer.page.getByRole('button', { name: new RegExp(`^${w('send')}`) }).click();
        await organizer.page.waitForURL((url) => url.search.includes('notice=sent'));
        expect(await organizer.page.locator('.notice').textContent()).toBe(w('notice_sent'));
        await looksRight(organizer.page, `contracts-sent-${lang}`, [1280, 768, 360]);
        const contractUrl = await organizer.page.locator('table a.mono').first().getAttribute('href');

        await signIn(winner.page, competition.winners[0].applicant.email, lang, contractUrl!);
        await looksRight(winner.page, `contract-winner-${lang}`, [1280, 768, 360]);
        const main = (await winner.page.textContent('main')) ?? '';
        if (lang === 'ru') expect(main).toContain('Накладные расходы принимающей организации (15%)');
        await winner.page.getByLabel(w('upload_label'), { exact: true }).setInputFiles(files.docx);
        await winner.page.getByRole('button', { name: w('upload'), exact: true }).click();
        await winner.page.waitForSelector('.error-summary');
        expect(await winner.page.locator('#f-file-error').textContent()).toBe(REFUSED[lang]);
        await looksRight(winner.page, `contract-winner-refused-${lang}`, [1280, 360]);
        await winner.page.getByLabel(w('upload_label'), { exact: true }).setInputFiles(files.png);
        await winner.page.getByRole('button', { name: w('upload'), exact: true }).click();
        await winner.page.waitForURL((url) => url.search.includes('notice=signed'));
        expect(await winner.page.locator('.notice').textContent()).toBe(w('notice_signed'));

        await organizer.page.goto(list);
        await organizer.page.getByRole('button', { name: new RegExp(`^${w('countersign')}`) }).click();
        await organizer.page.waitForURL((url) => url.search.includes('notice=countersigned'));
        await organizer.page.getByText(w('terminate'), { exact: true }).click();
        await organizer.page.getByRole('button', { name: w('terminate_confirm'), exact: true }).click();
        await organizer.page.waitForSelector('.error-summary');
        expect(await organizer.page.locator('.field-error').count()).toBe(1);
        await looksRight(organizer.page, `contracts-terminate-refused-${lang}`, [1280, 768, 360]);

        await winner.page.goto(contractUrl!);
        expect(await winner.page.textContent('main')).toContain(w('status.active'));
        await looksRight(winner.page, `contract-winner-active-${lang}`, [1280, 360]);
      } finally {
        await organizer.context.close();
        await winner.context.close();
      }
    });
  }
});
