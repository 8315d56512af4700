import { randomBytes } from 'node:crypto';
import { verifyDrawRecord } from '../../libs/lottery';
import { makeAdmin, signUp, TEST_PASSWORD, TestAccount } from '../support/accounts';
import { openCompetition, readyDraft } from '../support/competitions';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;
const secret = () => randomBytes(32).toString('hex');

/**
 * The draw's seed is sealed under its own key (DRAW_SEAL_KEY), never under the JWT secrets:
 * an operator who rotates those after a leak must still be able to run a prepared draw. And
 * what the draw publishes is computed on the day of the draw, not on the day it is read.
 */
describe('the draw across key rotations and time', () => {
  let t: TestApp;
  const others: TestApp[] = [];
  let organizer: TestAccount;

  /** A youth competition whose commission's shortlist is given (screening and scoring have their own suites). */
  async function shortlisted(app: TestApp, teams = 6): Promise<{ id: string }> {
    const competition = await openCompetition(
      app,
      organizer.accessToken,
      'youth-micro-projects',
      new Date(Date.now() + DAY),
    );
    for (let i = 0; i < teams; i++) {
      const applicant = await signUp(app, `keys-team${i}`);
      const id = await readyDraft(app, applicant.accessToken, competition, {
        territoryCode: i % 2 ? 'ALM' : 'KAR',
        applicantKind: 'initiative_group',
      });
      expect((await app.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken })).status).toBe(200);
    }
    await app.db.query(`UPDATE applications SET status = 'shortlisted' WHERE competition_id = $1`, [competition.id]);
    await app.db.query(`UPDATE competitions SET status = 'results' WHERE id = $1`, [competition.id]);
    return competition;
  }

  async function signIn(app: TestApp): Promise<string> {
    const login = await app.call('POST', '/auth/login', { body: { email: organizer.email, password: TEST_PASSWORD } });
    expect(login.status).toBe(200);
    return login.body.accessToken;
  }

  async function another(env: Record<string, string>): Promise<TestApp> {
    const app = await createTestApp(env);
    others.push(app);
    return app;
  }

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await makeAdmin(t, await signUp(t, 'keys-organizer'));
  });
  afterAll(async () => {
    for (const app of others) await app.close();
    await t.close();
  });

  it('a draw prepared before the JWT secrets were rotated is still drawn, and verifies', async () => {
    const competition = await shortlisted(t);
    const prepared = await t.call('POST', `/competitions/${competition.id}/draw/prepare`, {
      token: organizer.accessToken,
      body: {},
    });
    expect(prepared.status).toBe(200);

    const rotated = await another({ JWT_ACCESS_SECRET: secret(), JWT_REFRESH_SECRET: secret() });
    // The old token is worthless now: the rotation did what it is for.
    expect((await rotated.call('GET', '/me', { token: organizer.accessToken })).status).toBe(401);
    const drawn = await rotated.call('POST', `/competitions/${competition.id}/draw`, {
      token: await signIn(rotated),
      body: { publicEntropy: '04 18 27' },
    });
    expect(drawn.status).toBe(200);
    expect(drawn.body.commitment).toBe(prepared.body.commitment);
    expect(verifyDrawRecord(drawn.body)).toEqual({ ok: true });
  });

  it('a new draw seal key seals new draws while the old one still opens the draws it sealed; without it the organizer is told why', async () => {
    const oldKey = process.env.DRAW_SEAL_KEY!;
    const competition = await shortlisted(t);
    expect(
      (await t.call('POST', `/competitions/${competition.id}/draw/prepare`, { token: organizer.accessToken, body: {} }))
        .status,
    ).toBe(200);
    const [{ seal_key_id: oldId }] = await t.db.query(`SELECT seal_key_id FROM draws WHERE competition_id = $1`, [
      competition.id,
    ]);
    expect(oldKey.startsWith(`${oldId}:`)).toBe(true);

    const newOnly = await another({ DRAW_SEAL_KEY: `next-1:${secret()}` });
    const refused = await newOnly.call('POST', `/competitions/${competition.id}/draw`, {
      token: await signIn(newOnly),
      body: { publicEntropy: '11' },
      lang: 'ru',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('DRAW_SEAL_KEY_MISSING');
    expect(refused.body.message).toContain(`«${oldId}»`);
    expect(refused.body.message).toMatch(/Жеребьёвку провести нельзя/);
    // Nothing moved: the draw is still prepared and the teams still shortlisted.
    expect((await newOnly.call('GET', `/public/draws/${competition.id}`)).body.status).toBe('prepared');

    const both = await another({ DRAW_SEAL_KEY: `next-1:${secret()},${oldKey}` });
    const drawn = await both.call('POST', `/competitions/${competition.id}/draw`, {
      token: await signIn(both),
      body: { publicEntropy: '11' },
    });
    expect(drawn.status).toBe(200);
    expect(verifyDrawRecord(drawn.body)).toEqual({ ok: true });

    const fresh = await shortlisted(both);
    expect(
      (await both.call('POST', `/competitions/${fresh.id}/draw/prepare`, { token: await signIn(both), body: {} }))
        .status,
    ).toBe(200);
    const [{ seal_key_id: newId }] = await both.db.query(`SELECT seal_key_id FROM draws WHERE competition_id = $1`, [
      fresh.id,
    ]);
    expect(newId).toBe('next-1');
  });

  it('the balance table counts ages on the day of the draw, whatever day it is read', async () => {
    const competition = await shortlisted(t, 8);
    const drawDay = new Date('2031-07-01T06:00:00Z');
    t.clock.set(drawDay);
    try {
      expect(
        (
          await t.call('POST', `/competitions/${competition.id}/draw/prepare`, {
            token: organizer.accessToken,
            body: {},
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await t.call('POST', `/competitions/${competition.id}/draw`, {
            token: organizer.accessToken,
            body: { publicEntropy: '5' },
          })
        ).status,
      ).toBe(200);
      const atDraw = (await t.call('GET', `/public/draws/${competition.id}/balance`)).body;
      const arms: { arm: string; ages: number[] }[] = await t.db.query(
        `SELECT a.arm, array_agg(date_part('year', age('2031-07-01'::date, m.birth_date))::int) AS ages
           FROM applications a JOIN application_members m ON m.application_id = a.id
          WHERE a.competition_id = $1 AND a.arm IS NOT NULL GROUP BY a.arm`,
        [competition.id],
      );
      expect(arms.length).toBeGreaterThan(0);
      for (const { arm, ages } of arms) {
        const mean = ages.reduce((x, y) => x + y, 0) / ages.length;
        expect(atDraw.arms.find((a: { arm: string }) => a.arm === arm).meanAge).toBeCloseTo(mean, 2);
      }
      t.clock.set(new Date(drawDay.getTime() + 5 * 365 * DAY));
      expect((await t.call('GET', `/public/draws/${competition.id}/balance`)).body).toEqual(atDraw);
    } finally {
      t.clock.reset();
    }
  });
});
