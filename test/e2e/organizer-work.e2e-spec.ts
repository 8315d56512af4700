/**
 * Organizers find their own work (issue 12, item 6): my competitions with drafts, deleting a
 * draft, members and invitations (resend, revoke, and what the invitee is told), intake that
 * never closes before the announced deadline, and screening decisions in bulk. Another
 * organizer's competition is "not found", and no list shows another competition's data.
 */
import { makeAdmin, signUp, TestAccount, tokenFromOutbox, uniqueEmail, uniquePersonBody } from '../support/accounts';
import { readyDraft } from '../support/competitions';
import { createTestApp, TestApp } from '../support/test-app';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

let t: TestApp;
let admin: TestAccount;
let organizerA: TestAccount;
let organizerB: TestAccount;

async function createDraft(token: string, label: string, deadline = new Date(t.clock.now().getTime() + DAY)) {
  const res = await t.call('POST', '/competitions', {
    token,
    body: {
      templateCode: 'youth-micro-projects',
      title: { kk: `${label} конкурсы`, ru: `Конкурс ${label}` },
      submissionDeadline: deadline.toISOString(),
    },
  });
  if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; rulebook: unknown; submissionDeadline: string };
}

async function open(token: string, id: string) {
  const res = await t.call('POST', `/competitions/${id}/open`, { token });
  if (res.status !== 200) throw new Error(`open: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function invite(token: string, competitionId: string, email: string, role: string) {
  const res = await t.call('POST', `/competitions/${competitionId}/members`, { token, body: { email, role } });
  if (res.status !== 201) throw new Error(`invite: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

async function inviteAndAccept(token: string, competitionId: string, account: TestAccount, role: string) {
  await invite(token, competitionId, account.email, role);
  const accepted = await t.call('POST', '/invitations/accept', {
    body: { token: await tokenFromOutbox(t, account.email, 'competition-invitation') },
  });
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
}

const acceptWith = (token: string, lang: 'kk' | 'ru' = 'kk') =>
  t.call('POST', '/invitations/accept', { lang, body: { token } });

const audited = async (action: string, entityId: string) =>
  (await t.db.query(`SELECT summary FROM audit_log WHERE action = $1 AND entity_id = $2 ORDER BY id`, [
    action,
    entityId,
  ])) as { summary: { before?: any; after?: any } }[];

beforeAll(async () => {
  t = await createTestApp();
  admin = await makeAdmin(t, await signUp(t, 'admin'));
  organizerA = await signUp(t, 'org-a');
  organizerB = await signUp(t, 'org-b');
  // How an NGO's staff become organizers: an admin's competition invites them.
  const seed = await createDraft(admin.accessToken, 'Бастапқы');
  await inviteAndAccept(admin.accessToken, seed.id, organizerA, 'organizer');
  await inviteAndAccept(admin.accessToken, seed.id, organizerB, 'organizer');
});

afterAll(async () => {
  t.clock.reset();
  await t?.close();
});

describe('GET /me/competitions', () => {
  let draftA: { id: string };
  let openA: { id: string };
  let draftB: { id: string };
  let member: TestAccount;

  beforeAll(async () => {
    draftA = await createDraft(organizerA.accessToken, 'А нобайы');
    openA = await createDraft(organizerA.accessToken, 'А ашық');
    await open(organizerA.accessToken, openA.id);
    draftB = await createDraft(organizerB.accessToken, 'Б нобайы');
    member = await signUp(t, 'member');
    await inviteAndAccept(organizerA.accessToken, openA.id, member, 'commission');
    // A's organizer is also on B's commission, invited while B is still a draft.
    await inviteAndAccept(organizerB.accessToken, draftB.id, organizerA, 'commission');
  });

  it('lists the competitions where I organize, drafts included, with my roles and status', async () => {
    const res = await t.call('GET', '/me/competitions', { token: organizerA.accessToken });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.items.map((c: any) => [c.id, c]));
    expect(byId[draftA.id]).toMatchObject({
      status: 'draft',
      myRoles: ['organizer'],
      title: { ru: 'Конкурс А нобайы' },
    });
    expect(byId[openA.id]).toMatchObject({ status: 'open', myRoles: ['organizer'] });
    // A draft where I am only on the commission is not mine to see yet.
    expect(byId[draftB.id]).toBeUndefined();
    expect(res.body).toMatchObject({ page: 1, pageSize: 20, total: res.body.items.length });
  });

  it('shows a commission role once the competition opens, and never another organizer’s drafts', async () => {
    await open(organizerB.accessToken, draftB.id);
    const mine = await t.call('GET', '/me/competitions?role=commission', { token: organizerA.accessToken });
    expect(mine.body.items.map((c: any) => [c.id, c.myRoles])).toEqual([[draftB.id, ['commission']]]);
    const theirs = await t.call('GET', '/me/competitions', { token: organizerB.accessToken });
    const ids = theirs.body.items.map((c: any) => c.id);
    expect(ids).toContain(draftB.id);
    expect(ids).not.toContain(draftA.id);
    expect(ids).not.toContain(openA.id);
    const commission = await t.call('GET', '/me/competitions', { token: member.accessToken });
    expect(commission.body).toMatchObject({ total: 1, items: [{ id: openA.id, myRoles: ['commission'] }] });
    const stranger = await signUp(t, 'stranger');
    expect((await t.call('GET', '/me/competitions', { token: stranger.accessToken })).body).toEqual({
      items: [],
      total: 0,
      page: 1,
      pageSize: 20,
    });
    expect((await t.call('GET', '/me/competitions')).status).toBe(401);
  });

  it('pages like every other list', async () => {
    const all = await t.call('GET', '/me/competitions?status=draft', { token: organizerA.accessToken });
    expect(all.body.items.every((c: any) => c.status === 'draft')).toBe(true);
    const first = await t.call('GET', '/me/competitions?pageSize=1', { token: organizerA.accessToken });
    const second = await t.call('GET', '/me/competitions?pageSize=1&page=2', { token: organizerA.accessToken });
    expect(first.body.items).toHaveLength(1);
    expect(second.body.items).toHaveLength(1);
    expect(first.body.total).toBeGreaterThanOrEqual(3);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect((await t.call('GET', '/me/competitions?pageSize=101', { token: organizerA.accessToken })).status).toBe(400);
  });
});

describe('DELETE /competitions/:id', () => {
  it('removes a draft with its roles and invitations, audited; its invitation link stops working', async () => {
    const draft = await createDraft(organizerA.accessToken, 'Жойылатын');
    const member = await signUp(t, 'draft-member');
    await inviteAndAccept(organizerA.accessToken, draft.id, member, 'commission');
    const pendingEmail = uniqueEmail('pending');
    await invite(organizerA.accessToken, draft.id, pendingEmail, 'mentor');
    const pendingToken = await tokenFromOutbox(t, pendingEmail, 'competition-invitation');

    const stranger = await t.call('DELETE', `/competitions/${draft.id}`, { token: organizerB.accessToken });
    expect(stranger.status).toBe(404);
    const asMember = await t.call('DELETE', `/competitions/${draft.id}`, { token: member.accessToken });
    expect(asMember.status).toBe(404);

    const res = await t.call('DELETE', `/competitions/${draft.id}`, { token: organizerA.accessToken });
    expect(res.status).toBe(204);
    expect((await t.call('GET', `/competitions/${draft.id}`, { token: organizerA.accessToken })).status).toBe(404);
    const mine = await t.call('GET', '/me/competitions', { token: organizerA.accessToken });
    expect(mine.body.items.map((c: any) => c.id)).not.toContain(draft.id);
    expect(await t.db.query(`SELECT 1 FROM competition_memberships WHERE competition_id = $1`, [draft.id])).toEqual([]);
    expect(await t.db.query(`SELECT 1 FROM competition_invitations WHERE competition_id = $1`, [draft.id])).toEqual([]);
    const [entry] = await audited('competition.deleted', draft.id);
    expect(entry.summary.before.memberships).toEqual(
      expect.arrayContaining([
        { userId: organizerA.userId, role: 'organizer', status: 'active' },
        { userId: member.userId, role: 'commission', status: 'active' },
      ]),
    );
    expect(entry.summary.before.invitations).toEqual(expect.arrayContaining([{ email: pendingEmail, role: 'mentor' }]));
    expect((await acceptWith(pendingToken)).body.code).toBe('INVITATION_INVALID');
  });

  it('lets an admin delete a draft, and refuses once the competition was opened', async () => {
    const draft = await createDraft(organizerB.accessToken, 'Әкімші жояды');
    expect((await t.call('DELETE', `/competitions/${draft.id}`, { token: admin.accessToken })).status).toBe(204);
    const opened = await createDraft(organizerA.accessToken, 'Ашылған');
    await open(organizerA.accessToken, opened.id);
    const refused = await t.call('DELETE', `/competitions/${opened.id}`, { token: organizerA.accessToken, lang: 'ru' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'COMPETITION_NOT_DRAFT' });
    expect(refused.body.message).toContain('ещё не открывался');
    expect((await t.call('GET', `/competitions/${opened.id}`)).body.status).toBe('open');
    expect(await audited('competition.deleted', opened.id)).toEqual([]);
  });
});

describe('members and invitations', () => {
  let competition: { id: string };
  let other: { id: string };
  let member: TestAccount;
  const pending = uniqueEmail('pending');
  const theirs = uniqueEmail('theirs');

  const invitationIdOf = async (email: string) =>
    (
      await t.call('GET', `/competitions/${competition.id}/members`, { token: organizerA.accessToken })
    ).body.invitations.find((i: { email: string }) => i.email === email)?.id as string | undefined;

  beforeAll(async () => {
    competition = await createDraft(organizerA.accessToken, 'Мүшелер');
    other = await createDraft(organizerB.accessToken, 'Бөгде');
    member = await signUp(t, 'named-member');
    const person = await t.call('PUT', '/me/person', {
      token: member.accessToken,
      body: uniquePersonBody({ lastName: 'Сапарова', firstName: 'Гүлнар', middleName: 'Ержанқызы' }),
    });
    expect(person.status).toBe(200);
    await inviteAndAccept(organizerA.accessToken, competition.id, member, 'commission');
    await invite(organizerA.accessToken, competition.id, pending, 'mentor');
    await invite(organizerB.accessToken, other.id, theirs, 'commission');
  });

  it('lists active members by name and the open invitations with who invited', async () => {
    const res = await t.call('GET', `/competitions/${competition.id}/members`, { token: organizerA.accessToken });
    expect(res.status).toBe(200);
    expect(res.body.members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: organizerA.userId, role: 'organizer' }),
        expect.objectContaining({
          userId: member.userId,
          role: 'commission',
          fullName: 'Сапарова Гүлнар Ержанқызы',
          since: expect.any(String),
        }),
      ]),
    );
    expect(res.body.members).toHaveLength(2);
    // The accepted invitation is a member now, not an open invitation; the other competition's never shows.
    expect(res.body.invitations).toEqual([
      expect.objectContaining({
        email: pending,
        role: 'mentor',
        expired: false,
        expiresAt: expect.any(String),
        invitedBy: expect.objectContaining({ userId: organizerA.userId, email: organizerA.email }),
      }),
    ]);
    const admins = await t.call('GET', `/competitions/${competition.id}/members`, { token: admin.accessToken });
    expect(admins.status).toBe(200);
  });

  it('is not found for another organizer, a commission member or a stranger', async () => {
    for (const who of [organizerB, member]) {
      const res = await t.call('GET', `/competitions/${competition.id}/members`, { token: who.accessToken });
      expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
    }
    const id = (await invitationIdOf(pending))!;
    for (const [method, path] of [
      ['POST', `/competitions/${competition.id}/invitations/${id}/resend`],
      ['DELETE', `/competitions/${competition.id}/invitations/${id}`],
    ]) {
      expect((await t.call(method, path, { token: organizerB.accessToken })).status).toBe(404);
    }
    // Its own competition's path with another competition's invitation is not found either.
    const [row] = await t.db.query(`SELECT id FROM competition_invitations WHERE email = $1`, [theirs]);
    for (const [method, path] of [
      ['POST', `/competitions/${competition.id}/invitations/${row.id}/resend`],
      ['DELETE', `/competitions/${competition.id}/invitations/${row.id}`],
    ]) {
      expect((await t.call(method, path, { token: organizerA.accessToken })).status).toBe(404);
    }
    expect(
      await t.db.query(`SELECT replaced_by, revoked_at FROM competition_invitations WHERE id = $1`, [row.id]),
    ).toEqual([{ replaced_by: null, revoked_at: null }]);
  });

  it('resends with a new link by a new e-mail; the old link says a newer one was sent', async () => {
    const oldId = (await invitationIdOf(pending))!;
    const oldToken = await tokenFromOutbox(t, pending, 'competition-invitation');
    const res = await t.call('POST', `/competitions/${competition.id}/invitations/${oldId}/resend`, {
      token: organizerA.accessToken,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ competitionId: competition.id, email: pending, role: 'mentor' });
    expect(res.body.id).not.toBe(oldId);
    const mails = await t.db.query(
      `SELECT payload FROM notification_outbox WHERE recipient_email = $1 AND template = 'competition-invitation'`,
      [pending],
    );
    expect(mails).toHaveLength(2);
    const newToken = await tokenFromOutbox(t, pending, 'competition-invitation');
    expect(newToken).not.toBe(oldToken);
    const old = await acceptWith(oldToken, 'ru');
    expect([old.status, old.body.code]).toEqual([400, 'INVITATION_REPLACED']);
    expect(old.body.message).toContain('новое приглашение');
    const list = await t.call('GET', `/competitions/${competition.id}/members`, { token: organizerA.accessToken });
    expect(list.body.invitations.map((i: { id: string }) => i.id)).toEqual([res.body.id]);
    const [entry] = await audited('membership.invitation_resent', competition.id);
    expect(entry.summary).toMatchObject({ before: { invitationId: oldId }, after: { invitationId: res.body.id } });
  });

  it('revokes: the link stops working and tells the invitee so, in their language', async () => {
    const id = (await invitationIdOf(pending))!;
    const token = await tokenFromOutbox(t, pending, 'competition-invitation');
    const res = await t.call('DELETE', `/competitions/${competition.id}/invitations/${id}`, {
      token: organizerA.accessToken,
    });
    expect(res.status).toBe(204);
    const kk = await acceptWith(token, 'kk');
    expect([kk.status, kk.body.code]).toEqual([400, 'INVITATION_REVOKED']);
    expect(kk.body.message).toContain('кері қайтарып алды');
    const ru = await acceptWith(token, 'ru');
    expect(ru.body.message).toContain('отозвал');
    expect(await invitationIdOf(pending)).toBeUndefined();
    const again = await t.call('DELETE', `/competitions/${competition.id}/invitations/${id}`, {
      token: organizerA.accessToken,
    });
    expect([again.status, again.body.code]).toEqual([409, 'INVITATION_REVOKED']);
    const [entry] = await audited('membership.invitation_revoked', competition.id);
    expect(entry.summary.before).toMatchObject({ invitationId: id, email: pending, role: 'mentor' });
  });

  it('an expired link says it expired; a resend gives one that works', async () => {
    const late = uniqueEmail('late');
    const { id } = await invite(organizerA.accessToken, competition.id, late, 'commission');
    const token = await tokenFromOutbox(t, late, 'competition-invitation');
    t.clock.advance(15 * DAY);
    try {
      const expired = await acceptWith(token, 'ru');
      expect([expired.status, expired.body.code]).toEqual([400, 'INVITATION_EXPIRED']);
      expect(expired.body.message).toContain('Срок действия приглашения истёк');
      const list = await t.call('GET', `/competitions/${competition.id}/members`, { token: organizerA.accessToken });
      expect(list.body.invitations.find((i: { id: string }) => i.id === id)).toMatchObject({ expired: true });
      const resent = await t.call('POST', `/competitions/${competition.id}/invitations/${id}/resend`, {
        token: organizerA.accessToken,
      });
      expect(resent.status).toBe(200);
      const fresh = await tokenFromOutbox(t, late, 'competition-invitation');
      const accepted = await t.call('POST', '/invitations/accept', {
        body: { token: fresh, password: 'taza-su-kokte-2026' },
      });
      expect(accepted.status).toBe(200);
      const used = await acceptWith(fresh);
      expect([used.status, used.body.code]).toEqual([400, 'INVITATION_ALREADY_ACCEPTED']);
      const revokeAccepted = await t.call('DELETE', `/competitions/${competition.id}/invitations/${resent.body.id}`, {
        token: organizerA.accessToken,
      });
      expect([revokeAccepted.status, revokeAccepted.body.code]).toEqual([409, 'INVITATION_ALREADY_ACCEPTED']);
    } finally {
      t.clock.reset();
    }
  });
});

