import { randomUUID } from 'node:crypto';
import { makeAdmin, personBody, signUp, TestAccount } from '../support/accounts';
import { memberOfAge, openCompetition, readyDraft } from '../support/competitions';
import { createTestApp, TestApp } from '../support/test-app';
import { readDocx } from '../support/docx-reader';
import { EnvironmentVariables } from '../../config/env.validation';
import { NotificationsService } from '../../src/modules/notifications/notifications.service';
import { SweepRegistry } from '../../src/modules/notifications/scheduler/sweep-registry';
import { ScoringRemindersSweep } from '../../src/modules/scoring/scoring-reminders.sweep';

const readDocxText = async (buffer: Buffer) => (await readDocx(buffer)).paragraphs.join('\n');

const DAY = 24 * 3600 * 1000;

/** Scores every criterion at `share` of its maximum, on the criterion's step. */
function scoresAt(criteria: { code: string; maxPoints: number; step: number; commentBelow?: number }[], share: number) {
  return criteria.map((c) => {
    const points = Math.round((c.maxPoints * share) / c.step) * c.step;
    return {
      criterion: c.code,
      points,
      ...(c.commentBelow !== undefined && points < c.commentBelow ? { comment: 'Негізделмеген бюджет' } : {}),
    };
  });
}

describe('commission scoring, ranking and selection', () => {
  let t: TestApp;
  let organizer: TestAccount;
  let competition: any;
  const experts: TestAccount[] = [];
  const apps: { id: string; applicant: TestAccount }[] = [];
  let conflictedMember: TestAccount;

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await makeAdmin(t, await signUp(t, 'organizer'));
    competition = await openCompetition(t, organizer.accessToken, 'mini-grants-district', new Date(Date.now() + DAY));
    for (let i = 0; i < 3; i += 1) {
      const expert = await signUp(t, `expert${i}`);
      await t.db.query(
        `INSERT INTO competition_memberships (competition_id, user_id, role, status) VALUES ($1, $2, 'commission', 'active')`,
        [competition.id, expert.userId],
      );
      experts.push(expert);
    }
    // Expert 2 is in the team of the first application: the system must suggest the conflict.
    const person = personBody({}, '1990-05-05', 'male');
    expect((await t.call('PUT', '/me/person', { token: experts[2].accessToken, body: person })).status).toBe(200);
    conflictedMember = experts[2];
    const districts = (await t.call('GET', '/territories?parent=ZHT')).body.filter(
      (x: { kind: string }) => x.kind === 'district',
    );
    for (let i = 0; i < 4; i += 1) {
      const applicant = await signUp(t, `ngo${i}`);
      const members =
        i === 0
          ? [
              { iin: person.iin, lastName: 'Сарапшы', firstName: 'Екінші', phone: '+7 701 000 00 01' },
              memberOfAge(30),
              memberOfAge(31),
            ]
          : undefined;
      // Two applications from the same district: only one can win under "one per district".
      const territoryCode = districts[i === 3 ? 2 : i].code;
      const id = await readyDraft(t, applicant.accessToken, competition, {
        members,
        territoryCode,
        applicantKind: 'initiative_group',
      });
      expect((await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken })).status).toBe(200);
      apps.push({ id, applicant });
    }
    // Intake closes at the deadline, never before.
    t.clock.advance(DAY + 60_000);
    // Intake closes only once the deadline has passed; the clock goes back so later steps keep today's dates.
    t.clock.advance(DAY + 1000);
    await t.call('POST', `/competitions/${competition.id}/close`, { token: organizer.accessToken });
    t.clock.reset();
    await t.call('POST', `/competitions/${competition.id}/screening/run`, { token: organizer.accessToken });
    for (const a of apps)
      await t.call('PUT', `/applications/${a.id}/screening`, {
        token: organizer.accessToken,
        body: { decision: 'screened_in' },
      });
    expect(
      (await t.call('POST', `/competitions/${competition.id}/screening/publish`, { token: organizer.accessToken }))
        .status,
    ).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('assigns every application to every member except the suggested conflict', async () => {
    const res = await t.call('POST', `/competitions/${competition.id}/assignments`, {
      token: organizer.accessToken,
      body: {},
    });
    expect(res.status).toBe(200);
    expect(res.body.assignments).toBe(4 * 3 - 1);
    const mine = await t.call('GET', `/competitions/${competition.id}/assignments`, {
      token: conflictedMember.accessToken,
    });
    expect(mine.body.items.map((i: { applicationId: string }) => i.applicationId)).not.toContain(apps[0].id);
    expect(mine.body.pendingConflicts).toEqual([
      expect.objectContaining({ applicationId: apps[0].id, reason: 'team_member' }),
    ]);
    // The conflicted member cannot see or score it: 404.
    expect(
      (await t.call('GET', `/applications/${apps[0].id}/scores/me`, { token: conflictedMember.accessToken })).status,
    ).toBe(404);
    const plain = await signUp(t, 'plain');
    expect(
      (await t.call('GET', `/competitions/${competition.id}/assignments`, { token: plain.accessToken })).status,
    ).toBe(403);
  });

  it('names a malformed id as an invalid id', async () => {
    const res = await t.call('POST', `/competitions/${competition.id}/conflicts`, {
      token: conflictedMember.accessToken,
      body: { applicationId: 'not-an-id', reason: 'тексеру' },
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'applicationId', code: 'INVALID_ID' })]);
  });

  it('reminds each member with pending work once a day, with how many are left', async () => {
    const sweep = new ScoringRemindersSweep(
      t.db,
      new SweepRegistry(),
      t.app.get(NotificationsService),
      t.app.get(EnvironmentVariables),
    );
    // The run's database holds other suites' competitions too: count this competition's reminders.
    const reminders = async () =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM notification_outbox WHERE template = 'scoring-reminder' AND competition_id = $1`,
          [competition.id],
        )
      )[0].n;
    expect(await sweep.run(new Date())).toBeGreaterThanOrEqual(3);
    expect(await reminders()).toBe(3);
    expect(await sweep.run(new Date())).toBe(0);
    expect(await reminders()).toBe(3);
    const [row] = await t.db.query(
      `SELECT payload FROM notification_outbox WHERE template = 'scoring-reminder' AND recipient_email = $1`,
      [conflictedMember.email],
    );
    expect(row.payload.pending).toBe(3);
  });

  it('validates points, requires comments for low scores, and refuses a stale version with 409', async () => {
    const criteria = competition.rulebook.criteria;
    const url = `/applications/${apps[1].id}/scores/me`;
    const bad = await t.call('PUT', url, {
      token: experts[0].accessToken,
      body: {
        version: 0,
        scores: [
          { criterion: criteria[0].code, points: criteria[0].maxPoints + 1 },
          { criterion: 'nope', points: 1 },
        ],
      },
    });
    expect(bad.status).toBe(400);
    const codes = bad.body.details.map((d: { code: string }) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['TOO_LARGE', 'CRITERION_UNKNOWN', 'CRITERION_MISSING']));
    const first = await t.call('PUT', url, {
      token: experts[0].accessToken,
      body: { version: 0, scores: scoresAt(criteria, 0.8) },
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(1);
    const tabA = await t.call('PUT', url, {
      token: experts[0].accessToken,
      body: { version: 1, scores: scoresAt(criteria, 0.9) },
    });
    const tabB = await t.call('PUT', url, {
      token: experts[0].accessToken,
      body: { version: 1, scores: scoresAt(criteria, 0.5) },
    });
    expect([tabA.status, tabB.status]).toEqual([200, 409]);
    expect((await t.call('GET', url, { token: experts[0].accessToken })).body.version).toBe(2);
    // No selection while scoring is open.
    expect(
      (await t.call('POST', `/competitions/${competition.id}/selection`, { token: organizer.accessToken })).body.code,
    ).toBe('SELECTION_NOT_OPEN');
    // Another member sees only their own (empty) scores.
    expect((await t.call('GET', url, { token: experts[1].accessToken })).body).toMatchObject({
      scores: [],
      version: 0,
    });
  });

  it('never loses a score silently: a second first save or a stale version is a 409 and audits nothing', async () => {
    const criteria = competition.rulebook.criteria;
    const url = `/applications/${apps[2].id}/scores/me`;
    const member = experts[0];
    const scoredEntries = async () =>
      (
        await t.db.query(
          `SELECT summary FROM audit_log WHERE action = 'commission.scored' AND entity_id = $1 AND actor_id = $2 ORDER BY id`,
          [apps[2].id, member.userId],
        )
      ).map((r: { summary: { after: { total: number; version: number } } }) => r.summary.after);
    const tabA = await t.call('PUT', url, {
      token: member.accessToken,
      body: { version: 0, scores: scoresAt(criteria, 0.8) },
    });
    expect(tabA.status).toBe(200);
    // A second tab opened before the first save also starts from version 0, with other points.
    const tabB = await t.call('PUT', url, {
      token: member.accessToken,
      lang: 'ru',
      body: { version: 0, scores: scoresAt(criteria, 0.4) },
    });
    expect(tabB.status).toBe(409);
    expect(tabB.body.code).toBe('VERSION_CONFLICT');
    expect(tabB.body.message).toContain('Обновите страницу');
    const stored = await t.call('GET', url, { token: member.accessToken });
    expect(stored.body).toMatchObject({ total: tabA.body.total, version: 1 });
    // The audit keeps the exact total; the member reads it to two decimals (8, not 7.999999999999999).
    expect(
      (await scoredEntries()).map((e: { total: number; version: number }) => ({
        ...e,
        total: Number(e.total.toFixed(2)),
      })),
    ).toEqual([{ total: tabA.body.total, version: 1 }]);
    expect(String(tabA.body.total)).toMatch(/^\d+(\.\d{1,2})?$/);
    // A version the member never read (ahead of, or long behind, the stored one) moves nothing either.
    for (const version of [5, 1_000]) {
      const stale = await t.call('PUT', url, {
        token: member.accessToken,
        body: { version, scores: scoresAt(criteria, 0.2) },
      });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
    }
    expect((await t.call('GET', url, { token: member.accessToken })).body).toMatchObject({
      total: tabA.body.total,
      version: 1,
    });
    expect(await scoredEntries()).toHaveLength(1);
  });

  it('refuses to close below quorum, listing the applications, unless forced with a reason', async () => {
    const notYet = await t.call('GET', `/competitions/${competition.id}/ranking`, { token: organizer.accessToken });
    expect([notYet.status, notYet.body.code]).toEqual([409, 'RESULTS_NOT_YET']);
    const refused = await t.call('POST', `/competitions/${competition.id}/scoring/close`, {
      token: organizer.accessToken,
      body: {},
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('BELOW_QUORUM');
    // Everyone scores everything now: app 1 best, then 2, 3 (same district as 2), 0.
    const shares = [0.5, 0.9, 0.7, 0.6];
    for (const expert of experts) {
      const mine = await t.call('GET', `/competitions/${competition.id}/assignments`, { token: expert.accessToken });
      for (const item of mine.body.items) {
        const share = shares[apps.findIndex((a) => a.id === item.applicationId)];
        const res = await t.call('PUT', `/applications/${item.applicationId}/scores/me`, {
          token: expert.accessToken,
          body: { version: item.scoreVersion ?? 0, scores: scoresAt(competition.rulebook.criteria, share) },
        });
        expect(res.status).toBe(200);
      }
    }
    // The conflicted member's application cannot reach the quorum of 3: listed, then forced with a reason.
    const still = await t.call('POST', `/competitions/${competition.id}/scoring/close`, {
      token: organizer.accessToken,
      body: {},
    });
    expect(still.body.code).toBe('BELOW_QUORUM');
    const number0 = (await t.call('GET', `/applications/${apps[0].id}`, { token: organizer.accessToken })).body.number;
    expect(still.body.message).toContain(number0);
    expect(
      (
        await t.call('POST', `/competitions/${competition.id}/scoring/close`, {
          token: organizer.accessToken,
          body: { force: true },
        })
      ).status,
    ).toBe(400);
    const closed = await t.call('POST', `/competitions/${competition.id}/scoring/close`, {
      token: organizer.accessToken,
      body: { force: true, reason: 'Мүдделер қақтығысы: екі сарапшы ғана бағалай алады' },
    });
    expect(closed.status).toBe(200);
    expect(closed.body.belowQuorum).toEqual([number0]);
    expect(
      (
        await t.call('PUT', `/applications/${apps[1].id}/scores/me`, {
          token: experts[0].accessToken,
          body: { version: 2, scores: scoresAt(competition.rulebook.criteria, 1) },
        })
      ).status,
    ).toBe(409);
  });

  it('ranks by mean, excludes the conflicted member from the count, and selects one per district', async () => {
    // Closed but not published: "not yet" for the public, the ranking for the organizer.
    const early = await t.call('GET', `/competitions/${competition.id}/ranking`);
    expect([early.status, early.body.code]).toEqual([409, 'RESULTS_NOT_YET']);
    const ranking = await t.call('GET', `/competitions/${competition.id}/ranking`, { token: organizer.accessToken });
    expect(ranking.status).toBe(200);
    expect(ranking.body.map((r: { applicationId: string }) => r.applicationId)).toEqual([
      apps[1].id,
      apps[2].id,
      apps[3].id,
      apps[0].id,
    ]);
    expect(ranking.body[0].mean).toBeGreaterThan(ranking.body[1].mean);
    expect(ranking.body.find((r: { applicationId: string }) => r.applicationId === apps[0].id).count).toBe(2);
    expect(ranking.body[0]).toMatchObject({ rank: 1, count: 3 });
    const selection = await t.call('POST', `/competitions/${competition.id}/selection`, {
      token: organizer.accessToken,
      lang: 'ru',
    });
    expect(selection.status).toBe(200);
    const byApp = Object.fromEntries(selection.body.map((o: { applicationId: string }) => [o.applicationId, o]));
    expect(byApp[apps[1].id]).toMatchObject({ selected: true, reason: 'selected' });
    expect(byApp[apps[2].id]).toMatchObject({ selected: true });
    expect(byApp[apps[3].id]).toMatchObject({ selected: false, reason: 'district_taken' });
    expect(byApp[apps[3].id].explanation).toContain('района');
    expect(byApp[apps[0].id]).toMatchObject({ selected: false, reason: 'below_quorum' });
    const statuses = await t.db.query(`SELECT id, status FROM applications WHERE competition_id = $1`, [
      competition.id,
    ]);
    expect(statuses.find((s: { id: string }) => s.id === apps[3].id).status).toBe('not_selected');
    expect(statuses.find((s: { id: string }) => s.id === apps[1].id).status).toBe('winner');
  });

  it('builds the protocol in both languages, then publishes results to everyone and tells every applicant', async () => {
    expect((await t.call('GET', `/competitions/${competition.id}/protocol.docx?lang=kk`)).status).toBe(404);
    const kk = await t.call('GET', `/competitions/${competition.id}/protocol.docx?lang=kk`, {
      token: organizer.accessToken,
    });
    expect(kk.status).toBe(200);
    expect(kk.headers['content-type']).toContain('wordprocessingml');
    const text = await readDocxText(kk.raw);
    expect(text).toContain('ХАТТАМА');
    const numbers = (
      await t.db.query(`SELECT number FROM applications WHERE competition_id = $1`, [competition.id])
    ).map((r: { number: string }) => r.number);
    for (const n of numbers) expect(text).toContain(n);
    expect(text).toContain('комиссия мүшесі өтінім берген команданың құрамында');
    expect(text).not.toContain('Негізделмеген бюджет');
    const ru = await readDocxText(
      (await t.call('GET', `/competitions/${competition.id}/protocol.docx?lang=ru`, { token: organizer.accessToken }))
        .raw,
    );
    expect(ru).toContain('ПРОТОКОЛ');
    expect(ru).toContain('не более одного победителя от района (города)');
    const published = await t.call('POST', `/competitions/${competition.id}/results/publish`, {
      token: organizer.accessToken,
    });
    expect(published.body).toEqual({ told: 4 });
    expect((await t.call('GET', `/competitions/${competition.id}/ranking`)).status).toBe(200);
    expect((await t.call('GET', `/competitions/${competition.id}/protocol.docx`)).status).toBe(200);
    const told = await t.db.query(
      `SELECT recipient_email, payload FROM notification_outbox WHERE template = 'competition-results' AND competition_id = $1`,
      [competition.id],
    );
    expect(told).toHaveLength(4);
    const loser = told.find((m: { recipient_email: string }) => m.recipient_email === apps[3].applicant.email);
    expect(loser.payload).toMatchObject({ selected: false });
    expect(loser.payload.explanation.length).toBeGreaterThan(10);
    expect(
      (await t.call('POST', `/competitions/${competition.id}/results/publish`, { token: organizer.accessToken }))
        .status,
    ).toBe(409);
  });

  it('a declared conflict removes the member and their score everywhere', async () => {
    const other = await openCompetition(
      t,
      organizer.accessToken,
      'mini-grants-district',
      new Date(t.clock.now().getTime() + DAY),
    );
    expect(
      (
        await t.call('POST', `/competitions/${other.id}/conflicts`, {
          token: experts[0].accessToken,
          body: { applicationId: randomUUID(), reason: 'Туысым' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call('POST', `/competitions/${competition.id}/conflicts`, {
          token: experts[0].accessToken,
          body: { applicationId: randomUUID(), reason: 'Туысым' },
        })
      ).status,
    ).toBe(404);
  });
});
