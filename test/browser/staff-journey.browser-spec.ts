import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { parseIin, toZonedIso } from '../../libs/kz';
import type { DrawRecord } from '../../libs/lottery';
import kkBase from '../../src/i18n/kk.json';
import kkCommission from '../../src/i18n/pages/commission.kk.json';
import ruCommission from '../../src/i18n/pages/commission.ru.json';
import kkDraw from '../../src/i18n/pages/draw.kk.json';
import ruDraw from '../../src/i18n/pages/draw.ru.json';
import kkMembers from '../../src/i18n/pages/members.kk.json';
import ruMembers from '../../src/i18n/pages/members.ru.json';
import kkOrganizerDraw from '../../src/i18n/pages/organizer-draw.kk.json';
import ruOrganizerDraw from '../../src/i18n/pages/organizer-draw.ru.json';
import kkResults from '../../src/i18n/pages/organizer-results.kk.json';
import ruResults from '../../src/i18n/pages/organizer-results.ru.json';
import kkSetup from '../../src/i18n/pages/organizer-setup.kk.json';
import ruSetup from '../../src/i18n/pages/organizer-setup.ru.json';
import kkOrganizer from '../../src/i18n/pages/organizer.kk.json';
import ruOrganizer from '../../src/i18n/pages/organizer.ru.json';
import ruBase from '../../src/i18n/ru.json';
import { MINI_GRANTS_DISTRICT_TEMPLATE } from '../../src/modules/competitions/domain/templates/mini-grants.template';
import { makeAdmin, signUp, TEST_PASSWORD, TestAccount, tokenFromOutbox, uniqueEmail } from '../support/accounts';
import { memberOfAge, readyDraft } from '../support/competitions';
import { readDocx } from '../support/docx-reader';
import { shortlistedYouthCompetition } from '../support/draws';
import {
  accessibilityProblems,
  horizontalOverflow,
  rawTextProblems,
  screenshot,
  Site,
  startSite,
} from './support/site';

/**
 * Issue 15, deliverable 7: the whole staff journey in one browser session, once in Kazakh and
 * once in Russian. An organizer creates a competition from the mini-grants template, edits its
 * rules in the form, opens it and reaches its page; applicants submit (API) and intake closes
 * after the deadline; the organizer screens from the pages (an override with a comment, the
 * decisions, the publication); invites three commission members, who accept from the e-mail
 * and set a password; one dismisses a suggested conflict, one declares one; the organizer
 * assigns, the members score (one with the keyboard only, one from two tabs at once: the
 * second save is a 409 with both versions and overwrites nothing); the organizer closes
 * scoring, applies the selection, downloads both protocols and publishes the results. Last,
 * a youth micro-projects draw: prepared, run on the ceremony page, checked ✓ on the public page.
 * Every staff page: axe clean, no sideways scroll at 1280 px (the main ones at 768 px too),
 * no catalogue key left raw.
 */
const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;
const ZONE = 'Asia/Almaty';
const CASE_MS = 240_000;
const LOCALES = ['kk', 'ru'] as const;
type Lang = (typeof LOCALES)[number];

const CATALOGUE: Record<Lang, Record<string, string>> = {
  kk: {
    ...kkBase,
    ...kkOrganizer,
    ...kkSetup,
    ...kkMembers,
    ...kkCommission,
    ...kkResults,
    ...kkOrganizerDraw,
    ...kkDraw,
  } as Record<string, string>,
  ru: {
    ...ruBase,
    ...ruOrganizer,
    ...ruSetup,
    ...ruMembers,
    ...ruCommission,
    ...ruResults,
    ...ruOrganizerDraw,
    ...ruDraw,
  } as Record<string, string>,
};

function text(lang: Lang, key: string, values: Record<string, string | number> = {}): string {
  const message = CATALOGUE[lang][key];
  if (message === undefined) throw new Error(`no ${key} in the ${lang} catalogue`);
  return message.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
}

