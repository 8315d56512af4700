import { randomInt } from 'node:crypto';
import { makeBin } from '../../libs/kz';
import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { openCompetition, readyDraft } from '../support/competitions';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;

/** Scores every criterion at `share` of its maximum, on the criterion's step. */
function scoresAt(criteria: { code: string; maxPoints: number; step: number; commentBelow?: number }[], share: number) {
  return criteria.map((c) => {
    const points = Math.round((c.maxPoints * share) / c.step) * c.step;
    return {
      criterion: c.code,
      points,
      ...(c.commentBelow !== undefined && points < c.commentBelow ? { comment: 'Дәлелдер жеткіліксіз' } : {}),
    };
  });
}

/**
 * The organizer may still change a screening decision until the screening is published, and
 * the selection until the results are: before that the applicant (and their organization's
 * other representatives) read the step before, in GET /applications/:id and GET /me/applications
 * alike, while organizers, admins and the commission read what is stored.
 */
describe('outcomes the applicant has not been told yet', () => {
  let t: TestApp;
  let admin: TestAccount;
  let organizer: TestAccount;
  let competition: any;
  /** Screened in, scored best: the district's winner. */
  let best: { id: string; applicant: TestAccount };
  /** Screened in, same district, scored lower: not selected. */
  let second: { id: string; applicant: TestAccount };
  /** An NGO's application, screened out; `colleague` is the NGO's other representative. */
  let ngo: { id: string; applicant: TestAccount; colleague: TestAccount };
  const experts: TestAccount[] = [];

  /** The status in the application's own answer and in the reader's list of their applications. */
  async function seenBy(account: TestAccount, id: string): Promise<[string, string]> {
    const one = await t.call('GET', `/applications/${id}`, { token: account.accessToken });
    expect(one.status).toBe(200);
    const list = await t.call('GET', '/me/applications', { token: account.accessToken });
    expect(list.status).toBe(200);
    const item = list.body.items.find((i: { id: string }) => i.id === id);
    expect(item).toBeDefined();
    return [one.body.status, item.status];
  }

  async function statusFor(account: TestAccount, id: string): Promise<string> {
    const res = await t.call('GET', `/applications/${id}`, { token: account.accessToken });
    expect(res.status).toBe(200);
    return res.body.status;
  }

  async function mailsTo(account: TestAccount, template: string): Promise<number> {
    const [row] = await t.db.query(
      `SELECT count(*)::int AS n FROM notification_outbox WHERE recipient_user_id = $1 AND template = $2 AND competition_id = $3`,
      [account.userId, template, competition.id],
    );
    return row.n;
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeAdmin(t, await signUp(t, 'unpublished-admin'));
    competition = await openCompetition(t, admin.accessToken, 'mini-grants-district', new Date(Date.now() + DAY));
    // An organizer who is not an admin: the competition's role alone lets them read what is stored.
    organizer = await signUp(t, 'unpublished-organizer');
    await t.db.query(
      `INSERT INTO competition_memberships (competition_id, user_id, role, status) VALUES ($1, $2, 'organizer', 'active')`,
      [competition.id, organizer.userId],
    );
    const districts = (await t.call('GET', `/territories?parent=${competition.rulebook.territory.scope[0]}`)).body
      .filter((x: { kind: string }) => x.kind === 'district')
      .map((x: { code: string }) => x.code);
    const group = async (label: string, territoryCode: string) => {
      const applicant = await signUp(t, label);
      const id = await readyDraft(t, applicant.accessToken, competition, {
        territoryCode,
        applicantKind: 'initiative_group',
      });
      return { id, applicant };
    };
    // Both from one district: "one winner per district" leaves the second not selected.
    best = await group('unpublished-best', districts[0]);
    second = await group('unpublished-second', districts[0]);
    const owner = await signUp(t, 'unpublished-ngo');
    const colleague = await signUp(t, 'unpublished-colleague');
    const organization = await t.call('POST', '/organizations', {
      token: owner.accessToken,
      body: {
        bin: makeBin('2015-04', randomInt(100000)),
        name: '«Жасыл қала» қоғамдық бірлестігі',
        kind: 'ngo',
        regionCode: competition.rulebook.territory.scope[0],
        registeredOn: '2015-04-20',
      },
    });
    expect(organization.status).toBe(201);
    expect(
      (
        await t.call('POST', `/organizations/${organization.body.id}/representatives`, {
          token: owner.accessToken,
          body: { email: colleague.email },
        })
      ).status,
    ).toBe(201);
    ngo = {
      id: await readyDraft(t, owner.accessToken, competition, {
        territoryCode: districts[1],
        applicantKind: 'ngo',
        organizationId: organization.body.id,
      }),
      applicant: owner,
      colleague,
    };
    for (const a of [best, second, ngo]) {
      const submitted = await t.call('POST', `/applications/${a.id}/submit`, { token: a.applicant.accessToken });
      expect(submitted.status).toBe(200);
    }
    // Intake closes only once the deadline has passed; the clock comes back for the later steps.
    t.clock.advance(DAY + 1000);
    expect((await t.call('POST', `/competitions/${competition.id}/close`, { token: admin.accessToken })).status).toBe(
      200,
    );
    t.clock.reset();
    expect(
      (await t.call('POST', `/competitions/${competition.id}/screening/run`, { token: organizer.accessToken })).status,
    ).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows a screening decision to the applicant only once the screening is published', async () => {
    for (const [a, body] of [
      [best, { decision: 'screened_in' }],
      [second, { decision: 'screened_in' }],
      [ngo, { decision: 'screened_out', comment: 'Бюджет конкурс шартына сәйкес емес' }],
    ] as const) {
      const decided = await t.call('PUT', `/applications/${a.id}/screening`, { token: organizer.accessToken, body });
      expect(decided.status).toBe(200);
    }
    // The organizers read the decisions they may still change.
    expect(await statusFor(organizer, best.id)).toBe('screened_in');
    expect(await statusFor(admin, ngo.id)).toBe('screened_out');
    expect(await statusFor(organizer, ngo.id)).toBe('screened_out');
    // The applicants, and the NGO's other representative, read what they were told: submitted.
    expect(await seenBy(best.applicant, best.id)).toEqual(['submitted', 'submitted']);
    expect(await seenBy(ngo.applicant, ngo.id)).toEqual(['submitted', 'submitted']);
    expect(await seenBy(ngo.colleague, ngo.id)).toEqual(['submitted', 'submitted']);
    // Nor the checklist with its reasons, nor an e-mail.
    expect(
      (await t.call('GET', `/applications/${ngo.id}/screening`, { token: ngo.applicant.accessToken })).status,
    ).toBe(404);
    expect(await mailsTo(ngo.applicant, 'screening-result')).toBe(0);
    expect(await mailsTo(best.applicant, 'screening-result')).toBe(0);

    // The organizer changes their mind: still nobody was told, so still "submitted".
    const changed = await t.call('PUT', `/applications/${ngo.id}/screening`, {
      token: organizer.accessToken,
      body: { decision: 'screened_in' },
    });
    expect(changed.status).toBe(200);
    expect(await seenBy(ngo.applicant, ngo.id)).toEqual(['submitted', 'submitted']);
    const back = await t.call('PUT', `/applications/${ngo.id}/screening`, {
      token: organizer.accessToken,
      body: { decision: 'screened_out', comment: 'Бюджет конкурс шартына сәйкес емес' },
    });
    expect(back.status).toBe(200);

    const published = await t.call('POST', `/competitions/${competition.id}/screening/publish`, {
      token: organizer.accessToken,
    });
    expect(published.status).toBe(200);
    expect(await seenBy(best.applicant, best.id)).toEqual(['screened_in', 'screened_in']);
    expect(await seenBy(second.applicant, second.id)).toEqual(['screened_in', 'screened_in']);
    expect(await seenBy(ngo.applicant, ngo.id)).toEqual(['screened_out', 'screened_out']);
    expect(await seenBy(ngo.colleague, ngo.id)).toEqual(['screened_out', 'screened_out']);
    expect(await mailsTo(ngo.applicant, 'screening-result')).toBe(1);
    expect(await mailsTo(best.applicant, 'screening-result')).toBe(1);
  });

  it('shows the selection to the applicant only once the results are published', async () => {
    for (let i = 0; i < 3; i += 1) {
      const expert = await signUp(t, `unpublished-expert${i}`);
      await t.db.query(
        `INSERT INTO competition_memberships (competition_id, user_id, role, status) VALUES ($1, $2, 'commission', 'active')`,
        [competition.id, expert.userId],
      );
      experts.push(expert);
    }
    expect(
      (await t.call('POST', `/competitions/${competition.id}/assignments`, { token: organizer.accessToken, body: {} }))
        .status,
    ).toBe(200);
    for (const expert of experts) {
      for (const [a, share] of [
        [best, 0.9],
        [second, 0.6],
      ] as const) {
        const scored = await t.call('PUT', `/applications/${a.id}/scores/me`, {
          token: expert.accessToken,
          body: { version: 0, scores: scoresAt(competition.rulebook.criteria, share) },
        });
        expect(scored.status).toBe(200);
      }
    }
    const closed = await t.call('POST', `/competitions/${competition.id}/scoring/close`, {
      token: organizer.accessToken,
      body: {},
    });
    expect(closed.status).toBe(200);
    // Scoring closed, nothing selected: "scored" for everyone.
    expect(await seenBy(best.applicant, best.id)).toEqual(['scored', 'scored']);

    const selection = await t.call('POST', `/competitions/${competition.id}/selection`, {
      token: organizer.accessToken,
    });
    expect(selection.status).toBe(200);
    // Organizers and the commission members who scored it read the selection; the applicants do not.
    expect(await statusFor(organizer, best.id)).toBe('winner');
    expect(await statusFor(admin, second.id)).toBe('not_selected');
    expect(await statusFor(experts[0], best.id)).toBe('winner');
    expect(await seenBy(best.applicant, best.id)).toEqual(['scored', 'scored']);
    expect(await seenBy(second.applicant, second.id)).toEqual(['scored', 'scored']);
    expect(await seenBy(ngo.applicant, ngo.id)).toEqual(['screened_out', 'screened_out']);
    expect(await mailsTo(best.applicant, 'competition-results')).toBe(0);

    const published = await t.call('POST', `/competitions/${competition.id}/results/publish`, {
      token: organizer.accessToken,
    });
    expect(published.status).toBe(200);
    expect(await seenBy(best.applicant, best.id)).toEqual(['winner', 'winner']);
    expect(await seenBy(second.applicant, second.id)).toEqual(['not_selected', 'not_selected']);
    expect(await seenBy(ngo.colleague, ngo.id)).toEqual(['screened_out', 'screened_out']);
    expect(await mailsTo(best.applicant, 'competition-results')).toBe(1);
    expect(await mailsTo(second.applicant, 'competition-results')).toBe(1);
  });
});
