import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { openCompetition, readyDraft } from '../support/competitions';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;

describe('volunteer awards: the jury scores within each nomination and the top one per nomination wins', () => {
  let t: TestApp;
  let organizer: TestAccount;
  let jury: TestAccount;
  let competition: any;
  const nominees: { id: string; nomination: string; share: number }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await makeAdmin(t, await signUp(t, 'organizer'));
    competition = await openCompetition(t, organizer.accessToken, 'volunteer-awards', new Date(Date.now() + DAY));
    jury = await signUp(t, 'jury');
    await t.db.query(
      `INSERT INTO competition_memberships (competition_id, user_id, role, status) VALUES ($1, $2, 'commission', 'active')`,
      [competition.id, jury.userId],
    );
    await t.db.query(
      `UPDATE competitions SET rulebook = jsonb_set(rulebook, '{selection,quorum}', '1') WHERE id = $1`,
      [competition.id],
    );
    const [first, second] = competition.rulebook.nominations.map((n: { code: string }) => n.code);
    const plan = [
      { nomination: first, share: 0.9 },
      { nomination: first, share: 0.6 },
      { nomination: second, share: 0.5 },
      { nomination: second, share: 0.7 },
    ];
    for (const [i, p] of plan.entries()) {
      const volunteer = await signUp(t, `volunteer${i}`);
      const id = await readyDraft(t, volunteer.accessToken, competition, { applicantKind: 'individual' });
      const app = await t.call('GET', `/applications/${id}`, { token: volunteer.accessToken });
      await t.call('PATCH', `/applications/${id}`, {
        token: volunteer.accessToken,
        body: { version: app.body.version, nomination: p.nomination },
      });
      expect((await t.call('POST', `/applications/${id}/submit`, { token: volunteer.accessToken })).status).toBe(200);
      nominees.push({ id, ...p });
    }
    // Intake closes only once the deadline has passed; the clock goes back so later steps keep today's dates.
    t.clock.advance(DAY + 1000);
    await t.call('POST', `/competitions/${competition.id}/close`, { token: organizer.accessToken });
    t.clock.reset();
    await t.call('POST', `/competitions/${competition.id}/screening/run`, { token: organizer.accessToken });
    for (const n of nominees)
      await t.call('PUT', `/applications/${n.id}/screening`, {
        token: organizer.accessToken,
        body: { decision: 'screened_in' },
      });
    await t.call('POST', `/competitions/${competition.id}/screening/publish`, { token: organizer.accessToken });
    await t.call('POST', `/competitions/${competition.id}/assignments`, { token: organizer.accessToken, body: {} });
    for (const n of nominees) {
      const scores = competition.rulebook.criteria.map(
        (c: { code: string; maxPoints: number; step: number; commentBelow?: number }) => {
          const points = Math.round((c.maxPoints * n.share) / c.step) * c.step;
          return {
            criterion: c.code,
            points,
            ...(c.commentBelow !== undefined && points < c.commentBelow ? { comment: 'Дәлел аз' } : {}),
          };
        },
      );
      expect(
        (
          await t.call('PUT', `/applications/${n.id}/scores/me`, {
            token: jury.accessToken,
            body: { version: 0, scores },
          })
        ).status,
      ).toBe(200);
    }
    expect(
      (
        await t.call('POST', `/competitions/${competition.id}/scoring/close`, {
          token: organizer.accessToken,
          body: {},
        })
      ).status,
    ).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('selects the best nominee of each nomination, and says the others lost to a filled nomination', async () => {
    const res = await t.call('POST', `/competitions/${competition.id}/selection`, { token: organizer.accessToken });
    expect(res.status).toBe(200);
    const by = Object.fromEntries(res.body.map((o: { applicationId: string }) => [o.applicationId, o]));
    expect(by[nominees[0].id]).toMatchObject({ selected: true, reason: 'selected' });
    expect(by[nominees[1].id]).toMatchObject({ selected: false, reason: 'nomination_filled' });
    expect(by[nominees[3].id]).toMatchObject({ selected: true });
    expect(by[nominees[2].id]).toMatchObject({ selected: false, reason: 'nomination_filled' });
    // Ranked across the whole competition, selected within nominations: the 0.7 nominee wins although the 0.6 one is not last.
    const ranking = await t.call('GET', `/competitions/${competition.id}/ranking`, { token: organizer.accessToken });
    expect(ranking.body.map((r: { applicationId: string }) => r.applicationId)).toEqual([
      nominees[0].id,
      nominees[3].id,
      nominees[1].id,
      nominees[2].id,
    ]);
  });
});
