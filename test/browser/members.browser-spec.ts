import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { parseIin } from '../../libs/kz';
import kkAccount from '../../src/i18n/pages/account.kk.json';
import ruAccount from '../../src/i18n/pages/account.ru.json';
import kkMembers from '../../src/i18n/pages/members.kk.json';
import ruMembers from '../../src/i18n/pages/members.ru.json';
import { makeAdmin, signUp, TEST_PASSWORD, TestAccount, uniqueEmail } from '../support/accounts';
import { memberOfAge, readyDraft } from '../support/competitions';
import { openTitled } from '../support/published-results';
import { looksRight, signIn, Site, startSite } from './support/site';

/**
 * Issue 15 in a real browser: an organizer invites a commission member from the team page;
 * the invitee opens the link from the e-mail the test's SMTP server received, sets a password,
 * lands signed in on the commission page, then dismisses the conflict the system suggests and
 * declares one on an application of the queue, which leaves the queue. Kazakh and Russian;
 * every page axe-clean and without sideways scroll at 1280 and 768 px, the invitation's page
 * (a newcomer's first page, often on a phone) at 360 px too.
 */
const DAY = 24 * 3600 * 1000;
const JOURNEY_MS = 180_000;
const LOCALES = ['kk', 'ru'] as const;
type Lang = (typeof LOCALES)[number];

const CATALOGUE: Record<Lang, Record<string, string>> = {
  kk: { ...kkAccount, ...kkMembers },
  ru: { ...ruAccount, ...ruMembers },
};

function text(lang: Lang, key: string, values: Record<string, string> = {}): string {
  const message = CATALOGUE[lang][key];
  if (message === undefined) throw new Error(`no ${key} in the ${lang} catalogue`);
  return message.replace(/\{(\w+)\}/g, (_, name: string) => values[name]);
}

