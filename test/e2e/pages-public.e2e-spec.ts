import { randomUUID } from 'node:crypto';
import { makeAdmin, signUp, TEST_PASSWORD, TestAccount } from '../support/accounts';
import { PageClient, PageResponse, textOf } from '../support/page-client';
import { competitionStory, openTitled, Story } from '../support/published-results';
import { createTestApp, TestApp } from '../support/test-app';
import { CompetitionsService } from '../../src/modules/competitions/competitions.service';
import { ResultsService } from '../../src/modules/scoring/results.service';
import { ScreeningService } from '../../src/modules/screening/screening.service';
import { TerritoriesService } from '../../src/modules/territories/territories.service';

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;
const MINUTE = 60 * 1000;

/** 18:00 in Astana (13:00 UTC) on the day `days` ahead. */
function astanaSixPm(days: number): Date {
  const day = new Date(Date.now() + days * DAY);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 13, 0));
}

const KK_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
];
const RU_MONTHS = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];

/** The deadline as the page must write it: local wall time of Asia/Almaty (UTC+5). */
function astanaText(instant: Date, months: string[]): string {
  const local = new Date(instant.getTime() + 5 * HOUR);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${local.getUTCDate()} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()}, ${hh}:${mm}`;
}

/** The home page's list page that shows this title (the run's database holds other suites' competitions too). */
async function homeWith(client: PageClient, list: 'open' | 'past', title: string): Promise<PageResponse> {
  for (let page = 1; page <= 60; page += 1) {
    const res = await client.get(page === 1 ? '/' : `/?${list}=${page}`);
    expect(res.status).toBe(200);
    if (textOf(res.html).includes(title)) return res;
    if (!res.html.includes(`${list}=${page + 1}`)) break;
  }
  throw new Error(`"${title}" is on no page of the ${list} list`);
}

/** One card of the home page, by its title: the text between its heading and the next card. */
function cardText(html: string, title: string): string {
  const text = textOf(html);
  const start = text.indexOf(title);
  expect(start).toBeGreaterThanOrEqual(0);
  return text.slice(start, start + 600);
}

async function russian(t: TestApp): Promise<PageClient> {
  const client = new PageClient(t);
  expect((await client.get('/language/ru?next=/')).status).toBe(303);
  return client;
}

describe('public pages: the competitions, a competition’s rules and its published results, without an account', () => {
  let t: TestApp;
  let organizer: TestAccount;
  let open: any;
  let openDeadline: Date;
  let scripted: any;
  let draft: any;
  let published: Story;
  let screened: Story;
  let drawn: Story;
  const OPEN = { kk: 'Жетісу аудандарына шағын гранттар (ашық)', ru: 'Мини-гранты районам Жетісу (открыт)' };
  const SCRIPT = '<script>alert(1)</script>';
  const DRAFT = { kk: 'Жарияланбаған конкурс нобайы', ru: 'Неопубликованный конкурс' };
  const PUBLISHED = { kk: 'Жетісу шағын гранттары: нәтижелер', ru: 'Мини-гранты Жетісу: результаты' };
  const PROJECTS = ['Ауыл кітапханасы', 'Аула спорт алаңы', '<img src=x onerror=alert(2)>', 'Мектеп жылыжайы'];

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await makeAdmin(t, await signUp(t, 'public-organizer'));
    openDeadline = astanaSixPm(30);
    open = await openTitled(t, organizer, 'mini-grants-district', OPEN, openDeadline);
    scripted = await openTitled(t, organizer, 'short-term-projects', { kk: SCRIPT, ru: SCRIPT }, astanaSixPm(31));
    draft = await openTitled(t, organizer, 'mini-grants-district', DRAFT, astanaSixPm(30), { open: false });
    published = await competitionStory(t, organizer, {
      templateCode: 'mini-grants-district',
      title: PUBLISHED,
      projects: PROJECTS,
      screenOut: [3],
      stage: 'results_published',
    });
    screened = await competitionStory(t, organizer, {
      templateCode: 'short-term-projects',
      title: { kk: 'Сәтті қадам: бағалау жүріп жатыр', ru: 'Сәтті қадам: идёт оценка' },
      projects: ['Өзен жағасын тазалау', 'Қолөнер шеберханасы'],
      screenOut: [1],
      stage: 'screening_published',
    });
    drawn = await competitionStory(t, organizer, {
      templateCode: 'youth-micro-projects',
      title: { kk: 'Жастар кіші жобалары: жеребе өтті', ru: 'Микропроекты молодёжи: жеребьёвка проведена' },
      projects: ['Жастар кино клубы', 'IT-сабақтар', 'Еріктілер тобы'],
      stage: 'results_published',
    });
  }, 180_000);
  afterAll(async () => {
    t.clock.reset();
    await t.close();
  });

  describe('home page', () => {
    it('lists an open competition with what it gives, its territory, the deadline in local time and the time left (kk)', async () => {
      t.clock.set(new Date(openDeadline.getTime() - (21 * DAY + 3 * HOUR + 30 * MINUTE)));
      try {
        const page = await homeWith(new PageClient(t), 'open', OPEN.kk);
        expect(page.html).toMatch(/^<!doctype html><html lang="kk">/);
        const card = cardText(page.html, OPEN.kk);
        expect(card).toContain('Грант: ең көбі 300 000 ₸; конкурс қоры 3 000 000 ₸');
        expect(card).toContain('Аумақ Жетісу облысы');
        expect(card).toContain(`${astanaText(openDeadline, KK_MONTHS)} (Астана уақытымен)`);
        expect(card).toContain('Қалған уақыт: 21 күн 3 сағат');
        expect(page.html).toContain(`href="/competitions/${open.id}"`);
      } finally {
        t.clock.reset();
      }
    });

    it('says the same in Russian, with the plural forms of the time left', async () => {
      const client = await russian(t);
      t.clock.set(new Date(openDeadline.getTime() - (2 * DAY + 1 * HOUR + 5 * MINUTE)));
      try {
        const page = await homeWith(client, 'open', OPEN.ru);
        expect(page.html).toMatch(/^<!doctype html><html lang="ru">/);
        const card = cardText(page.html, OPEN.ru);
        expect(card).toContain('Грант: не более 300 000 ₸; фонд конкурса 3 000 000 ₸');
        expect(card).toContain('Территория область Жетісу');
        expect(card).toContain(`${astanaText(openDeadline, RU_MONTHS)} (по времени Астаны)`);
        expect(card).toContain('Осталось: 2 дня 1 час');
      } finally {
        t.clock.reset();
      }
    });

    it('lists a decided competition with its counts and a link to its results, and never a draft', async () => {
      const client = new PageClient(t);
      const page = await homeWith(client, 'past', PUBLISHED.kk);
      const card = cardText(page.html, PUBLISHED.kk);
      expect(card).toContain('Нәтижелер жарияланды');
      expect(card).toContain('Түскен өтінімдер 4');
      expect(card).toContain('Техникалық іріктеуден өтті 3');
      expect(card).toContain('Жеңімпаздар 3');
      expect(page.html).toContain(`href="/competitions/${published.competition.id}#results"`);
      const ru = await homeWith(await russian(t), 'past', PUBLISHED.ru);
      expect(cardText(ru.html, PUBLISHED.ru)).toContain('Поступило заявок 4');
      // A draft is on no page of either list.
      for (const list of ['open', 'past']) {
        for (let n = 1; n <= 60; n += 1) {
          const res = await client.get(`/?${list}=${n}`);
          expect(textOf(res.html)).not.toContain(DRAFT.kk);
          expect(res.html).not.toContain(draft.id);
          if (!res.html.includes(`${list}=${n + 1}`)) break;
        }
      }
    });

    it('writes a title as text, never as a tag', async () => {
      const page = await homeWith(new PageClient(t), 'open', SCRIPT);
      expect(page.html).not.toContain(SCRIPT);
      // Preact escapes `<` (and `&`) in text: the browser shows the characters, it never opens a script element.
      expect(page.html).toContain('&lt;script>alert(1)&lt;/script>');
      expect(textOf(page.html)).toContain(SCRIPT);
      expect(page.html).toContain(`href="/competitions/${scripted.id}"`);
    });

    it('shows the signed-out notice, and nothing for a notice it does not know', async () => {
      const out = await new PageClient(t).get('/?notice=signed_out');
      expect(textOf(out.html)).toContain('Сіз жүйеден шықтыңыз');
      const ru = await (await russian(t)).get('/?notice=signed_out');
      expect(textOf(ru.html)).toContain('Вы вышли из системы.');
      const odd = await new PageClient(t).get('/?notice=%3Cb%3Ehello%3C%2Fb%3E');
      expect(odd.status).toBe(200);
      expect(odd.html).not.toContain('class="notice');
      expect(textOf(odd.html)).not.toContain('hello');
    });

    it('answers a page past the end with an empty list and a way back, and a bad page number as the first page', async () => {
      const far = await new PageClient(t).get('/?past=99999');
      expect(far.status).toBe(200);
      expect(far.html).toContain('rel="prev"');
      const bad = await new PageClient(t).get('/?open=abc&past=-1');
      expect(bad.status).toBe(200);
    });
  });

  describe('a competition open for applications', () => {
    it('tells who may apply, what it gives, the documents, the criteria and the deadline with the time left (kk)', async () => {
      t.clock.set(new Date(openDeadline.getTime() - (5 * DAY + 11 * HOUR)));
      try {
        const page = await new PageClient(t).get(`/competitions/${open.id}`);
        expect(page.status).toBe(200);
        const text = textOf(page.html);
        expect(page.html).toContain(`<title>${OPEN.kk} — `);
        expect(text).toContain(
          `Өтінім қабылдаудың соңғы мерзімі ${astanaText(openDeadline, KK_MONTHS)} (Астана уақытымен)`,
        );
        expect(text).toContain('Қалған уақыт: 5 күн 11 сағат');
        expect(text).toContain('Өтінім берушілер үкіметтік емес ұйым (ҮЕҰ), бастамашыл топ');
        expect(text).toContain('Топ құрамы 3–10 адам');
        expect(text).toContain('Аумақ Жетісу облысы Өтінімде аудан немесе қала көрсетіледі.');
        expect(text).toContain('Бір жобаның ең көп сомасы 300 000 ₸');
        expect(text).toContain('Конкурс қоры 3 000 000 ₸');
        expect(text).toContain('10 жеңімпаз; әр аудан (қала) бойынша ең көбі бір жеңімпаз.');
        expect(text).toContain('Дербес деректерді жинауға және өңдеуге келісім міндетті Файл түрі: PDF, JPG, PNG');
        expect(text).toContain('Әр файл 10 МБ-тан аспауы тиіс');
        for (const c of open.rulebook.criteria)
          expect(text).toContain(`${c.label.kk} Салмағы: ${c.weight} · Ең жоғары балл: ${c.maxPoints}`);
        expect(text).toContain('Әр өтінімді кемінде 3 комиссия мүшесі бағалайды.');
        // Signed out, "Apply" goes through sign-in and comes back to the application.
        expect(page.html).toContain(`href="/sign-in?next=${encodeURIComponent(`/competitions/${open.id}/apply`)}"`);
        // Before the deadline there is nothing to report yet.
        expect(page.html).not.toContain('id="results"');
      } finally {
        t.clock.reset();
      }
    });

    it('says it in Russian with the plural forms (день, дня, дней; час, часа, часов; минут)', async () => {
      const client = await russian(t);
      const leftAt = async (before: number) => {
        t.clock.set(new Date(openDeadline.getTime() - before));
        try {
          return textOf((await client.get(`/competitions/${open.id}`)).html);
        } finally {
          t.clock.reset();
        }
      };
      const text = await leftAt(21 * DAY + 5 * HOUR);
      expect(text).toContain(`Срок окончания приёма заявок ${astanaText(openDeadline, RU_MONTHS)} (по времени Астаны)`);
      expect(text).toContain('Осталось: 21 день 5 часов');
      expect(text).toContain('Заявители неправительственная организация (НПО), инициативная группа');
      expect(text).toContain('Состав группы от 3 до 10 человек');
      expect(text).toContain('Максимальная сумма на проект 300 000 ₸');
      expect(text).toContain('Согласие на сбор и обработку персональных данных обязательно Тип файла: PDF, JPG, PNG');
      const [relevance] = open.rulebook.criteria;
      expect(text).toContain(
        `${relevance.label.ru} Вес: ${relevance.weight} · Максимальный балл: ${relevance.maxPoints}`,
      );
      expect(text).toContain('Каждую заявку оценивают не менее 3 членов комиссии.');
      expect(text).toContain('Подать заявку');
      expect(await leftAt(3 * DAY + 2 * HOUR)).toContain('Осталось: 3 дня 2 часа');
      expect(await leftAt(HOUR + 21 * MINUTE)).toContain('Осталось: 1 час 21 минута');
      expect(await leftAt(5 * MINUTE + 30_000)).toContain('Осталось: 5 минут');
    });

    it('sends a signed-in person straight to the application', async () => {
      const applicant = await signUp(t, 'public-applicant');
      const client = new PageClient(t);
      await client.get('/sign-in');
      expect(
        (await client.post('/sign-in', { email: applicant.email, password: TEST_PASSWORD, next: '/' })).status,
      ).toBe(303);
      const page = await client.get(`/competitions/${open.id}`);
      expect(page.html).toContain(`href="/competitions/${open.id}/apply"`);
    });

    it('shows the youth rules: ages, host organizations, directions, stipends and what each arm gives', async () => {
      const text = textOf((await new PageClient(t).get(`/competitions/${drawn.competition.id}`)).html);
      expect(text).toContain('Топ құрамы 3–5 адам');
      expect(text).toContain('Топ мүшелерінің жасы 18–29 жас');
      expect(text).toContain('Бір қабылдаушы ұйым ең көбі 7 өтінім бере алады.');
      expect(text).toContain('Бағыттар Білім беру; Салауатты өмір салты және спорт');
      expect(text).toContain('Қабылдаушы ұйымның үстеме шығындары грант шарты сомасының 15%');
      expect(text).toContain('айына 26 000 ₸ — мектеп бітірушілер мен студенттерге, 61 000 ₸');
      expect(text).toContain('A тобы Грант, өмірлік маңызы бар дағдыларды дамыту');
      const ru = textOf((await (await russian(t)).get(`/competitions/${drawn.competition.id}`)).html);
      expect(ru).toContain('Возраст участников группы от 18 до 29 лет');
      expect(ru).toContain('Одна принимающая организация подаёт не более 7 заявок.');
      expect(ru).toContain('Группа C Без гранта');
    });
  });

  describe('a competition with published results', () => {
    it('shows the screening counts, the winners, the ranking with public numbers, titles and scores, and the protocol (kk)', async () => {
      const page = await new PageClient(t).get(`/competitions/${published.competition.id}`);
      expect(page.status).toBe(200);
      const text = textOf(page.html);
      expect(text).toContain('Нәтижелер жарияланды');
      expect(text).toContain(
        'Түскен өтінімдер 4 Техникалық іріктеуден өтті 3 Техникалық іріктеуден өтпеді 1 Жеңімпаздар 3',
      );
      const [first, second, third, out] = published.applications;
      // Ranked by the commission's scores: the first project best; the screened-out one is not ranked.
      const start = page.html.indexOf('<table class="ranking">');
      const ranking = page.html.slice(start, page.html.indexOf('</table>', start));
      const order = [first, second, third].map((a) => ranking.indexOf(`<span class="nowrap">${a.number}</span>`));
      expect(order.every((i) => i > 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(ranking).not.toContain(out.number);
      const rankingText = textOf(ranking);
      expect(rankingText).toMatch(
        new RegExp(
          `^Орны Өтінім Орташа балл 1 ${first.title} ${first.number} · [^·]+ · сұралған сома 150 000 ₸ Жеңімпаз 10 2 `,
        ),
      );
      expect(text).toContain('Жеңімпаздар Ауыл кітапханасы');
      expect(text).toContain('грант 150 000 ₸');
      // The project title is text, never markup.
      expect(page.html).not.toContain('<img src=x');
      expect(page.html).toContain('&lt;img src=x onerror=alert(2)>');
      for (const lang of ['kk', 'ru']) {
        const href = `/api/v1/competitions/${published.competition.id}/protocol.docx?lang=${lang}`;
        expect(page.html).toContain(`href="${href}"`);
        // Anyone may download it once the results are published.
        const download = await t.app.inject({ method: 'GET', url: href });
        expect(download.statusCode).toBe(200);
        expect(download.headers['content-type']).toContain('wordprocessingml');
      }
      // No personal data: the applicants' e-mail addresses and the team members' IINs are not on the page.
      for (const a of published.applications) expect(page.html).not.toContain(a.applicant.email);
      const iins: { iin: string }[] = await t.db.query(
        `SELECT m.iin FROM application_members m JOIN applications a ON a.id = m.application_id WHERE a.competition_id = $1`,
        [published.competition.id],
      );
      expect(iins.length).toBeGreaterThan(0);
      for (const { iin } of iins) expect(page.html).not.toContain(iin);
      expect(page.html).not.toMatch(/\+7 ?7\d\d/);
    });

    it('reads the same in Russian', async () => {
      const text = textOf((await (await russian(t)).get(`/competitions/${published.competition.id}`)).html);
      expect(text).toContain('Результаты опубликованы');
      expect(text).toContain(
        'Поступило заявок 4 Прошли технический отбор 3 Не прошли технический отбор 1 Победители 3',
      );
      expect(text).toContain('Место Заявка Средний балл 1');
      expect(text).toContain('запрошено 150 000 ₸ Победитель 10');
      expect(text).toContain('Протокол на казахском языке (DOCX)');
      expect(text).toContain('Протокол на русском языке (DOCX)');
    });

    it('after a draw: the shortlist with each arm and a link to the public draw page', async () => {
      const page = await new PageClient(t).get(`/competitions/${drawn.competition.id}`);
      const text = textOf(page.html);
      expect(text).toContain('Жеребеге қатысатын қысқа тізім');
      expect(text).toMatch(/жеребе бойынша [ABC] тобы/);
      expect(text).toContain('Жеребе өтті');
      expect(page.html).toContain(`href="/draws/${drawn.competition.id}"`);
      const record = (await t.call('GET', `/public/draws/${drawn.competition.id}`)).body;
      for (const a of record.assignments) {
        const app = drawn.applications.find((x) => x.number === a.applicationNumber)!;
        expect(text).toContain(`${app.title} (${app.number})`);
        expect(text).toContain(`жеребе бойынша ${a.arm} тобы`);
      }
    });

    it('while the commission scores: the screening counts and "not published yet", no ranking', async () => {
      const text = textOf((await new PageClient(t).get(`/competitions/${screened.competition.id}`)).html);
      expect(text).toContain('Өтінімдерді сараптамалық комиссия бағалап жатыр');
      expect(text).toContain('Түскен өтінімдер 2 Техникалық іріктеуден өтті 1 Техникалық іріктеуден өтпеді 1');
      expect(text).toContain('Конкурс нәтижелері әлі жарияланған жоқ.');
      expect(text).not.toContain('Рейтинг');
    });

    it('takes the results e-mail’s link to the results', async () => {
      const res = await new PageClient(t).get(`/competitions/${published.competition.id}/results`);
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/competitions/${published.competition.id}#results`);
    });
  });

  describe('what the public does not see', () => {
    it('a draft, an unknown id and a malformed one are the 404 page', async () => {
      for (const path of [`/competitions/${draft.id}`, `/competitions/${randomUUID()}`, '/competitions/not-an-id']) {
        const res = await new PageClient(t).get(path);
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toMatch(/text\/html/);
        expect(textOf(res.html)).toContain('Бет табылмады');
        expect(res.html).not.toContain(DRAFT.kk);
      }
      const ru = await (await russian(t)).get(`/competitions/${draft.id}`);
      expect(ru.status).toBe(404);
      expect(textOf(ru.html)).toContain('Страница не найдена');
    });

    it('a draft is shown to its organizer only, marked as not published', async () => {
      const client = new PageClient(t);
      await client.get('/sign-in');
      await client.post('/sign-in', { email: organizer.email, password: TEST_PASSWORD, next: '/' });
      const page = await client.get(`/competitions/${draft.id}`);
      expect(page.status).toBe(200);
      expect(textOf(page.html)).toContain('Бұл конкурс әлі жарияланбаған');
      const stranger = await signUp(t, 'public-stranger');
      const other = new PageClient(t);
      await other.get('/sign-in');
      await other.post('/sign-in', { email: stranger.email, password: TEST_PASSWORD, next: '/' });
      expect((await other.get(`/competitions/${draft.id}`)).status).toBe(404);
    });
  });

  describe('the module reads behind the pages', () => {
    it('ResultsService.publishedResults: nothing before publication, the ranking with outcomes after', async () => {
      const results = t.app.get(ResultsService);
      expect(await results.publishedResults(screened.competition.id)).toBeNull();
      expect(await results.publishedResults(randomUUID())).toBeNull();
      const after = await results.publishedResults(published.competition.id);
      expect(after!.rows.map((r) => [r.rank, r.number, r.title, r.selected, r.reason])).toEqual(
        published.applications
          .filter((a) => !a.screenedOut)
          .map((a, i) => [i + 1, a.number, a.title, true, 'selected']),
      );
      const summaries = await results.publishedSummaries([
        published.competition.id,
        screened.competition.id,
        drawn.competition.id,
      ]);
      expect(summaries.get(published.competition.id)).toMatchObject({ ranked: 3, selected: 3 });
      expect(summaries.get(drawn.competition.id)).toMatchObject({ ranked: 3, selected: 3 });
      expect(summaries.has(screened.competition.id)).toBe(false);
      expect(await results.publishedSummaries([])).toEqual(new Map());
    });

    it('ScreeningService.publishedCounts: only published screenings', async () => {
      const counts = await t.app
        .get(ScreeningService)
        .publishedCounts([published.competition.id, screened.competition.id, open.id]);
      expect(counts.get(published.competition.id)).toEqual({ screenedIn: 3, screenedOut: 1 });
      expect(counts.get(screened.competition.id)).toEqual({ screenedIn: 1, screenedOut: 1 });
      expect(counts.has(open.id)).toBe(false);
    });

    it('CompetitionsService.listPublic: open ones only while the deadline is ahead, never a draft', async () => {
      const competitions = t.app.get(CompetitionsService);
      const all = async (which: 'open' | 'past') => {
        const items = [];
        for (let page = 1; ; page += 1) {
          const res = await competitions.listPublic(which, { page, pageSize: 100 });
          items.push(...res.items);
          if (page * 100 >= res.total) return items;
        }
      };
      const openIds = (await all('open')).map((c) => c.id);
      const past = await all('past');
      expect(openIds).toContain(open.id);
      expect(openIds).not.toContain(draft.id);
      expect(past.map((c) => c.id)).not.toContain(draft.id);
      expect(past.find((c) => c.id === published.competition.id)).toMatchObject({ received: 4, status: 'results' });
      // Past the deadline an open competition moves to the past list, though nobody has closed it yet.
      t.clock.set(new Date(openDeadline.getTime() + MINUTE));
      try {
        expect((await all('open')).map((c) => c.id)).not.toContain(open.id);
        expect((await all('past')).map((c) => c.id)).toContain(open.id);
      } finally {
        t.clock.reset();
      }
    });

    it('TerritoriesService.namesOf: names by code, unknown codes left out', async () => {
      const names = await t.app.get(TerritoriesService).namesOf(['ZHT', 'ZHT-TEK', 'NOPE', 'ZHT']);
      expect([...names.entries()].sort()).toEqual([
        ['ZHT', { kk: 'Жетісу облысы', ru: 'область Жетісу' }],
        ['ZHT-TEK', { kk: 'Текелі', ru: 'Текели' }],
      ]);
    });
  });
});
