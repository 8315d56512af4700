import type { Page } from 'playwright-core';
import kkMentors from '../../src/i18n/pages/mentors.kk.json';
import ruMentors from '../../src/i18n/pages/mentors.ru.json';
import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { almatyDate, drawnYouthCompetition, DrawnTeam, invitedMentor } from '../support/mentors';
import { looksRight, signIn, Site, startSite } from './support/site';

/**
 * Issue 16 in a real browser, Kazakh and Russian: the organizer chooses a mentor and ticks
 * arm A and C teams (a third project refused beside the checkboxes), the mentor opens
 * their teams on a 360 px phone and logs a meeting (date, minutes, topic, who came), a future
 * date refused at its field, a double click logging one meeting. Every page axe-clean, no
 * sideways scroll at 1280 and 768 px (the mentor's pages at 360 px too), no raw key.
 */
const JOURNEY_MS = 180_000;
const LOCALES = ['kk', 'ru'] as const;
type Lang = (typeof LOCALES)[number];
const WORDS: Record<Lang, Record<string, string>> = { kk: kkMentors, ru: ruMentors };

/** A catalogue message with its simple placeholders filled (no plurals in the ones used here). */
function text(lang: Lang, key: string, values: Record<string, string> = {}): string {
  const message = WORDS[lang][`pages.mentors.${key}`];
  if (message === undefined) throw new Error(`no ${key} in the ${lang} catalogue`);
  return message.replace(/\{(\w+)\}/g, (_, name: string) => values[name]);
}

