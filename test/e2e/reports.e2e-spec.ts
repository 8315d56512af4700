import { makeIin } from '../../libs/kz';
import { ReportRemindersSweep } from '../../src/modules/reports/report-reminders.sweep';
import { outboxTo, signUp, TestAccount } from '../support/accounts';
import type { GrantCompetition } from '../support/contracts';
import { docxText, squeeze } from '../support/document-text';
import { minimalPdf, minimalPng, windowsExecutable } from '../support/files';
import type { ContractInForce } from '../support/payments';
import { almatyDate, almatyNoon, multipartForm, reportingContracts } from '../support/reports';
import { createTestApp, TestApp } from '../support/test-app';
import { createTestWorker, TestWorker } from '../support/worker-app';

interface Summary {
  id: string;
  kind: string;
  stage: string;
  status: string;
  dueOn: string;
  version: number;
  overdue: boolean;
}

describe('winners’ reports (API): schedule, content, versions, review, reminders', () => {
  let t: TestApp;
  let mini: GrantCompetition;
  let contracts: ContractInForce[];
  let stranger: TestAccount;
  const tag = `${Date.now() % 100000}`;
  const interimDue = almatyDate(40);

  beforeAll(async () => {
    t = await createTestApp();
    ({ competition: mini, contracts } = await reportingContracts(t, {
      tag: `rep${tag}`,
      winners: 3,
      locales: ['kk', 'ru'],
      reporting: {
        stages: [
          { stage: 'interim', dueOn: interimDue },
          { stage: 'final', daysAfterEnd: 10 },
        ],
        reminderOffsetsDays: [-7, -1, 1, 7],
        overspendTolerancePercent: 10,
        indicators: [
          { code: 'events', label: { kk: 'Іс-шаралар саны', ru: 'Количество мероприятий' } },
          { code: 'publications', label: { kk: 'Жарияланымдар', ru: 'Публикации' } },
        ],
      },
    }));
    stranger = await signUp(t, 'reports-stranger');
  }, 240_000);
  afterAll(async () => {
    await t.close();
  });

  const call = (method: string, path: string, who: TestAccount, body?: unknown, lang: 'kk' | 'ru' = 'kk') =>
    t.call(method, path, { token: who.accessToken, body, lang });
  const reportsOf = async (c: ContractInForce): Promise<Summary[]> =>
    (await call('GET', `/contracts/${c.id}/reports`, c.grantee)).body;
  const reportOf = async (c: ContractInForce, kind: string, stage: string): Promise<Summary> =>
    (await reportsOf(c)).find((r) => r.kind === kind && r.stage === stage)!;
  const audit = async (entityId: string, action: string): Promise<{ summary: Record<string, unknown> }[]> =>
    t.db.query(`SELECT summary FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY id`, [entityId, action]);
  const upload = (who: TestAccount, reportId: string, fields: Record<string, string>, file: Buffer, name: string) => {
    const m = multipartForm(fields, { name, content: file, type: 'application/octet-stream' });
    return t.call('POST', `/reports/${reportId}/attachments`, {
      token: who.accessToken,
      body: m.body,
      headers: m.headers,
    });
  };

  it('creates the schedule when the contract comes into force: both reports per stage, due on the stored dates', async () => {
    const c = contracts[0];
    const contract = (await call('GET', `/contracts/${c.id}`, c.grantee)).body;
    const finalDue = contract.content.reporting.stages[1].dueOn;
    expect(contract.content.reporting.stages).toEqual([
      { stage: 'interim', dueOn: interimDue, rule: { dueOn: interimDue } },
      { stage: 'final', dueOn: finalDue, rule: { daysAfterEnd: 10 } },
    ]);
    const list = await reportsOf(c);
    expect(list.map((r) => [r.stage, r.kind, r.status, r.dueOn])).toEqual([
      ['interim', 'programmatic', 'draft', interimDue],
      ['interim', 'financial', 'draft', interimDue],
      ['final', 'programmatic', 'draft', finalDue],
      ['final', 'financial', 'draft', finalDue],
    ]);
    const stored = await t.db.query(`SELECT due_on::text AS due FROM reports WHERE contract_id = $1 ORDER BY due_on`, [
      c.id,
    ]);
    expect(stored.map((r: { due: string }) => r.due)).toEqual([interimDue, interimDue, finalDue, finalDue]);
    // The application is contracted until its first report comes in.
    const [app] = await t.db.query(`SELECT status FROM applications WHERE id = $1`, [c.applicationId]);
    expect(app.status).toBe('contracted');
    expect(await audit(list[0].id, 'report.scheduled')).toHaveLength(1);
    // The DOCX states the stages with their dates.
    const docx = await t.call('GET', `/contracts/${c.id}/document.docx?lang=ru`, { token: c.grantee.accessToken });
    const text = squeeze((await docxText(docx.raw)).text);
    expect(text).toContain('в следующие сроки');
    expect(text).toContain('промежуточные отчёты — до');
    expect(text).toContain('(в течение 10 дней после окончания проекта)');
  });

  it('shows reports to the contract’s parties only: another winner or a stranger gets 404, and changes nothing', async () => {
    const [mine, other] = contracts;
    const report = await reportOf(mine, 'programmatic', 'interim');
    expect((await call('GET', `/reports/${report.id}`, mini.organizer)).body.role).toBe('organizer');
    expect((await call('GET', `/contracts/${mine.id}/reports`, other.grantee)).status).toBe(404);
    expect((await call('GET', `/reports/${report.id}`, other.grantee)).status).toBe(404);
    expect((await call('GET', `/reports/${report.id}`, stranger)).status).toBe(404);
    const put = await call('PUT', `/reports/${report.id}`, other.grantee, { version: report.version, summary: 'x' });
    expect(put.status).toBe(404);
    expect((await call('POST', `/reports/${report.id}/submit`, stranger, {})).status).toBe(404);
    // The organizer reviews; the grantee's own actions are not theirs.
    expect((await call('PUT', `/reports/${report.id}`, mini.organizer, { version: report.version })).status).toBe(404);
    expect((await reportOf(mine, 'programmatic', 'interim')).version).toBe(report.version);
  });

  it('saves the programmatic report: activities, indicators plan and fact, participants by IIN or counts, beneficiaries', async () => {
    const c = contracts[0];
    const report = await reportOf(c, 'programmatic', 'interim');
    const iin = makeIin('2001-05-14', 'female', 321);
    const res = await call('PUT', `/reports/${report.id}`, c.grantee, {
      version: report.version,
      summary: 'Жоба бойынша екі оқыту семинары өтті.',
      activities: [
        { title: 'Оқыту семинары', planned: true, outcome: 'done', heldOn: almatyDate(-1), participants: 25 },
        { title: 'Қорытынды іс-шара', planned: true, outcome: 'not_done', result: 'Қорытынды кезеңде өтеді' },
      ],
      indicators: [
        { code: 'events', plan: 4, fact: 2 },
        { code: 'publications', plan: 3, fact: 3 },
      ],
      participants: [
        { kind: 'person', iin },
        { kind: 'count', count: 24, gender: 'male', ageBand: '17-22', category: 'youth' },
      ],
      beneficiaries: { direct: 25, indirect: 1200 },
    });
    expect(res.status).toBe(200);
    expect(
      res.body.indicators.map((i: { code: string; plan: number; fact: number }) => [i.code, i.plan, i.fact]),
    ).toEqual([
      ['events', 4, 2],
      ['publications', 3, 3],
    ]);
    expect(res.body.participants).toHaveLength(2);
    expect(res.body.participants[0]).toMatchObject({ kind: 'person', iin, gender: 'female', birthDate: '2001-05-14' });
    expect(res.body.beneficiaries).toEqual({ direct: 25, indirect: 1200 });
    expect(res.body.version).toBe(report.version + 1);
  });

  it('refuses a stale version (409), an unknown indicator and a broken participant (400 in the caller’s language), changing nothing', async () => {
    const c = contracts[0];
    const report = await reportOf(c, 'programmatic', 'interim');
    const stale = await call('PUT', `/reports/${report.id}`, c.grantee, { version: report.version - 1, summary: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const unknown = await call(
      'PUT',
      `/reports/${report.id}`,
      c.grantee,
      { version: report.version, indicators: [{ code: 'trees', plan: 1, fact: 1 }] },
      'ru',
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([
      {
        field: 'indicators[0].code',
        code: 'INDICATOR_UNKNOWN',
        message: 'В положении конкурса нет такого показателя.',
      },
    ]);
    const person = await call('PUT', `/reports/${report.id}`, c.grantee, {
      version: report.version,
      participants: [{ kind: 'person', iin: '123456789012' }],
    });
    expect(person.status).toBe(400);
    expect(person.body.details[0].field).toMatch(/^participants\[0\]/);
    const after = await call('GET', `/reports/${report.id}`, c.grantee);
    expect(after.body.version).toBe(report.version);
    expect(after.body.content.summary).toBe('Жоба бойынша екі оқыту семинары өтті.');
    expect(after.body.participants).toHaveLength(2);
  });

  it('computes the financial table in integer tenge and refuses negative or fractional amounts and unknown lines', async () => {
    const c = contracts[0];
    const report = await reportOf(c, 'financial', 'interim');
    for (const [spent, code] of [
      [-1, 'TOO_SMALL'],
      [1500.5, 'NOT_INTEGER'],
    ] as const) {
      const bad = await call('PUT', `/reports/${report.id}`, c.grantee, {
        version: report.version,
        lines: [{ line: 0, spent }],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details[0]).toMatchObject({ field: 'lines[0].spent', code });
      expect(bad.body.details[0].message).toBeTruthy();
    }
    const kk = await call('PUT', `/reports/${report.id}`, c.grantee, {
      version: report.version,
      lines: [{ line: 7, spent: 1000 }],
    });
    expect(kk.body.details).toEqual([
      { field: 'lines[0].line', code: 'BUDGET_LINE_UNKNOWN', message: 'Бекітілген бюджетте мұндай бап жоқ.' },
    ]);
    const wrongKind = await call('PUT', `/reports/${report.id}`, c.grantee, { version: report.version, summary: 'x' });
    expect(wrongKind.body.details[0]).toMatchObject({ field: 'summary', code: 'NOT_IN_REPORT' });
    expect((await reportOf(c, 'financial', 'interim')).version).toBe(report.version);

    const ok = await call('PUT', `/reports/${report.id}`, c.grantee, {
      version: report.version,
      lines: [
        { line: 0, spent: 60_000 },
        { line: 2, spent: 115_000 },
      ],
    });
    expect(ok.status).toBe(200);
    expect(
      ok.body.financial.rows.map((r: Record<string, unknown>) => [
        r.approved,
        r.spentBefore,
        r.spentThisPeriod,
        r.cumulative,
        r.unspent,
        r.needsJustification,
      ]),
    ).toEqual([
      [100_000, 0, 60_000, 60_000, 40_000, false],
      [100_000, 0, 0, 0, 100_000, false],
      [100_000, 0, 115_000, 115_000, -15_000, true],
    ]);
    expect(ok.body.financial.totals).toEqual({
      approved: 300_000,
      spentBefore: 0,
      spentThisPeriod: 175_000,
      cumulative: 175_000,
      unspent: 125_000,
    });
  });

  it('takes receipts per budget line (PDF, JPG, PNG) and refuses another file type with 415 in the caller’s language', async () => {
    const c = contracts[0];
    const financial = await reportOf(c, 'financial', 'interim');
    const programmatic = await reportOf(c, 'programmatic', 'interim');
    const receipt = await upload(
      c.grantee,
      financial.id,
      { kind: 'receipt', budgetLine: '0' },
      minimalPdf(),
      'чек.pdf',
    );
    expect(receipt.status).toBe(201);
    expect(receipt.body).toMatchObject({ kind: 'receipt', budgetLine: 0, fileKind: 'pdf' });
    const exe = await upload(
      c.grantee,
      financial.id,
      { kind: 'receipt', budgetLine: '1' },
      windowsExecutable(),
      'чек.pdf',
    );
    expect(exe.status).toBe(415);
    expect(exe.body.message).toBe(
      'Шығысты растайтын құжат PDF, JPG немесе PNG файлы болуы керек. Ештеңе сақталған жоқ.',
    );
    const m = multipartForm(
      { kind: 'receipt', budgetLine: '1' },
      { name: 'a.exe', content: windowsExecutable(), type: 'x' },
    );
    const ru = await t.call('POST', `/reports/${financial.id}/attachments`, {
      token: c.grantee.accessToken,
      body: m.body,
      headers: m.headers,
      lang: 'ru',
    });
    expect(ru.body.message).toBe('Подтверждающий документ должен быть файлом PDF, JPG или PNG. Ничего не сохранено.');
    const noLine = await upload(c.grantee, financial.id, { kind: 'receipt' }, minimalPdf(), 'чек.pdf');
    expect(noLine.body.details).toEqual([expect.objectContaining({ field: 'budgetLine', code: 'REQUIRED' })]);
    const badLine = await upload(
      c.grantee,
      financial.id,
      { kind: 'receipt', budgetLine: '9' },
      minimalPdf(),
      'чек.pdf',
    );
    expect(badLine.body.details[0].code).toBe('BUDGET_LINE_UNKNOWN');
    const wrongReport = await upload(
      c.grantee,
      programmatic.id,
      { kind: 'receipt', budgetLine: '0' },
      minimalPdf(),
      'a.pdf',
    );
    expect(wrongReport.body.details[0].code).toBe('ATTACHMENT_NOT_IN_REPORT');
    const photoPdf = await upload(c.grantee, programmatic.id, { kind: 'photo' }, minimalPdf(), 'фото.pdf');
    expect(photoPdf.status).toBe(415);
    expect((await upload(c.grantee, programmatic.id, { kind: 'photo' }, minimalPng(), 'фото.png')).status).toBe(201);
    const view = (await call('GET', `/reports/${financial.id}`, mini.organizer)).body;
    expect(view.attachments.map((a: { kind: string; budgetLine: number }) => [a.kind, a.budgetLine])).toEqual([
      ['receipt', 0],
    ]);
    const file = await call('GET', `/reports/${financial.id}/attachments/${view.attachments[0].id}`, mini.organizer);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect((await call('GET', `/reports/${financial.id}/attachments/${view.attachments[0].id}`, stranger)).status).toBe(
      404,
    );
  });

  it('needs a justification for a line overspent beyond the tolerance before the financial report can be submitted', async () => {
    const c = contracts[0];
    const report = await reportOf(c, 'financial', 'interim');
    const refused = await call('POST', `/reports/${report.id}/submit`, c.grantee, { version: report.version }, 'ru');
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([
      expect.objectContaining({
        field: 'lines[2].justification',
        code: 'OVERSPEND_NEEDS_JUSTIFICATION',
        message:
          'Расходы по статье «Кеңсе тауарлары» (115\u00a0000 ₸) превышают утверждённую сумму (100\u00a0000 ₸) больше чем на 10%: напишите обоснование.',
      }),
    ]);
    expect((await reportOf(c, 'financial', 'interim')).status).toBe('draft');
    const saved = await call('PUT', `/reports/${report.id}`, c.grantee, {
      version: report.version,
      lines: [
        { line: 0, spent: 60_000 },
        { line: 2, spent: 115_000, justification: 'Қағаз бағасы өсті' },
      ],
    });
    const submitted = await call('POST', `/reports/${report.id}/submit`, c.grantee, { version: saved.body.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    // The first report submitted: the application is reporting, the move audited with the report.
    const [app] = await t.db.query(`SELECT status FROM applications WHERE id = $1`, [c.applicationId]);
    expect(app.status).toBe('reporting');
    const [move] = await audit(c.applicationId, 'application.reporting');
    expect(move.summary).toMatchObject({ after: { reportId: report.id, submittedBy: c.grantee.userId } });
  });

  it('submits once: a submitted report cannot be edited or submitted again; the organizers are told', async () => {
    const c = contracts[0];
    const report = await reportOf(c, 'programmatic', 'interim');
    const key = `rep-submit-${tag}`;
    const submit = () =>
      t.call('POST', `/reports/${report.id}/submit`, {
        token: c.grantee.accessToken,
        body: {},
        headers: { 'idempotency-key': key },
      });
    const [a, b] = [await submit(), await submit()];
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.body.versions).toHaveLength(1);
    const edit = await call('PUT', `/reports/${report.id}`, c.grantee, { version: a.body.version, summary: 'өзгерту' });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('REPORT_NOT_EDITABLE');
    const again = await call('POST', `/reports/${report.id}/submit`, c.grantee, {}, 'ru');
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Отчёт уже сдан: организатор его рассматривает.');
    // The database keeps it too: content under review does not change.
    await expect(t.db.query(`UPDATE reports SET content = '{}' WHERE id = $1`, [report.id])).rejects.toThrow(
      /kept as submitted/,
    );
    const told = await outboxTo(t, mini.organizer.email, 'report-update');
    expect(told.map((m) => m.payload.event)).toContain('submitted');
    expect(told.find((m) => m.payload.event === 'submitted')!.payload.report).toMatch(
      /содержательный отчёт|финансовый отчёт/,
    );
  });

  it('returns with comments per section; the grantee answers them and resubmits; both versions are kept, side by side', async () => {
    const c = contracts[0];
    const report = await reportOf(c, 'programmatic', 'interim');
    const noComment = await call('POST', `/reports/${report.id}/return`, mini.organizer, {});
    expect(noComment.body.details[0].code).toBe('RETURN_NEEDS_COMMENT');
    const badSection = await call('POST', `/reports/${report.id}/return`, mini.organizer, {
      sections: [{ section: 'budget', comment: 'x' }],
    });
    expect(badSection.body.details[0]).toMatchObject({ field: 'sections[0].section', code: 'SECTION_UNKNOWN' });
    const returned = await call('POST', `/reports/${report.id}/return`, mini.organizer, {
      version: report.version,
      comment: 'Фотосуреттерді толықтырыңыз.',
      sections: [{ section: 'indicators', comment: 'Іс-шаралар саны жоспардан аз: себебін жазыңыз.' }],
    });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('returned');
    const mail = (await outboxTo(t, c.grantee.email, 'report-update')).find((m) => m.payload.event === 'returned')!;
    expect(mail.payload.comment).toContain('Іс-шаралар саны жоспардан аз');

    const mine = (await call('GET', `/reports/${report.id}`, c.grantee)).body;
    expect(mine.editable).toBe(true);
    const fixed = await call('PUT', `/reports/${report.id}`, c.grantee, {
      version: mine.version,
      summary: 'Жоба бойынша екі оқыту семинары өтті, үшіншісі қорытынды кезеңде.',
      indicators: [
        { code: 'events', plan: 4, fact: 2, comment: 'Екі семинар қорытынды кезеңге ауысты' },
        { code: 'publications', plan: 3, fact: 3 },
      ],
      participants: mine.participants,
      beneficiaries: mine.beneficiaries,
      answers: [
        { section: 'indicators', answer: 'Себебі көрсеткішке түсініктемеде жазылды.' },
        { section: 'general', answer: 'Фотосуреттер қосылды.' },
      ],
    });
    expect(fixed.status).toBe(200);
    const resubmitted = await call('POST', `/reports/${report.id}/submit`, c.grantee, { version: fixed.body.version });
    expect(resubmitted.body.status).toBe('resubmitted');
    const view = (await call('GET', `/reports/${report.id}`, mini.organizer)).body;
    expect(view.versions.map((v: { number: number; decision: string | null }) => [v.number, v.decision])).toEqual([
      [1, 'returned'],
      [2, null],
    ]);
    expect(view.reviews).toEqual([
      expect.objectContaining({
        version: 1,
        decision: 'returned',
        comment: 'Фотосуреттерді толықтырыңыз.',
        answer: 'Фотосуреттер қосылды.',
        sections: [
          {
            section: 'indicators',
            comment: 'Іс-шаралар саны жоспардан аз: себебін жазыңыз.',
            answer: 'Себебі көрсеткішке түсініктемеде жазылды.',
          },
        ],
      }),
    ]);
    const first = (await call('GET', `/reports/${report.id}/versions/1`, c.grantee)).body;
    expect(first.snapshot.content.summary).toBe('Жоба бойынша екі оқыту семинары өтті.');
    expect(first.snapshot.content.participants).toHaveLength(2);
    expect(first.snapshot.attachments.map((a: { kind: string }) => a.kind)).toEqual(['photo']);
    expect(first.review).toMatchObject({ decision: 'returned' });
    await expect(
      t.db.query(`UPDATE report_versions SET late = true WHERE report_id = $1`, [report.id]),
    ).rejects.toThrow(/kept as it was written/);
    await expect(t.db.query(`DELETE FROM report_reviews WHERE report_id = $1`, [report.id])).rejects.toThrow(
      /kept as it was written/,
    );
  });

  it('accepts both interim reports: the interim tranche is released; the final ones complete the application', async () => {
    const c = contracts[0];
    const programmatic = await reportOf(c, 'programmatic', 'interim');
    const financial = await reportOf(c, 'financial', 'interim');
    const stale = await call('POST', `/reports/${programmatic.id}/accept`, mini.organizer, { version: 1 });
    expect(stale.status).toBe(409);
    expect((await call('POST', `/reports/${programmatic.id}/accept`, c.grantee, {})).status).toBe(404);
    expect((await call('POST', `/reports/${programmatic.id}/accept`, mini.organizer, {})).body.status).toBe('accepted');
    const releases = () =>
      t.db.query(`SELECT stage, report_ids FROM contract_tranche_releases WHERE contract_id = $1 ORDER BY stage`, [
        c.id,
      ]);
    expect(await releases()).toEqual([]);
    expect((await call('POST', `/reports/${financial.id}/accept`, mini.organizer, {})).body.status).toBe('accepted');
    const [interim] = await releases();
    expect(interim.stage).toBe('interim');
    expect([...interim.report_ids].sort()).toEqual([programmatic.id, financial.id].sort());
    const acceptedAgain = await call('POST', `/reports/${financial.id}/accept`, mini.organizer, {}, 'ru');
    expect(acceptedAgain.status).toBe(409);
    expect(acceptedAgain.body.message).toBe('Отчёт принят: больше его изменить нельзя.');

    // The final stage: spent before = the interim's cumulative.
    const finalFinancial = await reportOf(c, 'financial', 'final');
    const saved = await call('PUT', `/reports/${finalFinancial.id}`, c.grantee, {
      version: finalFinancial.version,
      lines: [
        { line: 0, spent: 40_000 },
        { line: 1, spent: 100_000 },
        // Still over from the interim period: each financial report states why.
        { line: 2, spent: 0, justification: 'Қағаз бағасы өсті' },
      ],
    });
    expect(
      saved.body.financial.rows.map((r: { spentBefore: number; cumulative: number }) => [r.spentBefore, r.cumulative]),
    ).toEqual([
      [60_000, 100_000],
      [0, 100_000],
      [115_000, 115_000],
    ]);
    expect(saved.body.financial.totals).toMatchObject({ spentBefore: 175_000, cumulative: 315_000, unspent: -15_000 });
    const finalProgrammatic = await reportOf(c, 'programmatic', 'final');
    await call('PUT', `/reports/${finalProgrammatic.id}`, c.grantee, {
      version: finalProgrammatic.version,
      summary: 'Барлық іс-шаралар өтті.',
    });
    for (const r of [finalProgrammatic, finalFinancial]) {
      const submitted = await call('POST', `/reports/${r.id}/submit`, c.grantee, {});
      expect([r.kind, submitted.status, submitted.body.details]).toEqual([r.kind, 200, undefined]);
    }
    await call('POST', `/reports/${finalProgrammatic.id}/accept`, mini.organizer, {});
    let [app] = await t.db.query(`SELECT status FROM applications WHERE id = $1`, [c.applicationId]);
    expect(app.status).toBe('reporting');
    await call('POST', `/reports/${finalFinancial.id}/accept`, mini.organizer, {});
    [app] = await t.db.query(`SELECT status FROM applications WHERE id = $1`, [c.applicationId]);
    expect(app.status).toBe('completed');
    expect((await releases()).map((r: { stage: string }) => r.stage)).toEqual(['final', 'interim']);
    expect(await audit(finalFinancial.id, 'report.accepted')).toHaveLength(1);
  });

  it('lists overdue reports for the organizer, refuses a late first submission, and audits a late allowance and a due-date change', async () => {
    const c = contracts[1];
    const report = await reportOf(c, 'programmatic', 'interim');
    try {
      t.clock.set(almatyNoon(almatyDate(41)));
      const overdue = await call('GET', `/competitions/${mini.id}/reports/overdue`, mini.organizer);
      expect(overdue.status).toBe(200);
      const ids = overdue.body.items.map((r: { id: string }) => r.id);
      expect(ids).toContain(report.id);
      expect(ids).not.toContain((await reportOf(contracts[0], 'programmatic', 'interim')).id);
      expect((await call('GET', `/competitions/${mini.id}/reports/overdue`, c.grantee)).status).toBe(403);

      const late = await call('POST', `/reports/${report.id}/submit`, c.grantee, {}, 'ru');
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('REPORT_OVERDUE');
      expect(late.body.message).toContain('Срок сдачи отчёта');

      const before = await call('POST', `/reports/${report.id}/allow-late`, mini.organizer, {
        until: interimDue,
        reason: 'Ауырып қалды',
      });
      expect(before.body.details[0].code).toBe('LATE_UNTIL_NOT_AFTER_DUE');
      expect(
        (await call('POST', `/reports/${report.id}/allow-late`, c.grantee, { until: almatyDate(50), reason: 'өзім' }))
          .status,
      ).toBe(404);
      const allowed = await call('POST', `/reports/${report.id}/allow-late`, mini.organizer, {
        until: almatyDate(45),
        reason: 'Жетекші ауырып қалды',
      });
      expect(allowed.status).toBe(200);
      expect(allowed.body.lateUntil).toBe(almatyDate(45));
      expect(allowed.body.overdue).toBe(false);
      const [entry] = await audit(report.id, 'report.late_allowed');
      expect(entry.summary).toMatchObject({ after: { lateUntil: almatyDate(45), reason: 'Жетекші ауырып қалды' } });
      const submitted = await call('POST', `/reports/${report.id}/submit`, c.grantee, {});
      expect(submitted.status).toBe(200);
      expect(submitted.body.versions[0].late).toBe(true);

      const financial = await reportOf(c, 'financial', 'interim');
      const moved = await call('POST', `/reports/${financial.id}/due-date`, mini.organizer, {
        dueOn: almatyDate(60),
        reason: 'Шот-фактуралар кешікті',
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ dueOn: almatyDate(60), scheduledDueOn: interimDue, overdue: false });
      const [change] = await audit(financial.id, 'report.due_date_changed');
      expect(change.summary).toMatchObject({ before: { dueOn: interimDue }, after: { dueOn: almatyDate(60) } });
      const told = (await outboxTo(t, c.grantee.email, 'report-update')).map((m) => m.payload.event);
      expect(told).toEqual(expect.arrayContaining(['late_allowed', 'due_date_changed']));
    } finally {
      t.clock.reset();
    }
  });

  describe('reminders (worker sweep, fake clock)', () => {
    let worker: TestWorker;
    beforeAll(async () => {
      worker = await createTestWorker();
    });
    afterAll(async () => {
      await worker.close();
    });

    it('reminds the grantee on each offset once, in their language, listing the reports still to submit', async () => {
      const c = contracts[2];
      const sweep = worker.app.get(ReportRemindersSweep);
      const mails = async () =>
        (await outboxTo(t, c.grantee.email, 'report-reminder')).filter((m) => m.payload.contractNumber === c.number);
      const at = async (daysFromToday: number) => {
        await sweep.run(almatyNoon(almatyDate(daysFromToday)));
        await sweep.run(new Date(almatyNoon(almatyDate(daysFromToday)).getTime() + 3600 * 1000));
      };
      await at(32); // 8 days before the interim due date
      expect(await mails()).toHaveLength(0);
      await at(33); // 7 days before
      await at(34);
      let sent = await mails();
      expect(sent).toHaveLength(1);
      expect(sent[0].locale).toBe('kk');
      expect(sent[0].payload).toMatchObject({ when: 'before', days: 7 });
      expect(String(sent[0].payload.reports)).toBe('– аралық бағдарламалық есеп\n– аралық қаржылық есеп');
      await at(39); // 1 day before
      await at(41); // 1 day after
      expect((await mails()).map((m) => [m.payload.when, m.payload.days])).toEqual([
        ['before', 7],
        ['before', 1],
        ['after', 1],
      ]);
      // Submitted reports are no longer reminded of.
      const programmatic = await reportOf(c, 'programmatic', 'interim');
      await t.db.query(`UPDATE reports SET status = 'submitted', submissions = 1 WHERE id = $1`, [programmatic.id]);
      await at(47); // 7 days after
      sent = await mails();
      expect(sent).toHaveLength(4);
      expect(sent[3].payload).toMatchObject({ when: 'after', days: 7, reports: '– аралық қаржылық есеп' });
    });
  });
});
