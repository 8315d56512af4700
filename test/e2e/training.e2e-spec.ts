import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { prepareDraw, runDraw, shortlistedYouthCompetition } from '../support/draws';
import { drawnYouthCompetition, DrawnTeam, invitedMentor } from '../support/mentors';
import { createTestApp, TestApp } from '../support/test-app';
import { almatyDay, contractWithPayments, invitedOrganizer, lastMonthDay } from '../support/training';

/** Issue 16, deliverable 6: training attendance per person and the assigned-versus-received table per arm. */
describe('training and arms compliance (API)', () => {
  let t: TestApp;
  let admin: TestAccount;
  let organizer: TestAccount;
  let stranger: TestAccount;
  let competition: { id: string; teams: DrawnTeam[] };
  let a1: DrawnTeam, a2: DrawnTeam, b1: DrawnTeam, b2: DrawnTeam, c1: DrawnTeam, c2: DrawnTeam;
  const sessions: Record<string, { id: string; version: number }> = {};

  const url = (path = '') => `/competitions/${competition.id}/training-sessions${path}`;
  const createSession = (body: Record<string, unknown>, options: { lang?: 'kk' | 'ru'; key?: string } = {}) =>
    t.call('POST', url(), {
      token: organizer.accessToken,
      lang: options.lang,
      headers: options.key ? { 'idempotency-key': options.key } : {},
      body,
    });
  const mark = (sessionId: string, attendeeIins: string[], version: number, lang?: 'kk' | 'ru') =>
    t.call('PUT', url(`/${sessionId}/attendance`), {
      token: organizer.accessToken,
      lang,
      body: { attendeeIins, version },
    });
  const presentAt = async (sessionId: string): Promise<string[]> =>
    (await t.db.query(`SELECT iin FROM training_attendance WHERE session_id = $1 ORDER BY iin`, [sessionId])).map(
      (r: { iin: string }) => r.iin,
    );
  const iins = (team: DrawnTeam, n = team.members.length) => team.members.slice(0, n).map((m) => m.iin);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeAdmin(t, await signUp(t, 'training-admin'));
    competition = await drawnYouthCompetition(
      t,
      admin.accessToken,
      [{ arm: 'A' }, { arm: 'A', size: 4 }, { arm: 'B' }, { arm: 'B' }, { arm: 'C' }, { arm: 'C', size: 5 }],
      { kk: 'Оқыту сынағы', ru: 'Проверка обучения' },
    );
    [a1, a2, b1, b2, c1, c2] = competition.teams;
    organizer = await invitedOrganizer(t, admin.accessToken, competition.id, 'ru');
    stranger = await signUp(t, 'training-stranger');
  });
  afterAll(async () => {
    await t.close();
  });

  it('plans sessions (past, today, ahead), audited; the same day and topic again, or the same key, creates one', async () => {
    const past = await createSession(
      {
        heldOn: almatyDay(-2),
        minutes: 120,
        topic: 'Өмірлік дағдылар: команда',
        online: false,
        place: 'Жастар орталығы',
      },
      { key: 'training-session-past' },
    );
    expect(past.status).toBe(201);
    expect(past.body).toMatchObject({ alreadyCreated: false, session: { held: true, present: 0, version: 1 } });
    const sameKey = await createSession(
      {
        heldOn: almatyDay(-2),
        minutes: 120,
        topic: 'Өмірлік дағдылар: команда',
        online: false,
        place: 'Жастар орталығы',
      },
      { key: 'training-session-past' },
    );
    expect(sameKey.body.session.id).toBe(past.body.session.id);
    const twice = await createSession({
      heldOn: almatyDay(-2),
      minutes: 90,
      topic: '  Өмірлік  дағдылар: команда ',
      online: false,
      place: 'Жастар орталығы',
    });
    expect(twice.status).toBe(201);
    expect(twice.body).toMatchObject({ alreadyCreated: true, session: { id: past.body.session.id, minutes: 120 } });
    sessions.past = past.body.session;

    const today = await createSession({ heldOn: almatyDay(0), minutes: 90, topic: 'Жобаны басқару', online: true });
    expect(today.status).toBe(201);
    expect(today.body.session).toMatchObject({ held: true, online: true, place: null });
    sessions.today = today.body.session;
    const ahead = await createSession({
      heldOn: almatyDay(10),
      minutes: 60,
      topic: 'Бюджет',
      online: false,
      place: 'Талдықорған',
    });
    expect(ahead.body.session.held).toBe(false);
    sessions.ahead = ahead.body.session;

    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM training_sessions WHERE competition_id = $1`, [
      competition.id,
    ]);
    expect(n).toBe(3);
    const audits = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'training.session_created' AND entity_id = $1`,
      [competition.id],
    );
    expect(audits[0].n).toBe(3);
  });

  it('refuses a classroom session without a place, and bad input, in the caller’s language; nothing saved', async () => {
    const ru = await createSession(
      { heldOn: almatyDay(1), minutes: 60, topic: 'Тайм-менеджмент', online: false },
      {
        lang: 'ru',
      },
    );
    expect(ru.status).toBe(400);
    expect(ru.body).toMatchObject({ code: 'TRAINING_PLACE_REQUIRED', details: [{ field: 'place' }] });
    expect(ru.body.message).toBe('Если занятие проходит не онлайн, укажите место проведения. Ничего не сохранено.');
    const kk = await createSession({ heldOn: '2026-02-30', minutes: 5, topic: 'x', online: 'иә' }, { lang: 'kk' });
    expect(kk.status).toBe(400);
    expect(kk.body.code).toBe('VALIDATION_FAILED');
    expect(kk.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'heldOn',
      'minutes',
      'online',
      'topic',
    ]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM training_sessions WHERE competition_id = $1`, [
      competition.id,
    ]);
    expect(n).toBe(3);
  });

  it('lists the sessions and the teams of the training arms (A and C, not B) with their members', async () => {
    const res = await t.call('GET', url(), { token: organizer.accessToken });
    expect(res.status).toBe(200);
    expect(res.body.trainingArms).toEqual(['A', 'C']);
    expect(res.body.teams.map((x: { applicationId: string }) => x.applicationId).sort()).toEqual(
      [a1.id, a2.id, c1.id, c2.id].sort(),
    );
    expect(res.body.teams.find((x: { applicationId: string }) => x.applicationId === c2.id).members).toHaveLength(5);
    expect(res.body.sessions.map((s: { id: string }) => s.id)).toEqual([
      sessions.ahead.id,
      sessions.today.id,
      sessions.past.id,
    ]);
  });

  it('marks attendance per person, audited; the same list again changes nothing; a stale version is 409', async () => {
    const res = await mark(sessions.past.id, [...iins(a1, 2), ...iins(a2, 1), ...iins(c2, 2)], 1);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ changed: true, session: { present: 5, version: 2 } });
    expect(await presentAt(sessions.past.id)).toEqual([...iins(a1, 2), ...iins(a2, 1), ...iins(c2, 2)].sort());

    const again = await mark(sessions.past.id, [...iins(c2, 2), ...iins(a2, 1), ...iins(a1, 2)], 1);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ changed: false, session: { version: 2 } });

    const stale = await mark(sessions.past.id, iins(a1, 3), 1, 'ru');
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect(await presentAt(sessions.past.id)).toHaveLength(5);

    // One person unticked: the whole list is the truth.
    const fewer = await mark(sessions.past.id, [...iins(a1, 2), ...iins(a2, 1), ...iins(c2, 1)], 2);
    expect(fewer.body).toMatchObject({ changed: true, session: { present: 4, version: 3 } });
    const today = await mark(sessions.today.id, [...iins(c1), ...iins(c2, 1)], 1);
    expect(today.status).toBe(200);

    const audits = await t.db.query(
      `SELECT summary FROM audit_log WHERE action = 'training.attendance_marked' AND entity_id = $1 ORDER BY id`,
      [competition.id],
    );
    expect(audits).toHaveLength(3);
    expect(audits[1].summary.after).toMatchObject({ sessionId: sessions.past.id, present: 4, added: 0, removed: 1 });
  });

  it('refuses an arm B member or a stranger, and a session not yet held, naming why; nothing saved', async () => {
    const armB = await mark(sessions.today.id, [...iins(c1), iins(b1)[0]], 2, 'ru');
    expect(armB.status).toBe(400);
    expect(armB.body.code).toBe('ATTENDEE_NOT_IN_TRAINING');
    expect(armB.body.message).toContain(iins(b1)[0]);
    expect(armB.body.details).toEqual([expect.objectContaining({ field: 'attendeeIins' })]);
    const kk = await mark(sessions.today.id, [iins(b1)[0]], 2, 'kk');
    expect(kk.body.message).toContain('Ештеңе сақталған жоқ');
    const ahead = await mark(sessions.ahead.id, iins(c1), 1, 'ru');
    expect(ahead.status).toBe(409);
    expect(ahead.body.code).toBe('SESSION_NOT_YET_HELD');
    expect(ahead.body.message).toContain('ещё не прошло');
    expect(await presentAt(sessions.today.id)).toEqual([...iins(c1), ...iins(c2, 1)].sort());
    expect(await presentAt(sessions.ahead.id)).toEqual([]);
  });

  it('keeps other people out: a signed-in stranger is refused, another competition’s session is not found', async () => {
    expect((await t.call('GET', url(), { token: stranger.accessToken })).status).toBe(403);
    expect((await t.call('GET', url(), {})).status).toBe(401);
    const other = await drawnYouthCompetition(t, admin.accessToken, [{ arm: 'C' }], { kk: 'Басқа', ru: 'Другой' });
    const elsewhere = await t.call('GET', `/competitions/${other.id}/training-sessions/${sessions.past.id}`, {
      token: admin.accessToken,
    });
    expect(elsewhere.status).toBe(404);
    const markElsewhere = await t.call(
      'PUT',
      `/competitions/${other.id}/training-sessions/${sessions.past.id}/attendance`,
      { token: admin.accessToken, body: { attendeeIins: [], version: 3 } },
    );
    expect(markElsewhere.status).toBe(404);
    expect(await presentAt(sessions.past.id)).toHaveLength(4);
  });

  it('counts assigned versus received per arm against a hand-built programme', async () => {
    // Grants: A1 active and half paid, A2 signed by the team only; B1 completed and paid in full, B2 active, unpaid.
    await contractWithPayments(t, {
      competitionId: competition.id,
      applicationId: a1.id,
      createdBy: admin.userId,
      status: 'active',
      amount: 1_000_000,
      payments: [500_000],
    });
    await contractWithPayments(t, {
      competitionId: competition.id,
      applicationId: a2.id,
      createdBy: admin.userId,
      status: 'signed_by_grantee',
      amount: 900_000,
      payments: [],
    });
    await contractWithPayments(t, {
      competitionId: competition.id,
      applicationId: b1.id,
      createdBy: admin.userId,
      status: 'completed',
      amount: 800_000,
      payments: [400_000, 400_000],
    });
    await contractWithPayments(t, {
      competitionId: competition.id,
      applicationId: b2.id,
      createdBy: admin.userId,
      status: 'active',
      amount: 700_000,
      payments: [],
    });
    // Mentors: A1 and C1 since the first of last month (A1 met twice then, C1 once), C2 since today, A2 none.
    const mentor = await invitedMentor(t, admin.accessToken, competition.id);
    const second = await invitedMentor(t, admin.accessToken, competition.id);
    for (const [who, teams] of [
      [mentor, [a1.id, c1.id]],
      [second, [c2.id]],
    ] as const) {
      const res = await t.call('PUT', `/competitions/${competition.id}/mentors/assignments`, {
        token: admin.accessToken,
        body: { mentorUserId: who.userId, applicationIds: teams },
      });
      expect(res.status).toBe(200);
    }
    await t.db.query(`UPDATE mentor_assignments SET assigned_at = $2::timestamptz WHERE application_id = ANY($1)`, [
      [a1.id, c1.id],
      `${lastMonthDay(1)}T00:00:00+05:00`,
    ]);
    for (const [team, days] of [
      [a1, [3, 17]],
      [c1, [10]],
    ] as const) {
      for (const day of days) {
        const res = await t.call('POST', `/applications/${team.id}/mentor-meetings`, {
          token: mentor.accessToken,
          body: { heldOn: lastMonthDay(day), minutes: 60, topic: `Кездесу ${day}`, attendeeIins: iins(team, 2) },
        });
        expect(res.status).toBe(201);
      }
    }
    // Training so far: 2 sessions held (the third is ahead), so a person needs 1; a team of 3 needs 2 people,
    // of 4 needs 2, of 5 needs 3. A1: 2 of 3 ✓, A2: 1 of 4 ✗, C1: 3 of 3 ✓, C2: 1 of 5 (the same one at both) ✗.

    const res = await t.call('GET', `/competitions/${competition.id}/arms-compliance`, {
      token: organizer.accessToken,
    });
    expect(res.status).toBe(200);
    expect(res.body.rules).toEqual({
      grant: { contractStates: ['active', 'completed'], minimumPayments: 1 },
      training: { sessionShare: 0.5, teamShare: 0.5, sessionsHeld: 2, sessionsPlanned: 3 },
      mentor: { meetingsPerMonth: 2 },
    });
    const arm = (code: string) => res.body.arms.find((a: { arm: string }) => a.arm === code);
    expect(arm('A')).toMatchObject({
      entitles: ['grant', 'training', 'mentor'],
      applications: 2,
      grant: { entitled: true, received: 1, percent: 50, paidInFull: 0 },
      training: { entitled: true, received: 1, percent: 50 },
      mentor: { entitled: true, received: 1, percent: 50 },
    });
    expect(arm('B')).toMatchObject({
      entitles: ['grant'],
      applications: 2,
      grant: { entitled: true, received: 1, percent: 50, paidInFull: 1 },
      training: { entitled: false, received: 0, percent: 0 },
      mentor: { entitled: false, received: 0, percent: 0 },
    });
    expect(arm('C')).toMatchObject({
      entitles: ['training', 'mentor'],
      applications: 2,
      grant: { entitled: false, received: 0 },
      training: { entitled: true, received: 1, percent: 50 },
      mentor: { entitled: true, received: 1, percent: 50 },
    });
    const row = (team: DrawnTeam) =>
      res.body.applications.find((r: { applicationId: string }) => r.applicationId === team.id);
    expect(row(a1)).toMatchObject({
      number: a1.number,
      grant: { received: true, contractStatus: 'active', amount: 1_000_000, paid: 500_000, paidInFull: false },
      training: { received: true, members: 3, membersAttending: 2, membersNeeded: 2, sessionsNeeded: 1 },
      mentor: { received: true, assigned: true, meetings: 2, fullMonths: 1, monthsBehind: [] },
    });
    expect(row(a2).grant).toMatchObject({ received: false, contractStatus: 'signed_by_grantee' });
    expect(row(a2).mentor).toMatchObject({ received: false, assigned: false });
    expect(row(b1).grant).toMatchObject({ received: true, paid: 800_000, paidInFull: true });
    expect(row(c1).mentor).toMatchObject({ received: false, meetings: 1, monthsBehind: [lastMonthDay(1).slice(0, 7)] });
    expect(row(c2)).toMatchObject({
      training: { received: false, members: 5, membersAttending: 1, membersNeeded: 3 },
      mentor: { received: true, fullMonths: 0 },
    });
  });

  it('is the organizers’ alone before the draw: the public and a stranger get 404', async () => {
    // This competition's arms were set without a published draw.
    expect((await t.call('GET', `/competitions/${competition.id}/arms-compliance`, {})).status).toBe(404);
    const res = await t.call('GET', `/competitions/${competition.id}/arms-compliance`, {
      token: stranger.accessToken,
    });
    expect(res.status).toBe(404);
    expect(res.body.applications).toBeUndefined();
  });

  it('is public once the draw is published: counts per arm as drawn, no application rows', async () => {
    const youth = await shortlistedYouthCompetition(t, admin.accessToken, ['ALM', 'ALM', 'ALM', 'KAR', 'KAR', 'KAR']);
    const path = `/competitions/${youth.id}/arms-compliance`;
    expect((await t.call('GET', path, {})).status).toBe(404);
    await prepareDraw(t, admin.accessToken, youth.id);
    expect((await t.call('GET', path, {})).status).toBe(404);
    const organizerView = await t.call('GET', path, { token: admin.accessToken });
    expect(organizerView.status).toBe(200);
    expect(organizerView.body).toMatchObject({ drawn: false, applications: [] });

    const record = await runDraw(t, admin.accessToken, youth.id, '11 22 33');
    const res = await t.call('GET', path, { lang: 'ru' });
    expect(res.status).toBe(200);
    expect(res.body.drawn).toBe(true);
    expect(res.body.drawnAt).toBe(record.drawnAt);
    expect(res.body.applications).toBeUndefined();
    for (const code of ['A', 'B', 'C']) {
      const drawn = record.assignments.filter((a: { arm: string }) => a.arm === code).length;
      expect(res.body.arms.find((a: { arm: string }) => a.arm === code)).toMatchObject({
        applications: drawn,
        grant: { received: 0, percent: 0 },
        training: { received: 0 },
        mentor: { received: 0 },
      });
    }
    expect(res.body.arms.find((a: { arm: string }) => a.arm === 'B').meaning.ru).toContain('Только грант');
    expect(JSON.stringify(res.body)).not.toMatch(/\d{12}/);
  });
});
