import { MentorRemindersSweep } from '../../src/modules/mentors/mentor-reminders.sweep';
import { makeAdmin, outboxTo, signUp, TestAccount } from '../support/accounts';
import {
  almatyDate,
  drawnYouthCompetition,
  DrawnTeam,
  invitedMentor,
  lastDayOfThisMonthAtNoon,
  selectedMentor,
} from '../support/mentors';
import { createTestApp, TestApp } from '../support/test-app';
import { createTestWorker, TestWorker } from '../support/worker-app';

/** Issue 16, deliverable 5: mentors of arm A and C teams, their limits, meetings and reminders. */
describe('mentors (API)', () => {
  let t: TestApp;
  let organizer: TestAccount;
  let competition: { id: string; teams: DrawnTeam[] };
  let mentor: TestAccount;
  let a1: DrawnTeam, a2: DrawnTeam, b1: DrawnTeam, c1: DrawnTeam, c2: DrawnTeam;

  const assign = (mentorUserId: string, applicationIds: string[], lang?: 'kk' | 'ru', competitionId = competition.id) =>
    t.call('PUT', `/competitions/${competitionId}/mentors/assignments`, {
      token: organizer.accessToken,
      lang,
      body: { mentorUserId, applicationIds },
    });
  const assignmentsOf = async (userId: string): Promise<string[]> =>
    (
      await t.db.query(`SELECT application_id FROM mentor_assignments WHERE mentor_user_id = $1 ORDER BY 1`, [userId])
    ).map((r: { application_id: string }) => r.application_id);
  const meetingsOf = async (applicationId: string): Promise<number> =>
    (await t.db.query(`SELECT count(*)::int AS n FROM mentor_meetings WHERE application_id = $1`, [applicationId]))[0]
      .n;

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await makeAdmin(t, await signUp(t, 'mentors-organizer'));
    competition = await drawnYouthCompetition(
      t,
      organizer.accessToken,
      [{ arm: 'A' }, { arm: 'A', size: 4 }, { arm: 'B' }, { arm: 'C' }, { arm: 'C', size: 5 }],
      { kk: 'Тәлімгерлер сынағы', ru: 'Проверка наставников' },
    );
    [a1, a2, b1, c1, c2] = competition.teams;
    mentor = await invitedMentor(t, organizer.accessToken, competition.id, { locale: 'ru', lastName: 'Наставникова' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the organizer who may mentor (with the load) and every arm A and C team, arm B left out', async () => {
    const res = await t.call('GET', `/competitions/${competition.id}/mentors`, { token: organizer.accessToken });
    expect(res.status).toBe(200);
    expect(res.body.limits).toEqual({ projects: 2, people: 10 });
    expect(res.body.mentors).toEqual([
      expect.objectContaining({ userId: mentor.userId, source: 'invitation', projects: 0, people: 0 }),
    ]);
    expect(res.body.mentors[0].fullName).toContain('Наставникова');
    expect(res.body.teams.map((x: { applicationId: string }) => x.applicationId).sort()).toEqual(
      [a1.id, a2.id, c1.id, c2.id].sort(),
    );
    expect(res.body.teams.find((x: { applicationId: string }) => x.applicationId === b1.id)).toBeUndefined();
    // The mentor is not an organizer: the organizer's list is not theirs.
    expect((await t.call('GET', `/competitions/${competition.id}/mentors`, { token: mentor.accessToken })).status).toBe(
      403,
    );
  });

  it('assigns a mentor to an arm A and an arm C team, tells the mentor in their language, audits it; the same again changes nothing', async () => {
    const res = await assign(mentor.userId, [a1.id, c1.id]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mentorUserId: mentor.userId, projects: 2, people: 6, changed: true });
    expect(await assignmentsOf(mentor.userId)).toEqual([a1.id, c1.id].sort());
    const mail = await outboxTo(t, mentor.email, 'mentor-assigned');
    expect(mail).toHaveLength(1);
    expect(mail[0].locale).toBe('ru');
    expect(String(mail[0].payload.teams)).toContain(a1.number);
    expect(String(mail[0].payload.teams)).toContain(c1.number);
    const [audit] = await t.db.query(
      `SELECT summary FROM audit_log WHERE action = 'mentor.assignment_changed' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [competition.id],
    );
    expect(audit.summary.after).toMatchObject({ mentorUserId: mentor.userId, projects: 2, people: 6 });

    const again = await assign(mentor.userId, [c1.id, a1.id]);
    expect(again.status).toBe(200);
    expect(again.body.changed).toBe(false);
    expect(await outboxTo(t, mentor.email, 'mentor-assigned')).toHaveLength(1);

    const teams = await t.call('GET', '/me/mentor-teams', { token: mentor.accessToken });
    expect(teams.status).toBe(200);
    expect(teams.body.map((x: { applicationId: string }) => x.applicationId).sort()).toEqual([a1.id, c1.id].sort());
    const first = teams.body.find((x: { applicationId: string }) => x.applicationId === a1.id);
    expect(first).toMatchObject({ arm: 'A', number: a1.number, meetingsThisMonth: 0, required: 2, behind: true });
    expect(first.members.map((m: { iin: string }) => m.iin)).toEqual(a1.members.map((m) => m.iin));
  });

  it('refuses a third project in the caller’s language, at the field, and saves nothing', async () => {
    const ru = await assign(mentor.userId, [a1.id, c1.id, a2.id], 'ru');
    expect(ru.status).toBe(409);
    expect(ru.body.code).toBe('MENTOR_PROJECT_LIMIT');
    expect(ru.body.message).toBe(
      'Наставнику можно назначить не больше 2 проектов: с этим выбором у него было бы 3 проекта. Ничего не сохранено.',
    );
    expect(ru.body.details).toEqual([
      expect.objectContaining({ field: 'applicationIds', code: 'MENTOR_PROJECT_LIMIT' }),
    ]);
    const kk = await assign(mentor.userId, [a1.id, c1.id, a2.id], 'kk');
    expect(kk.body.message).toContain('ең көбі 2 жоба');
    expect(await assignmentsOf(mentor.userId)).toEqual([a1.id, c1.id].sort());
    const [load] = await t.db.query(`SELECT projects, people FROM mentor_loads WHERE mentor_user_id = $1`, [
      mentor.userId,
    ]);
    expect(load).toEqual({ projects: 2, people: 6 });
  });

  it('refuses an arm B team, another competition’s team, and someone who is not a mentor', async () => {
    const other = await invitedMentor(t, organizer.accessToken, competition.id);
    const armB = await assign(other.userId, [b1.id], 'ru');
    expect(armB.status).toBe(409);
    expect(armB.body.code).toBe('NOT_MENTORED_ARM');
    expect(armB.body.message).toContain(b1.number);
    expect(armB.body.message).toContain('группу A или C');

    const elsewhere = await drawnYouthCompetition(t, organizer.accessToken, [{ arm: 'A' }], {
      kk: 'Басқа конкурс',
      ru: 'Другой конкурс',
    });
    expect((await assign(other.userId, [elsewhere.teams[0].id])).status).toBe(404);

    const stranger = await signUp(t, 'not-a-mentor');
    const notMentor = await assign(stranger.userId, [a2.id], 'ru');
    expect(notMentor.status).toBe(409);
    expect(notMentor.body.code).toBe('NOT_A_MENTOR');
    expect(notMentor.body.details[0].field).toBe('mentorUserId');
    expect(await assignmentsOf(other.userId)).toEqual([]);
    expect(await assignmentsOf(stranger.userId)).toEqual([]);
  });

  it('refuses more than 10 people per mentor, and saves nothing', async () => {
    const big = await drawnYouthCompetition(
      t,
      organizer.accessToken,
      [
        { arm: 'A', size: 6 },
        { arm: 'C', size: 6 },
      ],
      { kk: 'Үлкен командалар', ru: 'Большие команды' },
    );
    const m = await invitedMentor(t, organizer.accessToken, big.id);
    const res = await assign(
      m.userId,
      big.teams.map((x) => x.id),
      'ru',
      big.id,
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('MENTOR_PEOPLE_LIMIT');
    expect(res.body.message).toBe(
      'В командах одного наставника может быть не больше 10 человек: с этим выбором было бы 12 человек. Ничего не сохранено.',
    );
    expect(await assignmentsOf(m.userId)).toEqual([]);
    // One team of 6 is fine.
    expect((await assign(m.userId, [big.teams[0].id], 'ru', big.id)).status).toBe(200);
  });

  it('lets only one of two concurrent assignments through when together they would give a mentor a third project', async () => {
    const x = await drawnYouthCompetition(t, organizer.accessToken, [{ arm: 'A' }, { arm: 'C' }], {
      kk: 'Бір уақытта 1',
      ru: 'Одновременно 1',
    });
    const y = await drawnYouthCompetition(t, organizer.accessToken, [{ arm: 'A' }, { arm: 'C' }], {
      kk: 'Бір уақытта 2',
      ru: 'Одновременно 2',
    });
    const m = await invitedMentor(t, organizer.accessToken, x.id);
    await invitedMentor(t, organizer.accessToken, y.id, { account: m });
    const answers = await Promise.all([
      assign(
        m.userId,
        x.teams.map((a) => a.id),
        'ru',
        x.id,
      ),
      assign(
        m.userId,
        y.teams.map((a) => a.id),
        'ru',
        y.id,
      ),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)!.body.code).toBe('MENTOR_PROJECT_LIMIT');
    expect(await assignmentsOf(m.userId)).toHaveLength(2);
    const [load] = await t.db.query(`SELECT projects, people FROM mentor_loads WHERE mentor_user_id = $1`, [m.userId]);
    expect(load).toEqual({ projects: 2, people: 6 });
  });

  it('has the database itself refuse a third project written past the service', async () => {
    const [load] = await t.db.query(`SELECT projects FROM mentor_loads WHERE mentor_user_id = $1`, [mentor.userId]);
    expect(load.projects).toBe(2);
    await expect(
      t.db.query(
        `INSERT INTO mentor_assignments (competition_id, application_id, mentor_user_id, people) VALUES ($1, $2, $3, 4)`,
        [competition.id, a2.id, mentor.userId],
      ),
    ).rejects.toThrow(/chk_mentor_load_projects/);
    expect(await assignmentsOf(mentor.userId)).toEqual([a1.id, c1.id].sort());
  });

  it('takes a winner of the mentor selection as a mentor, who then holds the mentor role', async () => {
    const selected = await selectedMentor(t, organizer.accessToken, 'kk');
    const overview = await t.call('GET', `/competitions/${competition.id}/mentors`, { token: organizer.accessToken });
    expect(overview.body.mentors).toContainEqual(
      expect.objectContaining({ userId: selected.userId, source: 'mentor_selection' }),
    );
    const res = await assign(selected.userId, [c2.id]);
    expect(res.status).toBe(200);
    const [role] = await t.db.query(
      `SELECT status FROM competition_memberships WHERE competition_id = $1 AND user_id = $2 AND role = 'mentor'`,
      [competition.id, selected.userId],
    );
    expect(role.status).toBe('active');
    expect((await outboxTo(t, selected.email, 'mentor-assigned'))[0].locale).toBe('kk');
  });

  describe('meetings', () => {
    const meeting = (team: DrawnTeam, over: Record<string, unknown> = {}) => ({
      heldOn: almatyDate(0),
      minutes: 90,
      topic: 'Жоба жоспары',
      attendeeIins: team.members.slice(0, 2).map((m) => m.iin),
      ...over,
    });
    const log = (token: string, team: DrawnTeam, body: Record<string, unknown>, lang?: 'kk' | 'ru') =>
      t.call('POST', `/applications/${team.id}/mentor-meetings`, { token, lang, body });

    it('logs a meeting of my team; the same form sent twice, even at once, is one meeting', async () => {
      const first = await log(mentor.accessToken, a1, meeting(a1));
      expect(first.status).toBe(201);
      expect(first.body.alreadyLogged).toBe(false);
      expect(first.body.meeting).toMatchObject({ heldOn: almatyDate(0), minutes: 90, topic: 'Жоба жоспары' });
      const again = await log(mentor.accessToken, a1, meeting(a1, { topic: '  Жоба   жоспары ' }));
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({ alreadyLogged: true, meeting: { id: first.body.meeting.id } });
      const both = await Promise.all([
        log(mentor.accessToken, c1, meeting(c1, { topic: 'Бюджет' })),
        log(mentor.accessToken, c1, meeting(c1, { topic: 'Бюджет' })),
      ]);
      expect(both.map((r) => r.status)).toEqual([201, 201]);
      expect(both.map((r) => r.body.alreadyLogged).sort()).toEqual([false, true]);
      expect(await meetingsOf(a1.id)).toBe(1);
      expect(await meetingsOf(c1.id)).toBe(1);
      const [audit] = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'mentor.meeting_logged' AND entity_id = $1`,
        [a1.id],
      );
      expect(audit.n).toBe(1);
      // The team's applicant reads the meetings too; a stranger gets "not found".
      const seen = await t.call('GET', `/applications/${a1.id}/mentor-meetings`, { token: a1.applicant.accessToken });
      expect(seen.status).toBe(200);
      expect(seen.body).toHaveLength(1);
      const stranger = await signUp(t, 'meetings-stranger');
      expect(
        (await t.call('GET', `/applications/${a1.id}/mentor-meetings`, { token: stranger.accessToken })).status,
      ).toBe(404);
    });

    it('refuses a meeting for a team not mine (404), an attendee outside the team, a future date: clear words, nothing saved', async () => {
      const before = await meetingsOf(a2.id);
      expect((await log(mentor.accessToken, a2, meeting(a2))).status).toBe(404);
      expect((await log(mentor.accessToken, b1, meeting(b1))).status).toBe(404);
      expect(await meetingsOf(a2.id)).toBe(before);

      const stranger = await log(
        mentor.accessToken,
        a1,
        meeting(a1, { topic: 'Бөгде адам', attendeeIins: [a1.members[0].iin, c1.members[0].iin] }),
        'ru',
      );
      expect(stranger.status).toBe(400);
      expect(stranger.body.code).toBe('ATTENDEE_NOT_IN_TEAM');
      expect(stranger.body.message).toBe(
        `ИИН ${c1.members[0].iin} не принадлежит участнику этой команды: присутствующими можно отметить только членов команды. Ничего не сохранено.`,
      );
      expect(stranger.body.details[0].field).toBe('attendeeIins');

      const future = await log(mentor.accessToken, a1, meeting(a1, { topic: 'Ертең', heldOn: almatyDate(2) }), 'kk');
      expect(future.status).toBe(400);
      expect(future.body.code).toBe('MEETING_IN_FUTURE');
      expect(future.body.message).toContain('Кездесу күні бүгіннен кейін бола алмайды');
      expect(future.body.details[0].field).toBe('heldOn');

      const short = await log(mentor.accessToken, a1, meeting(a1, { topic: 'Қысқа', minutes: 0 }), 'ru');
      expect(short.status).toBe(400);
      expect(short.body.details[0]).toMatchObject({ field: 'minutes', code: 'TOO_SMALL' });
      expect(await meetingsOf(a1.id)).toBe(1);
    });

    it('tells the organizer who is behind this month: a team with one meeting is, with two it is not', async () => {
      const behind = async () =>
        (await t.call('GET', `/competitions/${competition.id}/mentors`, { token: organizer.accessToken })).body.teams
          .filter((x: { behind: boolean }) => x.behind)
          .map((x: { applicationId: string }) => x.applicationId);
      expect((await behind()).sort()).toEqual([a1.id, c1.id, c2.id].sort());
      expect((await log(mentor.accessToken, a1, meeting(a1, { topic: 'Екінші кездесу' }))).status).toBe(201);
      expect((await behind()).sort()).toEqual([c1.id, c2.id].sort());
      const mine = await t.call('GET', '/me/mentor-teams', { token: mentor.accessToken });
      expect(mine.body.find((x: { applicationId: string }) => x.applicationId === a1.id)).toMatchObject({
        meetingsThisMonth: 2,
        behind: false,
      });
    });
  });

  describe('reminders before the month ends (worker sweep)', () => {
    let worker: TestWorker;
    beforeAll(async () => {
      worker = await createTestWorker();
    });
    afterAll(async () => {
      await worker.close();
    });

    it('reminds the mentor of a team behind, once per team and month, in the mentor’s language; not mid-month, not a team on track', async () => {
      const sweep = worker.app.get(MentorRemindersSweep);
      const end = lastDayOfThisMonthAtNoon();
      const midMonth = new Date(end.getTime() - 20 * 24 * 3600 * 1000);
      await sweep.run(midMonth);
      expect(await outboxTo(t, mentor.email, 'mentor-meetings-reminder')).toHaveLength(0);

      await sweep.run(end);
      await sweep.run(new Date(end.getTime() + 3600 * 1000));
      const sent = await outboxTo(t, mentor.email, 'mentor-meetings-reminder');
      // a1 had its two meetings; c1 has one: one reminder, about c1, in Russian.
      expect(sent).toHaveLength(1);
      expect(sent[0].locale).toBe('ru');
      expect(sent[0].payload).toMatchObject({ number: c1.number, held: 1, required: 2 });
      expect(String(sent[0].payload.link)).toContain(`/mentor/teams/${c1.id}`);
    });
  });
});
