import { randomUUID } from 'node:crypto';
import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { memberOfAge, openCompetition, readyDraft } from '../support/competitions';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;

describe('technical screening', () => {
  let t: TestApp;
  let organizer: TestAccount;
  let competition: any;
  let good: { id: string; applicant: TestAccount };
  let oldMember: { id: string; applicant: TestAccount };

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await makeAdmin(t, await signUp(t, 'organizer'));
    competition = await openCompetition(t, organizer.accessToken, 'youth-micro-projects', new Date(Date.now() + DAY));
    const a = await signUp(t, 'good');
    good = { id: await readyDraft(t, a.accessToken, competition), applicant: a };
    const b = await signUp(t, 'aged', 'ru');
    // Ages are checked at submission too; this team passes then and the rulebook is read again at screening.
    oldMember = {
      id: await readyDraft(t, b.accessToken, competition, {
        members: [memberOfAge(29), memberOfAge(22), memberOfAge(23)],
      }),
      applicant: b,
    };
    for (const x of [good, oldMember])
      expect((await t.call('POST', `/applications/${x.id}/submit`, { token: x.applicant.accessToken })).status).toBe(
        200,
      );
    // Drop the required document of the second after submission, as if it was lost: the checklist must say so.
    await t.db.query(`DELETE FROM attachments WHERE application_id = $1`, [oldMember.id]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses to screen before the competition is closed', async () => {
    const res = await t.call('POST', `/competitions/${competition.id}/screening/run`, { token: organizer.accessToken });
    expect(res.status).toBe(409);
  });

  it('answers a decision on anything the caller may not see with 404, missing or not, before locking a row', async () => {
    const decision = { decision: 'screened_in' };
    const missing = await t.call('PUT', `/applications/${randomUUID()}/screening`, {
      token: organizer.accessToken,
      body: decision,
    });
    const stranger = await signUp(t, 'screening-stranger');
    const others = await t.call('PUT', `/applications/${good.id}/screening`, {
      token: stranger.accessToken,
      body: decision,
    });
    const applicant = await t.call('PUT', `/applications/${good.id}/screening`, {
      token: good.applicant.accessToken,
      body: decision,
    });
    expect([missing.status, others.status, applicant.status]).toEqual([404, 404, 404]);
    expect(new Set([missing.body.code, others.body.code, applicant.body.code])).toEqual(new Set(['NOT_FOUND']));
    // The organizer, before screening was run, is told so.
    expect(
      (await t.call('PUT', `/applications/${good.id}/screening`, { token: organizer.accessToken, body: decision })).body
        .code,
    ).toBe('SCREENING_NOT_RUN');
  });

  it('gives each submitted application a checklist with a reason for every failed line, in the reader’s language', async () => {
    // Intake closes only once the deadline has passed; the clock goes back so later steps keep today's dates.
    t.clock.advance(DAY + 1000);
    expect(
      (await t.call('POST', `/competitions/${competition.id}/close`, { token: organizer.accessToken })).status,
    ).toBe(200);
    t.clock.reset();
    const run = await t.call('POST', `/competitions/${competition.id}/screening/run`, { token: organizer.accessToken });
    expect(run.body).toEqual({ checked: 2, failing: 1 });
    const ok = await t.call('GET', `/applications/${good.id}/screening`, { token: organizer.accessToken });
    expect(ok.body.lines.every((l: { effective: boolean }) => l.effective)).toBe(true);
    const bad = await t.call('GET', `/applications/${oldMember.id}/screening`, {
      token: organizer.accessToken,
      lang: 'ru',
    });
    const docs = bad.body.lines.find((l: { rule: string }) => l.rule === 'required_documents');
    expect(docs).toMatchObject({
      passed: false,
      label: 'Обязательные документы приложены',
      message: 'Не приложен обязательный документ.',
    });
    // Not published yet: the applicant does not see it.
    expect(
      (await t.call('GET', `/applications/${oldMember.id}/screening`, { token: oldMember.applicant.accessToken }))
        .status,
    ).toBe(404);
  });

  it('lets the organizer override a line only with a comment, decide, and publishes to every applicant', async () => {
    const noComment = await t.call('PUT', `/applications/${oldMember.id}/screening`, {
      token: organizer.accessToken,
      body: { decision: 'screened_in', overrides: [{ rule: 'required_documents', passed: true, comment: ' ' }] },
    });
    expect(noComment.status).toBe(400);
    expect(noComment.body.details[0]).toMatchObject({
      field: 'overrides[0].comment',
      code: 'OVERRIDE_COMMENT_REQUIRED',
    });
    const early = await t.call('POST', `/competitions/${competition.id}/screening/publish`, {
      token: organizer.accessToken,
    });
    expect(early.body).toMatchObject({ code: 'SCREENING_UNDECIDED' });
    expect(
      (
        await t.call('PUT', `/applications/${good.id}/screening`, {
          token: organizer.accessToken,
          body: { decision: 'screened_in' },
        })
      ).status,
    ).toBe(200);
    const out = await t.call('PUT', `/applications/${oldMember.id}/screening`, {
      token: organizer.accessToken,
      body: { decision: 'screened_out', comment: 'Келісім құжаты жоқ' },
    });
    expect(out.body.decision).toBe('screened_out');
    const stranger = await signUp(t, 'stranger');
    expect(
      (
        await t.call('PUT', `/applications/${good.id}/screening`, {
          token: stranger.accessToken,
          body: { decision: 'screened_out' },
        })
      ).status,
    ).toBe(404);
    const published = await t.call('POST', `/competitions/${competition.id}/screening/publish`, {
      token: organizer.accessToken,
    });
    expect(published.body).toEqual({ published: 2 });
    const mails = await t.db.query(
      `SELECT recipient_email, payload FROM notification_outbox WHERE template = 'screening-result' AND competition_id = $1 ORDER BY recipient_email`,
      [competition.id],
    );
    const byEmail = Object.fromEntries(
      mails.map((m: { recipient_email: string; payload: any }) => [m.recipient_email, m.payload]),
    );
    expect(byEmail[good.applicant.email]).toMatchObject({ screenedIn: true, failedLines: '' });
    expect(byEmail[oldMember.applicant.email]).toMatchObject({ screenedIn: false, comment: 'Келісім құжаты жоқ' });
    expect(byEmail[oldMember.applicant.email].failedLines).toContain('Не приложен обязательный документ.');
    const seen = await t.call('GET', `/applications/${oldMember.id}/screening`, {
      token: oldMember.applicant.accessToken,
    });
    expect(seen.status).toBe(200);
    expect((await t.call('GET', `/competitions/${competition.id}`)).body.status).toBe('scoring');
    const audit = await t.db.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'screening.decided'`,
      [oldMember.id],
    );
    expect(audit).toHaveLength(1);
  });
});
