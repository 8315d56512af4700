import { DataSource } from 'typeorm';
import { outboxTo, signUp, TestAccount } from '../support/accounts';
import { docxText, squeeze } from '../support/document-text';
import { ContractInForce, contractsInForce } from '../support/payments';
import type { GrantCompetition } from '../support/contracts';
import { createTestApp, TestApp } from '../support/test-app';
import { systemActor } from '../../src/common/http/actor';
import { PaymentsService } from '../../src/modules/payments/payments.service';

/** Money as the messages write it, with plain spaces to compare. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const tenge = (n: number) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} ₸`;
const today = () => new Date(Date.now() + 5 * 3600 * 1000).toISOString().slice(0, 10);

describe('payments of grant contracts (API): schedule, record, withhold, release after reports, completion', () => {
  let t: TestApp;
  let mini: GrantCompetition;
  let contracts: ContractInForce[];
  let staged: { competition: GrantCompetition; contracts: ContractInForce[] };
  let stranger: TestAccount;
  const tag = `${Date.now() % 100000}`;

  beforeAll(async () => {
    t = await createTestApp();
    ({ competition: mini, contracts } = await contractsInForce(t, {
      tag: `pay${tag}`,
      winners: 3,
      locales: ['kk', 'ru'],
    }));
    staged = await contractsInForce(t, {
      tag: `pst${tag}`,
      winners: 1,
      payments: {
        tranches: [
          { amount: 100_000, condition: 'on_activation' },
          { percent: 20, condition: 'after_reports', stage: 'interim' },
          { percent: 40, condition: 'after_reports', stage: 'final' },
        ],
      },
    });
    stranger = await signUp(t, 'payments-stranger');
  }, 240_000);
  afterAll(async () => {
    await t.close();
  });

  const call = (method: string, path: string, who: TestAccount, body?: unknown, lang: 'kk' | 'ru' = 'kk') =>
    t.call(method, path, { token: who.accessToken, body, lang });
  const paymentsOf = async (contractId: string): Promise<{ tranche: number; amount: string }[]> =>
    t.db.query(`SELECT tranche, amount FROM contract_payments WHERE contract_id = $1 ORDER BY created_at`, [
      contractId,
    ]);
  const audit = async (contractId: string, action: string): Promise<unknown[]> =>
    t.db.query(`SELECT summary FROM audit_log WHERE entity_id = $1 AND action = $2`, [contractId, action]);
  const release = (contractId: string, stage: 'interim' | 'final') => {
    const db = t.app.get(DataSource);
    return db.transaction((tx) =>
      t.app.get(PaymentsService).releaseAfterReports(tx, {
        contractId,
        stage,
        reportIds: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'],
        actor: systemActor('reports-test'),
      }),
    );
  };

  it('shows the schedule from the template (70% once in force, 30% after the final reports) to both parties, 404 to others', async () => {
    const c = contracts[0];
    const res = await call('GET', `/contracts/${c.id}/payments`, mini.organizer);
    expect(res.status).toBe(200);
    const first = Math.round(c.amount * 0.7);
    expect(
      res.body.tranches.map((x: Record<string, unknown>) => [x.index, x.percent, x.planned, x.status, x.stage]),
    ).toEqual([
      [1, 70, first, 'due', null],
      [2, 30, c.amount - first, 'waiting', 'final'],
    ]);
    expect(res.body.tranches[1].why).toBe('reports_not_accepted');
    expect(res.body.totals).toEqual({
      planned: c.amount,
      paid: 0,
      remaining: c.amount,
      due: first,
      waiting: c.amount - first,
      withheld: 0,
    });
    expect(res.body.isDefault).toBe(false);
    const mine = await call('GET', `/contracts/${c.id}/payments`, c.grantee);
    expect(mine.status).toBe(200);
    expect(mine.body.role).toBe('grantee');
    expect((await call('GET', `/contracts/${c.id}/payments`, stranger)).status).toBe(404);
    expect((await call('GET', `/contracts/${c.id}/payments`, contracts[1].grantee)).status).toBe(404);
    // The grantee reads; only organizers record.
    const byGrantee = await call('POST', `/contracts/${c.id}/payments`, c.grantee, {
      tranche: 1,
      amount: 1000,
      paidOn: today(),
      reference: 'ПП-1',
    });
    expect(byGrantee.status).toBe(404);
    expect(await paymentsOf(c.id)).toEqual([]);
  });

  it('states fixed sums, percents, the rest and the report stage in the contract document', async () => {
    const [c] = staged.contracts;
    const text = async (lang: string) => {
      const res = await t.call('GET', `/contracts/${c.id}/document.docx?lang=${lang}`, {
        token: staged.competition.organizer.accessToken,
      });
      return squeeze((await docxText(res.raw)).text);
    };
    const kk = await text('kk');
    expect(kk).toContain('тіркелген сома');
    expect(kk).toContain('қалған сома');
    // Printed, a table's cells interleave: each condition is checked by its first words.
    expect(kk).toContain('Аралық бағдарламалық және');
    expect(kk).toContain('Қорытынды бағдарламалық және');
    expect(kk).not.toContain('әдепкі кесте');
    const ru = await text('ru');
    expect(ru).toContain('фиксированная сумма');
    expect(ru).toContain('остаток суммы');
    expect(ru).toMatch(/промежуточных/);
  });

  it('records a payment against a due tranche: the grantee told in their language, audited', async () => {
    const c = contracts[0];
    const res = await call('POST', `/contracts/${c.id}/payments`, mini.organizer, {
      tranche: 1,
      amount: 50_000,
      paidOn: today(),
      reference: ' ПП-0001 ',
    });
    expect(res.status).toBe(201);
    expect(res.body.payment).toMatchObject({ tranche: 1, amount: 50_000, paidOn: today(), reference: 'ПП-0001' });
    expect(res.body.tranches[0]).toMatchObject({ status: 'partly_paid', paid: 50_000 });
    expect(res.body.totals.paid).toBe(50_000);
    expect(await paymentsOf(c.id)).toEqual([{ tranche: 1, amount: '50000' }]);
    const [told] = await outboxTo(t, c.grantee.email, 'payment-update');
    expect(told.locale).toBe('kk');
    expect(told.payload).toMatchObject({
      event: 'recorded',
      tranche: 1,
      amount: '50\u00a0000\u00a0₸',
      reference: 'ПП-0001',
    });
    expect(await audit(c.id, 'payment.recorded')).toHaveLength(1);
  });

  it('a new revision worth less than what was paid is refused, in the caller language; the database refuses it too', async () => {
    const c = contracts[0]; // 50 000 ₸ paid by the test before
    const [before] = await t.db.query(`SELECT amount, revision, status, version FROM contracts WHERE id = $1`, [c.id]);
    const [app] = await t.db.query(`SELECT budget_lines, amount_requested FROM applications WHERE id = $1`, [
      c.applicationId,
    ]);
    // The application's budget as if it had been cut to 10 000 ₸ (the revision is built from it).
    await t.db.query(
      `UPDATE applications SET budget_lines = '[{"item":"Кітаптар","quantity":1,"unitCost":10000,"total":10000}]', amount_requested = 10000 WHERE id = $1`,
      [c.applicationId],
    );
    try {
      const res = await call('POST', `/contracts/${c.id}/revise`, mini.organizer, { reason: 'Бюджет қысқарды' }, 'ru');
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CONTRACT_BELOW_PAID');
      expect(plain(res.body.message)).toBe(
        `По договору ${c.number} уже выплачено ${tenge(50_000)}: сумма новой редакции (${tenge(10_000)}) не может быть меньше. Ничего не изменено.`,
      );
      const [after] = await t.db.query(`SELECT amount, revision, status, version FROM contracts WHERE id = $1`, [c.id]);
      expect(after).toEqual(before);
      await expect(t.db.query(`UPDATE contracts SET amount = 49999 WHERE id = $1`, [c.id])).rejects.toThrow(
        /has been paid under it/,
      );
    } finally {
      await t.db.query(`UPDATE applications SET budget_lines = $2, amount_requested = $3 WHERE id = $1`, [
        c.applicationId,
        JSON.stringify(app.budget_lines),
        app.amount_requested,
      ]);
    }
  });

  it('refuses more than the contract still needs, in kk and ru, and more than the tranche needs; nothing saved', async () => {
    const c = contracts[0];
    const kk = await call('POST', `/contracts/${c.id}/payments`, mini.organizer, {
      tranche: 1,
      amount: c.amount,
      paidOn: today(),
      reference: 'ПП-2',
    });
    expect(kk.status).toBe(400);
    expect(kk.body.code).toBe('PAYMENT_ABOVE_CONTRACT_SUM');
    expect(plain(kk.body.message)).toBe(
      `Сома шарттың қалған сомасынан (${plain(tenge(c.amount - 50_000))}, шарт сомасы ${plain(tenge(c.amount))}) көп: шарт бойынша төлемдер оның сомасынан аспайды. Ештеңе сақталған жоқ.`,
    );
    expect(kk.body.details[0].field).toBe('amount');
    const ru = await call(
      'POST',
      `/contracts/${c.id}/payments`,
      mini.organizer,
      { tranche: 1, amount: c.amount, paidOn: today(), reference: 'ПП-2' },
      'ru',
    );
    expect(plain(ru.body.message)).toBe(
      `Сумма больше остатка по договору (${plain(tenge(c.amount - 50_000))}, сумма договора ${plain(tenge(c.amount))}): платежи по договору не превышают его сумму. Ничего не сохранено.`,
    );
    const tranche = await call(
      'POST',
      `/contracts/${c.id}/payments`,
      mini.organizer,
      { tranche: 1, amount: Math.round(c.amount * 0.7) - 50_000 + 1, paidOn: today(), reference: 'ПП-3' },
      'ru',
    );
    expect(tranche.status).toBe(400);
    expect(tranche.body.message).toMatch(/^Сумма больше остатка транша 1 \(/);
    const future = await call('POST', `/contracts/${c.id}/payments`, mini.organizer, {
      tranche: 1,
      amount: 1000,
      paidOn: '2099-01-01',
      reference: 'ПП-4',
    });
    expect(future.status).toBe(400);
    expect(future.body.message).toBe('Төлем күні болашақта бола алмайды.');
    expect(await paymentsOf(c.id)).toHaveLength(1);
  });

  it('refuses a tranche that waits for the final reports, with the reason, in the caller language', async () => {
    const c = contracts[0];
    const res = await call(
      'POST',
      `/contracts/${c.id}/payments`,
      mini.organizer,
      { tranche: 2, amount: 1000, paidOn: today(), reference: 'ПП-5' },
      'ru',
    );
    expect(res.status).toBe(409);
    expect(res.body.message).toBe(
      'Транш 2 ожидает принятия итоговых содержательного и финансового отчётов: его можно выплатить после их принятия. Ничего не сохранено.',
    );
    expect(await paymentsOf(c.id)).toHaveLength(1);
  });

  it('the same Idempotency-Key twice, even at once, records one payment and answers the same', async () => {
    const c = contracts[1];
    const body = { tranche: 1, amount: 10_000, paidOn: today(), reference: 'ПП-10' };
    const headers = { 'idempotency-key': `pay-${tag}-double` };
    const [a, b] = await Promise.all([
      t.call('POST', `/contracts/${c.id}/payments`, { token: mini.organizer.accessToken, body, headers }),
      t.call('POST', `/contracts/${c.id}/payments`, { token: mini.organizer.accessToken, body, headers }),
    ]);
    expect([a.status, b.status].sort()).toEqual(expect.arrayContaining([201]));
    const again = await t.call('POST', `/contracts/${c.id}/payments`, {
      token: mini.organizer.accessToken,
      body,
      headers,
    });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await paymentsOf(c.id)).toEqual([{ tranche: 1, amount: '10000' }]);
  });

  it('two organizers paying the rest at once: one payment, the other refused with the clear message', async () => {
    const c = contracts[1];
    const rest = Math.round(c.amount * 0.7) - 10_000;
    const pay = (reference: string) =>
      call('POST', `/contracts/${c.id}/payments`, mini.organizer, {
        tranche: 1,
        amount: rest,
        paidOn: today(),
        reference,
      });
    const results = await Promise.all([pay('ПП-11'), pay('ПП-12')]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect(refused.body.code).toBe('PAYMENT_TRANCHE_PAID');
    expect(await paymentsOf(c.id)).toHaveLength(2);
  });

  it('the database itself refuses two concurrent inserts that together exceed the contract sum: one stays', async () => {
    const c = contracts[2];
    const db = t.app.get(DataSource);
    const one = db.createQueryRunner();
    const two = db.createQueryRunner();
    const insert = `INSERT INTO contract_payments (contract_id, competition_id, tranche, amount, paid_on, reference, recorded_by)
                    VALUES ($1, $2, 1, $3, CURRENT_DATE, $4, $5)`;
    const half = Math.floor(c.amount / 2) + 1;
    try {
      await one.startTransaction();
      await two.startTransaction();
      await one.query(insert, [c.id, mini.id, half, 'SQL-1', mini.organizer.userId]);
      const second = two.query(insert, [c.id, mini.id, half, 'SQL-2', mini.organizer.userId]);
      const settled = second.then(
        () => 'inserted',
        (e: Error) => e.message,
      );
      await one.commitTransaction();
      expect(await settled).toMatch(/would exceed its sum/);
      await two.rollbackTransaction();
    } finally {
      await one.release();
      await two.release();
    }
    expect(await paymentsOf(c.id)).toEqual([{ tranche: 1, amount: String(half) }]);
    // A recorded payment is kept as recorded.
    await expect(t.db.query(`UPDATE contract_payments SET amount = 1 WHERE contract_id = $1`, [c.id])).rejects.toThrow(
      /kept as recorded/,
    );
  });

  it('withholds a tranche with a reason (payment refused saying why), a stale version is 409, lifting lets it be paid', async () => {
    const c = contracts[0];
    const before = (await call('GET', `/contracts/${c.id}/payments`, mini.organizer)).body;
    const held = await call('POST', `/contracts/${c.id}/payments/tranches/1/withhold`, mini.organizer, {
      reason: 'Акт сверки не представлен',
      version: before.version,
    });
    expect(held.status).toBe(200);
    expect(held.body.tranches[0]).toMatchObject({ status: 'withheld', why: 'Акт сверки не представлен' });
    expect(held.body.totals.withheld).toBe(Math.round(c.amount * 0.7) - 50_000);
    const stale = await call('POST', `/contracts/${c.id}/payments/tranches/1/lift`, mini.organizer, {
      reason: 'Акт представлен',
      version: before.version,
    });
    expect(stale.status).toBe(409);
    const refused = await call('POST', `/contracts/${c.id}/payments`, mini.organizer, {
      tranche: 1,
      amount: 1000,
      paidOn: today(),
      reference: 'ПП-6',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      '1-транш ұсталған (себебі: Акт сверки не представлен): ұстау алынғанша ол төленбейді. Ештеңе сақталған жоқ.',
    );
    const told = await outboxTo(t, c.grantee.email, 'payment-update');
    expect(told.map((m) => (m.payload as { event: string }).event)).toContain('withheld');
    const lifted = await call('POST', `/contracts/${c.id}/payments/tranches/1/lift`, mini.organizer, {
      reason: 'Акт представлен',
      version: held.body.version,
    });
    expect(lifted.status).toBe(200);
    expect(lifted.body.tranches[0].status).toBe('partly_paid');
    expect(await audit(c.id, 'payment.tranche_withheld')).toHaveLength(1);
    expect(await audit(c.id, 'payment.tranche_hold_lifted')).toHaveLength(1);
  });

  it('releaseAfterReports makes the waiting tranche due (once, the organizers told); paying the rest completes the contract', async () => {
    const c = contracts[0];
    await release(c.id, 'final');
    await release(c.id, 'final');
    expect(await audit(c.id, 'payment.tranches_released')).toHaveLength(1);
    const schedule = (await call('GET', `/contracts/${c.id}/payments`, mini.organizer)).body;
    expect(schedule.tranches[1]).toMatchObject({ status: 'due', why: null });
    expect(schedule.tranches[1].releasedAt).toEqual(expect.any(String));
    const due = await outboxTo(t, mini.organizer.email, 'payment-update');
    expect(due.filter((m) => (m.payload as { event: string }).event === 'due')).toHaveLength(1);
    expect(due[0].locale).toBe('ru');

    const first = schedule.tranches[0].remaining;
    await call('POST', `/contracts/${c.id}/payments`, mini.organizer, {
      tranche: 1,
      amount: first,
      paidOn: today(),
      reference: 'ПП-7',
    });
    const last = await call('POST', `/contracts/${c.id}/payments`, mini.organizer, {
      tranche: 2,
      amount: schedule.tranches[1].remaining,
      paidOn: today(),
      reference: 'ПП-8',
    });
    expect(last.status).toBe(201);
    expect(last.body.contractStatus).toBe('completed');
    expect(last.body.totals).toMatchObject({ paid: c.amount, remaining: 0 });
    const [row] = await t.db.query(`SELECT status FROM contracts WHERE id = $1`, [c.id]);
    expect(row.status).toBe('completed');
    expect(await audit(c.id, 'contract.completed')).toHaveLength(1);
    const grantee = await outboxTo(t, c.grantee.email, 'contract-update');
    expect(grantee.map((m) => (m.payload as { event: string }).event)).toContain('completed');
    const organizer = await outboxTo(t, mini.organizer.email, 'contract-update');
    expect(organizer.map((m) => (m.payload as { event: string }).event)).toContain('completed');
    // The application's status is the reporting work's.
    const [application] = await t.db.query(`SELECT status FROM applications WHERE id = $1`, [c.applicationId]);
    expect(application.status).toBe('contracted');
    const after = await call('POST', `/contracts/${c.id}/payments`, mini.organizer, {
      tranche: 2,
      amount: 1,
      paidOn: today(),
      reference: 'ПП-9',
    });
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('PAYMENT_CONTRACT_NOT_ACTIVE');
  });

  it('a terminated contract takes no payment: not_yet in its schedule, refused with the message', async () => {
    const c = contracts[2];
    const terminated = await call('POST', `/contracts/${c.id}/terminate`, mini.organizer, { reason: 'Жоба тоқтады' });
    expect(terminated.status).toBe(200);
    const res = await call('POST', `/contracts/${c.id}/payments`, mini.organizer, {
      tranche: 1,
      amount: 1000,
      paidOn: today(),
      reference: 'ПП-20',
    });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe(
      `${c.number} шарты күшінде емес: төлем тек күшіне енген, аяқталмаған шарт бойынша жазылады. Ештеңе сақталған жоқ.`,
    );
    const schedule = (await call('GET', `/contracts/${c.id}/payments`, mini.organizer)).body;
    expect(schedule.tranches[1]).toMatchObject({ status: 'not_yet', why: 'contract_terminated' });
  });

  it('a fixed first tranche and an interim one: the interim waits until its reports are released', async () => {
    const [c] = staged.contracts;
    const organizer = staged.competition.organizer;
    const schedule = (await call('GET', `/contracts/${c.id}/payments`, organizer)).body;
    expect(schedule.tranches.map((x: Record<string, unknown>) => [x.percent, x.planned, x.stage])).toEqual([
      [null, 100_000, null],
      [20, Math.round(c.amount * 0.2), 'interim'],
      [40, c.amount - 100_000 - Math.round(c.amount * 0.2), 'final'],
    ]);
    const waiting = await call('POST', `/contracts/${c.id}/payments`, organizer, {
      tranche: 2,
      amount: 1000,
      paidOn: today(),
      reference: 'ПП-30',
    });
    expect(waiting.body.message).toBe(
      '2-транш аралық бағдарламалық және қаржылық есептердің қабылдануын күтіп тұр: оны есептер қабылданғаннан кейін төлеуге болады. Ештеңе сақталған жоқ.',
    );
    await release(c.id, 'interim');
    const after = (await call('GET', `/contracts/${c.id}/payments`, organizer)).body;
    expect(after.tranches.map((x: { status: string }) => x.status)).toEqual(['due', 'due', 'waiting']);
  });

  it('checks the payment rule where the rulebook is checked: percents add up to 100, in kk and ru', async () => {
    const created = await t.call('POST', '/competitions', {
      token: mini.admin.accessToken,
      body: { templateCode: 'mini-grants-district', title: { kk: `Төлем ${tag}`, ru: `Платёж ${tag}` } },
    });
    expect(created.status).toBe(201);
    expect(created.body.rulebook.payments.tranches).toHaveLength(2);
    const patch = (payments: unknown, lang: 'kk' | 'ru') =>
      t.call('PATCH', `/competitions/${created.body.id}`, {
        token: mini.admin.accessToken,
        lang,
        body: { version: created.body.version, rulebook: { payments } },
      });
    const kk = await patch(
      {
        tranches: [
          { percent: 60, condition: 'on_activation' },
          { percent: 30, condition: 'after_reports', stage: 'final' },
        ],
      },
      'kk',
    );
    expect(kk.status).toBe(400);
    expect(kk.body.details).toEqual([
      expect.objectContaining({
        field: 'rulebook.payments.tranches',
        message: 'Транштардың пайыздары қосындысында 100 болуы керек (қазір 90).',
      }),
    ]);
    const ru = await patch({ tranches: [{ percent: 100, amount: 5, condition: 'after_reports' }] }, 'ru');
    expect(ru.body.details.map((d: { message: string }) => d.message)).toEqual([
      'Укажите для транша либо процент, либо фиксированную сумму (не то и другое).',
      'Обязательное поле.',
    ]);
  });
});
