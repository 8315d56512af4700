import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { prepareDraw, runDraw, shortlistedYouthCompetition } from '../support/draws';
import { drawnYouthCompetition, DrawnTeam } from '../support/mentors';
import { fieldError, PageClient, signedInPages, textOf, ticked } from '../support/page-client';
import { createTestApp, TestApp } from '../support/test-app';
import { almatyDay, contractWithPayments } from '../support/training';

let nextIp = 10;

/** Issue 16, deliverables 6 and 7: the organizer's training page, attendance checklists, the compliance tables. */
describe('web pages: training and arms compliance', () => {
  let t: TestApp;
  let organizer: TestAccount;
  let competition: { id: string; teams: DrawnTeam[] };
  let a1: DrawnTeam, b1: DrawnTeam, c1: DrawnTeam;
  let ru: PageClient;
  let kk: PageClient;

  const browserOf = (account: TestAccount | null, lang: 'kk' | 'ru') =>
    signedInPages(t, account, lang, `10.42.0.${nextIp++}`);
  const base = () => `/organizer/competitions/${competition.id}/training`;
  const sessionsOf = async () =>
    (
      await t.db.query(
        `SELECT id, to_char(held_on, 'YYYY-MM-DD') AS held_on, topic FROM training_sessions WHERE competition_id = $1 ORDER BY held_on`,
        [competition.id],
      )
    ).map((r: { id: string; held_on: string; topic: string }) => r);

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await makeAdmin(t, await signUp(t, 'training-pages-organizer', 'ru'));
    competition = await drawnYouthCompetition(t, organizer.accessToken, [{ arm: 'A' }, { arm: 'B' }, { arm: 'C' }], {
      kk: 'Оқыту беттері',
      ru: 'Страницы обучения',
    });
    [a1, b1, c1] = competition.teams;
    ru = await browserOf(organizer, 'ru');
    // The language is remembered on the account: the Kazakh pages are another organizer's.
    kk = await browserOf(await makeAdmin(t, await signUp(t, 'training-pages-kk', 'kk')), 'kk');
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the organizer the training arms, no sessions yet, and the compliance table with its rules', async () => {
    const page = await ru.get(base());
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Обучение и полученное');
    expect(text).toContain('В обучении участвуют команды групп A, C: 2 команды, 6 человек.');
    expect(text).toContain('Занятий пока нет.');
    expect(text).toContain('Назначено и получено');
    expect(text).toContain('Обучение: не меньше половины участников команды посетили не меньше половины');
    expect(text).toContain('не меньше 2 встреч');
    // Not drawn in public: the organizer is told the table opens after the draw.
    expect(text).toContain('Жеребьёвка ещё не опубликована');
    for (const team of [a1, b1, c1]) expect(text).toContain(team.number);
    const hub = textOf((await ru.get(`/organizer/competitions/${competition.id}`)).html);
    expect(hub).toContain('Обучение и полученное');
  });

  it('adds a session by a plain form; a classroom without a place is refused at its field, values kept; twice saves once', async () => {
    const refused = await ru.post(`${base()}/sessions`, {
      heldOn: almatyDay(-1),
      minutes: '90',
      topic: 'Командная работа',
      place: '',
    });
    expect(refused.status).toBe(400);
    expect(fieldError(refused.html, 'f-place')).toBe(
      'Если занятие проходит не онлайн, укажите место проведения. Ничего не сохранено.',
    );
    expect(refused.html).toContain('value="Командная работа"');
    expect(textOf(refused.html)).toMatch(/^Ошибка: .*Что нужно исправить Место проведения: Если занятие/);
    expect(await sessionsOf()).toEqual([]);

    const bad = await kk.post(`${base()}/sessions`, { heldOn: '2026-13-01', minutes: 'көп', topic: 'Б', place: 'x' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'f-heldOn')).toBeTruthy();
    expect(fieldError(bad.html, 'f-minutes')).toBeTruthy();

    const form = { heldOn: almatyDay(-1), minutes: '90', topic: 'Командная работа', place: 'Молодёжный центр' };
    const ok = await ru.post(`${base()}/sessions`, form);
    expect(ok.status).toBe(303);
    expect(textOf((await ru.follow(ok)).html)).toContain('Занятие добавлено.');
    const twice = await ru.post(`${base()}/sessions`, form);
    expect(twice.location).toContain('notice=exists');
    const ahead = await ru.post(`${base()}/sessions`, {
      heldOn: almatyDay(7),
      minutes: '60',
      topic: 'Бюджет проекта',
      online: 'on',
      place: '',
    });
    expect(ahead.status).toBe(303);
    const sessions = await sessionsOf();
    expect(sessions.map((s: { topic: string }) => s.topic)).toEqual(['Командная работа', 'Бюджет проекта']);
    const page = textOf((await ru.get(base())).html);
    expect(page).toContain('90 минут');
    expect(page).toContain('впереди');
    expect(page).toContain('Отметить присутствие');
  });

  it('marks attendance from checkboxes grouped by team (A and C only); the same list again is unchanged', async () => {
    const [held, ahead] = await sessionsOf();
    const url = `${base()}/sessions/${held.id}`;
    const page = await ru.get(url);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain(`${a1.number} —`);
    expect(text).toContain(`${c1.number} —`);
    expect(text).not.toContain(b1.number);
    expect(page.html.match(/name="attendeeIins"/g)).toHaveLength(6);
    const version = /name="version" value="(\d+)"/.exec(page.html)![1];

    const present = [a1.members[0].iin, a1.members[1].iin, c1.members[0].iin];
    const saved = await ru.post(url, { version, attendeeIins: present });
    expect(saved.status).toBe(303);
    const after = await ru.follow(saved);
    expect(textOf(after.html)).toContain('Присутствие сохранено.');
    expect(textOf(after.html)).toContain('Присутствовали: 3 человека');
    expect(ticked(after.html, 'attendeeIins').sort()).toEqual([...present].sort());

    // The same form sent again (a double tap): nothing changes, no conflict.
    const again = await ru.post(url, { version, attendeeIins: present });
    expect(again.location).toContain('notice=unchanged');
    // A different list from the stale page: the whole form is refused, what was ticked kept.
    const stale = await ru.post(url, { version, attendeeIins: [a1.members[2].iin] });
    expect(stale.status).toBe(409);
    expect(textOf(stale.html)).toContain('Запись уже изменил кто-то другой');
    expect(ticked(stale.html, 'attendeeIins')).toEqual([a1.members[2].iin]);

    // An arm B member slipped into the form is named at the checklist.
    const stranger = await kk.post(url, { version: String(Number(version) + 1), attendeeIins: [b1.members[0].iin] });
    expect(stranger.status).toBe(400);
    expect(fieldError(stranger.html, 'f-attendeeIins')).toContain(b1.members[0].iin);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM training_attendance WHERE session_id = $1`, [
      held.id,
    ]);
    expect(n).toBe(3);

    // A session ahead has no checklist yet.
    const future = await ru.get(`${base()}/sessions/${ahead.id}`);
    expect(textOf(future.html)).toContain('Это занятие ещё не прошло');
    expect(future.html).not.toContain('name="attendeeIins"');
  });

  it('shows each application’s outcome to the organizer, and another competition’s session is not found', async () => {
    await contractWithPayments(t, {
      competitionId: competition.id,
      applicationId: b1.id,
      createdBy: organizer.userId,
      status: 'active',
      amount: 600_000,
      payments: [600_000],
    });
    const text = textOf((await ru.get(base())).html);
    expect(text).toContain('действует; оплачено 600 000 ₸ из 600 000 ₸');
    expect(text).toContain('оплачено полностью: 1');
    expect(text).toContain('2 из 3, нужно 2');
    const other = await drawnYouthCompetition(t, organizer.accessToken, [{ arm: 'C' }], { kk: 'Басқа', ru: 'Другой' });
    const [held] = await sessionsOf();
    expect((await ru.get(`/organizer/competitions/${other.id}/training/sessions/${held.id}`)).status).toBe(404);
    const visitor = await browserOf(null, 'ru');
    expect((await visitor.get(`/competitions/${competition.id}/arms-compliance`)).status).toBe(404);
  });

  it('shows anyone the counts per arm once the draw is published, linked from the draw and the competition', async () => {
    const youth = await shortlistedYouthCompetition(t, organizer.accessToken, ['ALM', 'ALM', 'ALM']);
    const visitor = await browserOf(null, 'kk');
    await prepareDraw(t, organizer.accessToken, youth.id);
    expect((await visitor.get(`/competitions/${youth.id}/arms-compliance`)).status).toBe(404);
    const record = await runDraw(t, organizer.accessToken, youth.id, '5 6 7');
    const page = await visitor.get(`/competitions/${youth.id}/arms-compliance`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Тағайындалғаны мен алынғаны');
    expect(text).toContain('A тобы');
    expect(text).toContain('0 / 1 (0%)');
    expect(text).toContain('тағайындалмаған');
    expect(text).toContain('«Алды» дегеніміз не');
    for (const a of record.assignments) expect(text).not.toContain(a.applicationNumber);
    const ruPage = textOf((await (await browserOf(null, 'ru')).get(`/competitions/${youth.id}/arms-compliance`)).html);
    expect(ruPage).toContain('Группа B');
    expect(ruPage).toContain('0 из 1 (0%)');
    expect(ruPage).toContain('не предусмотрено');
    const link = `href="/competitions/${youth.id}/arms-compliance"`;
    expect((await visitor.get(`/draws/${youth.id}`)).html).toContain(link);
    expect((await visitor.get(`/competitions/${youth.id}`)).html).toContain(link);
  });
});
