import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeCommitment, computePoolHash, runVerifier, verifyDrawRecord } from '../../libs/lottery';
import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { openCompetition, readyDraft } from '../support/competitions';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;

describe('the verifiable A/B/C draw', () => {
  let t: TestApp;
  let organizer: TestAccount;
  let competition: any;

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await makeAdmin(t, await signUp(t, 'organizer'));
    competition = await openCompetition(t, organizer.accessToken, 'youth-micro-projects', new Date(Date.now() + DAY));
    const regions = ['ALM', 'ALM', 'ALM', 'ALM', 'KAR', 'KAR', 'KAR', 'PAV', 'PAV'];
    for (const [i, region] of regions.entries()) {
      const applicant = await signUp(t, `team${i}`, i % 2 ? 'ru' : 'kk');
      const id = await readyDraft(t, applicant.accessToken, competition, {
        territoryCode: region,
        applicantKind: 'initiative_group',
      });
      expect((await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken })).status).toBe(200);
    }
    // Screening, scoring and selection are covered by their own suites: here the commission's shortlist is given.
    await t.db.query(`UPDATE applications SET status = 'shortlisted' WHERE competition_id = $1`, [competition.id]);
    await t.db.query(`UPDATE competitions SET status = 'results' WHERE id = $1`, [competition.id]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses an empty pool, and a draw before any commitment', async () => {
    const empty = await openCompetition(t, organizer.accessToken, 'youth-micro-projects', new Date(Date.now() + DAY));
    expect(
      (await t.call('POST', `/competitions/${empty.id}/draw/prepare`, { token: organizer.accessToken, body: {} })).body
        .code,
    ).toBe('EMPTY_POOL');
    expect(
      (
        await t.call('POST', `/competitions/${empty.id}/draw`, {
          token: organizer.accessToken,
          body: { publicEntropy: '' },
        })
      ).body.code,
    ).toBe('NO_PREPARED_DRAW');
    expect((await t.call('GET', `/public/draws/${empty.id}`)).status).toBe(404);
  });

  it('prepares: freezes the pool, publishes the commitment and hides the seed', async () => {
    const res = await t.call('POST', `/competitions/${competition.id}/draw/prepare`, {
      token: organizer.accessToken,
      body: { announcedAt: new Date(Date.now() + 2 * DAY).toISOString() },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: 1,
      status: 'prepared',
      seed: null,
      publicEntropy: null,
      drawnAt: null,
      assignments: null,
      stratumAttribute: 'region',
    });
    expect(res.body.pool).toHaveLength(9);
    expect(res.body.poolHash).toBe(computePoolHash(res.body.pool));
    expect(res.body.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.preparedAt).toMatch(/\+05:00$/);
    const [row] = await t.db.query(`SELECT sealed_seed, seed FROM draws WHERE competition_id = $1`, [competition.id]);
    expect(row.seed).toBeNull();
    expect(
      (await t.call('POST', `/competitions/${competition.id}/draw/prepare`, { token: organizer.accessToken, body: {} }))
        .body.code,
    ).toBe('DRAW_ALREADY_PREPARED');
    // Not before the announced time: the audience is there then, not earlier.
    const early = await t.call('POST', `/competitions/${competition.id}/draw`, {
      token: organizer.accessToken,
      body: { publicEntropy: '07 12 33' },
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('DRAW_NOT_YET');
    expect(early.body.message).toMatch(/\d{2}:\d{2}/);
    expect((await t.db.query(`SELECT status FROM draws WHERE competition_id = $1`, [competition.id]))[0].status).toBe(
      'prepared',
    );
    const plain = await signUp(t, 'plain');
    expect(
      (
        await t.call('POST', `/competitions/${competition.id}/draw`, {
          token: plain.accessToken,
          body: { publicEntropy: '1' },
        })
      ).status,
    ).toBe(403);
  });

  it('refuses to draw after the shortlist changed; cancelling keeps the old commitment in the record', async () => {
    const [one] = await t.db.query(`SELECT id FROM applications WHERE competition_id = $1 LIMIT 1`, [competition.id]);
    await t.db.query(`UPDATE applications SET status = 'not_selected' WHERE id = $1`, [one.id]);
    const refused = await t.call('POST', `/competitions/${competition.id}/draw`, {
      token: organizer.accessToken,
      body: { publicEntropy: '07 12 33' },
    });
    expect(refused.body.code).toBe('POOL_CHANGED');
    const before = (await t.call('GET', `/public/draws/${competition.id}`)).body;
    expect(
      (
        await t.call('POST', `/competitions/${competition.id}/draw/cancel`, {
          token: organizer.accessToken,
          body: { reason: 'Қысқа тізім түзетілді' },
        })
      ).status,
    ).toBe(200);
    const again = await t.call('POST', `/competitions/${competition.id}/draw/prepare`, {
      token: organizer.accessToken,
      body: {},
    });
    expect(again.body.pool).toHaveLength(8);
    expect(again.body.cancelled).toEqual([
      expect.objectContaining({
        commitment: before.commitment,
        poolHash: before.poolHash,
        reason: 'Қысқа тізім түзетілді',
      }),
    ]);
  });

  it('draws exactly once when two organizers click together; the record verifies, a tampered one does not', async () => {
    const [a, b] = await Promise.all([
      t.call('POST', `/competitions/${competition.id}/draw`, {
        token: organizer.accessToken,
        body: { publicEntropy: '07 12 33 41 45' },
      }),
      t.call('POST', `/competitions/${competition.id}/draw`, {
        token: organizer.accessToken,
        body: { publicEntropy: '99' },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const record = (await t.call('GET', `/public/draws/${competition.id}`)).body;
    expect(record.status).toBe('drawn');
    expect(computeCommitment(record.seed)).toBe(record.commitment);
    expect(verifyDrawRecord(record)).toEqual({ ok: true });
    const counts = record.assignments.reduce(
      (m: Record<string, number>, x: { arm: string }) => ({ ...m, [x.arm]: (m[x.arm] ?? 0) + 1 }),
      {},
    );
    expect(Object.values(counts).every((n) => Math.abs((n as number) - 8 / 3) < 2)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'draw-'));
    const io = { stdout: () => undefined, stderr: () => undefined };
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(record));
    expect(await runVerifier([join(dir, 'ok.json')], io)).toBe(0);
    const tampered = {
      ...record,
      assignments: record.assignments.map((x: { arm: string }, i: number) =>
        i === 0 ? { ...x, arm: x.arm === 'A' ? 'B' : 'A' } : x,
      ),
    };
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(tampered));
    expect(await runVerifier([join(dir, 'bad.json')], io)).toBe(1);
    expect(
      (
        await t.call('POST', `/competitions/${competition.id}/draw`, {
          token: organizer.accessToken,
          body: { publicEntropy: '' },
        })
      ).body.code,
    ).toBe('DRAW_ALREADY_DONE');
  });

  it('records the arm on each application, tells each team in its language, and the database freezes the record', async () => {
    const apps = await t.db.query(
      `SELECT number, arm, status FROM applications WHERE competition_id = $1 AND arm IS NOT NULL`,
      [competition.id],
    );
    expect(apps).toHaveLength(8);
    // Arms with a grant are ready for a contract; arm C (training and a mentor) stays allocated.
    for (const x of apps as { arm: string; status: string }[])
      expect(x.status).toBe(x.arm === 'C' ? 'allocated' : 'winner');
    const expected: Record<string, object> = {
      A: { grant: true, training: true, mentor: true },
      B: { grant: true, training: false, mentor: false },
      C: { grant: false, training: true, mentor: true },
    };
    for (const { id, arm } of await t.db.query(
      `SELECT id, arm FROM applications WHERE competition_id = $1 AND arm IS NOT NULL`,
      [competition.id],
    )) {
      const view = await t.call('GET', `/applications/${id}`, { token: organizer.accessToken });
      expect(view.body).toMatchObject({
        arm,
        status: arm === 'C' ? 'allocated' : 'winner',
        entitlements: expected[arm],
      });
    }
    const told = await t.db.query(
      `SELECT locale, payload FROM notification_outbox WHERE template = 'draw-result' AND competition_id = $1`,
      [competition.id],
    );
    expect(told).toHaveLength(8);
    const c = told.find((m: { payload: { arm: string } }) => m.payload.arm === 'C');
    if (c) expect(c.payload.armMeaning.length).toBeGreaterThan(5);
    await expect(
      t.db.query(`UPDATE draws SET public_entropy = 'changed' WHERE competition_id = $1 AND status = 'drawn'`, [
        competition.id,
      ]),
    ).rejects.toThrow(/immutable/);
    await expect(
      t.db.query(`DELETE FROM draws WHERE competition_id = $1 AND status = 'drawn'`, [competition.id]),
    ).rejects.toThrow(/immutable/);
  });

  it('publishes the balance table: counts per arm and stratum, shares, mean age, standardized differences', async () => {
    const res = await t.call('GET', `/public/draws/${competition.id}/balance`);
    expect(res.status).toBe(200);
    expect(res.body.arms.map((a: { arm: string }) => a.arm)).toEqual(['A', 'B', 'C']);
    expect(res.body.arms.reduce((s: number, a: { applications: number }) => s + a.applications, 0)).toBe(8);
    expect(res.body.arms[0]).toEqual(
      expect.objectContaining({
        people: expect.any(Number),
        shareWomen: expect.any(Number),
        meanAge: expect.any(Number),
        byStratum: expect.any(Object),
      }),
    );
    expect(res.body.differences).toHaveLength(4 * 3);
  });

  it('counts ages on the day of the draw: the published balance table reads the same years later', async () => {
    const before = (await t.call('GET', `/public/draws/${competition.id}/balance`)).body;
    const [{ drawn_on }] = await t.db.query(
      `SELECT (drawn_at AT TIME ZONE 'Asia/Almaty')::date::text AS drawn_on FROM draws WHERE competition_id = $1 AND status = 'drawn'`,
      [competition.id],
    );
    const arms: { arm: string; ages: number[] }[] = await t.db.query(
      `SELECT a.arm, array_agg(date_part('year', age($2::date, m.birth_date))::int) AS ages
         FROM applications a JOIN application_members m ON m.application_id = a.id
        WHERE a.competition_id = $1 AND a.arm IS NOT NULL GROUP BY a.arm`,
      [competition.id, drawn_on],
    );
    for (const { arm, ages } of arms) {
      const mean = ages.reduce((x, y) => x + y, 0) / ages.length;
      expect(before.arms.find((a: { arm: string }) => a.arm === arm).meanAge).toBeCloseTo(mean, 2);
    }
    t.clock.advance(3 * 365 * DAY);
    try {
      expect((await t.call('GET', `/public/draws/${competition.id}/balance`)).body).toEqual(before);
    } finally {
      t.clock.reset();
    }
  });
});
