import { makeIin } from '../../libs/kz';
import { TestAccount } from '../support/accounts';
import { minimalPng, shellScript } from '../support/files';
import { PageClient, signedInPages, textOf } from '../support/page-client';
import { ContractInForce, contractsInForce } from '../support/payments';
import type { GrantCompetition } from '../support/contracts';
import { createTestApp, TestApp } from '../support/test-app';

interface ReportRow {
  id: string;
  kind: string;
  stage: string;
  status: string;
  version: number;
  content: Record<string, unknown>;
}

describe('report pages: the winner fills, uploads and submits; the organizer returns, then accepts; the overdue list', () => {
  let t: TestApp;
  let competition: GrantCompetition;
  let contracts: ContractInForce[];
  let organizer: PageClient;
  let winner: PageClient;
  let other: PageClient;
  let nextIp = 1;
  const tag = `r${Date.now() % 100000}`;

  const browserOf = (account: TestAccount, lang: 'kk' | 'ru') => signedInPages(t, account, lang, `10.42.0.${nextIp++}`);

  const reportsOf = async (contractId: string): Promise<ReportRow[]> =>
    t.db.query(
      `SELECT id, kind, stage, status, version, content FROM reports WHERE contract_id = $1 ORDER BY stage, kind DESC`,
      [contractId],
    );
  const reportOf = async (contractId: string, kind: string, stage = 'interim'): Promise<ReportRow> =>
    (await reportsOf(contractId)).find((r) => r.kind === kind && r.stage === stage)!;
  const fresh = async (id: string): Promise<ReportRow> =>
    (await t.db.query(`SELECT id, kind, stage, status, version, content FROM reports WHERE id = $1`, [id]))[0];
  const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)![1];

  /** The file form as a browser sends it: the action (with its CSRF token) read from the page; kind and line first. */
  async function upload(
    b: PageClient,
    page: { html: string },
    fields: Record<string, string>,
    file: { name: string; bytes: Buffer; type: string },
    headers: Record<string, string> = {},
  ) {
    const action = /<form method="post" action="([^"]+\/attachments\?[^"]*)"/
      .exec(page.html)![1]
      .replace(/&amp;/g, '&');
    return b.postFile(action, fields, file, headers);
  }

  beforeAll(async () => {
    t = await createTestApp();
    ({ competition, contracts } = await contractsInForce(t, { tag, winners: 2, locales: ['kk', 'ru'] }));
    organizer = await browserOf(competition.organizer, 'ru');
    winner = await browserOf(contracts[0].grantee, 'ru');
    other = await browserOf(contracts[1].grantee, 'kk');
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  it("lists a contract's reports with due dates for its winner; another winner's reports are not found", async () => {
    const list = await winner.get(`/contracts/${contracts[0].id}/reports`);
    expect(list.status).toBe(200);
    const text = textOf(list.html);
    expect(text).toContain('Отчёты по договору');
    expect(text).toContain('Содержательный отчёт (промежуточный)');
    expect(text).toContain('Финансовый отчёт (итоговый)');
    expect(text).toContain('Черновик');
    expect(list.html).not.toMatch(/pages\.reports\./);

    const report = await reportOf(contracts[0].id, 'programmatic');
    expect((await other.get(`/contracts/${contracts[0].id}/reports`)).status).toBe(404);
    expect((await other.get(`/reports/${report.id}`)).status).toBe(404);
    const before = await fresh(report.id);
    const refused = await other.post(`/reports/${report.id}`, { version: String(before.version), summary: 'чужое' });
    expect(refused.status).toBe(404);
    expect((await fresh(report.id)).version).toBe(before.version);
  });

  it('the contract page and the application page lead to the reports', async () => {
    const contract = await winner.get(`/contracts/${contracts[0].id}`);
    expect(contract.html).toContain(`href="/contracts/${contracts[0].id}/reports"`);
    const application = await winner.get(`/applications/${contracts[0].applicationId}`);
    expect(application.html).toContain(`href="/applications/${contracts[0].applicationId}/reports"`);
    const to = await winner.get(`/applications/${contracts[0].applicationId}/reports`);
    expect(to.location).toBe(`/contracts/${contracts[0].id}/reports`);
    expect((await other.get(`/applications/${contracts[0].applicationId}/reports`)).status).toBe(404);
  });

  it('saves the programmatic report as typed; a negative or broken figure is refused beside its field and nothing changes', async () => {
    const report = await reportOf(contracts[0].id, 'programmatic');
    const page = await winner.get(`/reports/${report.id}`);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Содержательный отчёт (промежуточный)');
    expect(page.html).toContain('data-autosave=');
    const version = versionOn(page.html);
    const iin = makeIin('2004-03-15', 'female', 4242);
    const form = {
      version,
      summary: 'Провели три встречи с жителями',
      'activities[0].title': 'Встреча в клубе',
      'activities[0].planned': 'on',
      'activities[0].outcome': 'done',
      'activities[0].participants': '25',
      'indicators[0].code': 'events',
      'indicators[0].plan': '3',
      'indicators[0].fact': '3',
      'people[0].iin': iin,
      'counts[0].count': '12',
      'counts[0].gender': 'female',
      'counts[0].ageBand': '17-22',
      'counts[0].category': 'youth',
      'beneficiaries.direct': '-5',
      'beneficiaries.indirect': '300',
    };
    const bad = await winner.post(`/reports/${report.id}`, { ...form, action: 'save' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('error-summary');
    expect(bad.html).toMatch(/id="f-beneficiaries-direct-error"/);
    expect(bad.html).toContain('value="-5"');
    expect(bad.html).toContain('Встреча в клубе');
    expect((await fresh(report.id)).version).toBe(report.version);

    const saved = await winner.post(`/reports/${report.id}`, { ...form, 'beneficiaries.direct': '40', action: 'save' });
    expect(saved.status).toBe(303);
    const shown = await winner.follow(saved);
    expect(textOf(shown.html)).toContain('Отчёт сохранён.');
    expect(shown.html).toContain('Провели три встречи с жителями');
    expect(shown.html).toContain(`value="${iin}"`);
    expect(shown.html).toContain('value="40"');
    const row = await fresh(report.id);
    expect(row.content.summary).toBe('Провели три встречи с жителями');

    // A row added without script: the form comes back with what was typed and one more activity.
    const added = await winner.post(`/reports/${report.id}`, {
      ...form,
      version: versionOn(shown.html),
      action: 'add:activities',
    });
    expect(added.status).toBe(200);
    expect(added.html).toContain('name="activities[1].title"');
    expect(added.html).toContain('Встреча в клубе');
  });

  it('autosave answers 204 with the next version; a stale save shows both versions and overwrites nothing', async () => {
    const report = await reportOf(contracts[0].id, 'programmatic');
    const page = await winner.get(`/reports/${report.id}`);
    const version = versionOn(page.html);
    const auto = await winner.post(
      `/reports/${report.id}`,
      { version, summary: 'Черновик из автосохранения', 'beneficiaries.direct': '40', 'beneficiaries.indirect': '300' },
      { 'x-autosave': '1' },
    );
    expect(auto.status).toBe(204);
    expect(Number(auto.headers['x-version'])).toBeGreaterThan(Number(version));

    const stale = await winner.post(`/reports/${report.id}`, {
      version,
      summary: 'Старая вкладка',
      action: 'save',
    });
    expect(stale.status).toBe(409);
    const text = textOf(stale.html);
    expect(text).toContain('Отчёт уже сохранён в другом окне');
    expect(text).toContain('Черновик из автосохранения');
    expect(text).toContain('Старая вкладка');
    expect((await fresh(report.id)).content.summary).toBe('Черновик из автосохранения');

    const staleAuto = await winner.post(`/reports/${report.id}`, { version, summary: 'x' }, { 'x-autosave': '1' });
    expect(staleAuto.status).toBe(422);
  });

  it('the financial report: amounts must be whole tenge; an overspend needs a justification before it is submitted', async () => {
    const report = await reportOf(contracts[0].id, 'financial');
    const page = await winner.get(`/reports/${report.id}`);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Материалдар');
    const version = versionOn(page.html);

    for (const typed of ['12.5', '-100']) {
      const bad = await winner.post(`/reports/${report.id}`, {
        version,
        'lines[0].line': '0',
        'lines[0].spent': typed,
      });
      expect(bad.status).toBe(400);
      expect(bad.html).toContain('id="f-lines-0-spent-error"');
      expect(bad.html).toContain(`value="${typed}"`);
    }
    expect((await fresh(report.id)).version).toBe(report.version);

    // Far beyond the approved sum, no justification: saved, but the check page and the submission refuse it.
    const over = await winner.post(`/reports/${report.id}`, {
      version,
      'lines[0].line': '0',
      'lines[0].spent': '9 000 000',
      action: 'check',
    });
    expect(over.status).toBe(303);
    expect(over.location).toBe(`/reports/${report.id}/check`);
    const check = await winner.follow(over);
    expect(textOf(check.html)).toContain('Отчёт нельзя сдать');
    expect(check.html).toContain(`href="/reports/${report.id}#f-lines-0-justification"`);
    const refused = await winner.post(`/reports/${report.id}/submit`, { version: versionOn(check.html) });
    expect(refused.status).toBe(400);
    expect(textOf(refused.html)).toContain('обоснование');
    expect((await fresh(report.id)).status).toBe('draft');

    const form = await winner.get(`/reports/${report.id}`);
    expect(textOf(form.html)).toContain('9 000 000 ₸');
    const justified = await winner.post(`/reports/${report.id}`, {
      version: versionOn(form.html),
      'lines[0].line': '0',
      'lines[0].spent': '9000000',
      'lines[0].justification': 'Цены на материалы выросли',
      action: 'save',
    });
    expect(justified.status).toBe(303);
  });

  it('a receipt is uploaded per budget line; a refused file type is said beside that line and nothing is kept', async () => {
    const report = await reportOf(contracts[0].id, 'financial');
    const page = await winner.get(`/reports/${report.id}`);
    const before = await fresh(report.id);
    const refused = await upload(
      winner,
      page,
      { kind: 'receipt', budgetLine: '0' },
      { name: 'чек.sh', bytes: shellScript(), type: 'application/pdf' },
    );
    expect(refused.status).toBe(415);
    expect(refused.html).toContain('id="f-file-receipt-0-error"');
    expect(textOf(refused.html)).toContain('PDF, JPG или PNG');
    expect((await fresh(report.id)).version).toBe(before.version);

    const kept = await upload(
      winner,
      page,
      { kind: 'receipt', budgetLine: '0' },
      { name: 'чек.png', bytes: minimalPng(), type: 'image/png' },
    );
    expect(kept.status).toBe(303);
    const shown = await winner.get(kept.location!);
    expect(textOf(shown.html)).toContain('Файл загружен.');
    expect(shown.html).toContain('чек.png');
    const href = /href="(\/reports\/[^"]+\/files\/[^"]+)"/.exec(shown.html)![1];
    expect((await winner.get(href)).status).toBe(200);
    expect((await other.get(href)).status).toBe(404);

    // With script: the answer says where to go instead of redirecting.
    const progress = await upload(
      winner,
      shown,
      { kind: 'document' },
      { name: 'акт.png', bytes: minimalPng(), type: 'image/png' },
      { 'x-upload': 'progress' },
    );
    expect(progress.status).toBe(200);
    expect(JSON.parse(progress.html).location).toContain(`/reports/${report.id}?notice=uploaded`);
  });

  it('submits from the check page; a submitted report cannot be edited', async () => {
    for (const kind of ['programmatic', 'financial']) {
      const report = await reportOf(contracts[0].id, kind);
      const check = await winner.get(`/reports/${report.id}/check`);
      expect(check.status).toBe(200);
      const done = await winner.post(`/reports/${report.id}/submit`, { version: versionOn(check.html) });
      expect(done.status).toBe(303);
      const shown = await winner.follow(done);
      expect(textOf(shown.html)).toContain('Отчёт сдан.');
      expect((await fresh(report.id)).status).toBe('submitted');
    }
    const report = await reportOf(contracts[0].id, 'programmatic');
    const page = await winner.get(`/reports/${report.id}`);
    expect(page.html).not.toContain('data-autosave=');
    const edit = await winner.post(`/reports/${report.id}`, { version: String(report.version), summary: 'Поздно' });
    expect(edit.status).toBe(409);
    expect(textOf(edit.html)).toContain('Отчёт сдан');
    expect((await fresh(report.id)).content.summary).toBe('Черновик из автосохранения');
  });

  it("the organizer's list puts the overdue reports first; a winner may not open it", async () => {
    await t.db.query(`UPDATE reports SET due_on = '2020-01-10' WHERE contract_id = $1 AND stage = 'interim'`, [
      contracts[1].id,
    ]);
    const hub = await organizer.get(`/organizer/competitions/${competition.id}`);
    expect(hub.html).toContain(`href="/organizer/competitions/${competition.id}/reports"`);
    expect(textOf(hub.html)).toContain('Содержательные и финансовые отчёты победителей');
    const list = await organizer.get(`/organizer/competitions/${competition.id}/reports`);
    expect(list.status).toBe(200);
    const text = textOf(list.html);
    expect(text).toContain('Отчёты победителей');
    expect(text.indexOf('Просрочены')).toBeLessThan(text.indexOf('Ждут рассмотрения'));
    expect(text).toContain(contracts[1].number);
    expect(text).toContain('Просрочен');
    expect((await winner.get(`/organizer/competitions/${competition.id}/reports`)).status).not.toBe(200);

    // A late submission allowed, with a reason; one before the due date refused beside its field.
    const late = await reportOf(contracts[1].id, 'programmatic');
    const page = await organizer.get(`/reports/${late.id}`);
    const refused = await organizer.post(`/reports/${late.id}/due`, {
      version: versionOn(page.html),
      dueOn: '2020-01-10',
      lateUntil: '2020-01-01',
      reason: 'Болезнь руководителя',
    });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('id="f-lateUntil-error"');
    const allowed = await organizer.post(`/reports/${late.id}/due`, {
      version: versionOn(page.html),
      dueOn: '2020-01-10',
      lateUntil: '2099-01-01',
      reason: 'Болезнь руководителя',
    });
    expect(allowed.status).toBe(303);
    expect(textOf((await organizer.follow(allowed)).html)).toContain('Поздняя сдача разрешена');
  });

  it('the organizer returns with a comment per section; the winner answers beside it and resubmits; accepted', async () => {
    const report = await reportOf(contracts[0].id, 'programmatic');
    const review = await organizer.get(`/reports/${report.id}`);
    expect(review.status).toBe(200);
    expect(textOf(review.html)).toContain('Рассмотрение версии 1');
    expect(review.html).toContain('name="sections.summary"');

    const empty = await organizer.post(`/reports/${report.id}/review`, {
      version: versionOn(review.html),
      decision: 'return',
    });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('id="f-comment-error"');
    expect((await fresh(report.id)).status).toBe('submitted');

    const returned = await organizer.post(`/reports/${report.id}/review`, {
      version: versionOn(review.html),
      decision: 'return',
      'sections.summary': 'Опишите результаты подробнее',
    });
    expect(returned.status).toBe(303);
    expect((await fresh(report.id)).status).toBe('returned');

    const form = await winner.get(`/reports/${report.id}`);
    expect(textOf(form.html)).toContain('Опишите результаты подробнее');
    expect(form.html).toContain('name="answers.summary"');
    const answered = await winner.post(`/reports/${report.id}`, {
      version: versionOn(form.html),
      summary: 'Провели три встречи, пришли 40 человек',
      'beneficiaries.direct': '40',
      'beneficiaries.indirect': '300',
      'answers.summary': 'Дописали итоги встреч',
      action: 'check',
    });
    expect(answered.status).toBe(303);
    const check = await winner.follow(answered);
    expect(textOf(check.html)).toContain('Сдать отчёт повторно');
    const resubmitted = await winner.post(`/reports/${report.id}/submit`, { version: versionOn(check.html) });
    expect(resubmitted.status).toBe(303);
    expect((await fresh(report.id)).status).toBe('resubmitted');

    const again = await organizer.get(`/reports/${report.id}`);
    const text = textOf(again.html);
    expect(text).toContain('Рассмотрение версии 2');
    expect(text).toContain('Опишите результаты подробнее');
    expect(text).toContain('Дописали итоги встреч');
    const accepted = await organizer.post(`/reports/${report.id}/review`, {
      version: versionOn(again.html),
      decision: 'accept',
    });
    expect(accepted.status).toBe(303);
    expect((await fresh(report.id)).status).toBe('accepted');

    const v1 = await winner.get(`/reports/${report.id}/versions/1`);
    expect(v1.status).toBe(200);
    expect(textOf(v1.html)).toContain('Опишите результаты подробнее');
    expect((await other.get(`/reports/${report.id}/versions/1`)).status).toBe(404);
    expect((await winner.get(`/reports/${report.id}/versions/9`)).status).toBe(404);

    // Only the organizer reviews: the winner's accept is "not found", nothing changes.
    const financial = await reportOf(contracts[0].id, 'financial');
    const byWinner = await winner.post(`/reports/${financial.id}/review`, { decision: 'accept' });
    expect(byWinner.status).toBe(404);
    expect((await fresh(financial.id)).status).toBe('submitted');
  });

  it('pages in Kazakh have no missing text', async () => {
    const report = await reportOf(contracts[1].id, 'financial');
    for (const url of [
      `/contracts/${contracts[1].id}/reports`,
      `/reports/${report.id}`,
      `/reports/${report.id}/check`,
    ]) {
      const page = await other.get(url);
      expect(page.status).toBe(200);
      expect(page.html).not.toMatch(/pages\.reports\./);
      expect(page.html).toContain('lang="kk"');
    }
    expect(textOf((await other.get(`/contracts/${contracts[1].id}/reports`)).html)).toContain(
      'Бағдарламалық есеп (аралық)',
    );
  });
});
