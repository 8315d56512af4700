import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { toZonedIso } from '../../libs/kz';
import type { DrawRecord } from '../../libs/lottery';
import { makeAdmin, signUp, TestAccount, tokenFromOutbox } from '../support/accounts';
import { shortlistedYouthCompetition } from '../support/draws';
import {
  accessibilityProblems,
  horizontalOverflow,
  rawTextProblems,
  screenshot,
  signIn,
  Site,
  startSite,
} from './support/site';

jest.setTimeout(150_000);

const HOUR = 3600 * 1000;
const ZONE = 'Asia/Almaty';
/** The projector's width and a tablet's. */
const PROJECTOR = { width: 1280, height: 800 };
const TABLET = { width: 768, height: 1024 };

/** The words the journey reads and clicks, per language. */
const WORDS = {
  kk: {
    date: 'Күні',
    time: 'Уақыты (сағат:минут)',
    prepare: 'Жеребені дайындау және хэшті алу',
    prepared: 'Жеребе дайындалды. Енді хэшті жариялаңыз.',
    copy: 'Хэшті көшіру',
    toCeremony: 'Жеребе өткізу бетіне өту',
    early: 'Жарияланған уақыт әлі келген жоқ',
    entropy: 'Камера алдында шығарылған сандар',
    run: 'Жеребені өткізу',
    reveal: (code: string) => `${code} тобын көрсету`,
    drawn: 'Жеребе өткізілді және жарияланды.',
    balance: 'Топтарды салыстыру',
    publicLink: 'Жеребенің жария беті',
    check: 'Осы жеребені тексеру',
    ok: '✓ Жеребе расталды',
  },
  ru: {
    date: 'Дата',
    time: 'Время (часы:минуты)',
    prepare: 'Подготовить жеребьёвку и получить хеш',
    prepared: 'Жеребьёвка подготовлена. Теперь опубликуйте хеш.',
    copy: 'Скопировать хеш',
    toCeremony: 'Перейти к проведению жеребьёвки',
    early: 'Объявленное время ещё не наступило',
    entropy: 'Числа, вытянутые перед камерой',
    run: 'Провести жеребьёвку',
    reveal: (code: string) => `Показать группу ${code}`,
    drawn: 'Жеребьёвка проведена и опубликована.',
    balance: 'Сравнение групп',
    publicLink: 'Публичная страница жеребьёвки',
    check: 'Проверить эту жеребьёвку',
    ok: '✓ Жеребьёвка подтверждена',
  },
} as const;

type Locale = keyof typeof WORDS;

/** Axe, sideways scrolling and raw keys at the projector's width and a tablet's; a screenshot of each. */
async function looksRight(page: Page, name: string): Promise<void> {
  for (const [label, size] of [
    ['1280', PROJECTOR],
    ['768', TABLET],
  ] as const) {
    await page.setViewportSize(size);
    expect({ at: `${name} ${label}`, problems: await accessibilityProblems(page) }).toEqual({
      at: `${name} ${label}`,
      problems: [],
    });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await rawTextProblems(page)).toEqual([]);
    await screenshot(page, `${name}-${label}`);
  }
  await page.setViewportSize(PROJECTOR);
}

/** The application numbers shown in one arm on the organizer's pages. */
async function armNumbers(page: Page, arm: string): Promise<string[]> {
  return page.locator(`section.drawadmin-arm[data-arm="${arm}"] .drawadmin-teams__number`).allTextContents();
}

