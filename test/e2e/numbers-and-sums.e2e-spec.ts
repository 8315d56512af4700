import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { memberOfAge, openCompetition, readyDraft } from '../support/competitions';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;

/** Numbers and sums people read: public numbers, amounts, and the field a refusal names. */
describe('numbers and sums people read', () => {
  let t: TestApp;
  let admin: TestAccount;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeAdmin(t, await signUp(t, 'organizer'));
  });
  afterAll(async () => {
    await t.close();
  });

  const submitted = async (competition: { id: string; rulebook: unknown }, label: string) => {
    const who = await signUp(t, label);
    const draft = await readyDraft(t, who.accessToken, competition, { applicantKind: 'initiative_group' });
    const res = await t.call('POST', `/applications/${draft}/submit`, { token: who.accessToken });
    expect(res.status).toBe(200);
    return res.body.number as string;
  };

  it('gives two competitions of one template and year different public numbers, and the database refuses a copy', async () => {
    const deadline = new Date(Date.now() + 5 * DAY);
    const first = await openCompetition(t, admin.accessToken, 'mini-grants-district', deadline);
    const second = await openCompetition(t, admin.accessToken, 'mini-grants-district', deadline);
    const a1 = await submitted(first, 'first-a');
    const b1 = await submitted(second, 'second-a');
    const a2 = await submitted(first, 'first-b');
    // Each competition counts from 1 under a code of its own: MG1-2026-0001, MG2-2026-0001, MG1-2026-0002.
    expect(a1).toMatch(/^MG\d+-20\d\d-0001$/);
    expect(b1).toMatch(/^MG\d+-20\d\d-0001$/);
    expect(a2).toBe(a1.replace(/0001$/, '0002'));
    expect(a1.split('-')[0]).not.toBe(b1.split('-')[0]);
    expect(b1).not.toBe(a1);

    // The organizer's list gives amounts as whole numbers, as the application view does.
    const list = await t.call('GET', `/competitions/${first.id}/applications`, { token: admin.accessToken });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    for (const item of list.body.items) {
      expect(typeof item.amountRequested).toBe('number');
      expect(Number.isInteger(item.amountRequested)).toBe(true);
      expect(item.amountRequested).toBeGreaterThan(0);
    }

    // Unique over the whole table, not only within a competition.
    await expect(
      t.db.query(`UPDATE applications SET number = $1 WHERE competition_id = $2 AND number = $3`, [a1, second.id, b1]),
    ).rejects.toThrow(/uq_application_public_number/);
    // Numbers given before the codes (MG-2026-0001 in two competitions) keep their value.
    const [legacyA] = await t.db.query(`SELECT id FROM applications WHERE number = $1`, [a2]);
    const [legacyB] = await t.db.query(`SELECT id FROM applications WHERE number = $1`, [b1]);
    await t.db.query(`UPDATE applications SET number = 'MG-2020-0001' WHERE id = ANY($1)`, [[legacyA.id, legacyB.id]]);
    const [{ count }] = await t.db.query(`SELECT count(*)::int FROM applications WHERE number = 'MG-2020-0001'`);
    expect(count).toBe(2);
  });

  it("names the team member already in another application: 409 with details on team[i].iin, in the caller's language", async () => {
    const youth = await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + 5 * DAY));
    const shared = memberOfAge(22);
    const first = await signUp(t, 'team-first');
    const rival = await signUp(t, 'team-rival');
    const a = await readyDraft(t, first.accessToken, youth, { members: [shared, memberOfAge(23), memberOfAge(24)] });
    const b = await readyDraft(t, rival.accessToken, youth, {
      members: [memberOfAge(25), memberOfAge(26), shared],
    });
    expect((await t.call('POST', `/applications/${a}/submit`, { token: first.accessToken })).status).toBe(200);
    const res = await t.call('POST', `/applications/${b}/submit`, {
      token: rival.accessToken,
      headers: { 'accept-language': 'ru' },
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('PERSON_IN_ANOTHER_APPLICATION');
    expect(res.body.details).toEqual([
      {
        field: 'team[2].iin',
        code: 'PERSON_IN_ANOTHER_APPLICATION',
        message: expect.stringContaining(shared.iin),
        params: { iin: shared.iin },
      },
    ]);
    expect(res.body.details[0].message).toMatch(/заявке/);
  });
});