function pathOf(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

/** The five criteria of the template as one member scores one application (all at or above `commentBelow`). */
const POINTS = (value: number) => [value, value, value, value, value];

describe('browser: the staff’s whole journey, from a template to published results and a draw', () => {
  let site: Site;
  let admin: TestAccount;
  let districts: string[];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    site = await startSite();
    admin = await makeAdmin(site.t, await signUp(site.t, 'journey-admin'));
    districts = (await site.t.call('GET', '/territories?parent=ZHT')).body.map((x: { code: string }) => x.code);
  }, 60_000);
  afterAll(async () => {
    site?.t.clock.reset();
    await site?.close();
    // The run time of each case, for CI's budget (jest prints it too).
    console.log(`staff journey case times: ${JSON.stringify(timings)}`);
  });

  /** An organizer who may create competitions: in Kazakh an administrator, in Russian one an administrator invited. */
  async function organizerFor(lang: Lang): Promise<TestAccount> {
    const t = site.t;
    if (lang === 'kk') return makeAdmin(t, await signUp(t, 'journey-organizer-kk', 'kk'));
    const account = await signUp(t, 'journey-organizer-ru', 'ru');
    const first = await t.call('POST', '/competitions', {
      token: admin.accessToken,
      body: { templateCode: 'mini-grants-district', title: { kk: 'Алғашқы конкурс', ru: 'Первый конкурс' } },
    });
    expect(first.status).toBe(201);
    const invited = await t.call('POST', `/competitions/${first.body.id}/members`, {
      token: admin.accessToken,
      body: { email: account.email, role: 'organizer' },
    });
    expect(invited.status).toBe(201);
    const accepted = await t.call('POST', '/invitations/accept', {
      body: { token: await tokenFromOutbox(t, account.email, 'competition-invitation') },
    });
    expect(accepted.status).toBe(200);
    return account;
  }

  async function signIn(page: Page, email: string, lang: Lang, next: string): Promise<void> {
    await page.goto(`/language/${lang}?next=${encodeURIComponent(`/sign-in?next=${encodeURIComponent(next)}`)}`);
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(TEST_PASSWORD);
    await page.locator('main button[type="submit"]').first().click();
    await page.waitForURL((url) => url.pathname === next);
  }

  for (const lang of LOCALES) {
    it(
      `walks the whole staff journey in one browser (${lang})`,
      async () => {
        const started = Date.now();
        const t = (key: string, values?: Record<string, string | number>) => text(lang, key, values);
        const db = site.t.db;
        const tag = randomBytes(3).toString('hex');
        const title = { kk: `Жетісу шағын гранттары ${tag}`, ru: `Мини-гранты Жетісу ${tag}` };
        const problems: string[] = [];
        let shot = 0;

        /** Axe, sideways scroll and raw keys; at 768 px too for the main pages; a screenshot of each. */
        async function check(page: Page, name: string, tablet = false): Promise<void> {
          shot += 1;
          const raw = await rawTextProblems(page);
          if (raw.length) problems.push(`${name}: raw text ${raw.join(', ')}`);
          for (const width of tablet ? [1280, 768] : [1280]) {
            await page.setViewportSize({ width, height: 900 });
            const overflow = await horizontalOverflow(page);
            if (overflow > 0) problems.push(`${name} at ${width}: scrolls sideways by ${overflow} px`);
            for (const p of await accessibilityProblems(page)) problems.push(`${name} at ${width}: ${p}`);
            await screenshot(page, `${lang}-${String(shot).padStart(2, '0')}-${name}-${width}`);
          }
          if (tablet) await page.setViewportSize({ width: 1280, height: 900 });
        }

        const organizer = await organizerFor(lang);
        const contexts: BrowserContext[] = [];
        const { context, page } = await site.newPage();
        contexts.push(context);
        try {
          // ---- 1. Create from the template, edit the rules in the form, open, reach the competition's page.
          await signIn(page, organizer.email, lang, '/organizer');
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          await check(page, 'organizer-mine', true);
          await page.getByRole('link', { name: t('pages.organizer.new_competition') }).click();
          await page.waitForURL((url) => url.pathname === '/organizer/competitions/new');
          await check(page, 'new');
          await page.getByLabel(MINI_GRANTS_DISTRICT_TEMPLATE.name[lang]).check();
          await page.getByLabel(t('pages.setup.label.title_kk'), { exact: true }).fill(title.kk);
          await page.getByLabel(t('pages.setup.label.title_ru'), { exact: true }).fill(title.ru);
          await page.getByRole('button', { name: t('pages.setup.create_button') }).click();
          await page.waitForURL(/\/rules\?notice=created$/);
          const id = /competitions\/([0-9a-f-]{36})\//.exec(page.url())![1];
          const base = `/organizer/competitions/${id}`;
          await check(page, 'rules-overview');

          await page.goto(`${base}/rules/eligibility`);
          await check(page, 'rules-eligibility');
          await page.getByLabel(t('pages.setup.label.team_minSize'), { exact: true }).fill('3');
          await page.getByLabel(t('pages.setup.label.team_maxSize'), { exact: true }).fill('8');
          await page.getByLabel(t('pages.setup.label.team_minAge'), { exact: true }).fill('18');
          await page.getByLabel(t('pages.setup.label.team_maxAge'), { exact: true }).fill('40');
          await page.getByRole('button', { name: t('pages.setup.save') }).click();
          await page.waitForURL(/\/rules\?saved=eligibility$/);

          await page.goto(`${base}/rules/money`);
          await check(page, 'rules-money');
          await page.getByLabel(t('pages.setup.label.funding_amountCap'), { exact: true }).fill('250 000');
          await page.getByLabel(t('pages.setup.label.funding_totalFund'), { exact: true }).fill('2 500 000');
          await page.getByRole('button', { name: t('pages.setup.save') }).click();
          await page.waitForURL(/\/rules\?saved=money$/);

          // The criteria section (another engineer's page): a weight with a decimal comma.
          const criteriaPage = await page.goto(`${base}/rules/criteria`);
          let criteriaSkipped = false;
          if (criteriaPage?.status() === 404) {
            criteriaSkipped = true;
          } else {
            await check(page, 'rules-criteria');
            await page.fill('[name="criteria[1].weight"]', '2,5');
            await page
              .getByRole('button', { name: t('pages.setup.save'), exact: true })
              .last()
              .click();
            await page.locator('.notice--success').waitFor();
          }

          const deadline = toZonedIso(new Date(site.t.clock.now().getTime() + DAY), ZONE).slice(0, 10);
          await page.goto(`${base}/rules/basics`);
          await check(page, 'rules-basics');
          await page.locator('#f-submissionDeadline').fill(deadline);
          await page.locator('#f-submissionDeadline-time').fill('18:00');
          await page.getByRole('button', { name: t('pages.setup.save') }).click();
          await page.waitForURL(/\/rules\?saved=basics$/);

          await page.getByRole('button', { name: t('pages.setup.open_button') }).click();
          if ((await page.textContent('h1')) === t('pages.setup.confirm_title')) {
            await check(page, 'open-confirm');
            await page.getByRole('button', { name: t('pages.setup.confirm_button') }).click();
          }
          await page.waitForURL(/\/rules\?notice=opened$/);
          await check(page, 'rules-opened');
          const [saved] = await db.query('SELECT status, rulebook FROM competitions WHERE id = $1', [id]);
          expect(saved.status).toBe('open');
          expect(saved.rulebook.team).toMatchObject({ minSize: 3, maxSize: 8, minAge: 18, maxAge: 40 });
          expect(saved.rulebook.funding).toMatchObject({ amountCap: 250000, totalFund: 2500000 });
          if (!criteriaSkipped) expect(saved.rulebook.criteria[1].weight).toBe(2.5);

          await page.getByRole('link', { name: t('pages.setup.back_to_competition') }).click();
          expect(pathOf(page)).toBe(base);
          await check(page, 'hub-open', true);

          // ---- 2. Applicants submit (API); the deadline passes.
          const competition = (await site.t.call('GET', `/competitions/${id}`, { token: organizer.accessToken })).body;
          const teams = Array.from({ length: 5 }, () => [memberOfAge(24), memberOfAge(31, 'male'), memberOfAge(35)]);
          const apps: { id: string; number: string }[] = [];
          for (const [i, team] of teams.entries()) {
            const applicant = await signUp(site.t, `journey-applicant${i}`, lang);
            const appId = await readyDraft(site.t, applicant.accessToken, competition, {
              members: team,
              territoryCode: districts[i],
              applicantKind: 'initiative_group',
            });
            const submitted = await site.t.call('POST', `/applications/${appId}/submit`, {
              token: applicant.accessToken,
            });
            expect(submitted.status).toBe(200);
            apps.push({ id: appId, number: submitted.body.number });
          }
          // The deadline passes (the site's clock); intake closes when the organizer runs screening.
          site.t.clock.advance(2 * DAY);

          // ---- 3. Screening from the pages.
          await page.reload();
          await page.getByRole('link', { name: t('pages.organizer.hub.section.applications'), exact: true }).click();
          expect(pathOf(page)).toBe(`${base}/applications`);
          await page.getByRole('button', { name: t('pages.organizer.run_button') }).click();
          expect(pathOf(page)).toBe(`${base}/applications?notice=screening_run`);
          site.t.clock.reset();
          expect((await db.query('SELECT status FROM competitions WHERE id = $1', [id]))[0].status).toBe('screening');
          await check(page, 'applications-screening', true);
          // On a tablet each application's status is in sight without scrolling the table sideways.
          await page.setViewportSize({ width: 768, height: 900 });
          const statusOutOfSight = await page.evaluate((header) => {
            const scroller = document.querySelector('main .table-scroll')!;
            const column = [...scroller.querySelectorAll('thead th')].findIndex((th) => th.textContent === header);
            const right = scroller.getBoundingClientRect().right;
            return [...scroller.querySelectorAll('tbody tr')].filter(
              (tr) => column < 0 || (tr as HTMLTableRowElement).cells[column].getBoundingClientRect().right > right + 1,
            ).length;
          }, t('pages.organizer.col_status'));
          expect(statusOutOfSight).toBe(0);
          await page.setViewportSize({ width: 1280, height: 900 });

          // The last application: one line overridden to "fails" with a comment, screened out.
          const out = apps[4];
          await page.getByRole('link', { name: out.number }).click();
          expect(pathOf(page)).toBe(`${base}/applications/${out.id}/screening`);
          await check(page, 'screening-checklist', true);
          const verdict = page.locator('select[name^="verdict_"]').first();
          const rule = (await verdict.getAttribute('name'))!.slice('verdict_'.length);
          await verdict.selectOption('fail');
          const overrideComment =
            lang === 'kk' ? 'Хаттың түпнұсқасы қолдан тексерілді' : 'Оригинал письма проверен вручную';
          await page.locator(`[name="comment_${rule}"]`).fill(overrideComment);
          await page.locator('input[name="decision"][value="screened_out"]').check();
          await page.locator('textarea[name="comment"]').fill(overrideComment);
          await page.getByRole('button', { name: t('pages.organizer.save_button') }).click();
          expect(pathOf(page)).toBe(`${base}/applications/${out.id}/screening?notice=screening_saved`);
          const checklist = await page.locator('main').innerText();
          expect(checklist).toContain(t('pages.organizer.overridden'));
          expect(checklist).toContain(overrideComment);
          await check(page, 'screening-saved');
          for (const a of apps.slice(0, 4)) {
            await page.goto(`${base}/applications/${a.id}/screening`);
            await page.locator('input[name="decision"][value="screened_in"]').check();
            await page.getByRole('button', { name: t('pages.organizer.save_button') }).click();
            expect(pathOf(page)).toBe(`${base}/applications/${a.id}/screening?notice=screening_saved`);
          }
          await page.goto(`${base}/applications`);
          await page.getByRole('link', { name: t('pages.organizer.publish_link') }).click();
          expect(pathOf(page)).toBe(`${base}/screening/publish`);
          await check(page, 'screening-publish');
          await page.getByRole('button', { name: t('pages.organizer.publish_button') }).click();
          expect(pathOf(page)).toBe(`${base}/applications?notice=screening_published`);
          await check(page, 'screening-published');
          const statuses: { status: string }[] = await db.query(
            `SELECT status FROM applications WHERE competition_id = $1 ORDER BY sequence_no`,
            [id],
          );
          expect(statuses.map((s) => s.status)).toEqual([
            'screened_in',
            'screened_in',
            'screened_in',
            'screened_in',
            'screened_out',
          ]);

          // ---- 4. Three commission members invited from the team page; each accepts from the e-mail.
          await page.goto(base);
          await page.getByRole('link', { name: t('pages.organizer.hub.section.members'), exact: true }).click();
          expect(pathOf(page)).toBe(`${base}/members`);
          await check(page, 'team', true);
          const emails = ['a', 'b', 'c'].map((x) => uniqueEmail(`journey-member-${x}-${lang}`));
          for (const email of emails) {
            await page.getByLabel(t('pages.members.invite_email'), { exact: true }).fill(email);
            await page.getByLabel(t('pages.members.roles.commission'), { exact: true }).check();
            await page.getByRole('button', { name: t('pages.members.invite_button'), exact: true }).click();
            expect(pathOf(page)).toBe(`${base}/members?notice=invited`);
          }
          expect(await page.locator('main').innerText()).toContain(emails[2]);
          await check(page, 'team-invited');

          const members: { email: string; context: BrowserContext; page: Page; token: string; userId: string }[] = [];
          for (const [i, email] of emails.entries()) {
            const link = new URL(await site.linkFromMail(email, '/invitations/accept'));
            const own = await site.newPage();
            contexts.push(own.context);
            await own.page.goto(`/language/${lang}?next=${encodeURIComponent(link.pathname + link.search)}`);
            expect(await own.page.locator('main').innerText()).toContain(title[lang]);
            if (i === 0) await check(own.page, 'invitation');
            await own.page.getByLabel(t('pages.members.accept_password'), { exact: true }).fill(TEST_PASSWORD);
            await own.page.locator(`#f-locale-${lang === 'kk' ? 0 : 1}`).check();
            await own.page.getByRole('button', { name: t('pages.members.accept_create_button') }).click();
            expect(pathOf(own.page)).toBe('/commission');
            expect(await own.page.locator('main').innerText()).toContain(title[lang]);
            if (i === 0) await check(own.page, 'commission-home');
            const login = await site.t.call('POST', '/auth/login', { body: { email, password: TEST_PASSWORD } });
            expect(login.status).toBe(200);
            const me = await site.t.call('GET', '/me', { token: login.body.accessToken });
            members.push({ email, ...own, token: login.body.accessToken, userId: me.body.id });
          }
          const [memberA, memberB, memberC] = members;
          // Member A is in the first application's team (by IIN): the system will suggest that conflict.
          const iin = teams[0][2].iin;
          const parsed = parseIin(iin);
          if (!parsed.ok) throw new Error('team IIN');
          const profile = await site.t.call('PUT', '/me/person', {
            token: memberA.token,
            body: {
              iin,
              lastName: 'Комиссиялық',
              firstName: 'Айгүл',
              birthDate: parsed.birthDate,
              gender: parsed.sex,
              phone: '8 (701) 555-12-34',
              socialCategories: ['unemployed'],
              educationStatus: 'college_graduate',
              hasDisability: false,
            },
          });
          expect(profile.status).toBe(200);

          // ---- 5. The organizer assigns; the conflicts; every member scores their queue.
          await page.goto(base);
          await page.getByRole('link', { name: t('pages.organizer.hub.section.commission'), exact: true }).click();
          expect(pathOf(page)).toBe(`${base}/commission`);
          await check(page, 'commission', true);
          await page.getByLabel(t('pages.results.assign_mode_quorum')).check();
          await page.getByLabel(t('pages.results.assign_quorum')).fill('2');
          await page.getByRole('button', { name: t('pages.results.assign_button'), exact: true }).click();
          expect(pathOf(page)).toBe(`${base}/commission?notice=assigned`);

          // A: the suggestion (their IIN in the first team) dismissed with a reason.
          const conflictsPath = `/commission/${id}/conflicts`;
          await memberA.page.goto(conflictsPath);
          expect(await memberA.page.locator('main').innerText()).toContain(apps[0].number);
          await check(memberA.page, 'conflicts-suggested');
          const card = memberA.page.locator('li.card', {
            has: memberA.page.locator(`input[name="applicationId"][value="${apps[0].id}"]`),
          });
          await card.locator('textarea').fill(lang === 'kk' ? 'Аттас адам, мен емеспін' : 'Однофамилец, это не я');
          await card.getByRole('button', { name: t('pages.members.conflicts_dismiss_button') }).click();
          expect(pathOf(memberA.page)).toBe(`${conflictsPath}?notice=dismissed`);

          // B: a conflict declared on the first application of their queue: it leaves the queue.
          const queueOf = async (userId: string): Promise<string[]> =>
            (
              await db.query(
                `SELECT a.application_id AS id FROM commission_assignments a JOIN applications x ON x.id = a.application_id
                  WHERE a.competition_id = $1 AND a.member_id = $2 ORDER BY x.sequence_no`,
                [id, userId],
              )
            ).map((r: { id: string }) => r.id);
          const declared = (await queueOf(memberB.userId))[0];
          await memberB.page.goto(conflictsPath);
          await memberB.page
            .getByLabel(t('pages.members.conflicts_declare_application'), { exact: true })
            .selectOption(declared);
          await memberB.page
            .getByLabel(t('pages.members.conflicts_declare_reason'), { exact: true })
            .fill(lang === 'kk' ? 'Өтінім беруші — менің туысым' : 'Заявитель — мой родственник');
          await memberB.page.getByRole('button', { name: t('pages.members.conflicts_declare_button') }).click();
          expect(pathOf(memberB.page)).toBe(`${conflictsPath}?notice=declared`);
          await check(memberB.page, 'conflicts-declared');
          expect(await queueOf(memberB.userId)).not.toContain(declared);

          await page.reload();
          const commissionText = await page.locator('main').innerText();
          expect(commissionText).toContain(t('pages.results.conflict_status_dismissed'));
          expect(commissionText).toContain(t('pages.results.conflict_source_declared'));
          await check(page, 'commission-conflicts');

          const pointsOf = (applicationId: string) => 9 - apps.findIndex((a) => a.id === applicationId);
          const savedPoints = async (member: { userId: string }, applicationId: string): Promise<number[]> => {
            const [row] = await db.query(
              `SELECT criterion_points AS points FROM commission_scores WHERE application_id = $1 AND member_id = $2`,
              [applicationId, member.userId],
            );
            return row?.points ?? [];
          };
          async function fillSheet(p: Page, points: number[]): Promise<void> {
            for (const [i, value] of points.entries()) await p.fill(`[name="scores[${i}].points"]`, String(value));
          }
          const saveButton = (p: Page) => p.getByRole('button', { name: t('pages.commission.save'), exact: true });

          // A scores with the keyboard only: Tab to a link or field, type, Enter.
          async function tabTo(p: Page, matches: string): Promise<void> {
            for (let i = 0; i < 150; i += 1) {
              await p.keyboard.press('Tab');
              if (await p.evaluate((selector) => document.activeElement?.matches(selector) ?? false, matches)) return;
            }
            throw new Error(`Tab never reached ${matches}`);
          }
          const queuePath = `/commission/${id}`;
          await memberA.page.goto(queuePath);
          await check(memberA.page, 'queue', true);
          const queueA = await queueOf(memberA.userId);
          await tabTo(memberA.page, `a[href$="/applications/${queueA[0]}"]`);
          await memberA.page.keyboard.press('Enter');
          await memberA.page.waitForURL((url) => url.pathname.endsWith(queueA[0]));
          await check(memberA.page, 'scoring', true);
          for (const [i, value] of POINTS(pointsOf(queueA[0])).entries()) {
            await tabTo(memberA.page, `[name="scores[${i}].points"]`);
            await memberA.page.keyboard.type(String(value));
          }
          await memberA.page.keyboard.press('Enter');
          await memberA.page.waitForURL(/notice=saved$/);
          expect(await memberA.page.locator('.notice').first().innerText()).toContain(
            t('pages.commission.notice_saved'),
          );
          expect(await savedPoints(memberA, queueA[0])).toEqual(POINTS(pointsOf(queueA[0])));
          await check(memberA.page, 'scoring-saved');

          // C opens one application in two tabs and saves both at once: one save wins, the other is a 409
          // that shows both versions; nothing is overwritten until C chooses to.
          const queueC = await queueOf(memberC.userId);
          const raced = queueC[0];
          const scoringPath = (applicationId: string) => `/commission/${id}/applications/${applicationId}`;
          const second = await memberC.context.newPage();
          await memberC.page.goto(scoringPath(raced));
          await second.goto(scoringPath(raced));
          await fillSheet(memberC.page, POINTS(8));
          await fillSheet(second, POINTS(6));
          await Promise.all([saveButton(memberC.page).click(), saveButton(second).click()]);
          await Promise.all([memberC.page.waitForLoadState(), second.waitForLoadState()]);
          const refused: Page[] = [];
          for (const p of [memberC.page, second])
            if ((await p.locator('#scoring-conflict').count()) > 0) refused.push(p);
          expect(refused).toHaveLength(1);
          const loser = refused[0];
          const winner = loser === second ? memberC.page : second;
          const [won, lost] = loser === second ? [POINTS(8), POINTS(6)] : [POINTS(6), POINTS(8)];
          expect(pathOf(winner)).toBe(`${scoringPath(raced)}?notice=saved`);
          expect(await loser.title()).toMatch(lang === 'kk' ? /^Қате: / : /^Ошибка: /);
          const panel = await loser.locator('#scoring-conflict').innerText();
          expect(panel).toContain(t('pages.commission.conflict_saved'));
          expect(panel).toContain(t('pages.commission.conflict_typed'));
          expect(panel).toContain(String(won[0]));
          expect(panel).toContain(String(lost[0]));
          expect(await loser.locator('[name="scores[0].points"]').inputValue()).toBe(String(lost[0]));
          expect(await savedPoints(memberC, raced)).toEqual(won);
          await check(loser, 'scoring-conflict');
          await loser.getByRole('button', { name: t('pages.commission.save_anyway') }).click();
          await loser.waitForURL(/notice=saved$/);
          expect(await savedPoints(memberC, raced)).toEqual(lost);
          await second.close();

          // Everything else in every queue, scored from the queue's links.
          for (const member of members) {
            for (const applicationId of await queueOf(member.userId)) {
              if ((await savedPoints(member, applicationId)).length) continue;
              await member.page.goto(queuePath);
              await member.page.locator(`a[href$="/applications/${applicationId}"]`).click();
              await fillSheet(member.page, POINTS(pointsOf(applicationId)));
              await saveButton(member.page).click();
              await member.page.waitForURL(/notice=saved$/);
            }
            await member.page.goto(queuePath);
            expect(await member.page.locator('main').innerText()).not.toContain(t('pages.commission.state_not_scored'));
          }
          await check(memberB.page, 'queue-done');

          // ---- 6. Close scoring, select, the protocols, publish.
          await page.goto(`${base}/commission`);
          await check(page, 'commission-scored');
          await page.getByRole('button', { name: t('pages.results.close_button'), exact: true }).click();
          expect(pathOf(page)).toBe(`${base}/commission?notice=closed`);
          await check(page, 'commission-closed');
          await page.getByRole('link', { name: t('pages.results.to_results') }).click();
          expect(pathOf(page)).toBe(`${base}/results`);
          await check(page, 'results', true);
          await page.getByRole('button', { name: t('pages.results.select_button') }).click();
          expect(pathOf(page)).toBe(`${base}/results?notice=selected`);
          await check(page, 'results-selected', true);
          for (const fileLang of LOCALES) {
            const [download] = await Promise.all([
              page.waitForEvent('download'),
              page.getByRole('link', { name: t(`pages.results.protocol_${fileLang}`) }).click(),
            ]);
            expect(download.suggestedFilename()).toMatch(new RegExp(`-${fileLang}\\.docx$`));
            const bytes = readFileSync((await download.path())!);
            expect(bytes.subarray(0, 2).toString()).toBe('PK');
            const docx = (await readDocx(bytes)).paragraphs.join('\n');
            expect(docx).toContain(title[fileLang]);
            expect(docx).toContain(apps[0].number);
          }
          await page.getByRole('link', { name: t('pages.results.publish_link') }).click();
          expect(pathOf(page)).toBe(`${base}/results/publish`);
          await check(page, 'results-publish');
          await page.getByRole('button', { name: t('pages.results.publish_button') }).click();
          expect(pathOf(page)).toBe(`${base}/results?notice=published`);
          expect(await page.locator('.notice').first().innerText()).toContain(t('pages.results.notice_published'));
          await check(page, 'results-published');
          const [after] = await db.query('SELECT status FROM competitions WHERE id = $1', [id]);
          expect(after.status).not.toBe('scoring');

          // ---- 7. A youth micro-projects draw: prepare, the ceremony, the arms, the public check.
          const youth = await shortlistedYouthCompetition(site.t, organizer.accessToken, [
            'ALM',
            'ALM',
            'KAR',
            'KAR',
            'PAV',
            'PAV',
          ]);
          await db.query(`UPDATE competitions SET title_kk = $2, title_ru = $3 WHERE id = $1`, [
            youth.id,
            `Жастар бастамалары ${tag}`,
            `Молодёжные инициативы ${tag}`,
          ]);
          const youthBase = `/organizer/competitions/${youth.id}`;
          await page.goto(youthBase);
          await page.getByRole('link', { name: t('pages.organizer.hub.section.draw'), exact: true }).click();
          expect(pathOf(page)).toBe(`${youthBase}/draw`);
          await check(page, 'draw', true);
          const announced = new Date(Math.ceil((site.t.clock.now().getTime() + HOUR) / HOUR) * HOUR);
          const local = toZonedIso(announced, ZONE);
          await page.getByLabel(t('pages.drawadmin.announced_date'), { exact: true }).fill(local.slice(0, 10));
          await page.getByLabel(t('pages.drawadmin.announced_time'), { exact: true }).fill(local.slice(11, 16));
          await page.getByRole('button', { name: t('pages.drawadmin.prepare_button') }).click();
          await page.waitForURL(/notice=prepared/);
          await check(page, 'draw-prepared');
          await page.getByRole('link', { name: t('pages.drawadmin.to_ceremony') }).click();
          await page.waitForURL(/\/draw\/ceremony$/);
          await check(page, 'ceremony', true);
          site.t.clock.advance(2 * HOUR);
          await page.reload();
          await page.getByLabel(t('pages.drawadmin.entropy_label')).fill('07 12 33 41 45');
          await page.getByRole('button', { name: t('pages.drawadmin.run_button') }).click();
          await page.waitForURL(/notice=drawn/);
          const drawn: DrawRecord = (await site.t.call('GET', `/public/draws/${youth.id}`)).body;
          expect(drawn.publicEntropy).toBe('07 12 33 41 45');
          for (const arm of ['A', 'B', 'C']) {
            await page.getByRole('button', { name: t('pages.drawadmin.reveal_arm', { code: arm }) }).click();
            const shown = await page
              .locator(`section.drawadmin-arm[data-arm="${arm}"] .drawadmin-teams__number`)
              .allTextContents();
            expect(shown.sort()).toEqual(
              drawn
                .assignments!.filter((a) => a.arm === arm)
                .map((a) => a.applicationNumber)
                .sort(),
            );
          }
          await check(page, 'ceremony-drawn');
          await page.getByRole('link', { name: t('pages.drawadmin.public_link') }).click();
          await page.waitForURL(new RegExp(`/draws/${youth.id}$`));
          await page.getByRole('button', { name: t('pages.draw.check.button') }).click();
          await page.waitForFunction(
            () => document.getElementById('draw-check-result')?.getAttribute('data-outcome') === 'ok',
            undefined,
            { timeout: 10_000 },
          );
          expect(await page.textContent('#draw-check-result')).toContain('✓');

          if (criteriaSkipped) console.log(`(${lang}) the criteria page answered 404: that step was skipped`);
          expect(problems).toEqual([]);
        } finally {
          site.t.clock.reset();
          for (const c of contexts) await c.close().catch(() => undefined);
          timings[lang] = Math.round((Date.now() - started) / 1000);
          if (problems.length) console.log(`(${lang}) pages with problems:\n${problems.join('\n')}`);
        }
      },
      CASE_MS,
    );
  }
});