describe('browser: mentors — the organizer assigns, the mentor logs meetings from a phone', () => {
  let site: Site;
  let organizer: TestAccount;
  let competition: { id: string; teams: DrawnTeam[] };
  const mentors: Record<Lang, TestAccount> = {} as Record<Lang, TestAccount>;
  const lastNames: Record<Lang, string> = { kk: 'Кеңесова', ru: 'Советова' };

  beforeAll(async () => {
    site = await startSite();
    const t = site.t;
    organizer = await makeAdmin(t, await signUp(t, 'mentors-browser-organizer'));
    competition = await drawnYouthCompetition(
      t,
      organizer.accessToken,
      [{ arm: 'A' }, { arm: 'C' }, { arm: 'A' }, { arm: 'C' }, { arm: 'B' }],
      { kk: 'Тәлімгерлер браузерде', ru: 'Наставники в браузере' },
    );
    for (const lang of LOCALES) {
      mentors[lang] = await invitedMentor(t, organizer.accessToken, competition.id, {
        locale: lang,
        lastName: lastNames[lang],
      });
    }
  }, JOURNEY_MS);
  afterAll(async () => {
    await site?.close();
  });

  async function meetingsOf(applicationId: string): Promise<number> {
    const [row] = await site.t.db.query(`SELECT count(*)::int AS n FROM mentor_meetings WHERE application_id = $1`, [
      applicationId,
    ]);
    return row.n;
  }

  async function chooseMentor(page: Page, lang: Lang): Promise<void> {
    await page.getByLabel(text(lang, 'mentor'), { exact: true }).selectOption(mentors[lang].userId);
    await page.getByRole('button', { name: text(lang, 'choose'), exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('mentor') === mentors[lang].userId);
  }

  async function tick(page: Page, team: DrawnTeam): Promise<void> {
    await page.locator(`input[name="applicationIds"][value="${team.id}"]`).check();
  }

  it.each(LOCALES)(
    'in %s: the organizer assigns two teams, a third is refused at the field',
    async (lang) => {
      const [mine1, mine2] = lang === 'kk' ? competition.teams.slice(0, 2) : competition.teams.slice(2, 4);
      const { context, page } = await site.newPage();
      try {
        const path = `/organizer/competitions/${competition.id}/mentors`;
        await signIn(page, organizer.email, lang, path);
        await looksRight(page, `mentors-organizer-${lang}`);
        await chooseMentor(page, lang);
        await tick(page, mine1);
        await tick(page, mine2);
        await page.getByRole('button', { name: text(lang, 'save_assignment'), exact: true }).click();
        await page.getByText(text(lang, 'notice_saved')).waitFor();
        await looksRight(page, `mentors-organizer-saved-${lang}`);

        // A third project: the refusal beside the teams, nothing saved.
        const other = competition.teams.find((x) => x.arm !== 'B' && x.id !== mine1.id && x.id !== mine2.id)!;
        await tick(page, other);
        await page.getByRole('button', { name: text(lang, 'save_assignment'), exact: true }).click();
        const refusal = page.locator('#f-applicationIds-error');
        await refusal.waitFor();
        expect(await refusal.innerText()).toContain(lang === 'kk' ? 'ең көбі 2 жоба' : 'не больше 2 проектов');
        await looksRight(page, `mentors-organizer-refused-${lang}`);
        const saved = await site.t.db.query(
          `SELECT application_id FROM mentor_assignments WHERE mentor_user_id = $1 ORDER BY 1`,
          [mentors[lang].userId],
        );
        expect(saved.map((r: { application_id: string }) => r.application_id)).toEqual([mine1.id, mine2.id].sort());
      } finally {
        await context.close();
      }
    },
    JOURNEY_MS,
  );

  it.each(LOCALES)(
    'in %s: the mentor logs a meeting from a 360 px phone; a future date is refused, a double click logs one',
    async (lang) => {
      const team = lang === 'kk' ? competition.teams[0] : competition.teams[2];
      const { context, page } = await site.newPage({ viewport: 'phone' });
      try {
        await signIn(page, mentors[lang].email, lang, '/mentor');
        await page.getByText(team.number).first().waitFor();
        await looksRight(page, `mentor-home-${lang}`, [360, 768, 1280]);
        await page.setViewportSize({ width: 360, height: 740 });
        await page.locator(`a[href="/mentor/teams/${team.id}"]`).click();
        await page.waitForURL((url) => url.pathname === `/mentor/teams/${team.id}`);
        await looksRight(page, `mentor-team-${lang}`, [360, 768, 1280]);
        await page.setViewportSize({ width: 360, height: 740 });

        const fill = async (heldOn: string, topic: string) => {
          await page.getByLabel(text(lang, 'held_on'), { exact: true }).fill(heldOn);
          await page.getByLabel(text(lang, 'minutes'), { exact: true }).fill('90');
          await page.getByLabel(text(lang, 'topic'), { exact: true }).fill(topic);
          for (const m of team.members.slice(0, 2)) {
            await page.getByLabel(`${m.lastName} ${m.firstName}`, { exact: false }).check();
          }
        };
        // A future date: refused at its field, typed values kept, nothing saved.
        await fill(almatyDate(2), lang === 'kk' ? 'Ертеңгі жоспар' : 'Планы на завтра');
        await page.getByRole('button', { name: text(lang, 'save_meeting'), exact: true }).click();
        const refusal = page.locator('#f-heldOn-error');
        await refusal.waitFor();
        expect(await refusal.innerText()).toContain(lang === 'kk' ? 'бүгіннен кейін' : 'позже сегодняшнего дня');
        expect(await page.getByLabel(text(lang, 'topic'), { exact: true }).inputValue()).toBe(
          lang === 'kk' ? 'Ертеңгі жоспар' : 'Планы на завтра',
        );
        await looksRight(page, `mentor-team-refused-${lang}`, [360, 1280]);
        await page.setViewportSize({ width: 360, height: 740 });
        expect(await meetingsOf(team.id)).toBe(0);

        // Today, sent with a double click: one meeting.
        const topic = lang === 'kk' ? 'Жоба жоспары' : 'План проекта';
        await fill(almatyDate(0), topic);
        await page.getByRole('button', { name: text(lang, 'save_meeting'), exact: true }).dblclick();
        await page.waitForURL((url) => url.searchParams.has('notice'));
        await page.getByText(topic, { exact: true }).waitFor();
        expect(await meetingsOf(team.id)).toBe(1);
        await looksRight(page, `mentor-team-logged-${lang}`, [360, 1280]);
      } finally {
        await context.close();
      }
    },
    JOURNEY_MS,
  );
});
