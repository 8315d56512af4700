/**
 * The whole life of a youth micro-projects competition (template 'youth-micro-projects', which
 * ends in the A/B/C draw of LOTTERY.md), driven through the HTTP API only: no SQL writes.
 * The database is only read, for assertions (the audit log). The one thing that is not an HTTP
 * call is making the organizer an admin: that is the operator's `cli create-admin` command,
 * called here in-process (UsersService.createAdmin, exactly what src/cli.ts runs).
 *
 * The first test drives the pipeline and records what each user would see at each step; the
 * tests after it judge those records, so one broken promise does not hide the others.
 *
 * What a user would notice is checked: every status along the way, the ranking and the
 * protocol unchanged by the draw and by publication, a commission that cannot change a closed
 * result, a draw record that verifies, and an audit entry for every status change.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runVerifier } from '../../libs/lottery';
import { systemActor } from '../../src/common/http/actor';
import { paragraphTexts, readDocx } from '../support/docx-reader';
import { UsersService } from '../../src/modules/identity/users.service';
import {
  signUp,
  TEST_PASSWORD,
  TestAccount,
  tokenFromOutbox,
  uniqueEmail,
  uniquePersonBody,
} from '../support/accounts';
import { memberOfAge, openCompetition, readyDraft } from '../support/competitions';
import { CallResult, createTestApp, TestApp } from '../support/test-app';

const HOUR = 3600 * 1000;
const ENTROPY = '07 12 33 41 45';

type Criterion = { code: string; maxPoints: number; step: number; commentBelow?: number };

/** Scores every criterion at `share` of its maximum, on the criterion's step; a comment where the rulebook asks for one. */
function scoresAt(criteria: Criterion[], share: number) {
  return criteria.map((c) => {
    const points = Math.min(c.maxPoints, Math.max(0, Math.round((c.maxPoints * share) / c.step) * c.step));
    return {
      criterion: c.code,
      points,
      ...(c.commentBelow !== undefined && points < c.commentBelow ? { comment: 'Жоспар әлсіз' } : {}),
    };
  });
}

/** A pipeline step must succeed; otherwise stop with what the server said. */
function expectStatus<T>(res: CallResult<T>, status: number, what: string): CallResult<T> {
  if (res.status !== status)
    throw new Error(
      `${what}: expected ${status}, got ${res.status} ${typeof res.body === 'string' ? res.body.slice(0, 300) : JSON.stringify(res.body)}`,
    );
  return res;
}

/** What the reader of a ranking notices: which applications, in which place, with which totals. */
function rankingView(rows: any[]) {
  return rows.map((r) => ({
    applicationId: r.applicationId,
    number: r.number,
    rank: r.rank,
    mean: r.mean,
    median: r.median,
    count: r.count,
    criterionMeans: r.criterionMeans,
    tieBrokenBy: r.tieBrokenBy,
  }));
}

/** Every table row of a DOCX as its cells' text. */
function tableRows(xml: string): string[][] {
  const rows = xml.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? [];
  return rows.map((row) =>
    (row.match(/<w:tc[ >][\s\S]*?<\/w:tc>/g) ?? []).map((cell) => paragraphTexts(cell).join(' ').trim()),
  );
}

interface ProtocolSnapshot {
  text: string;
  /** Ranking table rows: rank, number, applicant, territory, mean, median, count[, amount]. */
  ranking: string[][];
  /** Score table rows: number, each member's total, mean. */
  scores: string[][];
}

