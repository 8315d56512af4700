import { randomBytes } from 'node:crypto';
import { toZonedIso } from '../../libs/kz';
import kkCommon from '../../src/i18n/pages/common.kk.json';
import ruCommon from '../../src/i18n/pages/common.ru.json';
import kkSetup from '../../src/i18n/pages/organizer-setup.kk.json';
import ruSetup from '../../src/i18n/pages/organizer-setup.ru.json';
import { MINI_GRANTS_DISTRICT_TEMPLATE } from '../../src/modules/competitions/domain/templates/mini-grants.template';
import { makeAdmin, signUp, tokenFromOutbox } from '../support/accounts';
import { looksRight, signIn, Site, startSite } from './support/site';

const CATALOGUE = {
  kk: { ...kkCommon, ...kkSetup } as Record<string, string>,
  ru: { ...ruCommon, ...ruSetup } as Record<string, string>,
};
const DAY = 24 * 3600 * 1000;
/** Some ten pages per language, each checked by axe at two widths. */
const JOURNEY_MS = 180_000;

function text(lang: 'kk' | 'ru', key: string, values: Record<string, string | number> = {}): string {
  const message = CATALOGUE[lang][key];
  if (message === undefined) throw new Error(`no ${key} in the ${lang} catalogue`);
  return message.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
}

/**
 * The organizer's set-up in a real browser (issue 15): create a competition from the
 * mini-grants template, edit who may apply, the money and the territory in the form, set the
 * deadline, open it after confirming the territory's warnings, and see the deadline page —
 * in Kazakh and in Russian. Every page: no axe violation, no sideways scroll at 1280 and
 * 768 px, no catalogue key left raw.
 */