/** The organizer prepares the draw, runs it on the projector page and the public page's check says ✓. */
describe('browser: the organizer’s draw, from preparation to the ceremony on a projector', () => {
  let site: Site;
  let admin: TestAccount;
  const competitions: Partial<Record<Locale, string>> = {};
  const organizers: Partial<Record<Locale, TestAccount>> = {};

  async function invite(competitionId: string, account: TestAccount): Promise<void> {
    const invited = await site.t.call('POST', `/competitions/${competitionId}/members`, {
      token: admin.accessToken,
      body: { email: account.email, role: 'organizer' },
    });
    expect(invited.status).toBe(201);
    const accepted = await site.t.call('POST', '/invitations/accept', {
      body: { token: await tokenFromOutbox(site.t, account.email, 'competition-invitation') },
    });
    expect(accepted.status).toBe(200);
  }

  beforeAll(async () => {
    site = await startSite();
    admin = await makeAdmin(site.t, await signUp(site.t, 'org-draw-browser-admin'));
    for (const locale of ['kk', 'ru'] as const) {
      const competition = await shortlistedYouthCompetition(site.t, admin.accessToken, [
        'ALM',
        'ALM',
        'ALM',
        'KAR',
        'KAR',
        'PAV',
        'PAV',
        'PAV',
        'PAV',
      ]);
      const suffix = randomUUID().slice(0, 6);
      await site.t.db.query(`UPDATE competitions SET title_kk = $2, title_ru = $3 WHERE id = $1`, [
        competition.id,
        `Жастар бастамалары ${suffix}`,
        `Молодёжные инициативы ${suffix}`,
      ]);
      await site.t.db.query(
        `UPDATE applications SET title = 'Жастар жобасы ' || right(number, 2) WHERE competition_id = $1`,
        [competition.id],
      );
      competitions[locale] = competition.id;
      organizers[locale] = await signUp(site.t, `org-draw-browser-${locale}`, locale);
      await invite(competition.id, organizers[locale]!);
    }
  });
  afterAll(async () => {
    site?.t.clock.reset();
    await site?.close();
  });

  for (const locale of ['kk', 'ru'] as const) {
    it(`prepares, opens the ceremony, types the numbers, reveals the arms; the public check says ✓ (${locale})`, async () => {
      const w = WORDS[locale];
      const id = competitions[locale]!;
      const { context, page } = await site.newPage({ viewport: 'desktop' });
      await signIn(page, organizers[locale]!.email, locale);

      await page.goto(`/organizer/competitions/${id}/draw`);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      expect(await page.locator('#drawadmin-pool tbody tr').count()).toBe(9);
      await looksRight(page, `organizer-draw-pool-${locale}`);

      // An hour ahead, on the hour, in the competition's local time.
      const announced = new Date(Math.ceil((site.t.clock.now().getTime() + HOUR) / HOUR) * HOUR);
      const local = toZonedIso(announced, ZONE);
      await page.getByLabel(w.date, { exact: true }).fill(local.slice(0, 10));
      await page.getByLabel(w.time, { exact: true }).fill(local.slice(11, 16));
      await page.getByRole('button', { name: w.prepare }).click();
      await page.waitForURL(/notice=prepared/);
      expect(await page.textContent('main')).toContain(w.prepared);
      const record: DrawRecord = (await site.t.call('GET', `/public/draws/${id}`)).body;
      expect(((await page.textContent('#drawadmin-commitment')) ?? '').trim()).toBe(record.commitment);
      expect(await page.getByRole('button', { name: w.copy }).isVisible()).toBe(true);
      await looksRight(page, `organizer-draw-prepared-${locale}`);

      await page.getByRole('link', { name: w.toCeremony }).click();
      await page.waitForURL(/\/draw\/ceremony$/);
      expect(await page.textContent('main')).toContain(w.early);
      expect(((await page.textContent('.ceremony__hash')) ?? '').replace(/\s/g, '')).toBe(record.commitment);
      await looksRight(page, `organizer-draw-ceremony-${locale}`);

      // The announced time comes.
      site.t.clock.advance(2 * HOUR);
      await page.reload();
      expect(await page.textContent('main')).not.toContain(w.early);
      await page.getByLabel(w.entropy).fill('07 12 33 41 45');
      await page.getByRole('button', { name: w.run }).click();
      await page.waitForURL(/notice=drawn/);
      expect(await page.textContent('main')).toContain(w.drawn);
      const drawn: DrawRecord = (await site.t.call('GET', `/public/draws/${id}`)).body;
      expect(drawn.publicEntropy).toBe('07 12 33 41 45');

      // With script the arms come one by one: nothing shown before the first click.
      for (const arm of ['A', 'B', 'C']) {
        expect(await page.locator(`section.drawadmin-arm[data-arm="${arm}"]`).isVisible()).toBe(false);
      }
      expect(await page.getByRole('heading', { name: w.balance }).isVisible()).toBe(false);
      await screenshot(page, `organizer-draw-reveal-start-${locale}`);
      for (const arm of ['A', 'B', 'C']) {
        await page.getByRole('button', { name: w.reveal(arm) }).click();
        expect(await page.locator(`section.drawadmin-arm[data-arm="${arm}"]`).isVisible()).toBe(true);
        const expected = drawn
          .assignments!.filter((a) => a.arm === arm)
          .map((a) => a.applicationNumber)
          .sort();
        expect(await armNumbers(page, arm)).toEqual(expected);
      }
      expect(await page.getByRole('heading', { name: w.balance }).isVisible()).toBe(true);
      await looksRight(page, `organizer-draw-result-${locale}`);

      // The public page: its check re-computes the draw in the browser.
      await page.getByRole('link', { name: w.publicLink }).click();
      await page.waitForURL(new RegExp(`/draws/${id}$`));
      await page.getByRole('button', { name: w.check }).click();
      await page.waitForFunction(
        (start) => {
          const result = document.getElementById('draw-check-result');
          return result?.getAttribute('data-outcome') === 'ok' && (result.textContent ?? '').startsWith(start);
        },
        w.ok,
        { timeout: 10_000 },
      );
      await context.close();
    });
  }

  it('without JavaScript the ceremony’s result shows every arm and the balance table at once', async () => {
    const id = competitions.ru!;
    const { context, page } = await site.newPage({ viewport: 'desktop', javaScript: false });
    await signIn(page, organizers.ru!.email, 'ru');
    await page.goto(`/organizer/competitions/${id}/draw/ceremony?notice=drawn`);
    for (const arm of ['A', 'B', 'C']) {
      expect(await page.locator(`section.drawadmin-arm[data-arm="${arm}"]`).isVisible()).toBe(true);
    }
    expect(await page.getByRole('heading', { name: WORDS.ru.balance }).isVisible()).toBe(true);
    expect(await page.locator('[data-reveal-controls]').isVisible()).toBe(false);
    // (Axe runs in the page, so not here: the same markup was checked with script above.)
    await screenshot(page, 'organizer-draw-result-nojs-ru-1280');
    await context.close();
  });
});
