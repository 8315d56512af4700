import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { makeAdmin, signUp, TestAccount, uniquePersonBody } from '../support/accounts';
import { readDocx } from '../support/docx-reader';
import { competitionStory, Story } from '../support/published-results';
import { looksRight, signIn, Site, startSite } from './support/site';

const JOURNEY_MS = 180_000;

interface Criterion {
  code: string;
  maxPoints: number;
  step: number;
  commentBelow?: number;
}

const TEXTS = {
  kk: {
    assignQuorum: 'Әр өтінімді кворумға жеткілікті мүшелер бағалайды (жүктеме тең бөлінеді)',
    quorum: 'Кворум: бір өтінімге қажетті баға саны',
    assign: 'Өтінімдерді бөлу',
    assigned: 'Өтінімдер комиссия мүшелеріне бөлінді.',
    close: 'Бағалауды жабу',
    refused: (n: string) => `${n} өтінімі: 1 баға берілді, тағы 1 баға жетпейді`,
    closed: 'Бағалау жабылды, рейтинг бекітілді.',
    toResults: 'Рейтинг пен нәтижелерге өту',
    select: 'Іріктеу ережесін қолдану',
    selected: 'Жеңімпаз ретінде іріктелді.',
    notSelected: 'Жеңімпаздар саны толды.',
    protocolKk: 'Хаттаманы қазақ тілінде жүктеп алу (DOCX)',
    protocolRu: 'Хаттаманы орыс тілінде жүктеп алу (DOCX)',
    toPublish: 'Нәтижелерді жариялауға өту',
    told: '4 өтінім берушіге хат жіберіледі:',
    publish: 'Нәтижелерді жариялау',
    published: 'Нәтижелер жарияланды, өтінім берушілерге хат жіберілді.',
    memberClosed: 'Бағалау жабылды. Төменде сіз сақтаған бағалар көрсетілген',
  },
  ru: {
    assignQuorum: 'Каждую заявку оценивает кворум членов комиссии (нагрузка распределяется поровну)',
    quorum: 'Кворум: сколько оценок нужно каждой заявке',
    assign: 'Распределить заявки',
    assigned: 'Заявки распределены между членами комиссии.',
    close: 'Закрыть оценивание',
    refused: (n: string) => `Заявка ${n}: получено оценок — 1, не хватает ещё 1 оценки`,
    closed: 'Оценивание закрыто, рейтинг зафиксирован.',
    toResults: 'Перейти к рейтингу и результатам',
    select: 'Применить правило отбора',
    selected: 'Отобрана победителем.',
    notSelected: 'Число победителей уже набрано.',
    protocolKk: 'Скачать протокол на казахском языке (DOCX)',
    protocolRu: 'Скачать протокол на русском языке (DOCX)',
    toPublish: 'Перейти к публикации результатов',
    told: 'Письмо получат 4 заявителя:',
    publish: 'Опубликовать результаты',
    published: 'Результаты опубликованы, заявителям отправлены письма.',
    memberClosed: 'Оценивание закрыто. Ниже — ваши сохранённые оценки',
  },
} as const;

const pathOf = (page: Page) => new URL(page.url()).pathname + new URL(page.url()).search;

