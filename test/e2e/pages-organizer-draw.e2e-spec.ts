import { randomUUID } from 'node:crypto';
import { toZonedIso } from '../../libs/kz';
import { verifyDrawRecord } from '../../libs/lottery';
import { formatDateTime } from '../../src/web/core/format';
import { makeAdmin, signUp, TestAccount, tokenFromOutbox } from '../support/accounts';
import { openCompetition } from '../support/competitions';
import { shortlistedYouthCompetition } from '../support/draws';
import { fieldError, PageClient, PageResponse, signedInPages, textOf } from '../support/page-client';
import { createTestApp, TestApp } from '../support/test-app';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const ZONE = 'Asia/Almaty';

/** A local time as a reader sees it in the page's text (textOf turns its no-break space into a space). */
const shown = (instant: Date, locale: 'kk' | 'ru') => formatDateTime(instant, ZONE, locale).replace(/\u00a0/g, ' ');

/** The error summary's text, or '' when the page has none. */
function summaryOf(html: string): string {
  const match = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html);
  return match ? textOf(match[0]) : '';
}

/** A table's body rows as the text of their cells. */
function tableRows(html: string, id: string): string[][] {
  const table = new RegExp(`<table id="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => textOf(cell[1])),
  );
}

/** The application numbers listed in one arm of the organizer's pages, as listed. */
function armNumbers(html: string, arm: string): string[] {
  const section = new RegExp(
    `<section class="drawadmin-arm[^"]*"[^>]*data-arm="${arm}"[^>]*>([\\s\\S]*?)</section>`,
  ).exec(html)?.[1];
  return [...(section ?? '').matchAll(/drawadmin-teams__number">([^<]+)</g)].map((m) => m[1]);
}

let nextIp = 10;

/** The organizer's draw pages (issue 15): prepare, cancel, the ceremony, drawn once. */
describe('web pages: the organizer’s draw (prepare, ceremony, cancel)', () => {
  let t: TestApp;
  let admin: TestAccount;
  let organizer: TestAccount;
  /** A second organizer of the same competitions who reads in Kazakh (the language is kept on the account). */
  let organizerKk: TestAccount;
  let mine: { id: string; title: { kk: string; ru: string } };
  let others: { id: string };
  let noDraw: { id: string };
  let titles: Map<string, string>;
  const regions = ['ALM', 'ALM', 'ALM', 'KAR', 'KAR', 'PAV', 'PAV'];
  let ru: PageClient;
  let kk: PageClient;
  /** The announced time: a day ahead, in the competition's local time (Almaty, UTC+5). */
  let announced: Date;

  const drawPage = () => `/organizer/competitions/${mine.id}/draw`;
  const ceremony = () => `/organizer/competitions/${mine.id}/draw/ceremony`;

  const browserOf = (account: TestAccount, lang: 'kk' | 'ru') => signedInPages(t, account, lang, `10.31.0.${nextIp++}`);

  async function invite(competitionId: string, account: TestAccount): Promise<void> {
    const invited = await t.call('POST', `/competitions/${competitionId}/members`, {
      token: admin.accessToken,
      body: { email: account.email, role: 'organizer' },
    });
    expect(invited.status).toBe(201);
    const accepted = await t.call('POST', '/invitations/accept', {
      body: { token: await tokenFromOutbox(t, account.email, 'competition-invitation') },
    });
    expect(accepted.status).toBe(200);
  }

  const publicRecord = async (id: string) => t.call('GET', `/public/draws/${id}`);
  const liveDraws = async (id: string): Promise<{ status: string; reason: string | null }[]> =>
    t.db.query(`SELECT status, cancel_reason AS reason FROM draws WHERE competition_id = $1 ORDER BY prepared_at`, [
      id,
    ]);

  async function get(client: PageClient, path: string): Promise<PageResponse> {
    const page = await client.get(path);
    expect(page.status).toBe(200);
    return page;
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeAdmin(t, await signUp(t, 'org-draw-admin'));
    organizer = await signUp(t, 'org-draw-organizer', 'ru');
    organizerKk = await signUp(t, 'org-draw-organizer-kk', 'kk');
    const competition = await shortlistedYouthCompetition(t, admin.accessToken, regions);
    const suffix = randomUUID().slice(0, 8);
    mine = { id: competition.id, title: { kk: `Жастар жеребесі ${suffix}`, ru: `Жеребьёвка молодёжи ${suffix}` } };
    await t.db.query(`UPDATE competitions SET title_kk = $2, title_ru = $3 WHERE id = $1`, [
      mine.id,
      mine.title.kk,
      mine.title.ru,
    ]);
    others = await shortlistedYouthCompetition(t, admin.accessToken, ['ALM', 'KAR']);
    noDraw = await openCompetition(t, admin.accessToken, 'mini-grants-district', new Date(Date.now() + DAY));
    await invite(mine.id, organizer);
    await invite(noDraw.id, organizer);
    await invite(mine.id, organizerKk);
    await invite(noDraw.id, organizerKk);
    // Each team's own title, so the pages are seen to put the right title beside each number.
    await t.db.query(`UPDATE applications SET title = 'Жоба ' || number WHERE competition_id = $1`, [mine.id]);
    const rows: { number: string; title: string }[] = await t.db.query(
      `SELECT number, title FROM applications WHERE competition_id = $1`,
      [mine.id],
    );
    titles = new Map(rows.map((r) => [r.number, r.title]));
    expect(titles.size).toBe(regions.length);
    ru = await browserOf(organizer, 'ru');
    kk = await browserOf(organizerKk, 'kk');
    // A whole hour a day ahead, so the local time typed into the form is exact.
    announced = new Date(Math.ceil((t.clock.now().getTime() + DAY) / HOUR) * HOUR);
  });
  afterAll(async () => {
    t.clock.reset();
    await t.close();
  });

  const localDate = () => toZonedIso(announced, ZONE).slice(0, 10);
  const localTime = () => toZonedIso(announced, ZONE).slice(11, 16);

  it('refuses another organizer’s competition (page and forms), as the API does, and changes nothing', async () => {
    for (const path of [
      `/organizer/competitions/${others.id}/draw`,
      `/organizer/competitions/${others.id}/draw/ceremony`,
    ]) {
      expect((await ru.get(path)).status).toBe(403);
    }
    await get(ru, drawPage());
    const prepare = await ru.post(`/organizer/competitions/${others.id}/draw/prepare`, {
      announcedDate: localDate(),
      announcedTime: localTime(),
    });
    expect(prepare.status).toBe(403);
    const run = await ru.post(`/organizer/competitions/${others.id}/draw/ceremony`, { publicEntropy: '1 2 3' });
    expect(run.status).toBe(403);
    expect((await publicRecord(others.id)).status).toBe(404);
    expect(
      (await t.call('POST', `/competitions/${others.id}/draw/prepare`, { token: organizer.accessToken, body: {} }))
        .status,
    ).toBe(403);
    const anonymous = await new PageClient(t, '10.31.1.1').get(drawPage());
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toContain('/sign-in?next=');
  });

  it('a competition whose rules have no draw says so, and preparing one is refused in the service’s words', async () => {
    const page = await get(ru, `/organizer/competitions/${noDraw.id}/draw`);
    expect(textOf(page.html)).toContain('Положение этого конкурса не предусматривает жеребьёвку.');
    expect(page.html).not.toContain('/draw/prepare"');
    const refused = await ru.post(`/organizer/competitions/${noDraw.id}/draw/prepare`, {
      announcedDate: '',
      announcedTime: '',
    });
    expect(refused.status).toBe(409);
    expect(summaryOf(refused.html)).toContain('В положении этого конкурса нет жеребьёвки.');
    const kkPage = await get(kk, `/organizer/competitions/${noDraw.id}/draw/ceremony`);
    expect(textOf(kkPage.html)).toContain('Бұл конкурстың ережесінде жеребе қарастырылмаған.');
  });

  it('before preparation shows the shortlist that will be drawn, counted by region, with titles, and the form', async () => {
    const page = await get(ru, drawPage());
    const text = textOf(page.html);
    expect(text).toContain(`Жеребьёвка: «${mine.title.ru}»`);
    expect(text).toContain('Жеребьёвка ещё не подготовлена');
    expect(text).toContain('Сейчас в шорт-листе 7 заявок');
    expect(page.html).toContain(`href="/organizer/competitions/${mine.id}"`);
    const strata = tableRows(page.html, 'drawadmin-strata');
    expect(strata.map(([region, count]) => [region.replace(/^.* \((\w+)\)$/, '$1'), count])).toEqual([
      ['ALM', '3'],
      ['KAR', '2'],
      ['PAV', '2'],
      ['Всего', '7'],
    ]);
    const pool = tableRows(page.html, 'drawadmin-pool');
    expect(pool).toHaveLength(7);
    for (const [number, title] of pool) expect(titles.get(number)).toBe(title);
    expect(page.html).toContain(`action="/organizer/competitions/${mine.id}/draw/prepare"`);
    expect(text).toContain('По местному времени конкурса (UTC+05:00)');
    const kkPage = await get(kk, drawPage());
    expect(textOf(kkPage.html)).toContain('Қысқа тізімде қазір 7 өтінім бар');
  });

  it('refuses an announced time that does not exist, or half of one, at the field; nothing is prepared', async () => {
    const impossible = await ru.post(`${drawPage()}/prepare`, { announcedDate: '2030-02-30', announcedTime: '15:00' });
    expect(impossible.status).toBe(400);
    expect(fieldError(impossible.html, 'f-announcedAt')).toContain('Такой даты или времени нет');
    expect(summaryOf(impossible.html)).toContain('Время жеребьёвки: Такой даты или времени нет');
    expect(impossible.html).toContain('href="#f-announcedAt"');
    expect(impossible.html).toContain('value="2030-02-30"');
    expect(impossible.html).toMatch(/<title>Ошибка/);
    const half = await kk.post(`${drawPage()}/prepare`, { announcedDate: localDate(), announcedTime: '' });
    expect(half.status).toBe(400);
    expect(fieldError(half.html, 'f-announcedAt')).toContain('Жеребенің күнін де, уақытын да енгізіңіз');
    const hour = await ru.post(`${drawPage()}/prepare`, { announcedDate: localDate(), announcedTime: '25:00' });
    expect(hour.status).toBe(400);
    expect(fieldError(hour.html, 'f-announcedAt')).toContain('Такой даты или времени нет');
    expect((await publicRecord(mine.id)).status).toBe(404);
    expect(await liveDraws(mine.id)).toEqual([]);
  });

  it('prepares: the commitment to announce, the local announced time, the public page and the ceremony; a second submit changes nothing', async () => {
    const form = { announcedDate: localDate(), announcedTime: localTime() };
    const res = await ru.post(`${drawPage()}/prepare`, form);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${drawPage()}?notice=prepared`);
    const record = (await publicRecord(mine.id)).body;
    expect(record.status).toBe('prepared');
    expect(new Date(record.announcedAt).getTime()).toBe(announced.getTime());
    expect(record.announcedAt).toMatch(/\+05:00$/);

    const page = await get(ru, res.location!);
    const text = textOf(page.html);
    expect(text).toContain('Жеребьёвка подготовлена. Теперь опубликуйте хеш.');
    expect(page.html).toContain(
      `<p id="drawadmin-commitment" class="mono drawadmin-commitment__value">${record.commitment}</p>`,
    );
    expect(text).toContain(`Время жеребьёвки ${shown(announced, 'ru')}`);
    expect(page.html).toContain(`href="/draws/${mine.id}"`);
    expect(page.html).toContain(`href="${ceremony()}"`);
    expect(page.html).toContain(`action="${drawPage()}/cancel"`);
    expect(tableRows(page.html, 'drawadmin-pool')).toHaveLength(7);

    const again = await ru.post(`${drawPage()}/prepare`, { announcedDate: '2031-01-01', announcedTime: '10:00' });
    expect(again.status).toBe(303);
    expect(again.location).toBe(`${drawPage()}?notice=already_prepared`);
    expect(textOf((await get(ru, again.location!)).html)).toContain('Жеребьёвка уже была подготовлена раньше');
    const after = (await publicRecord(mine.id)).body;
    expect(after.commitment).toBe(record.commitment);
    expect(after.announcedAt).toBe(record.announcedAt);
    expect((await liveDraws(mine.id)).map((d) => d.status)).toEqual(['prepared']);
  });

  it('refuses a cancellation without a reason at the field; with one it cancels once, and the draw is prepared again', async () => {
    const before = (await publicRecord(mine.id)).body;
    const empty = await ru.post(`${drawPage()}/cancel`, { reason: '  ' });
    expect(empty.status).toBe(400);
    expect(fieldError(empty.html, 'f-reason')).toContain('Слишком коротко');
    expect(summaryOf(empty.html)).toContain('Причина отмены');
    expect((await publicRecord(mine.id)).body.commitment).toBe(before.commitment);

    const reason = 'Шорт-лист уточнён <после апелляции>';
    const cancelled = await ru.post(`${drawPage()}/cancel`, { reason });
    expect(cancelled.status).toBe(303);
    expect(cancelled.location).toBe(`${drawPage()}?notice=cancelled`);
    const page = await get(ru, cancelled.location!);
    expect(textOf(page.html)).toContain('Подготовленная жеребьёвка отменена');
    expect(textOf(page.html)).toContain('Жеребьёвка ещё не подготовлена');
    // The second click of the same form: nothing left to cancel, said in words; one cancellation.
    const twice = await ru.post(`${drawPage()}/cancel`, { reason });
    expect(twice.status).toBe(409);
    expect(summaryOf(twice.html)).toContain('Нет подготовленной жеребьёвки');
    expect(await liveDraws(mine.id)).toEqual([{ status: 'cancelled', reason }]);

    const prepared = await ru.post(`${drawPage()}/prepare`, {
      announcedDate: localDate(),
      announcedTime: localTime(),
    });
    expect(prepared.status).toBe(303);
    const record = (await publicRecord(mine.id)).body;
    expect(record.commitment).not.toBe(before.commitment);
    const again = await get(ru, drawPage());
    expect(textOf(again.html)).toContain(reason);
    expect(textOf(again.html)).toContain(before.commitment);
    expect(again.html).not.toContain('<после');
  });

  it('the ceremony before the announced time says in words that the time has not come', async () => {
    const record = (await publicRecord(mine.id)).body;
    const page = await get(ru, ceremony());
    const text = textOf(page.html);
    expect(text).toContain(`Жеребьёвка конкурса «${mine.title.ru}»`);
    expect(text).toContain(record.commitment.match(/.{8}/g).join(' '));
    expect(text).toContain(`Объявленное время ещё не наступило: жеребьёвка назначена на ${shown(announced, 'ru')}`);
    expect(text).toContain('через пробел, например: 07 12 33 41 45');
    const kkPage = await get(kk, ceremony());
    expect(textOf(kkPage.html)).toContain('Жарияланған уақыт әлі келген жоқ');
  });

  it('refuses a bad public entropy at the field and draws nothing', async () => {
    t.clock.advance(DAY + HOUR);
    const onTime = await get(ru, ceremony());
    expect(textOf(onTime.html)).not.toContain('Объявленное время ещё не наступило');

    const empty = await ru.post(ceremony(), { publicEntropy: '   ' });
    expect(empty.status).toBe(400);
    expect(fieldError(empty.html, 'f-publicEntropy')).toContain('Введите числа, вытянутые перед камерой');
    expect(summaryOf(empty.html)).toContain('Числа, вытянутые перед камерой');

    const long = await kk.post(ceremony(), { publicEntropy: '7 '.repeat(300) });
    expect(long.status).toBe(400);
    expect(fieldError(long.html, 'f-publicEntropy')).toBe('Тым ұзын: ең көбі 500 таңба.');
    expect(long.html).toContain(`value="${'7 '.repeat(299)}7"`);

    // A character no database can keep: refused before any page runs (the site's bad-request page).
    const nul = await ru.post(ceremony(), { publicEntropy: '07\u0000 12' });
    expect(nul.status).toBe(400);

    expect((await publicRecord(mine.id)).body.status).toBe('prepared');
  });

  it('runs the draw once: every arm with numbers and titles, the balance table; a double submit draws once', async () => {
    const entropy = '07 12 33 41 45';
    const [first, second] = await Promise.all([
      ru.post(ceremony(), { publicEntropy: entropy }),
      ru.post(ceremony(), { publicEntropy: '99 98 97' }),
    ]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect([first.location, second.location].sort()).toEqual([
      `${ceremony()}?notice=already_drawn`,
      `${ceremony()}?notice=drawn`,
    ]);
    const record = (await publicRecord(mine.id)).body;
    expect(record.status).toBe('drawn');
    expect(verifyDrawRecord(record)).toEqual({ ok: true });
    expect(['07 12 33 41 45', '99 98 97']).toContain(record.publicEntropy);

    const page = await get(ru, `${ceremony()}?notice=drawn`);
    const text = textOf(page.html);
    expect(text).toContain('Жеребьёвка проведена и опубликована');
    expect(text).toContain(`Публичное случайное значение: ${record.publicEntropy}`);
    expect(page.html).toContain('data-reveal-controls');
    for (const arm of ['A', 'B', 'C']) {
      const expected = record.assignments
        .filter((a: { arm: string }) => a.arm === arm)
        .map((a: { applicationNumber: string }) => a.applicationNumber)
        .sort();
      expect(armNumbers(page.html, arm)).toEqual(expected);
      expect(text).toContain(`Группа ${arm} — ${expected.length}`);
      for (const number of expected) expect(text).toContain(`${number} ${titles.get(number)}`);
    }
    expect(tableRows(page.html, 'draw-balance-strata')).toHaveLength(4);
    expect(page.html).toContain('id="draw-balance-people"');
    expect(text).toContain(record.seed);

    // The refreshed POST, later: the same result, nothing drawn again.
    const refreshed = await ru.post(ceremony(), { publicEntropy: '1' });
    expect(refreshed.location).toBe(`${ceremony()}?notice=already_drawn`);
    const shown = await get(ru, refreshed.location!);
    expect(textOf(shown.html)).toContain('Жеребьёвка уже проведена: она проводится один раз');
    expect(shown.html).not.toContain('data-reveal-controls');
    for (const arm of ['A', 'B', 'C']) expect(armNumbers(shown.html, arm)).toEqual(armNumbers(page.html, arm));
    const after = (await publicRecord(mine.id)).body;
    expect(after.seed).toBe(record.seed);
    expect(after.publicEntropy).toBe(record.publicEntropy);
    expect(after.assignments).toEqual(record.assignments);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'draw.drawn' AND entity_id = $1`,
      [mine.id],
    );
    expect(n).toBe(1);
  });

  it('after the draw shows the seed, the entropy, the arms, the balance and the public page with its check; preparing or cancelling again changes nothing', async () => {
    const record = (await publicRecord(mine.id)).body;
    const page = await get(kk, drawPage());
    const text = textOf(page.html);
    expect(text).toContain('Жеребе өткізілді');
    expect(text).toContain(`Құпия кездейсоқ сан ${record.seed}`);
    expect(text).toContain(`Жария кездейсоқ мән ${record.publicEntropy}`);
    expect(text).toContain('«Осы жеребені тексеру» батырмасы');
    expect(page.html).toContain(`href="/draws/${mine.id}"`);
    for (const arm of ['A', 'B', 'C']) expect(armNumbers(page.html, arm).length).toBeGreaterThan(0);
    expect(page.html).toContain('id="draw-balance-strata"');
    expect(page.html).not.toContain('/draw/cancel"');

    const prepare = await kk.post(`${drawPage()}/prepare`, { announcedDate: '', announcedTime: '' });
    expect(prepare.location).toBe(`${drawPage()}?notice=already_prepared`);
    const cancel = await kk.post(`${drawPage()}/cancel`, { reason: 'Қайта өткізгіміз келеді' });
    expect(cancel.status).toBe(409);
    expect(summaryOf(cancel.html)).toContain('Дайындалған жеребе жоқ');
    const after = (await publicRecord(mine.id)).body;
    expect(after.status).toBe('drawn');
    expect(after.assignments).toEqual(record.assignments);
    const publicPage = await new PageClient(t, '10.31.1.2').get(`/draws/${mine.id}`);
    expect(publicPage.status).toBe(200);
    expect(publicPage.html).toContain('id="draw-check"');
  });
});
