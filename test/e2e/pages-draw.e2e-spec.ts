import { randomUUID } from 'node:crypto';
import { messageSource } from '../../src/common/i18n/i18n';
import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { prepareDraw, runDraw, shortlistedYouthCompetition } from '../support/draws';
import { PageClient, PageResponse, textOf } from '../support/page-client';
import { createTestApp, TestApp } from '../support/test-app';

const CHECK_KEYS = [
  'ok',
  'checking',
  'unreadable',
  'MALFORMED',
  'NOT_DRAWN',
  'COMMITMENT_MISMATCH',
  'POOL_HASH_MISMATCH',
  'ASSIGNMENT_MISMATCH',
  'ASSIGNMENT_MISSING',
  'ASSIGNMENT_EXTRA',
];

/** An attribute's value as a browser reads it (the page escapes &, <, > and "). */
function decodeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The opening tag of the element with this id, or undefined. */
function openingTag(html: string, id: string): string | undefined {
  return new RegExp(`<[a-z]+[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0];
}

function attributeOf(tag: string, name: string): string | undefined {
  const raw = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return raw === undefined ? undefined : decodeAttribute(raw);
}

/** The application numbers in one arm's table, as listed. */
function armNumbers(html: string, arm: string): string[] {
  const section = new RegExp(`<section[^>]*data-arm="${arm}"[^>]*>([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';
  return [...section.matchAll(/<td class="mono nowrap">([^<]+)<\/td>/g)].map((m) => m[1]);
}

/** A table's body rows as the text of their cells. */
function tableRows(html: string, id: string): string[][] {
  const table = new RegExp(`<table id="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => textOf(cell[1])),
  );
}

describe('web pages: the public draw page /draws/:competitionId', () => {
  let t: TestApp;
  let organizer: TestAccount;
  let competition: { id: string; title: { kk: string; ru: string } };
  let personal: string[];
  const regions = ['ALM', 'ALM', 'ALM', 'KAR', 'KAR', 'PAV', 'PAV'];
  // 10:00 UTC is 15:00 in Almaty (UTC+5): the page shows the competition's local time.
  const announcedAt = '2030-06-03T10:00:00Z';

  const visit = (path: string, locale: 'kk' | 'ru' = 'kk'): Promise<PageResponse> => {
    const browser = new PageClient(t);
    browser.cookies.set('lang', locale);
    return browser.get(path);
  };

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await makeAdmin(t, await signUp(t, 'draw-page-organizer'));
    competition = await shortlistedYouthCompetition(t, organizer.accessToken, regions);
    const members: { iin: string; last_name: string; first_name: string }[] = await t.db.query(
      `SELECT iin, last_name, first_name FROM application_members WHERE competition_id = $1`,
      [competition.id],
    );
    const owners: { email: string }[] = await t.db.query(
      `SELECT u.email FROM applications a JOIN users u ON u.id = a.applicant_user_id WHERE a.competition_id = $1`,
      [competition.id],
    );
    personal = [...members.flatMap((m) => [m.iin, m.first_name]), ...owners.map((o) => o.email)];
    expect(personal.length).toBeGreaterThan(regions.length);
  });
  afterAll(async () => {
    t.clock.reset();
    await t.close();
  });

  it('answers the not-found page for an unknown competition, a malformed id, and a competition without a prepared draw', async () => {
    for (const path of [`/draws/${randomUUID()}`, '/draws/not-a-uuid', `/draws/${competition.id}`]) {
      const page = await visit(path);
      expect(page.status).toBe(404);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(textOf(page.html)).toContain('Бет табылмады');
    }
  });

  it('after a cancelled preparation, before the next, says so and keeps the published commitment with the reason', async () => {
    const prepared = await prepareDraw(t, organizer.accessToken, competition.id);
    const cancelled = await t.call('POST', `/competitions/${competition.id}/draw/cancel`, {
      token: organizer.accessToken,
      body: { reason: 'Қысқа тізім түзетілді <b>қайта</b>' },
    });
    expect(cancelled.status).toBe(200);
    const page = await visit(`/draws/${competition.id}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Жеребеге дайындық болдырылмады');
    expect(text).toContain(prepared.commitment);
    expect(text).toContain('Қысқа тізім түзетілді <b>қайта</b>');
    expect(page.html).not.toContain('<b>қайта</b>');
  });

  it('before the draw shows the commitment, the announced local time, the frozen pool by region, the arms and the pool hash; no seed, no personal data', async () => {
    const record = await prepareDraw(t, organizer.accessToken, competition.id, announcedAt);
    const page = await visit(`/draws/${competition.id}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain(`«${competition.title.kk}» конкурсының жеребесі`);
    expect(text).toContain('Жеребе әлі өткізілген жоқ');
    expect(text).toContain(`Алдын ала жарияланған хэш ${record.commitment}`);
    expect(text).toContain(`Өтінімдер тізімінің хэші ${record.poolHash}`);
    expect(text).toContain('Жеребе уақыты 3 маусым 2030, 15:00');
    // The pool: every application with its region, nothing else about the teams.
    expect(record.pool).toHaveLength(regions.length);
    const pool = tableRows(page.html, 'draw-pool');
    expect(pool).toEqual(
      [...record.pool]
        .sort((a, b) => (a.stratum + a.applicationNumber < b.stratum + b.applicationNumber ? -1 : 1))
        .map((e: { applicationNumber: string; stratum: string }) => [
          e.applicationNumber,
          expect.stringMatching(new RegExp(`^.+ облысы \\(${e.stratum}\\)$`)),
        ]),
    );
    expect(text).toContain('Алматы облысы (ALM)');
    expect(text).toContain('Барлығы: 7 өтінім.');
    for (const value of personal) expect(page.html).not.toContain(value);
    // Arms with their weights and what each gives.
    expect(text).toMatch(/A тобы 1 Грант, .*B тобы 1 Тек грант.*C тобы 1 Грантсыз/);
    // The cancelled preparation stays, with its reason (as text, never as markup).
    expect(text).toContain('Болдырылмаған дайындықтар');
    expect(page.html).toContain('Қысқа тізім түзетілді &lt;b>қайта&lt;/b>');
    expect(text).toContain(record.cancelled[0].commitment);
    // No seed before the draw: nothing to check in the browser yet, but the record and the command lines.
    expect(record.seed).toBeNull();
    expect(text).not.toContain('Құпия кездейсоқ сан ');
    expect(openingTag(page.html, 'draw-check')).toBeUndefined();
    expect(page.html).not.toContain('draw-check.js');
    expect(page.html).toContain(`href="/api/v1/public/draws/${competition.id}"`);
    expect(text).toContain(`npm run draw:verify -- http`);
    expect(text).toContain('python3 libs/lottery/verify_draw.py draw.json');
  });

  it('speaks Russian when chosen, with the same record', async () => {
    const page = await visit(`/draws/${competition.id}`, 'ru');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="ru">');
    const text = textOf(page.html);
    expect(text).toContain(`Жеребьёвка конкурса «${competition.title.ru}»`);
    expect(text).toContain('Жеребьёвка ещё не проведена');
    expect(text).toContain('Время жеребьёвки 3 июня 2030, 15:00');
    expect(text).toContain('Алматинская область (ALM)');
    expect(text).toContain('Всего: 7 заявок.');
    expect(text).toMatch(/Группа A 1 Грант, .*Группа C 1 Без гранта/);
  });

  it('after the draw shows the seed, the public entropy, every arm’s applications and the balance table', async () => {
    // The draw takes place at its announced time.
    t.clock.set(new Date(announcedAt));
    const record = await runDraw(t, organizer.accessToken, competition.id, '07 12 33 41 45');
    const page = await visit(`/draws/${competition.id}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Жеребе өткізілді');
    expect(text).toContain(`Құпия кездейсоқ сан ${record.seed}`);
    expect(text).toContain('Жария кездейсоқ мән 07 12 33 41 45');
    expect(text).toContain(`Алдын ала жарияланған хэш ${record.commitment}`);
    for (const value of personal) expect(page.html).not.toContain(value);

    const assignments = record.assignments as { applicationNumber: string; stratum: string; arm: string }[];
    for (const arm of ['A', 'B', 'C']) {
      const expected = assignments
        .filter((a) => a.arm === arm)
        .map((a) => a.applicationNumber)
        .sort();
      expect(armNumbers(page.html, arm)).toEqual(expected);
      expect(text).toContain(`${arm} тобы: ${expected.length} өтінім`);
    }

    const balance = (await t.call('GET', `/public/draws/${competition.id}/balance`)).body;
    const count = (arm: string, stratum: string) =>
      assignments.filter((a) => a.arm === arm && a.stratum === stratum).length;
    expect(tableRows(page.html, 'draw-balance-strata')).toEqual([
      ...['ALM', 'KAR', 'PAV'].map((stratum) => [
        expect.stringContaining(`(${stratum})`),
        ...['A', 'B', 'C'].map((arm) => String(count(arm, stratum))),
        String(regions.filter((r) => r === stratum).length),
      ]),
      ['Барлығы', ...['A', 'B', 'C'].map((arm) => String(assignments.filter((a) => a.arm === arm).length)), '7'],
    ]);
    const people = tableRows(page.html, 'draw-balance-people');
    expect(people[1]).toEqual(['Адам саны', ...balance.arms.map((a: { people: number }) => String(a.people))]);
    expect(people.map((row) => row[0])).toEqual([
      'Өтінім саны',
      'Адам саны',
      'Әйелдер үлесі',
      'Әлеуметтік осал жастардың үлесі',
      'Мүгедектігі бар адамдардың үлесі',
      'Орташа жасы',
    ]);
    expect(people[2].slice(1).every((cell) => /^\d+(,\d)?\s%$/.test(cell))).toBe(true);
    expect(tableRows(page.html, 'draw-balance-differences')).toHaveLength(4);

    // The check: hidden until the script shows it, fetching the public record.
    const section = openingTag(page.html, 'draw-check')!;
    expect(section).toMatch(/\shidden(\s|>|=)/);
    expect(attributeOf(section, 'data-record-url')).toBe(`/api/v1/public/draws/${competition.id}`);
    expect(page.html).toMatch(/<script src="\/assets\/draw-check\.js\?v=[0-9a-f]+" defer>/);
    for (const id of ['draw-check-run', 'draw-check-file', 'draw-check-result']) {
      expect(openingTag(page.html, id)).toBeDefined();
    }
    expect(page.html).toContain('<label for="draw-check-file">');
  });

  it('gives the check script every message, raw templates in the page’s language, as JSON in data-messages', async () => {
    for (const locale of ['kk', 'ru'] as const) {
      const page = await visit(`/draws/${competition.id}`, locale);
      const attribute = attributeOf(openingTag(page.html, 'draw-check')!, 'data-messages');
      expect(attribute).toBeDefined();
      const messages = JSON.parse(attribute!);
      expect(Object.keys(messages).sort()).toEqual([...CHECK_KEYS].sort());
      for (const key of CHECK_KEYS) {
        expect(messages[key]).toBe(messageSource(locale, `pages.draw.check.${key}`));
      }
      expect(messages.ASSIGNMENT_MISMATCH).toContain('{applicationNumber}');
      // Nothing of it is written raw: no script element carries text into the page.
      expect(page.html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    }
  });
});
