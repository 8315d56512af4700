import kkTraining from '../../src/i18n/pages/training.kk.json';
import ruTraining from '../../src/i18n/pages/training.ru.json';
import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { prepareDraw, runDraw, shortlistedYouthCompetition } from '../support/draws';
import { drawnYouthCompetition, DrawnTeam } from '../support/mentors';
import { almatyDay } from '../support/training';
import { looksRight, signIn, Site, startSite } from './support/site';

/**
 * Issue 16, deliverables 6 and 7, in a real browser, Kazakh and Russian: the organizer, on a
 * 360 px phone, adds a training session (a classroom without a place refused at its field),
 * ticks who came team by team, and reads the assigned-versus-received table; a visitor reads
 * the public table after a real draw. Every page axe-clean, no sideways scroll, no raw key.
 */
const JOURNEY_MS = 180_000;
const LOCALES = ['kk', 'ru'] as const;
type Lang = (typeof LOCALES)[number];
const WORDS: Record<Lang, Record<string, string>> = { kk: kkTraining, ru: ruTraining };

/** A catalogue message with its simple placeholders filled (no plurals in the ones used here). */
function text(lang: Lang, key: string, values: Record<string, string> = {}): string {
  const message = WORDS[lang][`pages.training.${key}`];
  if (message === undefined) throw new Error(`no ${key} in the ${lang} catalogue`);
  return message.replace(/\{(\w+)\}/g, (_, name: string) => values[name]);
}

describe('browser: training — attendance from a phone, the assigned-versus-received tables', () => {
  let site: Site;
  let organizer: TestAccount;
  let competition: { id: string; teams: DrawnTeam[] };
  let drawnId: string;

  beforeAll(async () => {
    site = await startSite();
    const t = site.t;
    organizer = await makeAdmin(t, await signUp(t, 'training-browser-organizer'));
    competition = await drawnYouthCompetition(t, organizer.accessToken, [{ arm: 'A' }, { arm: 'B' }, { arm: 'C' }], {
      kk: 'Оқыту браузерде',
      ru: 'Обучение в браузере',
    });
    const youth = await shortlistedYouthCompetition(t, organizer.accessToken, ['ALM', 'ALM', 'ALM', 'KAR', 'KAR']);
    await prepareDraw(t, organizer.accessToken, youth.id);
    await runDraw(t, organizer.accessToken, youth.id, '3 14 15 92');
    drawnId = youth.id;
  }, JOURNEY_MS);
  afterAll(async () => {
    await site?.close();
  });

  it.each(LOCALES)(
    'in %s: the organizer adds a session and ticks who came from a 360 px phone, then reads the table',
    async (lang) => {
      const [a1, , c1] = competition.teams;
      const team = lang === 'kk' ? a1 : c1;
      const topic = lang === 'kk' ? 'Өмірлік дағдылар' : 'Управление проектом';
      const { context, page } = await site.newPage({ viewport: 'phone' });
      try {
        const path = `/organizer/competitions/${competition.id}/training`;
        await signIn(page, organizer.email, lang, path);
        await looksRight(page, `training-organizer-${lang}`, [360, 1280]);
        await page.setViewportSize({ width: 360, height: 740 });

        // A classroom session without its place: refused at the field, what was typed kept.
        await page.getByLabel(text(lang, 'held_on'), { exact: true }).fill(almatyDay(0));
        await page.getByLabel(text(lang, 'minutes'), { exact: true }).fill('90');
        await page.getByLabel(text(lang, 'topic'), { exact: true }).fill(topic);
        await page.getByRole('button', { name: text(lang, 'save_session'), exact: true }).click();
        const refusal = page.locator('#f-place-error');
        await refusal.waitFor();
        expect(await refusal.innerText()).toContain(lang === 'kk' ? 'өтетін орнын' : 'место проведения');
        expect(await page.getByLabel(text(lang, 'topic'), { exact: true }).inputValue()).toBe(topic);
        await looksRight(page, `training-refused-${lang}`, [360]);
        await page.setViewportSize({ width: 360, height: 740 });

        await page.getByLabel(text(lang, 'place'), { exact: true }).fill('Талдықорған, Жастар орталығы');
        await page.getByRole('button', { name: text(lang, 'save_session'), exact: true }).click();
        await page.getByText(text(lang, 'notice_created')).waitFor();

        // The session's checklist: tick two people of the team, save.
        await page.locator('a[href*="/training/sessions/"]').first().click();
        await page.waitForURL((url) => url.pathname.includes('/training/sessions/'));
        await page.getByText(topic, { exact: true }).waitFor();
        await looksRight(page, `training-session-${lang}`, [360, 1280]);
        await page.setViewportSize({ width: 360, height: 740 });
        for (const m of team.members.slice(0, 2)) {
          await page.getByLabel(`${m.lastName} ${m.firstName}`, { exact: false }).check();
        }
        await page.getByRole('button', { name: text(lang, 'save_attendance'), exact: true }).click();
        await page.getByText(text(lang, 'notice_saved')).waitFor();
        await looksRight(page, `training-session-saved-${lang}`, [360]);
        const [{ n }] = await site.t.db.query(
          `SELECT count(*)::int AS n FROM training_attendance WHERE application_id = $1`,
          [team.id],
        );
        expect(n).toBe(2);

        // Back to the table: the team's arm received its training.
        await page.getByRole('link', { name: text(lang, 'back_training'), exact: true }).click();
        await page.waitForURL((url) => url.pathname === path);
        const cell = text(lang, 'cell', { received: '1', total: '1', percent: '100' });
        const row = page
          .locator('table.stack-table')
          .first()
          .locator('tr', { hasText: team.arm === 'A' ? 'A' : 'C' });
        await expect(row.filter({ hasText: cell }).count()).resolves.toBeGreaterThan(0);
        await looksRight(page, `training-table-${lang}`, [360, 768, 1280]);
      } finally {
        await context.close();
      }
    },
    JOURNEY_MS,
  );

  it.each(LOCALES)(
    'in %s: a visitor reads the public table after the draw, linked from the draw page',
    async (lang) => {
      const { context, page } = await site.newPage({ viewport: 'phone' });
      try {
        await page.goto(`/language/${lang}?next=${encodeURIComponent(`/draws/${drawnId}`)}`);
        await page.getByRole('link', { name: text(lang, 'public_title'), exact: true }).click();
        await page.waitForURL((url) => url.pathname === `/competitions/${drawnId}/arms-compliance`);
        await page.getByRole('heading', { name: text(lang, 'public_title'), exact: true }).waitFor();
        await page.getByText(text(lang, 'rules_title'), { exact: true }).waitFor();
        expect(await page.getByText(text(lang, 'not_entitled'), { exact: true }).count()).toBeGreaterThan(0);
        await looksRight(page, `training-public-${lang}`, [360, 768, 1280]);
      } finally {
        await context.close();
      }
    },
    JOURNEY_MS,
  );
});