function pathOf(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

describe('browser: the team page, an invitation and a commission member’s conflicts', () => {
  let site: Site;
  let admin: TestAccount;
  let organizer: TestAccount;
  let competition: { id: string; rulebook: any };
  const title = { kk: '', ru: '' };
  /** Per language: the IIN in one application's team that the new member will have. */
  const suggestedIin: Record<Lang, string> = { kk: '', ru: '' };
  const apps: { id: string; number: string }[] = [];

  beforeAll(async () => {
    site = await startSite();
    const t = site.t;
    admin = await makeAdmin(t, await signUp(t, 'members-browser-admin'));
    organizer = await signUp(t, 'members-browser-organizer');
    const tag = randomBytes(3).toString('hex');
    title.kk = `Шақыру ${tag} конкурсы`;
    title.ru = `Конкурс приглашений ${tag}`;
    competition = await openTitled(t, admin, 'mini-grants-district', title, new Date(Date.now() + DAY));
    await t.db.query(
      `INSERT INTO competition_memberships (competition_id, user_id, role, status) VALUES ($1, $2, 'organizer', 'active')`,
      [competition.id, organizer.userId],
    );
    const districts = (await t.call('GET', '/territories?parent=ZHT')).body.filter(
      (x: { kind: string }) => x.kind === 'district',
    );
    for (let i = 0; i < 3; i += 1) {
      const applicant = await signUp(t, `members-browser-applicant${i}`);
      const team = [memberOfAge(24), memberOfAge(31, 'male'), memberOfAge(45)];
      if (i < 2) suggestedIin[LOCALES[i]] = team[2].iin;
      const id = await readyDraft(t, applicant.accessToken, competition, {
        members: team,
        territoryCode: districts[i].code,
        applicantKind: 'initiative_group',
      });
      const submitted = await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken });
      if (submitted.status !== 200) throw new Error(`submit: ${submitted.status}`);
      apps.push({ id, number: submitted.body.number });
    }
    t.clock.advance(DAY + 60_000);
    const token = admin.accessToken;
    await t.call('POST', `/competitions/${competition.id}/close`, { token });
    t.clock.reset();
    await t.call('POST', `/competitions/${competition.id}/screening/run`, { token });
    for (const a of apps) {
      await t.call('PUT', `/applications/${a.id}/screening`, { token, body: { decision: 'screened_in' } });
    }
    const published = await t.call('POST', `/competitions/${competition.id}/screening/publish`, { token });
    if (published.status !== 200) throw new Error(`publish screening: ${published.status}`);
  }, JOURNEY_MS);
  afterAll(async () => {
    await site?.close();
  });

  /** The invited member's profile holds the IIN of a team; the organizer assigns: the system suggests that conflict. */
  async function profileAndAssign(email: string, iin: string): Promise<void> {
    const t = site.t;
    const login = await t.call('POST', '/auth/login', { body: { email, password: TEST_PASSWORD } });
    const parsed = parseIin(iin);
    if (!parsed.ok) throw new Error('team IIN');
    const profile = await t.call('PUT', '/me/person', {
      token: login.body.accessToken,
      body: {
        iin,
        lastName: 'Комиссиялық',
        firstName: 'Мүше',
        birthDate: parsed.birthDate,
        gender: parsed.sex,
        phone: '8 (701) 555-12-34',
        socialCategories: ['unemployed'],
        educationStatus: 'college_graduate',
        hasDisability: false,
      },
    });
    expect(profile.status).toBe(200);
    const assigned = await t.call('POST', `/competitions/${competition.id}/assignments`, {
      token: admin.accessToken,
      body: {},
    });
    expect(assigned.status).toBe(200);
  }

  for (const lang of LOCALES) {
    it(
      `invites, accepts from the e-mail, dismisses a suggested conflict and declares one (${lang})`,
      async () => {
        const t = (key: string, values: Record<string, string> = {}) => text(lang, key, values);
        const email = uniqueEmail(`members-browser-${lang}`);
        const teamPath = `/organizer/competitions/${competition.id}/members`;

        // The organizer invites from the team page.
        const organizerSide = await site.newPage({ viewport: 'desktop' });
        const page = organizerSide.page;
        await signIn(page, organizer.email, lang, teamPath);
        expect(pathOf(page)).toBe(teamPath);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        await looksRight(page, `members-team-${lang}`);
        await page.getByLabel(t('pages.members.invite_email'), { exact: true }).fill(email);
        await page.getByLabel(t('pages.members.roles.commission'), { exact: true }).check();
        await page.getByRole('button', { name: t('pages.members.invite_button') }).click();
        expect(pathOf(page)).toBe(`${teamPath}?notice=invited`);
        expect(await page.locator('.notice').innerText()).toContain(t('pages.members.notice_invited'));
        expect(await page.locator('main').innerText()).toContain(email);
        await looksRight(page, `members-team-invited-${lang}`);

        // The invitee opens the link from the e-mail, on a phone first.
        const link = await site.linkFromMail(email, '/invitations/accept');
        const invitee = await site.newPage({ viewport: 'phone' });
        const phone = invitee.page;
        const linkPath = new URL(link).pathname + new URL(link).search;
        await phone.goto(`/language/${lang}?next=${encodeURIComponent(linkPath)}`);
        expect(pathOf(phone)).toBe(linkPath);
        const intro = await phone.locator('main').innerText();
        expect(intro).toContain(title[lang]);
        expect(intro).toContain(email);
        await looksRight(phone, `members-accept-${lang}`, [360, 768, 1280]);
        await phone.setViewportSize({ width: 360, height: 740 });
        // A refused password is said at its field, and the page still fits the phone.
        await phone.getByLabel(t('pages.members.accept_password'), { exact: true }).fill('abc');
        await phone.getByRole('button', { name: t('pages.members.accept_create_button') }).click();
        expect(await phone.locator('#f-password-error').innerText()).not.toBe('');
        await looksRight(phone, `members-accept-refused-${lang}`, [360]);
        await phone.setViewportSize({ width: 360, height: 740 });
        await phone.getByLabel(t('pages.members.accept_password'), { exact: true }).fill(TEST_PASSWORD);
        await phone.locator(`#f-locale-${lang === 'kk' ? 0 : 1}`).check();
        await phone.getByRole('button', { name: t('pages.members.accept_create_button') }).click();
        expect(pathOf(phone)).toBe('/commission');
        expect(await phone.locator('main').innerText()).toContain(title[lang]);

        await profileAndAssign(email, suggestedIin[lang]);
        const suggested = apps[LOCALES.indexOf(lang)];
        const declared = apps[2];

        // The conflicts page: the suggestion with why; dismissed with a reason.
        await phone.setViewportSize({ width: 1280, height: 900 });
        const conflictsPath = `/commission/${competition.id}/conflicts`;
        await phone.goto(conflictsPath);
        expect(await phone.locator('main').innerText()).toContain(suggested.number);
        await looksRight(phone, `members-conflicts-${lang}`);
        const card = phone.locator('li.card', {
          has: phone.locator(`input[name="applicationId"][value="${suggested.id}"]`),
        });
        await card.locator('textarea').fill(lang === 'kk' ? 'Аттас адам, мен емеспін' : 'Однофамилец, это не я');
        await card.getByRole('button', { name: t('pages.members.conflicts_dismiss_button') }).click();
        expect(pathOf(phone)).toBe(`${conflictsPath}?notice=dismissed`);
        expect(await phone.locator('.notice').innerText()).toContain(t('pages.members.conflicts_notice_dismissed'));

        // A conflict declared on an application of my queue: it leaves the queue.
        await phone.goto(`/commission/${competition.id}`);
        expect(await phone.locator('main').innerText()).toContain(declared.number);
        await phone.goto(conflictsPath);
        await phone
          .getByLabel(t('pages.members.conflicts_declare_application'), { exact: true })
          .selectOption(declared.id);
        await phone
          .getByLabel(t('pages.members.conflicts_declare_reason'), { exact: true })
          .fill(lang === 'kk' ? 'Өтінім беруші — менің туысым' : 'Заявитель — мой родственник');
        await phone.getByRole('button', { name: t('pages.members.conflicts_declare_button') }).click();
        expect(pathOf(phone)).toBe(`${conflictsPath}?notice=declared`);
        const after = await phone.locator('main').innerText();
        expect(after).toContain(t('pages.members.conflicts_notice_declared'));
        expect(after).toContain(t('pages.members.conflicts_state_declared'));
        expect(after).toContain(t('pages.members.conflicts_state_dismissed'));
        await looksRight(phone, `members-conflicts-done-${lang}`);
        await phone.goto(`/commission/${competition.id}`);
        expect(await phone.locator('main').innerText()).not.toContain(declared.number);

        // The organizer sees the new member on the team page.
        await page.goto(teamPath);
        expect(await page.locator('main').innerText()).toContain(email);
        await organizerSide.context.close();
        await invitee.context.close();
      },
      JOURNEY_MS,
    );
  }
});
