import kkTexts from '../../src/i18n/pages/payments.kk.json';
import ruTexts from '../../src/i18n/pages/payments.ru.json';
import kkSetup from '../../src/i18n/pages/organizer-setup.kk.json';
import ruSetup from '../../src/i18n/pages/organizer-setup.ru.json';
import type { GrantCompetition } from '../support/contracts';
import { ContractInForce, contractsInForce } from '../support/payments';
import { looksRight, signIn, Site, startSite } from './support/site';

jest.setTimeout(400_000);

const TEXTS = { kk: kkTexts, ru: ruTexts } as const;
const word = (lang: 'kk' | 'ru', key: string, values: Record<string, string | number> = {}) =>
  (TEXTS[lang] as Record<string, string>)[`pages.payments.${key}`].replace(/\{(\w+)\}/g, (_m, k: string) =>
    String(values[k]),
  );
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const ABOVE = {
  kk: /^Сома 1-транштың қалған сомасынан \(.+\) көп\. Ештеңе сақталған жоқ\.$/,
  ru: /^Сумма больше остатка транша 1 \(.+\)\. Ничего не сохранено\.$/,
} as const;

/**
 * Payments in a real browser, in Kazakh and in Russian: the organizer opens the payments from
 * the contract page, types too much (refused beside the amount, what was typed kept), then
 * records a payment with ₸ in it; the winner, on a phone, reads the schedule with the payment
 * and the tranche that waits for the final reports. Axe, no sideways scroll, no raw key.
 */
describe('browser: payments of grant contracts', () => {
  let site: Site;
  const data: Record<'kk' | 'ru', { competition: GrantCompetition; contracts: ContractInForce[] }> = {} as never;

  beforeAll(async () => {
    site = await startSite();
    const tag = `bp${Date.now() % 100000}`;
    data.kk = await contractsInForce(site.t, { tag: `${tag}kk`, winners: 1 });
    data.ru = await contractsInForce(site.t, { tag: `${tag}ru`, winners: 1, locales: ['ru'] });
  });
  afterAll(async () => {
    await site?.close();
  });

  for (const lang of ['kk', 'ru'] as const) {
    const w = (key: string, values?: Record<string, string | number>) => word(lang, key, values);

    it(`${lang}: the organizer records a payment (too much refused first), the winner sees it`, async () => {
      const { competition, contracts } = data[lang];
      const [contract] = contracts;
      const organizer = await site.newPage();
      const winner = await site.newPage();
      try {
        await signIn(organizer.page, competition.organizer.email, lang, `/contracts/${contract.id}`);
        await organizer.page.getByRole('link', { name: w('open_link') }).click();
        await organizer.page.waitForURL((url) => url.pathname === `/contracts/${contract.id}/payments`);
        expect(await organizer.page.textContent('h1')).toBe(w('title', { number: contract.number }));
        await looksRight(organizer.page, `payments-organizer-${lang}`, [1280, 360]);

        const first = Math.round(contract.amount * 0.7);
        await organizer.page.getByLabel(w('field_tranche'), { exact: true }).selectOption('1');
        await organizer.page.getByLabel(w('field_amount'), { exact: true }).fill(String(first + 1));
        await organizer.page
          .getByLabel(w('field_paid_on'), { exact: true })
          .fill(new Date(Date.now() + 5 * 3600 * 1000).toISOString().slice(0, 10));
        await organizer.page.getByLabel(w('field_reference'), { exact: true }).fill('ПП-0042');
        await organizer.page.getByRole('button', { name: w('record'), exact: true }).click();
        await organizer.page.waitForSelector('.error-summary');
        expect(plain((await organizer.page.locator('#f-amount-error').textContent()) ?? '')).toMatch(ABOVE[lang]);
        expect(await organizer.page.getByLabel(w('field_reference'), { exact: true }).inputValue()).toBe('ПП-0042');
        await looksRight(organizer.page, `payments-refused-${lang}`, [1280, 360]);

        await organizer.page.getByLabel(w('field_amount'), { exact: true }).fill(`${first.toLocaleString('ru-RU')} ₸`);
        await organizer.page.getByRole('button', { name: w('record'), exact: true }).click();
        await organizer.page.waitForURL((url) => url.search.includes('notice=recorded'));
        expect(await organizer.page.locator('.notice').textContent()).toBe(w('notice_recorded'));
        const main = plain((await organizer.page.textContent('main')) ?? '');
        expect(main).toContain(w('status.paid'));
        await looksRight(organizer.page, `payments-recorded-${lang}`, [1280, 768, 360]);

        await winner.page.setViewportSize({ width: 360, height: 800 });
        await signIn(winner.page, contract.grantee.email, lang, `/me`);
        // From the application's contract link, as the winner's pages lead.
        await winner.page.goto(`/applications/${contract.applicationId}/contract`);
        await winner.page.waitForURL((url) => url.pathname === `/contracts/${contract.id}`);
        await winner.page.getByRole('link', { name: w('open_link') }).click();
        await winner.page.waitForURL((url) => url.pathname === `/contracts/${contract.id}/payments`);
        const seen = plain((await winner.page.textContent('main')) ?? '');
        expect(seen).toContain('ПП-0042');
        expect(seen).toContain(w('why.waiting_final'));
        expect(await winner.page.getByRole('button', { name: w('record'), exact: true }).count()).toBe(0);
        await looksRight(winner.page, `payments-winner-${lang}`, [360, 1280]);
      } finally {
        await organizer.context.close();
        await winner.context.close();
      }
    });
  }
  for (const lang of ['kk', 'ru'] as const) {
    it(`${lang}: the rules' money section adds a tranche row without script and saves the schedule`, async () => {
      const { competition } = data[lang];
      const created = await site.t.call('POST', '/competitions', {
        token: competition.admin.accessToken,
        body: { templateCode: 'mini-grants-district', title: { kk: `Кесте ${lang}`, ru: `График ${lang}` } },
      });
      const setup = (TEXTS[lang] === kkTexts ? kkSetup : ruSetup) as Record<string, string>;
      const s = (key: string, index?: number) =>
        setup[`pages.setup.tranches.${key}`].replace('{index}', String(index ?? ''));
      const { context, page } = await site.newPage();
      try {
        await signIn(page, competition.admin.email, lang, `/organizer/competitions/${created.body.id}/rules/money`);
        await page.getByRole('button', { name: s('add'), exact: true }).click();
        await page.waitForSelector('#f-payments-tranches-2-value');
        await page.locator('#f-payments-tranches-0-value').fill('50');
        await page.locator('#f-payments-tranches-2-value').fill('20');
        await page.locator('#f-payments-tranches-2-when').selectOption('after_reports_interim');
        await looksRight(page, `payments-rules-${lang}`, [1280, 360]);
        await page.getByRole('button', { name: setup['pages.setup.save'], exact: true }).last().click();
        await page.waitForURL((url) => url.search.includes('saved=money'));
        const [row] = await site.t.db.query(`SELECT rulebook->'payments' AS p FROM competitions WHERE id = $1`, [
          created.body.id,
        ]);
        expect(row.p.tranches.map((t: { percent: number }) => t.percent)).toEqual([50, 30, 20]);
      } finally {
        await context.close();
      }
    });
  }
});