describe('the life of a youth micro-projects competition, through the API', () => {
  let t: TestApp;
  let organizer: TestAccount;
  let competition: any;
  let criteria: Criterion[];
  const members: TestAccount[] = [];

  // 9 teams in 3 regions. Team 1 is screened out; team 4 has commission member 2 in it (a
  // suggested conflict), so it gets two scores of a quorum of three: scoring is closed with a
  // reason and the selection leaves it out ('below_quorum'). Teams 3 and 5 score exactly alike (a tie).
  const plan = [
    { region: 'ALM', share: 0.9, locale: 'kk' },
    { region: 'ALM', share: 0.6, locale: 'ru', screenedOut: true },
    { region: 'ALM', share: 0.6, locale: 'kk' },
    { region: 'KAR', share: 0.7, locale: 'ru' },
    { region: 'KAR', share: 0.5, locale: 'kk', conflicted: true },
    { region: 'KAR', share: 0.7, locale: 'kk' },
    { region: 'PAV', share: 0.8, locale: 'ru' },
    { region: 'PAV', share: 0.4, locale: 'kk' },
    { region: 'PAV', share: 0.3, locale: 'ru' },
  ] as const;
  /** Each member scores a little differently: the mean of the three is the team's share. */
  const memberDelta = [-0.1, 0, 0.1];
  const teams: {
    id: string;
    number: string;
    applicant: TestAccount;
    region: string;
    share: number;
    screenedOut: boolean;
    conflicted: boolean;
  }[] = [];

  // What users saw along the way, judged by the tests below.
  type Seen = Record<string, { status: string; arm: string | null }>;
  const seen: Record<string, Seen> = {};
  /** What the organizer read at the same moments: the stored status, published or not. */
  const stored: Record<string, Seen> = {};
  const competitionStatus: Record<string, string> = {};
  const rankings: Record<string, any[]> = {};
  const protocols: Record<string, ProtocolSnapshot> = {};
  let selection: any[] = [];
  let drawRecord: any;
  /** The local date scoring closed on (dd.mm.yyyy): the meeting is recorded on that day. */
  let closedOn = '';
  const expectedAfterSelection: Record<string, string> = {};

  const label = (i: number) => `team${i}`;
  const call = (...args: Parameters<TestApp['call']>) => t.call(...args);

  async function applicantsSee(stage: string) {
    const view: Seen = {};
    for (const [i, team] of teams.entries()) {
      const res = expectStatus(
        await call('GET', `/applications/${team.id}`, { token: team.applicant.accessToken }),
        200,
        `applicant reads ${label(i)}`,
      );
      view[label(i)] = { status: res.body.status, arm: res.body.arm ?? null };
    }
    seen[stage] = view;
    const organizerView: Seen = {};
    for (const [i, team] of teams.entries()) {
      const res = expectStatus(
        await call('GET', `/applications/${team.id}`, { token: organizer.accessToken }),
        200,
        `organizer reads ${label(i)}`,
      );
      organizerView[label(i)] = { status: res.body.status, arm: res.body.arm ?? null };
    }
    stored[stage] = organizerView;
  }

  async function competitionIs(stage: string) {
    competitionStatus[stage] = (
      await call('GET', `/competitions/${competition.id}`, { token: organizer.accessToken })
    ).body.status;
  }

  async function ranking(token?: string) {
    return call('GET', `/competitions/${competition.id}/ranking`, token ? { token } : {});
  }

  async function protocol(token?: string, lang = 'kk'): Promise<ProtocolSnapshot> {
    const res = expectStatus(
      await call('GET', `/competitions/${competition.id}/protocol.docx?lang=${lang}`, token ? { token } : {}),
      200,
      'protocol.docx',
    );
    const docx = await readDocx(res.raw);
    const numbers = new Set(teams.map((x) => x.number));
    const rows = tableRows(docx.xml);
    return {
      text: docx.paragraphs.join('\n'),
      // The second cell holds the number and, under it, the applicant: keep the number.
      ranking: rows
        .map((r) => [r[0], (r[1] ?? '').split(' ')[0], ...r.slice(2)])
        .filter((r) => r.length >= 6 && /^\d+$/.test(r[0] ?? '') && numbers.has(r[1])),
      scores: rows.filter((r) => numbers.has(r[0])),
    };
  }

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs the competition from the call to the published results', async () => {
    // The operator makes the organizer (`npm run cli create-admin`), who signs in over HTTP.
    const organizerEmail = uniqueEmail('organizer');
    await t.app.get(UsersService).createAdmin(organizerEmail, TEST_PASSWORD, systemActor('cli'));
    const login = expectStatus(
      await call('POST', '/auth/login', { body: { email: organizerEmail, password: TEST_PASSWORD } }),
      200,
      'organizer login',
    );
    organizer = {
      email: organizerEmail,
      userId: '',
      accessToken: login.body.accessToken,
      refreshToken: login.body.refreshToken,
    };

    // The call: created and opened, the deadline two hours ahead.
    const deadline = new Date(t.clock.now().getTime() + 2 * HOUR);
    competition = await openCompetition(t, organizer.accessToken, 'youth-micro-projects', deadline);
    criteria = competition.rulebook.criteria;
    await competitionIs('opened');

    // The commission: two existing accounts and one created by accepting the invitation.
    for (let i = 0; i < 3; i += 1) {
      const email = i < 2 ? (await signUp(t, `commission${i}`)).email : uniqueEmail('commission-new');
      expectStatus(
        await call('POST', `/competitions/${competition.id}/members`, {
          token: organizer.accessToken,
          body: { email, role: 'commission' },
        }),
        201,
        `invite member ${i}`,
      );
      const token = await tokenFromOutbox(t, email, 'competition-invitation');
      const accepted = expectStatus(
        await call('POST', '/invitations/accept', {
          body: i < 2 ? { token } : { token, password: TEST_PASSWORD, locale: 'ru' },
        }),
        200,
        `accept ${i}`,
      );
      expect(accepted.body).toMatchObject({
        competitionId: competition.id,
        role: 'commission',
        accountCreated: i === 2,
      });
      const memberLogin = expectStatus(
        await call('POST', '/auth/login', { body: { email, password: TEST_PASSWORD } }),
        200,
        `member ${i} login`,
      );
      const me = await call('GET', '/me', { token: memberLogin.body.accessToken });
      members.push({
        email,
        userId: me.body.id,
        accessToken: memberLogin.body.accessToken,
        refreshToken: memberLogin.body.refreshToken,
      });
    }
    // Members 0 and 1 fill in their profiles (the protocol names them; they chair and keep the minutes).
    for (const [i, name] of ['Бірінші', 'Екінші'].entries()) {
      expectStatus(
        await call('PUT', '/me/person', {
          token: members[i].accessToken,
          body: uniquePersonBody({ lastName: 'Сарапшы', firstName: name }, `198${i}-03-0${i + 1}`, 'female'),
        }),
        200,
        `member ${i} profile`,
      );
    }
    // Member 2 fills in their profile; the same person is in team 4.
    const person = uniquePersonBody({ lastName: 'Сарапшы', firstName: 'Үшінші' }, '2001-05-05', 'male');
    expectStatus(
      await call('PUT', '/me/person', { token: members[2].accessToken, body: person }),
      200,
      'member 2 profile',
    );

    // Applicants sign up, fill their drafts and submit before the deadline.
    for (const [i, p] of plan.entries()) {
      const applicant = await signUp(t, label(i), p.locale);
      const conflicted = 'conflicted' in p && p.conflicted;
      const team = conflicted
        ? [
            memberOfAge(24),
            { iin: person.iin, lastName: person.lastName, firstName: person.firstName, phone: '+7 701 000 00 02' },
            memberOfAge(25),
          ]
        : undefined;
      const id = await readyDraft(t, applicant.accessToken, competition, {
        territoryCode: p.region,
        applicantKind: 'initiative_group',
        members: team,
      });
      const submitted = expectStatus(
        await call('POST', `/applications/${id}/submit`, { token: applicant.accessToken }),
        200,
        `submit ${label(i)}`,
      );
      teams.push({
        id,
        number: submitted.body.number,
        applicant,
        region: p.region,
        share: p.share,
        screenedOut: 'screenedOut' in p && p.screenedOut,
        conflicted,
      });
    }
    await applicantsSee('submitted');

    // The deadline passes; the organizer closes the call.
    t.clock.advance(3 * HOUR);
    expectStatus(
      await call('POST', `/competitions/${competition.id}/close`, { token: organizer.accessToken }),
      200,
      'close competition',
    );
    await competitionIs('closed');

    // Technical screening: the checklist, one team out with a reason, published to everyone.
    const run = expectStatus(
      await call('POST', `/competitions/${competition.id}/screening/run`, { token: organizer.accessToken }),
      200,
      'screening run',
    );
    expect(run.body.checked).toBe(plan.length);
    for (const [i, team] of teams.entries()) {
      const body = team.screenedOut
        ? {
            decision: 'screened_out',
            comment: 'Дербес деректерге келісімге қол қойылмаған',
            overrides: [{ rule: 'required_documents', passed: false, comment: 'Келісім қолсыз' }],
          }
        : { decision: 'screened_in' };
      expectStatus(
        await call('PUT', `/applications/${team.id}/screening`, { token: organizer.accessToken, body }),
        200,
        `screening decision ${label(i)}`,
      );
    }
    expect(
      expectStatus(
        await call('POST', `/competitions/${competition.id}/screening/publish`, { token: organizer.accessToken }),
        200,
        'publish screening',
      ).body,
    ).toEqual({ published: plan.length });
    await applicantsSee('screened');
    await competitionIs('screeningPublished');

    // The commission: everyone scores everything assigned; member 2 is kept off team 4.
    const assigned = expectStatus(
      await call('POST', `/competitions/${competition.id}/assignments`, { token: organizer.accessToken, body: {} }),
      200,
      'assign',
    );
    const screenedIn = teams.filter((x) => !x.screenedOut);
    expect(assigned.body.assignments).toBe(screenedIn.length * 3 - 1);
    for (const [m, member] of members.entries()) {
      const mine = expectStatus(
        await call('GET', `/competitions/${competition.id}/assignments`, { token: member.accessToken }),
        200,
        `assignments of ${m}`,
      );
      expect(mine.body.items).toHaveLength(m === 2 ? screenedIn.length - 1 : screenedIn.length);
      for (const item of mine.body.items) {
        const team = teams.find((x) => x.id === item.applicationId)!;
        const body = { version: item.scoreVersion ?? 0, scores: scoresAt(criteria, team.share + memberDelta[m]) };
        expectStatus(
          await call('PUT', `/applications/${item.applicationId}/scores/me`, { token: member.accessToken, body }),
          200,
          `member ${m} scores ${item.number}`,
        );
      }
    }
    expect(
      (await call('GET', `/competitions/${competition.id}/assignments`, { token: members[2].accessToken })).body
        .pendingConflicts,
    ).toEqual([expect.objectContaining({ applicationId: teams[4].id, reason: 'team_member' })]);

    // Scoring closes: team 4 is below the quorum, so the organizer gives a reason.
    const refused = await call('POST', `/competitions/${competition.id}/scoring/close`, {
      token: organizer.accessToken,
      body: {},
    });
    expect(refused.body.code).toBe('BELOW_QUORUM');
    const closed = expectStatus(
      await call('POST', `/competitions/${competition.id}/scoring/close`, {
        token: organizer.accessToken,
        body: { force: true, reason: 'Бір мүше өтінім берген командада: екі баға жеткілікті' },
      }),
      200,
      'close scoring',
    );
    expect(closed.body.belowQuorum).toEqual([teams[4].number]);
    closedOn = new Intl.DateTimeFormat('ru-RU', {
      timeZone: 'Asia/Almaty',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }).format(t.clock.now());
    // The secretary records the meeting: its number, day and place, who chaired and who attended.
    const heldOn = closedOn.split('.').reverse().join('-');
    expectStatus(
      await call('PUT', `/competitions/${competition.id}/protocol/meeting`, {
        token: organizer.accessToken,
        body: {
          number: '3',
          heldOn,
          place: 'Алматы қ., Абай даңғылы, 10',
          chairUserId: members[0].userId,
          secretaryUserId: members[1].userId,
          attendeeUserIds: members.map((m) => m.userId),
        },
      }),
      200,
      'protocol meeting',
    );
    await applicantsSee('scored');
    await competitionIs('scoringClosed');
    rankings.afterClose = expectStatus(await ranking(organizer.accessToken), 200, 'ranking after close').body;

    // The selection: the shortlist for the draw.
    selection = expectStatus(
      await call('POST', `/competitions/${competition.id}/selection`, { token: organizer.accessToken }),
      200,
      'selection',
    ).body;
    for (const [i, team] of teams.entries()) {
      if (team.screenedOut) expectedAfterSelection[label(i)] = 'screened_out';
      else expectedAfterSelection[label(i)] = team.conflicted ? 'not_selected' : 'shortlisted';
    }
    await applicantsSee('selected');
    rankings.afterSelection = expectStatus(await ranking(organizer.accessToken), 200, 'ranking after selection').body;
    protocols.afterSelection = await protocol(organizer.accessToken);

    // The draw: prepared (commitment), then drawn with the numbers drawn on camera.
    const announcedAt = new Date(t.clock.now().getTime() + HOUR).toISOString();
    const prepared = expectStatus(
      await call('POST', `/competitions/${competition.id}/draw/prepare`, {
        token: organizer.accessToken,
        body: { announcedAt },
      }),
      200,
      'draw prepare',
    );
    expect(prepared.body).toMatchObject({ status: 'prepared', seed: null });
    rankings.afterPrepare = expectStatus(await ranking(organizer.accessToken), 200, 'ranking after prepare').body;
    t.clock.advance(HOUR);
    expectStatus(
      await call('POST', `/competitions/${competition.id}/draw`, {
        token: organizer.accessToken,
        body: { publicEntropy: ENTROPY },
      }),
      200,
      'draw',
    );
    drawRecord = expectStatus(await call('GET', `/public/draws/${competition.id}`), 200, 'public draw record').body;
    await applicantsSee('drawn');
    rankings.afterDraw = (await ranking(organizer.accessToken)).body;
    protocols.afterDraw = await protocol(organizer.accessToken);

    // Results published: everyone may read the ranking and the protocol.
    expectStatus(
      await call('POST', `/competitions/${competition.id}/results/publish`, { token: organizer.accessToken }),
      200,
      'publish results',
    );
    await applicantsSee('published');
    await competitionIs('published');
    rankings.afterPublish = (await ranking(organizer.accessToken)).body;
    rankings.publicAfterPublish = (await ranking()).body;
    protocols.afterPublish = await protocol(organizer.accessToken);
    protocols.publicAfterPublish = await protocol();
  }, 120_000);

  describe('(d) each applicant sees the status the pipeline says on GET /applications/:id, once it is published', () => {
    const statuses = (stage: string, by = seen) =>
      Object.fromEntries(Object.entries(by[stage] ?? {}).map(([k, v]) => [k, v.status]));
    /** Until the results are published the applicant reads a selection as `scored`; a drawn arm is public. */
    const unpublished = (status: string) => (['shortlisted', 'not_selected'].includes(status) ? 'scored' : status);
    const all = (status: string) => Object.fromEntries(plan.map((_, i) => [label(i), status]));

    it('submitted, with a number each', () => {
      expect(statuses('submitted')).toEqual(all('submitted'));
      expect(new Set(teams.map((x) => x.number)).size).toBe(plan.length);
    });

    it('screened in or out after screening', () => {
      expect(statuses('screened')).toEqual(
        Object.fromEntries(plan.map((p, i) => [label(i), 'screenedOut' in p ? 'screened_out' : 'screened_in'])),
      );
    });

    it('scored once scoring is closed (the screened-out one stays out)', () => {
      expect(statuses('scored')).toEqual(
        Object.fromEntries(plan.map((p, i) => [label(i), 'screenedOut' in p ? 'screened_out' : 'scored'])),
      );
    });

    it('shortlisted or not selected after the selection, as the selection explains; scored to the applicant', () => {
      expect(statuses('selected', stored)).toEqual(expectedAfterSelection);
      expect(statuses('selected')).toEqual(
        Object.fromEntries(Object.entries(expectedAfterSelection).map(([k, v]) => [k, unpublished(v)])),
      );
      const reasons = Object.fromEntries(selection.map((o) => [o.applicationId, o.reason]));
      expect(reasons[teams[4].id]).toBe('below_quorum');
      expect(Object.values(reasons).filter((r) => r === 'shortlisted')).toHaveLength(7);
    });

    it('after the draw: arms A and B are winners, arm C allocated, each with its arm; the rest unchanged', () => {
      expect(drawRecord?.assignments).toHaveLength(7);
      const armOf = new Map<string, string>(
        drawRecord.assignments.map((a: { applicationNumber: string; arm: string }) => [a.applicationNumber, a.arm]),
      );
      const expected = Object.fromEntries(
        teams.map((team, i) => {
          const arm = armOf.get(team.number) ?? null;
          if (arm === null) return [label(i), { status: expectedAfterSelection[label(i)], arm: null }];
          return [label(i), { status: arm === 'C' ? 'allocated' : 'winner', arm }];
        }),
      );
      expect(stored.drawn).toEqual(expected);
      // The one not selected learns it with the results; the draw's teams from the public draw.
      expect(seen.drawn).toEqual(
        Object.fromEntries(
          Object.entries(expected as Record<string, { status: string; arm: string | null }>).map(([k, v]) => [
            k,
            { ...v, status: unpublished(v.status) },
          ]),
        ),
      );
      expect(seen.published).toEqual(expected);
      expect(stored.published).toEqual(expected);
    });

    it('the competition moved open → closed → scoring → results', () => {
      expect(competitionStatus).toEqual({
        opened: 'open',
        closed: 'closed',
        screeningPublished: 'scoring',
        scoringClosed: 'results',
        published: 'results',
      });
    });
  });

  describe('(a) the draw changes nothing in the ranking or the protocol', () => {
    it('the ranking has every scored application with ranks and means, a tie included', () => {
      const rows = rankings.afterClose;
      expect(rows.map((r) => r.applicationId).sort()).toEqual(
        teams
          .filter((x) => !x.screenedOut)
          .map((x) => x.id)
          .sort(),
      );
      const byId = new Map(rows.map((r) => [r.applicationId, r]));
      expect(byId.get(teams[3].id).mean).toBe(byId.get(teams[5].id).mean);
      expect(new Set(rows.map((r) => r.mean)).size).toBe(rows.length - 1);
      expect(byId.get(teams[0].id)).toMatchObject({ rank: 1, count: 3 });
      expect(byId.get(teams[4].id).count).toBe(2);
    });

    it('the ranking after the selection and the preparation is the one after close', () => {
      expect(rankingView(rankings.afterSelection)).toEqual(rankingView(rankings.afterClose));
      expect(rankingView(rankings.afterPrepare)).toEqual(rankingView(rankings.afterClose));
    });

    it('the ranking after the draw and after publication (organizer and public) is the one before the draw', () => {
      const before = rankingView(rankings.afterSelection);
      expect(rankingView(rankings.afterDraw)).toEqual(before);
      expect(rankingView(rankings.afterPublish)).toEqual(before);
      expect(rankingView(rankings.publicAfterPublish)).toEqual(before);
    });

    it('the protocol after the draw and after publication lists the same applications, ranks and totals', () => {
      const before = protocols.afterSelection;
      expect(before.ranking).toHaveLength(teams.length - 1);
      for (const later of [protocols.afterDraw, protocols.afterPublish, protocols.publicAfterPublish]) {
        expect({ ranking: later.ranking, scores: later.scores }).toEqual({
          ranking: before.ranking,
          scores: before.scores,
        });
      }
    });
  });

  describe('(c) the published draw record verifies', () => {
    it('with the verifier the project ships: `npm run draw:verify -- <file>` prints OK and exits 0', async () => {
      expect(drawRecord).toMatchObject({ status: 'drawn', publicEntropy: ENTROPY });
      expect(drawRecord.pool.map((e: { applicationNumber: string }) => e.applicationNumber).sort()).toEqual(
        teams
          .filter((x, i) => expectedAfterSelection[label(i)] === 'shortlisted')
          .map((x) => x.number)
          .sort(),
      );
      const file = join(mkdtempSync(join(tmpdir(), 'lifecycle-draw-')), 'record.json');
      writeFileSync(file, JSON.stringify(drawRecord, null, 2));
      const out: string[] = [];
      expect(await runVerifier([file], { stdout: (s) => out.push(s), stderr: (s) => out.push(s) })).toBe(0);
      expect(out.join('')).toMatch(/^OK: 7 applications, 3 strata/);
      const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'draw:verify', '--', file], {
        cwd: join(__dirname, '../..'),
      });
      expect(stdout).toMatch(/^OK: 7 applications/);
    }, 30_000);
  });

  // A bulk status change (scored, shortlisted/not_selected, allocated, winner) is one entry per
  // competition naming every application. Kept loose on purpose: an entry counts when it names the application (entity id, or its id or number in the summary)
  // and names the new status (action 'application.<status>' or the status as a JSON string).
  describe('(e) the audit log', () => {
    it('has an entry for every status change of every application', async () => {
      const rows: { action: string; entity_id: string; summary: unknown }[] = await t.db.query(
        `SELECT action, entity_id, summary FROM audit_log WHERE entity_id = ANY($1) ORDER BY id`,
        [[competition.id, ...teams.map((x) => x.id)]],
      );
      const changes: { team: string; to: string }[] = [];
      const stages = ['submitted', 'screened', 'scored', 'selected', 'drawn'];
      for (const [i] of teams.entries()) {
        let previous = 'draft';
        for (const stage of stages) {
          const now = stored[stage]?.[label(i)]?.status;
          if (now && now !== previous) changes.push({ team: label(i), to: now });
          if (now) previous = now;
        }
        // The draw must end in winner (A, B) or allocated (C): both are changes to audit, whatever the code did.
        const arm = drawRecord?.assignments?.find(
          (a: { applicationNumber: string }) => a.applicationNumber === teams[i].number,
        )?.arm;
        if (arm && !changes.some((c) => c.team === label(i) && c.to === 'allocated'))
          changes.push({ team: label(i), to: 'allocated' });
        if (arm && arm !== 'C' && !changes.some((c) => c.team === label(i) && c.to === 'winner'))
          changes.push({ team: label(i), to: 'winner' });
      }
      const missing = changes.filter(({ team, to }) => {
        const app = teams[Number(team.slice(4))];
        return !rows.some((row) => {
          const summary = JSON.stringify(row.summary);
          const namesApp = row.entity_id === app.id || summary.includes(app.id) || summary.includes(`"${app.number}"`);
          const namesStatus = row.action === `application.${to}` || summary.includes(`"${to}"`);
          return namesApp && namesStatus;
        });
      });
      expect(missing).toEqual([]);
    });
  });

  // Last on purpose: were these calls accepted, they would delete a score and spoil the records
  // the other tests judge.
  describe('(b) once scoring is closed, the commission cannot change the result', () => {
    it('a declared conflict, a confirmed suggestion and a new score are refused with 409, and nothing changes', async () => {
      const rankingBefore = await ranking(organizer.accessToken);
      const publicBefore = await ranking();
      const protocolBefore = await protocol(organizer.accessToken);
      const scoredByMember0 = teams[0];
      const mine = await call('GET', `/applications/${scoredByMember0.id}/scores/me`, {
        token: members[1].accessToken,
      });

      const declared = await call('POST', `/competitions/${competition.id}/conflicts`, {
        token: members[0].accessToken,
        body: { applicationId: scoredByMember0.id, reason: 'Команда жетекшісі туысым екен' },
      });
      const confirmed = await call('POST', `/competitions/${competition.id}/conflicts/suggestions`, {
        token: members[2].accessToken,
        body: { applicationId: teams[4].id, confirm: true, reason: 'Иә, мен осы командадамын' },
      });
      const rescored = await call('PUT', `/applications/${scoredByMember0.id}/scores/me`, {
        token: members[1].accessToken,
        body: { version: mine.body?.version ?? 1, scores: scoresAt(criteria, 0.1) },
      });
      const reassigned = await call('POST', `/competitions/${competition.id}/assignments`, {
        token: organizer.accessToken,
        body: { quorum: 1 },
      });

      const rankingAfter = await ranking(organizer.accessToken);
      const publicAfter = await ranking();
      const protocolAfter = await protocol(organizer.accessToken);
      expect({
        declareConflict: declared.status,
        confirmSuggestion: confirmed.status,
        saveScore: rescored.status,
        reassign: reassigned.status,
        rankingUnchanged:
          JSON.stringify(rankingAfter.body) === JSON.stringify(rankingBefore.body) &&
          rankingAfter.raw.equals(rankingBefore.raw),
        publicRankingUnchanged: publicAfter.raw.equals(publicBefore.raw),
        protocolTextUnchanged: protocolAfter.text === protocolBefore.text,
      }).toEqual({
        declareConflict: 409,
        confirmSuggestion: 409,
        saveScore: 409,
        reassign: 409,
        rankingUnchanged: true,
        publicRankingUnchanged: true,
        protocolTextUnchanged: true,
      });
    });
  });

  describe('what was published stays as it was', () => {
    it('the protocol is dated by the meeting the organizer recorded, not by the day it is downloaded', async () => {
      const published = await protocol();
      const [day, , year] = closedOn.split('.');
      const heldLine = published.text.split('\n').find((line) => line.startsWith('Өткізілген күні:'));
      expect(heldLine).toContain(`${Number(day)} `);
      expect(heldLine).toContain(year);
      t.clock.advance(400 * 24 * HOUR);
      expect((await protocol()).text).toBe(published.text);
    });

    it('the database refuses to change or delete the stored ranking', async () => {
      await expect(
        t.db.query(`UPDATE ranking_entries SET position = position + 100 WHERE competition_id = $1`, [competition.id]),
      ).rejects.toThrow(/published snapshot/);
      await expect(
        t.db.query(`DELETE FROM ranking_entries WHERE competition_id = $1`, [competition.id]),
      ).rejects.toThrow(/published snapshot/);
    });
  });
});
