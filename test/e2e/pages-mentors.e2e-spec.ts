import { makeAdmin, outboxTo, signUp, TestAccount } from '../support/accounts';
import { almatyDate, drawnYouthCompetition, DrawnTeam, invitedMentor } from '../support/mentors';
import { fieldError, PageClient, signedInPages, textOf, ticked } from '../support/page-client';
import { createTestApp, TestApp } from '../support/test-app';

let nextIp = 10;

/** Issue 16, deliverable 7: the mentor's pages and the organizer's mentors page (inject level). */
describe('web pages: mentors', () => {
  let t: TestApp;
  let organizer: TestAccount;
  let mentor: TestAccount;
  let competition: { id: string; teams: DrawnTeam[] };
  let a1: DrawnTeam, a2: DrawnTeam, b1: DrawnTeam, c1: DrawnTeam;
  let organizerPages: PageClient;
  let mentorPages: PageClient;

  const browserOf = (account: TestAccount, lang: 'kk' | 'ru') => signedInPages(t, account, lang, `10.41.0.${nextIp++}`);
  const base = () => `/organizer/competitions/${competition.id}/mentors`;
  const assignmentsOf = async (userId: string): Promise<string[]> =>
    (
      await t.db.query(`SELECT application_id FROM mentor_assignments WHERE mentor_user_id = $1 ORDER BY 1`, [userId])
    ).map((r: { application_id: string }) => r.application_id);
  const meetingsOf = async (applicationId: string): Promise<number> =>
    (await t.db.query(`SELECT count(*)::int AS n FROM mentor_meetings WHERE application_id = $1`, [applicationId]))[0]
      .n;

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await makeAdmin(t, await signUp(t, 'mentor-pages-organizer', 'ru'));
    competition = await drawnYouthCompetition(
      t,
      organizer.accessToken,
      [{ arm: 'A' }, { arm: 'A' }, { arm: 'B' }, { arm: 'C' }],
      { kk: 'Тәлімгер беттері', ru: 'Страницы наставников' },
    );
    [a1, a2, b1, c1] = competition.teams;
    mentor = await invitedMentor(t, organizer.accessToken, competition.id, { locale: 'kk', lastName: 'Тәлімгерова' });
    organizerPages = await browserOf(organizer, 'ru');
    mentorPages = await browserOf(mentor, 'kk');
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the organizer the arm A and C teams, the mentors and who is behind; refuses the others', async () => {
    const page = await organizerPages.get(base());
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Наставники');
    expect(text).toContain('Страницы наставников');
    for (const team of [a1, a2, c1]) expect(text).toContain(team.number);
    expect(text).not.toContain(b1.number);
    expect(text).toContain('без наставника');
    expect(text).toContain('У всех команд с наставником в этом месяце не меньше 2 встреч.');
    expect(text).toContain('Тәлімгерова Тәлімгер: 0 проектов, 0 человек');
    // No mentor chosen yet: no team checkboxes.
    expect(page.html).not.toContain('name="applicationIds"');

    expect((await mentorPages.get(base())).status).toBe(403);
    const anonymous = await new PageClient(t, '10.41.1.1').get(base());
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toContain('/sign-in?next=');
  });

  it('assigns the chosen mentor’s teams; the same form sent twice changes nothing the second time', async () => {
    const chosen = await organizerPages.get(`${base()}?mentor=${mentor.userId}`);
    expect(chosen.status).toBe(200);
    expect(chosen.html).toContain(`name="mentorUserId" value="${mentor.userId}"`);
    expect(ticked(chosen.html, 'applicationIds')).toEqual([]);

    const saved = await organizerPages.post(base(), { mentorUserId: mentor.userId, applicationIds: [a1.id, c1.id] });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${base()}?mentor=${mentor.userId}&notice=saved#assign`);
    const after = await organizerPages.follow(saved);
    expect(textOf(after.html)).toContain('Команды наставника сохранены.');
    expect(ticked(after.html, 'applicationIds').sort()).toEqual([a1.id, c1.id].sort());
    expect(await assignmentsOf(mentor.userId)).toEqual([a1.id, c1.id].sort());

    const again = await organizerPages.post(base(), { mentorUserId: mentor.userId, applicationIds: [a1.id, c1.id] });
    expect(again.location).toContain('notice=unchanged');
    expect(textOf((await organizerPages.follow(again)).html)).toContain('Ничего не изменилось');
    expect(await outboxTo(t, mentor.email, 'mentor-assigned')).toHaveLength(1);
  });

  it('refuses a third project at the teams’ field, in Russian, keeps what was ticked and saves nothing', async () => {
    const res = await organizerPages.post(base(), {
      mentorUserId: mentor.userId,
      applicationIds: [a1.id, c1.id, a2.id],
    });
    expect(res.status).toBe(409);
    expect(res.html).toMatch(/<title>Ошибка: /);
    const message =
      'Наставнику можно назначить не больше 2 проектов: с этим выбором у него было бы 3 проекта. Ничего не сохранено.';
    expect(fieldError(res.html, 'f-applicationIds')).toBe(message);
    expect(textOf(res.html)).toContain(`Команды наставника: ${message}`);
    expect(textOf(res.html)).toContain('Команды наставника: Тәлімгерова Тәлімгер');
    expect(ticked(res.html, 'applicationIds').sort()).toEqual([a1.id, a2.id, c1.id].sort());
    expect(await assignmentsOf(mentor.userId)).toEqual([a1.id, c1.id].sort());
  });

  it('refuses an arm B team posted by hand and someone who is not a mentor', async () => {
    const armB = await organizerPages.post(base(), { mentorUserId: mentor.userId, applicationIds: [b1.id] });
    expect(armB.status).toBe(409);
    expect(fieldError(armB.html, 'f-applicationIds')).toContain(`Заявка ${b1.number} не в группе с наставником`);
    const stranger = await signUp(t, 'pages-not-a-mentor');
    const notMentor = await organizerPages.post(base(), { mentorUserId: stranger.userId, applicationIds: [a2.id] });
    expect(notMentor.status).toBe(409);
    expect(textOf(notMentor.html)).toContain('Этот человек не наставник этого конкурса');
    expect(await assignmentsOf(mentor.userId)).toEqual([a1.id, c1.id].sort());
    expect(await assignmentsOf(stranger.userId)).toEqual([]);
  });

  it('shows the mentor their teams with this month’s meetings, in Kazakh', async () => {
    const home = await mentorPages.get('/mentor');
    expect(home.status).toBe(200);
    const text = textOf(home.html);
    expect(text).toContain('Тәлімгер ретіндегі командаларым');
    expect(text).toContain(a1.number);
    expect(text).toContain(c1.number);
    expect(text).not.toContain(a2.number);
    expect(text).toContain('Осы айда: 0 кездесу, қажеті — 2');
    expect(home.html).toContain(`href="/mentor/teams/${a1.id}#log"`);
  });

  it('logs a meeting from the form; sent twice, it is logged once', async () => {
    const page = await mentorPages.get(`/mentor/teams/${a1.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`name="heldOn" type="date" value="${almatyDate(0)}"`);
    for (const m of a1.members) expect(textOf(page.html)).toContain(`${m.lastName} ${m.firstName}`);
    const form = {
      heldOn: almatyDate(0),
      minutes: '75',
      topic: 'Жоба жоспарын талқылау',
      attendeeIins: [a1.members[0].iin, a1.members[2].iin],
    };
    const first = await mentorPages.post(`/mentor/teams/${a1.id}/meetings`, form);
    expect(first.status).toBe(303);
    expect(first.location).toBe(`/mentor/teams/${a1.id}?notice=logged`);
    const shown = textOf((await mentorPages.follow(first)).html);
    expect(shown).toContain('Кездесу жазылды.');
    expect(shown).toContain('Жоба жоспарын талқылау');
    expect(shown).toContain('75 минут');
    expect(shown).toContain(`Қатысқандар: ${a1.members[0].lastName} ${a1.members[0].firstName}`);
    expect(shown).toContain('Осы айда: 1 кездесу, қажеті — 2');

    const second = await mentorPages.post(`/mentor/teams/${a1.id}/meetings`, form);
    expect(second.location).toBe(`/mentor/teams/${a1.id}?notice=already`);
    expect(textOf((await mentorPages.follow(second)).html)).toContain('бұрын жазылған');
    expect(await meetingsOf(a1.id)).toBe(1);
  });

  it('refuses a future date, a stranger marked present and no one present, at their fields, keeping what was typed', async () => {
    const url = `/mentor/teams/${c1.id}/meetings`;
    const future = await mentorPages.post(url, {
      heldOn: almatyDate(3),
      minutes: '60',
      topic: 'Ертеңгі кездесу',
      attendeeIins: [c1.members[0].iin],
    });
    expect(future.status).toBe(400);
    expect(fieldError(future.html, 'f-heldOn')).toBe(
      'Кездесу күні бүгіннен кейін бола алмайды: өткен кездесуді ғана жазуға болады. Ештеңе сақталған жоқ.',
    );
    expect(future.html).toContain('value="Ертеңгі кездесу"');
    expect(ticked(future.html, 'attendeeIins')).toEqual([c1.members[0].iin]);

    const stranger = await mentorPages.post(url, {
      heldOn: almatyDate(0),
      minutes: '60',
      topic: 'Бөгде адам',
      attendeeIins: [c1.members[0].iin, a1.members[1].iin],
    });
    expect(stranger.status).toBe(400);
    expect(fieldError(stranger.html, 'f-attendeeIins')).toContain(
      `ЖСН ${a1.members[1].iin} бұл команданың мүшесіне тиесілі емес`,
    );

    const nobody = await mentorPages.post(url, { heldOn: almatyDate(0), minutes: '60', topic: 'Ешкім жоқ' });
    expect(nobody.status).toBe(400);
    expect(fieldError(nobody.html, 'f-attendeeIins')).toBeTruthy();
    const noMinutes = await mentorPages.post(url, {
      heldOn: almatyDate(0),
      minutes: '',
      topic: 'Ұзақтығы жоқ',
      attendeeIins: [c1.members[0].iin],
    });
    expect(noMinutes.status).toBe(400);
    expect(fieldError(noMinutes.html, 'f-minutes')).toBeTruthy();
    expect(await meetingsOf(c1.id)).toBe(0);
  });

  it('answers "not found" for a team that is not mine, and saves nothing', async () => {
    for (const team of [a2, b1]) {
      expect((await mentorPages.get(`/mentor/teams/${team.id}`)).status).toBe(404);
      const post = await mentorPages.post(`/mentor/teams/${team.id}/meetings`, {
        heldOn: almatyDate(0),
        minutes: '60',
        topic: 'Бөтен команда',
        attendeeIins: [team.members[0].iin],
      });
      expect(post.status).toBe(404);
      expect(await meetingsOf(team.id)).toBe(0);
    }
  });

  it("shows a team's applicant their mentor and the meetings on the application page; an arm B team has no mentor section", async () => {
    const leader = await browserOf(a1.applicant, 'kk');
    const page = await leader.get(`/applications/${a1.id}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Командаңыздың тәлімгері — Тәлімгерова Тәлімгер.');
    expect(text).toContain('Жоба жоспарын талқылау');
    expect(text).toContain('Осы айда: 1 кездесу, қажеті — 2');
    const other = await browserOf(b1.applicant, 'ru');
    const armB = textOf((await other.get(`/applications/${b1.id}`)).html);
    expect(armB).not.toContain('Наставник вашей команды');
  });

  it('tells the organizer who is behind this month', async () => {
    const text = textOf((await organizerPages.get(base())).html);
    expect(text).toContain('Кому не хватает встреч в этом месяце');
    expect(text).toContain(`${a1.number} — наставник Тәлімгерова Тәлімгер: 1 встреча, нужно — 2`);
    expect(text).toContain(`${c1.number} — наставник Тәлімгерова Тәлімгер: 0 встреч, нужно — 2`);
  });
});