describe('browser: an organizer sets up and opens a competition', () => {
  let site: Site;
  let email: string;
  let districts: { code: string }[];
  const tag = randomBytes(3).toString('hex');

  beforeAll(async () => {
    site = await startSite();
    const admin = await makeAdmin(site.t, await signUp(site.t, 'setup-browser-admin'));
    const organizer = await signUp(site.t, 'setup-browser-organizer');
    email = organizer.email;
    const first = await site.t.call('POST', '/competitions', {
      token: admin.accessToken,
      body: { templateCode: 'mini-grants-district', title: { kk: `Алғашқы ${tag}`, ru: `Первый ${tag}` } },
    });
    await site.t.call('POST', `/competitions/${first.body.id}/members`, {
      token: admin.accessToken,
      body: { email, role: 'organizer' },
    });
    const accepted = await site.t.call('POST', '/invitations/accept', {
      body: { token: await tokenFromOutbox(site.t, email, 'competition-invitation') },
    });
    expect(accepted.status).toBe(200);
    districts = (await site.t.call('GET', '/territories?parent=ZHT')).body;
  }, 60_000);
  afterAll(async () => {
    await site?.close();
  });

  it.each(['kk', 'ru'] as const)(
    'creates from the mini-grants template, edits the rules in the form and opens it (%s)',
    async (lang) => {
      const t = (key: string, values?: Record<string, string | number>) => text(lang, key, values);
      const { context, page } = await site.newPage();
      try {
        await signIn(page, email, lang);

        // Create from the template.
        await page.goto('/organizer/competitions/new');
        await looksRight(page, `${lang}-01-new`);
        await page.getByLabel(MINI_GRANTS_DISTRICT_TEMPLATE.name[lang]).check();
        await page.getByLabel(t('pages.setup.label.title_kk'), { exact: true }).fill(`Жетісу шағын гранттары ${tag}`);
        await page.getByLabel(t('pages.setup.label.title_ru'), { exact: true }).fill(`Мини-гранты Жетісу ${tag}`);
        await page.getByRole('button', { name: t('pages.setup.create_button') }).click();
        await page.waitForURL(/\/rules\?notice=created$/);
        const id = /competitions\/([0-9a-f-]{36})\//.exec(page.url())![1];
        await expect(page.textContent('body')).resolves.toContain(t('pages.setup.notice.created'));
        await looksRight(page, `${lang}-02-overview`);

        // Who may apply: a team of 2 to 8, aged 18 to 35.
        await page.goto(`/organizer/competitions/${id}/rules/eligibility`);
        await looksRight(page, `${lang}-03-eligibility`);
        await page.getByLabel(t('pages.setup.label.team_minSize'), { exact: true }).fill('2');
        await page.getByLabel(t('pages.setup.label.team_maxSize'), { exact: true }).fill('8');
        await page.getByLabel(t('pages.setup.label.team_minAge'), { exact: true }).fill('18');
        await page.getByLabel(t('pages.setup.label.team_maxAge'), { exact: true }).fill('35');
        await page.getByRole('button', { name: t('pages.setup.save') }).click();
        await page.waitForURL(/\/rules\?saved=eligibility$/);

        // Money: a cap above the fund is refused at its field, then fixed.
        await page.goto(`/organizer/competitions/${id}/rules/money`);
        await page.getByLabel(t('pages.setup.label.funding_amountCap'), { exact: true }).fill('5 000 000');
        await page.getByRole('button', { name: t('pages.setup.save') }).click();
        await expect(page.locator('#f-funding-amountCap-error').textContent()).resolves.toBeTruthy();
        await looksRight(page, `${lang}-04-money-refused`);
        await page.getByLabel(t('pages.setup.label.funding_amountCap'), { exact: true }).fill('250 000');
        await page.getByLabel(t('pages.setup.label.funding_totalFund'), { exact: true }).fill('2 500 000');
        await page.getByRole('button', { name: t('pages.setup.save') }).click();
        await page.waitForURL(/\/rules\?saved=money$/);
        await expect(page.textContent('body')).resolves.toContain('250\u00a0000\u00a0₸');

        // Territory: two districts of the region instead of the whole region.
        await page.goto(`/organizer/competitions/${id}/rules/territories`);
        await looksRight(page, `${lang}-05-territories`);
        await page.locator('input[name="territory.scope"][value="ZHT"]').uncheck();
        await page.locator(`input[name="territory.scope"][value="${districts[0].code}"]`).check();
        await page.locator(`input[name="territory.scope"][value="${districts[1].code}"]`).check();
        await page.getByRole('button', { name: t('pages.setup.save') }).click();
        await page.waitForURL(/\/rules\?saved=territories$/);

        // The deadline as a local date and time.
        const date = toZonedIso(new Date(Date.now() + 30 * DAY), 'Asia/Almaty').slice(0, 10);
        await page.goto(`/organizer/competitions/${id}/rules/basics`);
        await looksRight(page, `${lang}-06-basics`);
        await page.locator('#f-submissionDeadline').fill(date);
        await page.locator('#f-submissionDeadline-time').fill('18:00');
        await page.getByRole('button', { name: t('pages.setup.save') }).click();
        await page.waitForURL(/\/rules\?saved=basics$/);
        await looksRight(page, `${lang}-07-overview-ready`);

        // Open: ten winners for two districts needs a confirmation.
        await page.getByRole('button', { name: t('pages.setup.open_button') }).click();
        await expect(page.textContent('h1')).resolves.toBe(t('pages.setup.confirm_title'));
        await looksRight(page, `${lang}-08-confirm`);
        await page.getByRole('button', { name: t('pages.setup.confirm_button') }).click();
        await page.waitForURL(/\/rules\?notice=opened$/);
        await looksRight(page, `${lang}-09-opened`);

        const [saved] = await site.t.db.query('SELECT status, rulebook FROM competitions WHERE id = $1', [id]);
        expect(saved.status).toBe('open');
        expect(saved.rulebook.team).toEqual({ minSize: 2, maxSize: 8, minAge: 18, maxAge: 35 });
        expect(saved.rulebook.funding).toEqual({ amountCap: 250000, totalFund: 2500000 });
        expect(saved.rulebook.territory.scope).toEqual([districts[0].code, districts[1].code]);

        await page.getByRole('link', { name: t('pages.setup.deadline_link') }).click();
        await expect(page.textContent('h1')).resolves.toBe(t('pages.setup.deadline_title'));
        await looksRight(page, `${lang}-10-deadline`);
      } finally {
        await context.close();
      }
    },
    JOURNEY_MS,
  );
});
