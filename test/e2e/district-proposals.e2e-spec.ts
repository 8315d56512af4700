import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 60 * 60 * 1000;
const NBSP = '\u00A0';

/**
 * A Pavlodar NGO runs the mini-grant template ("one grant of 300 000 ₸ per district or city")
 * for its own region: the template's numbers were made for Jetisu (10 winners, 3 000 000 ₸),
 * Pavlodar region has 10 districts and 3 cities.
 */
describe('mini-grants for any region: winners and fund from the districts in scope', () => {
  let t: TestApp;
  let organizer: TestAccount;

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await makeAdmin(t, await signUp(t, 'pavlodar-organizer'));
  });
  afterAll(async () => {
    await t.close();
  });

  const createFor = async (scope: string[], extra: Record<string, unknown> = {}) => {
    const res = await t.call('POST', '/competitions', {
      token: organizer.accessToken,
      body: {
        templateCode: 'mini-grants-district',
        title: { kk: 'Павлодар облысының шағын гранттары', ru: 'Мини-гранты Павлодарской области' },
        submissionDeadline: new Date(Date.now() + 20 * DAY).toISOString(),
        rulebook: { territory: { scope, level: 'district' }, ...extra },
      },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const status = async (id: string) =>
    (await t.call('GET', `/competitions/${id}`, { token: organizer.accessToken })).body.status;
  const auditOf = async (id: string, action: string) =>
    (
      await t.db.query(`SELECT summary FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY id`, [id, action])
    ).map((r: { summary: unknown }) => r.summary);

  it('proposes 13 winners and 3 900 000 ₸ for Pavlodar region and warns about the template’s 10 and 3 000 000 ₸', async () => {
    const competition = await createFor(['PAV']);
    const res = await t.call('GET', `/competitions/${competition.id}/proposals`, { token: organizer.accessToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      oneWinnerPer: 'district',
      unknownTerritories: [],
      proposed: { winners: 13, totalFund: 3_900_000 },
      current: { winners: 10, totalFund: 3_000_000, amountCap: 300_000 },
    });
    expect(res.body.territories).toHaveLength(13);
    expect(res.body.territories.map((x: { code: string }) => x.code)).toEqual(
      expect.arrayContaining(['PAV-PAV', 'PAV-EKI', 'PAV-AKS', 'PAV-BAY', 'PAV-PAVD', 'PAV-SHAR']),
    );
    expect(res.body.territories.find((x: { code: string }) => x.code === 'PAV-EKI')).toEqual({
      code: 'PAV-EKI',
      parentCode: 'PAV',
      kind: 'city',
      name: { kk: 'Екібастұз', ru: 'Экибастуз' },
    });
    expect(res.body.warnings.map((w: { field: string; code: string }) => [w.field, w.code])).toEqual([
      ['rulebook.selection.winners', 'WINNERS_DIFFER_FROM_DISTRICTS'],
      ['rulebook.funding.totalFund', 'FUND_DIFFERS_FROM_DISTRICTS'],
    ]);
    expect(res.body.warnings[0].message).toBe(
      'Жеңімпаздар саны — 10, ал конкурс аумағындағы аудандар мен қалалар саны — 13 (әр аудан мен қалаға бір жеңімпаз).',
    );
    const ru = await t.call('GET', `/competitions/${competition.id}/proposals`, {
      token: organizer.accessToken,
      lang: 'ru',
    });
    expect(ru.body.warnings[1].message).toBe(
      `Общий фонд — 3${NBSP}000${NBSP}000${NBSP}₸, а число районов и городов (13), умноженное на сумму гранта ` +
        `(300${NBSP}000${NBSP}₸), даёт 3${NBSP}900${NBSP}000${NBSP}₸.`,
    );
  });

  it('refuses to open with the mismatch, naming the numbers in kk and ru, and opens once the numbers are fixed', async () => {
    const competition = await createFor(['PAV']);
    const refused = await t.call('POST', `/competitions/${competition.id}/open`, { token: organizer.accessToken });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'OPENING_NEEDS_CONFIRMATION',
      message: expect.stringContaining('Конкурс ашылмады'),
      details: [
        {
          field: 'rulebook.selection.winners',
          code: 'WINNERS_DIFFER_FROM_DISTRICTS',
          params: { winners: 10, districts: 13 },
          message: expect.stringContaining('13'),
        },
        {
          field: 'rulebook.funding.totalFund',
          code: 'FUND_DIFFERS_FROM_DISTRICTS',
          params: expect.objectContaining({ totalFund: 3_000_000, expectedFund: 3_900_000, districts: 13 }),
          message: expect.stringContaining(`3${NBSP}900${NBSP}000${NBSP}₸`),
        },
      ],
    });
    const ru = await t.call('POST', `/competitions/${competition.id}/open`, {
      token: organizer.accessToken,
      lang: 'ru',
    });
    expect(ru.body.message).toContain('Конкурс не открыт');
    expect(ru.body.details[0].message).toBe(
      'Число победителей — 10, а районов и городов на территории конкурса — 13 (один победитель на район или город).',
    );
    expect(await status(competition.id)).toBe('draft');
    expect(await auditOf(competition.id, 'competition.open')).toEqual([]);

    const rb = competition.rulebook;
    const fixed = await t.call('PATCH', `/competitions/${competition.id}`, {
      token: organizer.accessToken,
      body: {
        version: competition.version,
        rulebook: {
          selection: { ...rb.selection, winners: 13 },
          funding: { ...rb.funding, totalFund: 3_900_000 },
        },
      },
    });
    expect(fixed.status).toBe(200);
    const after = await t.call('GET', `/competitions/${competition.id}/proposals`, { token: organizer.accessToken });
    expect(after.body.warnings).toEqual([]);
    const opened = await t.call('POST', `/competitions/${competition.id}/open`, { token: organizer.accessToken });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ status: 'open', rulebook: { selection: { winners: 13 } } });
    expect(await auditOf(competition.id, 'competition.opening_warnings_confirmed')).toEqual([]);
  });

  it('opens with the mismatch when the organizer confirms it, and the audit log records what was confirmed', async () => {
    const competition = await createFor(['PAV']);
    const opened = await t.call('POST', `/competitions/${competition.id}/open`, {
      token: organizer.accessToken,
      body: { acknowledgeWarnings: true },
    });
    expect(opened.status).toBe(200);
    expect(opened.body.status).toBe('open');
    const [confirmed] = await auditOf(competition.id, 'competition.opening_warnings_confirmed');
    expect(confirmed).toMatchObject({
      after: {
        warnings: [
          { code: 'WINNERS_DIFFER_FROM_DISTRICTS', params: { winners: 10, districts: 13 } },
          { code: 'FUND_DIFFERS_FROM_DISTRICTS', params: expect.objectContaining({ expectedFund: 3_900_000 }) },
        ],
      },
    });
    expect(await auditOf(competition.id, 'competition.open')).toHaveLength(1);
  });

  it('a confirmation is a yes or no, and nothing else goes in the body', async () => {
    const competition = await createFor(['PAV']);
    for (const body of [{ acknowledgeWarnings: 'yes' }, { acknowledge: true }]) {
      const res = await t.call('POST', `/competitions/${competition.id}/open`, { token: organizer.accessToken, body });
      expect(res.status).toBe(400);
    }
    const no = await t.call('POST', `/competitions/${competition.id}/open`, {
      token: organizer.accessToken,
      body: { acknowledgeWarnings: false },
    });
    expect(no.status).toBe(409);
    expect(await status(competition.id)).toBe('draft');
  });

  it('the template unchanged (Jetisu: 8 districts, 2 cities) opens without a warning', async () => {
    const competition = await createFor(['ZHT']);
    const proposals = await t.call('GET', `/competitions/${competition.id}/proposals`, {
      token: organizer.accessToken,
    });
    expect(proposals.body).toMatchObject({ proposed: { winners: 10, totalFund: 3_000_000 }, warnings: [] });
    const opened = await t.call('POST', `/competitions/${competition.id}/open`, { token: organizer.accessToken });
    expect(opened.status).toBe(200);
  });

  it('several regions and a big city: one winner per district of each', async () => {
    const competition = await createFor(['PAV', 'AST'], {
      selection: { quorum: 3, tieBreak: 'criteria_then_submission', oneWinnerPer: 'district', useTotalFund: true },
      funding: { amountCap: 300_000, totalFund: 5_700_000 },
    });
    const res = await t.call('GET', `/competitions/${competition.id}/proposals`, { token: organizer.accessToken });
    expect(res.body.territories.filter((x: { kind: string }) => x.kind === 'city_district')).toHaveLength(6);
    expect(res.body).toMatchObject({ proposed: { winners: 19, totalFund: 5_700_000 }, warnings: [] });
    expect(
      (await t.call('POST', `/competitions/${competition.id}/open`, { token: organizer.accessToken })).status,
    ).toBe(200);
  });

  it('refuses to open with a territory that does not exist, naming it', async () => {
    const competition = await createFor(['PAV', 'PAV-NOPE']);
    const proposals = await t.call('GET', `/competitions/${competition.id}/proposals`, {
      token: organizer.accessToken,
    });
    expect(proposals.body.unknownTerritories).toEqual(['PAV-NOPE']);
    const res = await t.call('POST', `/competitions/${competition.id}/open`, {
      token: organizer.accessToken,
      body: { acknowledgeWarnings: true },
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      expect.objectContaining({ field: 'rulebook.territory.scope[1]', code: 'TERRITORY_UNKNOWN' }),
    ]);
    expect(await status(competition.id)).toBe('draft');
  });

  it('the proposals are for the competition’s organizers only', async () => {
    const competition = await createFor(['PAV']);
    const stranger = await signUp(t, 'stranger');
    const res = await t.call('GET', `/competitions/${competition.id}/proposals`, { token: stranger.accessToken });
    expect([403, 404]).toContain(res.status);
    expect(res.body.territories).toBeUndefined();
    expect((await t.call('GET', `/competitions/${competition.id}/proposals`)).status).toBe(401);
  });
});
