import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import commonKk from '../../src/i18n/pages/common.kk.json';
import commonRu from '../../src/i18n/pages/common.ru.json';
import kkTexts from '../../src/i18n/pages/reports.kk.json';
import ruTexts from '../../src/i18n/pages/reports.ru.json';
import { minimalPng } from '../support/files';
import { ContractInForce, contractsInForce } from '../support/payments';
import type { GrantCompetition } from '../support/contracts';
import { looksRight, signIn, Site, startSite } from './support/site';

jest.setTimeout(600_000);

const TEXTS = { kk: { ...kkTexts, ...commonKk }, ru: { ...ruTexts, ...commonRu } } as const;
const fill = (text: string, params: Record<string, string | number>) =>
  Object.entries(params).reduce((s, [k, v]) => s.split(`{${k}}`).join(String(v)), text);

/**
 * The reports journey in a real browser, in Kazakh and in Russian: a winner on a 360 px phone
 * fills the programmatic and the financial interim reports, uploads a receipt for the budget
 * line, checks and submits both; the organizer (on a laptop) returns the programmatic one with
 * a comment on a section; the winner reads it beside the section, answers and resubmits; the
 * organizer accepts both. Axe, no sideways scroll, no raw key at every step.
 */
describe('browser: winners’ reports', () => {
  let site: Site;
  let dir: string;
  let receipt: string;
  const setups: Record<'kk' | 'ru', { competition: GrantCompetition; contract: ContractInForce }> = {} as never;

  beforeAll(async () => {
    site = await startSite();
    const tag = `rb${Date.now() % 100000}`;
    for (const lang of ['kk', 'ru'] as const) {
      const { competition, contracts } = await contractsInForce(site.t, {
        tag: `${tag}${lang}`,
        winners: 1,
        locales: [lang],
      });
      setups[lang] = { competition, contract: contracts[0] };
    }
    dir = mkdtempSync(join(tmpdir(), 'report-receipt-'));
    receipt = join(dir, 'чек.png');
    writeFileSync(receipt, minimalPng());
  });
  afterAll(async () => {
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const lang of ['kk', 'ru'] as const) {
    const w = (key: string, params: Record<string, string | number> = {}) =>
      fill((TEXTS[lang] as Record<string, string>)[key.startsWith('pages.') ? key : `pages.reports.${key}`], params);

    it(`${lang}: fill both reports on a phone, a receipt, submit; returned with a comment, answered, accepted`, async () => {
      const { competition, contract } = setups[lang];
      const ids: { id: string; kind: string }[] = await site.t.db.query(
        `SELECT id, kind FROM reports WHERE contract_id = $1 AND stage = 'interim'`,
        [contract.id],
      );
      const programmatic = ids.find((r) => r.kind === 'programmatic')!.id;
      const financial = ids.find((r) => r.kind === 'financial')!.id;
      const winner = await site.newPage({ viewport: 'phone' });
      const organizer = await site.newPage();
      try {
        // The winner's list of reports, on a phone.
        await signIn(winner.page, contract.grantee.email, lang, `/contracts/${contract.id}/reports`);
        expect(await winner.page.textContent('h1')).toBe(w('contract_reports_title'));
        await looksRight(winner.page, `reports-list-${lang}`, [360, 1280]);

        // The programmatic report: typed, saved and checked, submitted.
        await winner.page.goto(`/reports/${programmatic}`);
        await winner.page.getByLabel(w('summary'), { exact: true }).fill('Ауылда үш кездесу өтті / Три встречи в селе');
        await winner.page.getByLabel(w('activity_title'), { exact: true }).fill('Кездесу / Встреча');
        await winner.page.locator('#f-indicators-0-plan').fill('3');
        await winner.page.locator('#f-indicators-0-fact').fill('3');
        await winner.page.getByLabel(w('direct'), { exact: true }).fill('40');
        await winner.page.getByLabel(w('indirect'), { exact: true }).fill('300');
        await looksRight(winner.page, `report-programmatic-form-${lang}`, [360, 1280]);
        await winner.page.getByRole('button', { name: w('save_check'), exact: true }).click();
        await winner.page.waitForURL((url) => url.pathname.endsWith('/check'));
        await looksRight(winner.page, `report-programmatic-check-${lang}`, [360, 1280]);
        await winner.page.getByRole('button', { name: w('submit'), exact: true }).click();
        await winner.page.waitForURL((url) => url.search.includes('notice=submitted'));
        expect(await winner.page.locator('.notice').first().textContent()).toBe(w('notice.submitted'));

        // The financial report: spent on the line, a receipt for it, submitted.
        await winner.page.goto(`/reports/${financial}`);
        await winner.page.locator('#f-lines-0-spent').fill('150 000');
        await winner.page
          .locator('.step-buttons')
          .getByRole('button', { name: w('pages.common.save'), exact: true })
          .click();
        await winner.page.waitForURL((url) => url.search.includes('notice=saved'));
        expect(await winner.page.textContent('main')).toContain('150\u00a0000\u00a0₸');
        await winner.page.locator('#f-file-receipt-0').setInputFiles(receipt);
        await winner.page
          .locator('form.upload-form', { has: winner.page.locator('#f-file-receipt-0') })
          .locator('button[type=submit]')
          .click();
        await winner.page.waitForURL((url) => url.search.includes('notice=uploaded'));
        expect(await winner.page.textContent('main')).toContain('чек.png');
        await looksRight(winner.page, `report-financial-form-${lang}`, [360, 1280]);
        await winner.page.goto(`/reports/${financial}/check`);
        await winner.page.getByRole('button', { name: w('submit'), exact: true }).click();
        await winner.page.waitForURL((url) => url.search.includes('notice=submitted'));

        // The organizer's list, then the programmatic report returned with a comment on its summary.
        await signIn(
          organizer.page,
          competition.organizer.email,
          lang,
          `/organizer/competitions/${competition.id}/reports`,
        );
        expect(await organizer.page.textContent('main')).toContain(w('group.review'));
        await looksRight(organizer.page, `reports-organizer-list-${lang}`, [1280, 360]);
        await organizer.page.goto(`/reports/${programmatic}`);
        const section = w('section.programmatic.summary');
        await organizer.page
          .getByLabel(w('comment_on', { section }), { exact: true })
          .fill('Нәтижені толығырақ жазыңыз / Опишите результаты подробнее');
        await looksRight(organizer.page, `report-review-${lang}`, [1280, 360]);
        await organizer.page.getByRole('button', { name: w('return'), exact: true }).click();
        await organizer.page.waitForURL((url) => url.search.includes('notice=returned'));

        // The winner reads the comment beside the section, answers, resubmits.
        await winner.page.goto(`/reports/${programmatic}`);
        expect(await winner.page.textContent('main')).toContain('Опишите результаты подробнее');
        await winner.page.getByLabel(w('your_answer', { section }), { exact: true }).fill('Толықтырдық / Дополнили');
        await winner.page
          .getByLabel(w('summary'), { exact: true })
          .fill('Ауылда үш кездесу өтті, 40 адам келді / Три встречи, пришли 40 человек');
        await looksRight(winner.page, `report-returned-${lang}`, [360, 1280]);
        await winner.page.getByRole('button', { name: w('save_check'), exact: true }).click();
        await winner.page.waitForURL((url) => url.pathname.endsWith('/check'));
        await winner.page.getByRole('button', { name: w('resubmit'), exact: true }).click();
        await winner.page.waitForURL((url) => url.search.includes('notice=submitted'));

        // The organizer sees the comment and the answer side by side, accepts both reports.
        await organizer.page.goto(`/reports/${programmatic}`);
        const main = (await organizer.page.textContent('main')) ?? '';
        expect(main).toContain('Опишите результаты подробнее');
        expect(main).toContain('Толықтырдық / Дополнили');
        await looksRight(organizer.page, `report-review-answered-${lang}`, [1280, 360]);
        for (const id of [programmatic, financial]) {
          await organizer.page.goto(`/reports/${id}`);
          await organizer.page.getByRole('button', { name: w('accept'), exact: true }).click();
          await organizer.page.waitForURL((url) => url.search.includes('notice=accepted'));
          expect(await organizer.page.textContent('main')).toContain(w('status.accepted'));
        }
        await looksRight(organizer.page, `report-accepted-${lang}`, [1280, 360]);
        await winner.page.goto(`/contracts/${contract.id}/reports`);
        expect(await winner.page.locator('.tag--green').count()).toBe(2);
        await looksRight(winner.page, `reports-list-accepted-${lang}`, [360, 1280]);
      } finally {
        await organizer.context.close();
        await winner.context.close();
      }
    });
  }
});
