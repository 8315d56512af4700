import { DataSource } from 'typeorm';
import { systemActor } from '../../src/common/http/actor';
import { PaymentsService } from '../../src/modules/payments/payments.service';
import { signUp, TestAccount } from '../support/accounts';
import type { GrantCompetition } from '../support/contracts';
import { PageClient, signedInPages, textOf } from '../support/page-client';
import { ContractInForce, contractsInForce } from '../support/payments';
import { createTestApp, TestApp } from '../support/test-app';

const today = () => new Date(Date.now() + 5 * 3600 * 1000).toISOString().slice(0, 10);
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('payment pages: the organizer records, withholds and lifts; the winner reads the schedule', () => {
  let t: TestApp;
  let mini: GrantCompetition;
  let contracts: ContractInForce[];
  let organizer: PageClient;
  let nextIp = 1;
  const tag = `pp${Date.now() % 100000}`;

  const browserOf = (account: TestAccount, lang: 'kk' | 'ru') => signedInPages(t, account, lang, `10.42.0.${nextIp++}`);
  const formKeyOf = (html: string) => /name="formKey" value="([^"]+)"/.exec(html)![1];
  const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1];
  const paymentsOf = async (contractId: string): Promise<unknown[]> =>
    t.db.query(`SELECT tranche, amount FROM contract_payments WHERE contract_id = $1`, [contractId]);

  beforeAll(async () => {
    t = await createTestApp();
    ({ competition: mini, contracts } = await contractsInForce(t, { tag, winners: 2, locales: ['kk', 'ru'] }));
    organizer = await browserOf(mini.organizer, 'ru');
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  it('the contract page and the organizer list link to the payments; the page shows each tranche, its status and why', async () => {
    const c = contracts[0];
    const contractPage = await organizer.get(`/contracts/${c.id}`);
    expect(contractPage.html).toContain(`href="/contracts/${c.id}/payments"`);
    const list = await organizer.get(`/organizer/competitions/${mini.id}/contracts`);
    expect(list.html).toContain(`href="/contracts/${c.id}/payments"`);
    const page = await organizer.get(`/contracts/${c.id}/payments`);
    expect(page.status).toBe(200);
    const text = plain(textOf(page.html));
    expect(text).toContain(`Платежи по договору ${c.number}`);
    expect(text).toContain('Транш 1');
    expect(text).toContain('подлежит выплате');
    expect(text).toContain('Ожидает принятия итоговых содержательного и финансового отчётов.');
    expect(page.html).toContain('name="formKey"');
  });

  it('records a payment typed as people type money; a double click records one', async () => {
    const c = contracts[0];
    const page = await organizer.get(`/contracts/${c.id}/payments`);
    const form = {
      formKey: formKeyOf(page.html),
      version: versionOf(page.html),
      tranche: '1',
      amount: '50 000 ₸',
      paidOn: today(),
      reference: 'ПП-77',
    };
    const [a, b] = await Promise.all([
      organizer.post(`/contracts/${c.id}/payments`, form),
      organizer.post(`/contracts/${c.id}/payments`, form),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(await paymentsOf(c.id)).toEqual([{ tranche: 1, amount: '50000' }]);
    const after = plain(textOf((await organizer.follow(a)).html));
    expect(after).toContain('Платёж записан.');
    expect(after).toContain('платёжное поручение № ПП-77');
    expect(after).toContain('выплачен частично');
  });

  it('refuses more than the tranche needs beside the amount, in the page language, keeping what was typed, nothing saved', async () => {
    const c = contracts[0];
    const page = await organizer.get(`/contracts/${c.id}/payments`);
    const res = await organizer.post(`/contracts/${c.id}/payments`, {
      formKey: formKeyOf(page.html),
      version: versionOf(page.html),
      tranche: '1',
      amount: '999 999',
      paidOn: today(),
      reference: 'ПП-78',
    });
    expect(res.status).toBe(400);
    expect(res.html).toContain('class="error-summary"');
    expect(res.html).toMatch(/id="f-amount-error">Сумма больше остатка по договору/);
    expect(res.html).toContain('value="999 999"');
    expect(res.html).toContain('value="ПП-78"');
    expect(await paymentsOf(c.id)).toHaveLength(1);
    const empty = await organizer.post(`/contracts/${c.id}/payments`, {
      formKey: formKeyOf(page.html),
      version: versionOf(page.html),
      tranche: '1',
      amount: '',
      paidOn: '',
      reference: '',
    });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('id="f-paidOn-error"');
    expect(empty.html).toContain('id="f-reference-error"');
  });

  it('withholds with a reason (an empty reason refused beside it), lifts, and a stale form is a conflict', async () => {
    const c = contracts[0];
    const page = await organizer.get(`/contracts/${c.id}/payments`);
    const version = versionOf(page.html);
    const empty = await organizer.post(`/contracts/${c.id}/payments/tranches/1/withhold`, { reason: '', version });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('id="f-withhold-1-error"');
    const held = await organizer.post(`/contracts/${c.id}/payments/tranches/1/withhold`, {
      reason: 'Нет акта сверки',
      version,
    });
    expect(held.status).toBe(303);
    const heldPage = plain(textOf((await organizer.follow(held)).html));
    expect(heldPage).toContain('Удержан организатором. Причина: Нет акта сверки');
    const stale = await organizer.post(`/contracts/${c.id}/payments/tranches/1/lift`, { reason: 'Акт есть', version });
    expect(stale.status).toBe(409);
    expect(textOf(stale.html)).toContain('В это время платежи изменил кто-то другой.');
    const fresh = await organizer.get(`/contracts/${c.id}/payments`);
    const lifted = await organizer.post(`/contracts/${c.id}/payments/tranches/1/lift`, {
      reason: 'Акт есть',
      version: versionOf(fresh.html),
    });
    expect(lifted.status).toBe(303);
  });

  it('the winner reads the schedule and the payments without forms, in kk; another winner and a stranger get not found', async () => {
    const c = contracts[0];
    const winner = await browserOf(c.grantee, 'kk');
    const viaApplication = await winner.get(`/applications/${c.applicationId}/contract`);
    expect(viaApplication.location).toBe(`/contracts/${c.id}`);
    const page = await winner.get(`/contracts/${c.id}/payments`);
    expect(page.status).toBe(200);
    const text = plain(textOf(page.html));
    expect(text).toContain(`${c.number} шартының төлемдері`);
    expect(text).toContain('төлем тапсырмасы № ПП-77');
    expect(text).toContain('Қорытынды бағдарламалық және қаржылық есептердің қабылдануын күтіп тұр.');
    expect(page.html).not.toContain('name="formKey"');
    expect(page.html).not.toContain('/withhold');
    const post = await winner.post(`/contracts/${c.id}/payments`, {
      formKey: '8f7e1f8e-3c1b-4d55-9a55-000000000001',
      tranche: '1',
      amount: '1000',
      paidOn: today(),
      reference: 'X',
    });
    expect(post.status).toBe(404);
    const other = await browserOf(contracts[1].grantee, 'ru');
    expect((await other.get(`/contracts/${c.id}/payments`)).status).toBe(404);
    const stranger = await browserOf(await signUp(t, 'payments-page-stranger'), 'kk');
    expect((await stranger.get(`/contracts/${c.id}/payments`)).status).toBe(404);
    expect(await paymentsOf(c.id)).toHaveLength(1);
  });

  it('after the final reports are released the second tranche is due; paying all completes the contract', async () => {
    const c = contracts[1];
    const db = t.app.get(DataSource);
    await db.transaction((tx) =>
      t.app.get(PaymentsService).releaseAfterReports(tx, {
        contractId: c.id,
        stage: 'final',
        reportIds: [],
        actor: systemActor('reports-test'),
      }),
    );
    const first = Math.round(c.amount * 0.7);
    for (const [tranche, amount] of [
      [1, first],
      [2, c.amount - first],
    ]) {
      const page = await organizer.get(`/contracts/${c.id}/payments`);
      const res = await organizer.post(`/contracts/${c.id}/payments`, {
        formKey: formKeyOf(page.html),
        version: versionOf(page.html),
        tranche: String(tranche),
        amount: String(amount),
        paidOn: today(),
        reference: `ПП-9${tranche}`,
      });
      expect(res.status).toBe(303);
    }
    const done = plain(textOf((await organizer.get(`/contracts/${c.id}/payments`)).html));
    expect(done).toContain('Все платежи по договору выплачены: договор исполнен.');
    expect(done).not.toContain('Записать платёж');
  });
  it("the rules' money section edits the payment schedule: rows added and removed without script, percents checked, saved", async () => {
    const created = await t.call('POST', '/competitions', {
      token: mini.admin.accessToken,
      body: { templateCode: 'mini-grants-district', title: { kk: `Кесте ${tag}`, ru: `График ${tag}` } },
    });
    expect(created.status).toBe(201);
    const admin = await browserOf(mini.admin, 'kk');
    const url = `/organizer/competitions/${created.body.id}/rules/money`;
    const page = await admin.get(url);
    expect(page.status).toBe(200);
    expect(page.html).toContain('name="payments.count" value="2"');
    expect(page.html).toMatch(/name="payments\.tranches\.1\.when"[\s\S]*?value="after_reports_final" selected/);
    const form = (over: Record<string, string>) => ({
      version: String(created.body.version),
      'funding.enabled': 'yes',
      'funding.amountCap': '300 000',
      'funding.totalFund': '3 000 000',
      'payments.count': '2',
      'payments.tranches.0.kind': 'percent',
      'payments.tranches.0.value': '70',
      'payments.tranches.0.when': 'on_activation',
      'payments.tranches.1.kind': 'percent',
      'payments.tranches.1.value': '30',
      'payments.tranches.1.when': 'after_reports_final',
      ...over,
    });
    const added = await admin.post(url, form({ tranche_action: 'add' }));
    expect(added.status).toBe(200);
    expect(added.html).toContain('name="payments.count" value="3"');
    const removed = await admin.post(url, form({ tranche_action: 'remove:0' }));
    expect(removed.html).toContain('name="payments.count" value="1"');
    expect(removed.html).toContain('name="payments.tranches.0.value" type="text" inputmode="numeric" value="30"');

    const wrong = await admin.post(url, form({ 'payments.tranches.1.value': '20' }));
    expect(wrong.status).toBe(400);
    expect(textOf(wrong.html)).toContain('Транштардың пайыздары қосындысында 100 болуы керек (қазір 90).');
    expect(wrong.html).toContain('id="f-payments-tranches-error"');
    const tooMuch = await admin.post(url, form({ 'payments.tranches.0.value': '170' }));
    expect(tooMuch.html).toContain('id="f-payments-tranches-0-value-error"');

    const saved = await admin.post(
      url,
      form({
        'payments.count': '3',
        'payments.tranches.0.value': '50',
        'payments.tranches.1.kind': 'amount',
        'payments.tranches.1.value': '60 000 ₸',
        'payments.tranches.1.when': 'after_reports_interim',
        'payments.tranches.2.kind': 'percent',
        'payments.tranches.2.value': '30',
        'payments.tranches.2.when': 'after_reports_final',
      }),
    );
    expect(saved.status).toBe(303);
    const [row] = await t.db.query(`SELECT rulebook->'payments' AS payments FROM competitions WHERE id = $1`, [
      created.body.id,
    ]);
    expect(row.payments).toEqual({
      tranches: [
        { percent: 50, condition: 'on_activation' },
        { amount: 60_000, condition: 'after_reports', stage: 'interim' },
        { percent: 30, condition: 'after_reports', stage: 'final' },
      ],
    });
  });
});
