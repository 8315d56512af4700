import { randomInt } from 'node:crypto';
import { makeBin } from '../../libs/kz';
import { makeAdmin, signUp, TestAccount, tokenFromOutbox } from '../support/accounts';
import { openCompetition } from '../support/competitions';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;

/**
 * An insert that may meet an existing row (ON CONFLICT DO NOTHING) wrote nothing when it
 * did: it must be neither audited as a change nor taken for a grant that did not happen.
 */
describe('an ignored insert is never counted as written', () => {
  let t: TestApp;
  let organizer: TestAccount;
  beforeAll(async () => {
    t = await createTestApp();
    organizer = await makeAdmin(t, await signUp(t, 'organizer'));
  });
  afterAll(async () => {
    await t.close();
  });

  it('adding a representative who already is one changes nothing and records nothing', async () => {
    const owner = await signUp(t, 'org-owner');
    const colleague = await signUp(t, 'colleague');
    const created = await t.call('POST', '/organizations', {
      token: owner.accessToken,
      body: {
        bin: makeBin('2016-03', randomInt(100000)),
        name: '«Таза өзен» қоғамдық бірлестігі',
        kind: 'ngo',
        regionCode: 'PAV',
        registeredOn: '2016-03-11',
      },
    });
    expect(created.status).toBe(201);
    const add = () =>
      t.call('POST', `/organizations/${created.body.id}/representatives`, {
        token: owner.accessToken,
        body: { email: colleague.email },
      });
    const first = await add();
    const again = await add();
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.representatives).toEqual(first.body.representatives);
    const entries = await t.db.query(
      `SELECT summary FROM audit_log WHERE action = 'organization.representative_added' AND entity_id = $1`,
      [created.body.id],
    );
    expect(entries).toHaveLength(1);
  });

  it('accepting an invitation to a role held before and taken away gives the role back', async () => {
    const competition = await openCompetition(
      t,
      organizer.accessToken,
      'mini-grants-district',
      new Date(t.clock.now().getTime() + DAY),
    );
    const member = await signUp(t, 'returning-member');
    // The member once had the role and lost it.
    await t.db.query(
      `INSERT INTO competition_memberships (competition_id, user_id, role, status) VALUES ($1, $2, 'commission', 'revoked')`,
      [competition.id, member.userId],
    );
    const queue = () => t.call('GET', `/competitions/${competition.id}/assignments`, { token: member.accessToken });
    expect((await queue()).status).toBe(403);
    const invited = await t.call('POST', `/competitions/${competition.id}/members`, {
      token: organizer.accessToken,
      body: { email: member.email, role: 'commission' },
    });
    expect(invited.status).toBe(201);
    const token = await tokenFromOutbox(t, member.email, 'competition-invitation');
    const accepted = await t.call('POST', '/invitations/accept', { token: member.accessToken, body: { token } });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ competitionId: competition.id, role: 'commission' });
    // What the answer says is true: the member works in the commission again.
    expect((await queue()).status).toBe(200);
    const [row] = await t.db.query(
      `SELECT status FROM competition_memberships WHERE competition_id = $1 AND user_id = $2 AND role = 'commission'`,
      [competition.id, member.userId],
    );
    expect(row.status).toBe('active');
  });
});
