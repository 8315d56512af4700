import { ageOn, localDate, parseIin } from '../../libs/kz';
import { makeAdmin, signUp, TestAccount, uniquePersonBody } from '../support/accounts';
import { MINIMAL_PDF, memberOfAge, openCompetition, readyDraft } from '../support/competitions';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;

interface Assignment {
  applicationId: string;
  memberId: string;
}

/** The commission's side: what a member may read, the list to declare conflicts on, replacement, progress, "not yet". */
describe('the commission reads what it scores and declares conflicts up front', () => {
  let t: TestApp;
  let organizer: TestAccount;
  let competition: any;
  /** Three with a profile (their names), the last one without. */
  const members: TestAccount[] = [];
  const memberNames = [
    { lastName: 'Жұмабаева', firstName: 'Дана', middleName: 'Серікқызы' },
    { lastName: 'Омаров', firstName: 'Ерлан' },
    { lastName: 'Сейітова', firstName: 'Мәдина' },
  ];
  const apps: { id: string; applicant: TestAccount; team: ReturnType<typeof memberOfAge>[] }[] = [];
  const criteria = () => competition.rulebook.criteria as { code: string; maxPoints: number; step: number }[];

  const assignments = async (): Promise<Assignment[]> =>
    t.db.query(
      `SELECT application_id AS "applicationId", member_id AS "memberId" FROM commission_assignments
        WHERE competition_id = $1 ORDER BY application_id, member_id`,
      [competition.id],
    );
  const memberById = (id: string) => members.find((m) => m.userId === id)!;
  const get = (path: string, who?: TestAccount, lang?: 'kk' | 'ru') =>
    t.call('GET', path, { ...(who ? { token: who.accessToken } : {}), ...(lang ? { lang } : {}) });

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await makeAdmin(t, await signUp(t, 'organizer'));
    competition = await openCompetition(t, organizer.accessToken, 'mini-grants-district', new Date(Date.now() + DAY));
    for (let i = 0; i < 4; i += 1) {
      const member = await signUp(t, `commission${i}`);
      await t.db.query(
        `INSERT INTO competition_memberships (competition_id, user_id, role, status) VALUES ($1, $2, 'commission', 'active')`,
        [competition.id, member.userId],
      );
      if (memberNames[i]) {
        const profile = await t.call('PUT', '/me/person', {
          token: member.accessToken,
          body: uniquePersonBody(memberNames[i], '1980-03-10'),
        });
        expect(profile.status).toBe(200);
      }
      members.push(member);
    }
    const districts = (await t.call('GET', '/territories?parent=ZHT')).body.filter(
      (x: { kind: string }) => x.kind === 'district',
    );
    for (let i = 0; i < 3; i += 1) {
      const applicant = await signUp(t, `applicant${i}`);
      const profile = await t.call('PUT', '/me/person', {
        token: applicant.accessToken,
        body: uniquePersonBody({ lastName: 'Өтінімова', firstName: `Айгүл${'абв'[i]}` }, '1995-07-01'),
      });
      expect(profile.status).toBe(200);
      const team = [memberOfAge(24), memberOfAge(31, 'male'), memberOfAge(45)];
      const id = await readyDraft(t, applicant.accessToken, competition, {
        members: team,
        territoryCode: districts[i].code,
        applicantKind: 'initiative_group',
      });
      expect((await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken })).status).toBe(200);
      apps.push({ id, applicant, team });
    }
    t.clock.advance(DAY + 60_000);
    expect(
      (await t.call('POST', `/competitions/${competition.id}/close`, { token: organizer.accessToken })).status,
    ).toBe(200);
    await t.call('POST', `/competitions/${competition.id}/screening/run`, { token: organizer.accessToken });
    for (const a of apps)
      await t.call('PUT', `/applications/${a.id}/screening`, {
        token: organizer.accessToken,
        body: { decision: 'screened_in' },
      });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the screened-in applications to a member once screening is published, without answers or budget', async () => {
    const url = `/competitions/${competition.id}/commission/applications`;
    // Screening decisions may still change until they are published: nothing to show yet.
    expect((await get(url, members[0])).body).toEqual({ items: [] });
    expect(
      (await t.call('POST', `/competitions/${competition.id}/screening/publish`, { token: organizer.accessToken }))
        .status,
    ).toBe(200);
    const list = await get(url, members[0]);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(3);
    const first = list.body.items.find((i: { applicationId: string }) => i.applicationId === apps[0].id);
    expect(first).toEqual({
      applicationId: apps[0].id,
      number: expect.stringMatching(/-2\d{3}-\d{4}$/),
      title: 'Ауылдағы жастар алаңы',
      applicant: 'Өтінімова Айгүла',
      organization: null,
      team: apps[0].team.map((m, i) => ({ lastName: m.lastName, firstName: m.firstName, isLeader: i === 0 })),
      myConflict: null,
    });
    expect(JSON.stringify(list.body)).not.toContain(apps[0].team[0].iin);
    expect((await get(url, await signUp(t, 'stranger'))).status).toBe(403);
  });

  it('a conflict declared up front from that list keeps the member off the application at assignment', async () => {
    const declared = await t.call('POST', `/competitions/${competition.id}/conflicts`, {
      token: members[0].accessToken,
      body: { applicationId: apps[0].id, reason: 'Өтінім берушінің туысымын' },
    });
    expect(declared.status).toBe(204);
    const list = await get(`/competitions/${competition.id}/commission/applications`, members[0]);
    expect(list.body.items.find((i: { applicationId: string }) => i.applicationId === apps[0].id).myConflict).toEqual({
      source: 'declared',
      status: 'confirmed',
      reason: 'Өтінім берушінің туысымын',
    });
    // Nobody was assigned yet: there is nobody to replace.
    expect(
      await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'commission.member_replaced' AND entity_id = $1`, [
        apps[0].id,
      ]),
    ).toEqual([]);
    const assigned = await t.call('POST', `/competitions/${competition.id}/assignments`, {
      token: organizer.accessToken,
      body: { quorum: 2 },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignments).toBe(6);
    const rows = await assignments();
    expect(rows).not.toContainEqual({ applicationId: apps[0].id, memberId: members[0].userId });
  });

  it('an assigned member reads the whole application, its documents and files; anyone else gets 404', async () => {
    const rows = await assignments();
    const app = apps[1];
    const assignedIds = rows.filter((r) => r.applicationId === app.id).map((r) => r.memberId);
    const reader = memberById(assignedIds[0]);
    const outsider = members.find((m) => !assignedIds.includes(m.userId))!;

    const read = await get(`/applications/${app.id}`, reader);
    expect(read.status).toBe(200);
    expect(Object.keys(read.body.answers).length).toBeGreaterThan(0);
    expect(read.body.budgetLines).toHaveLength(1);
    expect(read.body.amountRequested).toBeGreaterThan(0);
    const today = localDate(new Date());
    expect(read.body.team).toEqual(
      app.team.map((m, i) => ({
        lastName: m.lastName,
        firstName: m.firstName,
        gender: i === 1 ? 'male' : 'female',
        isLeader: i === 0,
        age: ageOn(birthOf(m.iin), today),
      })),
    );
    // The IINs and phone numbers of the team are not the commission's to read.
    expect(JSON.stringify(read.body.team)).not.toMatch(/iin|phone|\+7/);
    expect(read.body.documents.length).toBeGreaterThan(0);
    const document = read.body.documents[0];
    expect(document).toEqual({
      id: expect.any(String),
      documentCode: expect.any(String),
      fileKind: 'pdf',
      size: MINIMAL_PDF.length,
      originalName: 'келісім.pdf',
    });
    const listed = await get(`/applications/${app.id}/attachments`, reader);
    expect(listed.status).toBe(200);
    expect(listed.body.map((d: { id: string }) => d.id)).toEqual(read.body.documents.map((d: { id: string }) => d.id));
    const file = await get(`/attachments/${document.id}`, reader);
    expect(file.status).toBe(200);
    expect(file.raw.equals(MINIMAL_PDF)).toBe(true);

    // The owner still reads their own team in full.
    const own = await get(`/applications/${app.id}`, app.applicant);
    expect(own.body.team[0]).toMatchObject({ iin: app.team[0].iin, age: read.body.team[0].age });

    // A member not assigned to it, and a member conflicted on an application: not found, as for a stranger.
    for (const [who, application, attachmentId] of [
      [outsider, app.id, document.id],
      [members[0], apps[0].id, (await get(`/applications/${apps[0].id}`, apps[0].applicant)).body.documents[0].id],
    ] as const) {
      expect((await get(`/applications/${application}`, who)).status).toBe(404);
      expect((await get(`/applications/${application}/attachments`, who)).status).toBe(404);
      expect((await get(`/attachments/${attachmentId}`, who)).status).toBe(404);
    }
    // Reading is all: a member edits nothing.
    const edit = await t.call('PATCH', `/applications/${app.id}`, {
      token: reader.accessToken,
      body: { version: read.body.version, title: 'Өзгертілген' },
    });
    expect(edit.status).toBe(404);
  });

  it("the assignment list carries each application's team (names, ages) and documents", async () => {
    const rows = await assignments();
    const member = memberById(rows.find((r) => r.applicationId === apps[1].id)!.memberId);
    const mine = await get(`/competitions/${competition.id}/assignments`, member);
    expect(mine.status).toBe(200);
    const item = mine.body.items.find((i: { applicationId: string }) => i.applicationId === apps[1].id);
    expect(item.team).toEqual(
      apps[1].team.map((m, i) => ({
        lastName: m.lastName,
        firstName: m.firstName,
        isLeader: i === 0,
        age: ageOn(birthOf(m.iin), localDate(new Date())),
      })),
    );
    expect(item.documents).toEqual([expect.objectContaining({ fileKind: 'pdf', originalName: 'келісім.pdf' })]);
    expect(JSON.stringify(mine.body)).not.toContain(apps[1].team[0].iin);
  });

  it('a conflict after assignment replaces that member on that application only, by the least-loaded free member', async () => {
    const before = await assignments();
    // Someone's work already scored must survive whatever happens next.
    const scorer = before.find((r) => r.applicationId === apps[1].id)!;
    const saved = await t.call('PUT', `/applications/${apps[1].id}/scores/me`, {
      token: memberById(scorer.memberId).accessToken,
      body: { version: 0, scores: criteria().map((c) => ({ criterion: c.code, points: c.maxPoints })) },
    });
    expect(saved.status).toBe(200);

    const target = apps[2].id;
    const leaving = before.find((r) => r.applicationId === target && r.memberId !== scorer.memberId)!.memberId;
    const progress = (await get(`/competitions/${competition.id}/scoring/progress`, organizer)).body;
    const loadOf = (id: string) => progress.members.find((m: { memberId: string }) => m.memberId === id).assigned;
    const free = members
      .map((m) => m.userId)
      .filter((id) => !before.some((r) => r.applicationId === target && r.memberId === id));
    expect(free.length).toBeGreaterThan(0);
    const expected = [...free].sort((a, b) => loadOf(a) - loadOf(b) || (a < b ? -1 : 1))[0];

    const declared = await t.call('POST', `/competitions/${competition.id}/conflicts`, {
      token: memberById(leaving).accessToken,
      body: { applicationId: target, reason: 'Команда мүшесі — көршім' },
    });
    expect(declared.status).toBe(204);
    const after = await assignments();
    const swapped = before
      .filter((r) => !(r.applicationId === target && r.memberId === leaving))
      .concat({ applicationId: target, memberId: expected });
    const order = (rows: Assignment[]) =>
      rows.map((r) => `${r.applicationId}/${r.memberId}`).sort((a, b) => (a < b ? -1 : 1));
    expect(order(after)).toEqual(order(swapped));
    expect((await get(`/applications/${target}`, memberById(leaving))).status).toBe(404);
    expect((await get(`/applications/${target}`, memberById(expected))).status).toBe(200);
    expect((await get(`/applications/${apps[1].id}/scores/me`, memberById(scorer.memberId))).body).toMatchObject({
      version: 1,
    });
    const audit = await t.db.query(
      `SELECT actor_id, summary FROM audit_log WHERE action = 'commission.member_replaced' AND entity_id = $1`,
      [target],
    );
    expect(audit).toEqual([
      {
        actor_id: leaving,
        summary: expect.objectContaining({
          before: { memberId: leaving },
          after: { memberId: expected, short: false },
        }),
      },
    ]);
  });

  it('with nobody free the application is left short, and the organizer sees it in the progress', async () => {
    const target = apps[0].id;
    const before = await assignments();
    const onTarget = before.filter((r) => r.applicationId === target).map((r) => r.memberId);
    expect(onTarget).toHaveLength(2);
    // Everyone not on it is conflicted with it first (members[0] already is).
    for (const m of members.filter((x) => !onTarget.includes(x.userId) && x !== members[0])) {
      await t.call('POST', `/competitions/${competition.id}/conflicts`, {
        token: m.accessToken,
        body: { applicationId: target, reason: 'Бұрын бірге жұмыс істедік' },
      });
    }
    const declared = await t.call('POST', `/competitions/${competition.id}/conflicts`, {
      token: memberById(onTarget[0]).accessToken,
      body: { applicationId: target, reason: 'Жетекшісі — ағам' },
    });
    expect(declared.status).toBe(204);
    const after = await assignments();
    expect(after.filter((r) => r.applicationId === target).map((r) => r.memberId)).toEqual([onTarget[1]]);
    expect(after.filter((r) => r.applicationId !== target)).toEqual(before.filter((r) => r.applicationId !== target));
    const [entry] = await t.db.query(
      `SELECT summary FROM audit_log WHERE action = 'commission.member_replaced' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [target],
    );
    expect(entry.summary.after).toEqual({ memberId: null, short: true });
    const progress = await get(`/competitions/${competition.id}/scoring/progress`, organizer);
    expect(progress.body.quorum).toBe(2);
    expect(progress.body.short).toEqual([{ applicationId: target, number: expect.any(String), assigned: 1 }]);
  });

  it('organizers see scoring progress per member by full name, never an e-mail while there is a profile', async () => {
    const res = await get(`/competitions/${competition.id}/scoring/progress`, organizer);
    expect(res.status).toBe(200);
    const rows = await assignments();
    const conflicts: { member_id: string; n: number }[] = await t.db.query(
      `SELECT member_id, count(*)::int AS n FROM commission_conflicts WHERE competition_id = $1 AND status <> 'dismissed' GROUP BY member_id`,
      [competition.id],
    );
    const scored: { member_id: string; n: number }[] = await t.db.query(
      `SELECT member_id, count(*)::int AS n FROM commission_scores WHERE competition_id = $1 GROUP BY member_id`,
      [competition.id],
    );
    expect(res.body.members).toHaveLength(4);
    for (const [i, member] of members.entries()) {
      const row = res.body.members.find((m: { memberId: string }) => m.memberId === member.userId);
      const name = memberNames[i]
        ? [memberNames[i].lastName, memberNames[i].firstName, memberNames[i].middleName].filter(Boolean).join(' ')
        : member.email;
      expect(row).toEqual({
        memberId: member.userId,
        name,
        assigned: rows.filter((r) => r.memberId === member.userId).length,
        scored: scored.find((s) => s.member_id === member.userId)?.n ?? 0,
        conflicts: conflicts.find((c) => c.member_id === member.userId)?.n ?? 0,
      });
    }
    expect(res.body.members.map((m: { name: string }) => m.name).join(' ')).not.toContain(members[0].email);
    expect(res.body.members.reduce((n: number, m: { scored: number }) => n + m.scored, 0)).toBe(1);
    expect((await get(`/competitions/${competition.id}/scoring/progress`, members[1])).status).toBe(403);
  });

  it('"not yet" is its own answer for the ranking: 409 RESULTS_NOT_YET, worded for organizers and for everyone else', async () => {
    const url = `/competitions/${competition.id}/ranking`;
    const mine = await get(url, organizer, 'ru');
    expect(mine.status).toBe(409);
    expect(mine.body.code).toBe('RESULTS_NOT_YET');
    expect(mine.body.message).toContain('после закрытия оценки');
    const anyone = await get(url, undefined, 'ru');
    expect(anyone.status).toBe(409);
    expect(anyone.body.code).toBe('RESULTS_NOT_YET');
    expect(anyone.body.message).toContain('не опубликованы');
    const kk = await get(url, members[1]);
    expect([kk.status, kk.body.code]).toEqual([409, 'RESULTS_NOT_YET']);
    expect(kk.body.message).toContain('жарияланған жоқ');
    // A draft competition does not exist for anyone but its organizers.
    const draft = await t.call('POST', '/competitions', {
      token: organizer.accessToken,
      body: {
        templateCode: 'mini-grants-district',
        title: { kk: 'Нобай конкурс', ru: 'Черновой конкурс' },
        submissionDeadline: new Date(t.clock.now().getTime() + 10 * DAY).toISOString(),
      },
    });
    expect(draft.status).toBe(201);
    expect((await get(`/competitions/${draft.body.id}/ranking`)).status).toBe(404);
    expect((await get(`/competitions/${draft.body.id}/ranking`, members[1])).status).toBe(404);
    expect((await get(`/competitions/${draft.body.id}/ranking`, organizer)).body.code).toBe('RESULTS_NOT_YET');
  });
});

/** The birth date an IIN encodes. */
function birthOf(iin: string): string {
  const parsed = parseIin(iin);
  if (!parsed.ok) throw new Error(`not an IIN: ${iin}`);
  return parsed.birthDate;
}