describe('closing intake', () => {
  it('is refused before the announced deadline, saying when it ends, and allowed after it', async () => {
    const deadline = new Date(t.clock.now().getTime() + 2 * HOUR);
    const competition = await createDraft(organizerA.accessToken, 'Мерзім', deadline);
    await open(organizerA.accessToken, competition.id);
    try {
      t.clock.advance(2 * HOUR - 60_000);
      const early = await t.call('POST', `/competitions/${competition.id}/close`, {
        token: organizerA.accessToken,
        lang: 'ru',
      });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('DEADLINE_NOT_PASSED');
      const local = new Intl.DateTimeFormat('ru-RU', {
        timeZone: 'Asia/Almaty',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(deadline);
      expect(early.body.message).toContain(local);
      expect((await t.call('GET', `/competitions/${competition.id}`)).body.status).toBe('open');
      t.clock.advance(60_000);
      const closed = await t.call('POST', `/competitions/${competition.id}/close`, { token: organizerA.accessToken });
      expect([closed.status, closed.body.status]).toEqual([200, 'closed']);
    } finally {
      t.clock.reset();
    }
  });
});

describe('screening decisions in bulk', () => {
  let competition: any;
  let otherCompetition: any;
  const apps: Record<'passing' | 'alsoPassing' | 'failing' | 'decided', string> = {} as never;
  let stranger: string;

  const statusOf = async (id: string) =>
    ((await t.db.query(`SELECT status FROM applications WHERE id = $1`, [id])) as { status: string }[])[0].status;
  const decisions = (body: unknown, token = organizerA.accessToken, id = competition.id) =>
    t.call('POST', `/competitions/${id}/screening/decisions`, { token, body });

  beforeAll(async () => {
    const deadline = new Date(t.clock.now().getTime() + DAY);
    const draft = await createDraft(organizerA.accessToken, 'Іріктеу', deadline);
    competition = await open(organizerA.accessToken, draft.id);
    const otherDraft = await createDraft(organizerB.accessToken, 'Бөгде іріктеу', deadline);
    otherCompetition = await open(organizerB.accessToken, otherDraft.id);
    for (const key of Object.keys({ passing: 0, alsoPassing: 0, failing: 0, decided: 0 }) as (keyof typeof apps)[]) {
      const applicant = await signUp(t, key.toLowerCase());
      apps[key] = await readyDraft(t, applicant.accessToken, competition);
      const submit = await t.call('POST', `/applications/${apps[key]}/submit`, { token: applicant.accessToken });
      expect(submit.status).toBe(200);
    }
    const outsider = await signUp(t, 'outsider');
    stranger = await readyDraft(t, outsider.accessToken, otherCompetition);
    expect((await t.call('POST', `/applications/${stranger}/submit`, { token: outsider.accessToken })).status).toBe(
      200,
    );
    // A required document lost after submission: the checklist fails that line.
    await t.db.query(`DELETE FROM attachments WHERE application_id = $1`, [apps.failing]);
    t.clock.advance(DAY + 1000);
    for (const [c, token] of [
      [competition, organizerA.accessToken],
      [otherCompetition, organizerB.accessToken],
    ]) {
      expect((await t.call('POST', `/competitions/${c.id}/close`, { token })).status).toBe(200);
      expect((await t.call('POST', `/competitions/${c.id}/screening/run`, { token })).status).toBe(200);
    }
    const single = await t.call('PUT', `/applications/${apps.decided}/screening`, {
      token: organizerA.accessToken,
      body: { decision: 'screened_out', comment: 'Жоба мақсатқа сай емес' },
    });
    expect(single.status).toBe(200);
  });

  afterAll(() => t.clock.reset());

  it('is not found for another organizer and refuses an unclear request', async () => {
    const res = await decisions({ accept: 'passing' }, organizerB.accessToken);
    expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
    for (const body of [{}, { accept: 'passing', decision: 'screened_in' }, { applicationIds: [apps.passing] }]) {
      const bad = await decisions(body);
      expect(bad.status).toBe(400);
    }
    expect(await statusOf(apps.passing)).toBe('submitted');
  });

  it('screens in every passing, undecided application and says how many still need a look', async () => {
    const res = await decisions({ accept: 'passing' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ decided: 2, needsReview: 1 });
    expect(await statusOf(apps.passing)).toBe('screened_in');
    expect(await statusOf(apps.alsoPassing)).toBe('screened_in');
    expect(await statusOf(apps.failing)).toBe('submitted');
    // A decision already taken is the organizer's: the bulk accept leaves it alone.
    expect(await statusOf(apps.decided)).toBe('screened_out');
    const checklist = await t.call('GET', `/applications/${apps.passing}/screening`, { token: organizerA.accessToken });
    expect(checklist.body.decision).toBe('screened_in');
    const [entry] = await audited('screening.decided', apps.passing);
    expect(entry.summary.after).toMatchObject({ decision: 'screened_in', bulk: 'passing' });
    const moves = await t.db.query(
      `SELECT summary FROM audit_log WHERE action = 'application.screened_in' AND summary::text LIKE $1`,
      [`%${apps.alsoPassing}%`],
    );
    expect(moves).toHaveLength(1);
    // The other competition's applications were not touched.
    expect(await statusOf(stranger)).toBe('submitted');
    expect(await decisions({ accept: 'passing' }).then((r) => r.body)).toEqual({ decided: 0, needsReview: 1 });
  });

  it('decides the named applications, only of this competition, and then publication goes through', async () => {
    const foreign = await decisions({ applicationIds: [stranger], decision: 'screened_in' });
    expect(foreign.status).toBe(404);
    expect(await statusOf(stranger)).toBe('submitted');
    const res = await decisions({ applicationIds: [apps.failing], decision: 'screened_out', comment: 'Құжат жоқ' });
    expect(res.body).toEqual({ decided: 1, needsReview: 0 });
    expect(await statusOf(apps.failing)).toBe('screened_out');
    const published = await t.call('POST', `/competitions/${competition.id}/screening/publish`, {
      token: organizerA.accessToken,
    });
    expect(published.body).toEqual({ published: 4 });
    const afterPublish = await decisions({ accept: 'passing' });
    expect(afterPublish.status).toBe(409);
  });
});