/** The organizer's commission and results pages in a real browser, in Kazakh and in Russian. */
describe('browser: the organizer’s commission and results', () => {
  let site: Site;
  let organizer: TestAccount;

  beforeAll(async () => {
    site = await startSite();
    organizer = await makeAdmin(site.t, await signUp(site.t, 'browser-results-organizer'));
  }, 60_000);
  afterAll(async () => {
    await site?.close();
  });

  /** A competition whose screening is published, with three named commission members. */
  async function scoringCompetition(lang: 'kk' | 'ru') {
    const tag = randomUUID().slice(0, 6);
    const story = await competitionStory(site.t, organizer, {
      templateCode: 'short-term-projects',
      title: { kk: `Сәтті қадам: комиссия ${tag}`, ru: `Сәтті қадам: комиссия ${tag}` },
      projects: ['Өзен жағасын тазалау', 'Қолөнер шеберханасы', 'Ауыл кітапханасы', 'Аула футболы'],
      stage: 'screening_published',
    });
    const members: TestAccount[] = [];
    for (const [i, first] of ['Дана', 'Ерлан', 'Жанар'].entries()) {
      const member = await signUp(site.t, `browser-results-member${i}`, lang);
      const profile = await site.t.call('PUT', '/me/person', {
        token: member.accessToken,
        body: uniquePersonBody({ lastName: 'Комиссиялы', firstName: first }),
      });
      expect(profile.status).toBe(200);
      await site.t.db.query(
        `INSERT INTO competition_memberships (competition_id, user_id, role, status) VALUES ($1, $2, 'commission', 'active')`,
        [story.competition.id, member.userId],
      );
      members.push(member);
    }
    return { story, members };
  }

  async function score(story: Story, member: TestAccount, applicationId: string, share: number) {
    const scores = (story.competition.rulebook.criteria as Criterion[]).map((c) => {
      const points = Math.max(0, Math.round((c.maxPoints * share) / c.step) * c.step);
      return {
        criterion: c.code,
        points,
        ...(c.commentBelow !== undefined && points < c.commentBelow ? { comment: 'Дәлелдер жеткіліксіз' } : {}),
      };
    });
    const res = await site.t.call('PUT', `/applications/${applicationId}/scores/me`, {
      token: member.accessToken,
      body: { version: 0, scores },
    });
    expect(res.status).toBe(200);
  }

  /** Clicks a download link and returns the file's bytes. */
  async function downloadOf(page: Page, linkName: string): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: linkName }).click(),
    ]);
    return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
  }

  for (const lang of ['kk', 'ru'] as const) {
    it(
      `assigns, closes (refused below quorum first), selects, downloads the protocol in both languages and publishes (${lang})`,
      async () => {
        const words = TEXTS[lang];
        const { story, members } = await scoringCompetition(lang);
        const base = `/organizer/competitions/${story.competition.id}`;
        const { context, page } = await site.newPage();
        await signIn(page, organizer.email, lang, `${base}/commission`);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        await looksRight(page, `commission-${lang}`);

        await page.getByLabel(words.assignQuorum).check();
        await page.getByLabel(words.quorum).fill('2');
        await page.getByRole('button', { name: words.assign, exact: true }).click();
        expect(pathOf(page)).toBe(`${base}/commission?notice=assigned`);
        expect(await page.locator('.notice').first().innerText()).toContain(words.assigned);

        // Everything scored but one member's share of the last application.
        const rows: { applicationId: string; memberId: string }[] = await site.t.db.query(
          `SELECT application_id AS "applicationId", member_id AS "memberId" FROM commission_assignments WHERE competition_id = $1`,
          [story.competition.id],
        );
        const apps = story.applications;
        const last = apps[apps.length - 1];
        const skipped = rows.find((r) => r.applicationId === last.id)!;
        for (const r of rows) {
          if (r === skipped) continue;
          const i = apps.findIndex((a) => a.id === r.applicationId);
          await score(
            story,
            members.find((m) => m.userId === r.memberId)!,
            r.applicationId,
            0.95 - i * 0.15,
          );
        }
        await page.reload();
        await looksRight(page, `commission-progress-${lang}`);

        await page.getByRole('button', { name: words.close, exact: true }).click();
        expect(await page.title()).toMatch(lang === 'kk' ? /^Қате: / : /^Ошибка: /);
        expect(await page.locator('#quorum-problems').innerText()).toContain(words.refused(last.number));
        await looksRight(page, `commission-close-refused-${lang}`);

        await score(
          story,
          members.find((m) => m.userId === skipped.memberId)!,
          last.id,
          0.3,
        );
        await page.goto(`${base}/commission`);
        await page.getByRole('button', { name: words.close, exact: true }).click();
        expect(pathOf(page)).toBe(`${base}/commission?notice=closed`);
        expect(await page.locator('.notice').first().innerText()).toContain(words.closed);
        await looksRight(page, `commission-closed-${lang}`);

        await page.getByRole('link', { name: words.toResults }).click();
        expect(pathOf(page)).toBe(`${base}/results`);
        await looksRight(page, `results-${lang}`);
        await page.getByRole('button', { name: words.select }).click();
        expect(pathOf(page)).toBe(`${base}/results?notice=selected`);
        const ranking = await page.locator('main table').innerText();
        expect(ranking).toContain(words.selected);
        expect(ranking).toContain(words.notSelected);
        await looksRight(page, `results-selected-${lang}`);

        for (const [link, fileLang] of [
          [words.protocolKk, 'kk'],
          [words.protocolRu, 'ru'],
        ] as const) {
          const file = await downloadOf(page, link);
          expect(file.name).toMatch(new RegExp(`-${fileLang}\\.docx$`));
          expect(file.bytes.subarray(0, 2).toString()).toBe('PK');
          const text = (await readDocx(file.bytes)).paragraphs.join('\n');
          expect(text).toContain(story.competition.title[fileLang]);
          expect(text).toContain(apps[0].number);
        }

        await page.getByRole('link', { name: words.toPublish }).click();
        expect(pathOf(page)).toBe(`${base}/results/publish`);
        expect(await page.locator('main').innerText()).toContain(words.told);
        await looksRight(page, `results-publish-${lang}`);
        await page.getByRole('button', { name: words.publish }).click();
        expect(pathOf(page)).toBe(`${base}/results?notice=published`);
        expect(await page.locator('.notice').first().innerText()).toContain(words.published);
        expect(await page.getByRole('link', { name: words.toPublish }).count()).toBe(0);
        expect(await page.getByRole('button', { name: words.select }).count()).toBe(0);
        await looksRight(page, `results-published-${lang}`);
        await context.close();

        // A commission member reads their saved scores now: no form.
        const member = members.find((m) => m.userId === skipped.memberId)!;
        const scoring = `/commission/${story.competition.id}/applications/${last.id}`;
        const own = await site.newPage();
        await signIn(own.page, member.email, lang, scoring);
        expect(await own.page.locator('main').innerText()).toContain(words.memberClosed);
        expect(await own.page.locator('input[name="version"]').count()).toBe(0);
        await looksRight(own.page, `commission-member-closed-${lang}`);
        await own.context.close();
      },
      JOURNEY_MS,
    );
  }
});
