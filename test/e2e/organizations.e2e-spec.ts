import { randomInt, randomUUID } from 'node:crypto';
import { makeBin } from '../../libs/kz';
import { createTestApp, TestApp } from '../support/test-app';
import { signUp, TestAccount, uniqueEmail, withoutRequestId } from '../support/accounts';

const freshBin = (yearMonth = '2015-05') => makeBin(yearMonth, randomInt(100000));
const orgBody = (overrides: Record<string, unknown> = {}) => ({
  bin: freshBin(),
  name: '«Жастар келешегі» қоғамдық бірлестігі',
  kind: 'ngo',
  regionCode: 'ZHT',
  registeredOn: '2015-05-20',
  ...overrides,
});

describe('organizations', () => {
  let t: TestApp;
  let owner: TestAccount;
  let outsider: TestAccount;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t, 'org-owner');
    outsider = await signUp(t, 'outsider');
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => t.clock.reset());

  const create = (body: unknown, a: TestAccount = owner) =>
    t.call('POST', '/organizations', { token: a.accessToken, body });
  const get = (id: string, a: TestAccount = owner) => t.call('GET', `/organizations/${id}`, { token: a.accessToken });
  const rowsWithBin = (bin: string) => t.db.query('SELECT * FROM organizations WHERE bin = $1', [bin]);

  describe('POST /organizations', () => {
    it('creates the organization with its creator as representative (201)', async () => {
      const body = orgBody({ headName: 'Асанова Гүлнар', regionCode: 'ALA' });
      const res = await create(body);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        bin: body.bin,
        name: body.name,
        kind: 'ngo',
        regionCode: 'ALA',
        registeredOn: '2015-05-20',
        headName: 'Асанова Гүлнар',
        accountantName: null,
        address: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        version: 1,
        representatives: [{ userId: owner.userId, email: owner.email }],
      });
      expect((await get(res.body.id)).body).toEqual(res.body);
      const audit = await t.db.query(
        `SELECT actor_id FROM audit_log WHERE action = 'organization.created' AND entity_id = $1`,
        [res.body.id],
      );
      expect(audit).toEqual([{ actor_id: owner.userId }]);
    });

    const refused = async (body: Record<string, unknown>, field: string, code: string) => {
      const res = await create(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual([expect.objectContaining({ field, code, message: expect.any(String) })]);
      if (typeof body.bin === 'string') expect(await rowsWithBin(body.bin.trim())).toHaveLength(0);
      return res.body.details[0];
    };

    it('refuses a BIN with a wrong check digit, or not of 12 digits', async () => {
      const bin = freshBin();
      const wrong = bin.slice(0, 11) + ((Number(bin[11]) + 1) % 10);
      const detail = await refused(orgBody({ bin: wrong }), 'bin', 'BIN_CHECKSUM');
      expect(detail.message).toBe('БСН-нің бақылау цифры сәйкес келмейді: нөмірді тексеріңіз.');
      await refused(orgBody({ bin: '12345' }), 'bin', 'BIN_FORMAT');
    });

    it('refuses an unknown region, and a district or city given as the region', async () => {
      await refused(orgBody({ regionCode: 'XYZ' }), 'regionCode', 'REGION_UNKNOWN');
      await refused(orgBody({ regionCode: 'ZHT-AKS' }), 'regionCode', 'REGION_UNKNOWN'); // a district of Jetisu
      await refused(orgBody({ regionCode: 'ZHT-TDK' }), 'regionCode', 'REGION_UNKNOWN'); // Taldykorgan, a city of the region
      await refused(orgBody({ regionCode: 'zht' }), 'regionCode', 'INVALID_FORMAT');
    });

    it('refuses a registration date in the future, judged in Almaty time', async () => {
      await refused(orgBody({ registeredOn: '2999-01-01' }), 'registeredOn', 'REGISTERED_IN_FUTURE');
      // 19:30 UTC on 10 March is already 00:30 on 11 March in Almaty (UTC+5).
      t.clock.set(new Date('2026-03-10T19:30:00Z'));
      expect((await create(orgBody({ bin: freshBin('2026-03'), registeredOn: '2026-03-11' }))).status).toBe(201);
      await refused(
        orgBody({ bin: freshBin('2026-03'), registeredOn: '2026-03-12' }),
        'registeredOn',
        'REGISTERED_IN_FUTURE',
      );
    });

    it('refuses dates that do not exist, unknown kinds, unknown fields and unstorable text', async () => {
      await refused(orgBody({ registeredOn: '2015-02-30' }), 'registeredOn', 'INVALID_DATE');
      await refused(orgBody({ kind: 'club' }), 'kind', 'NOT_ALLOWED_VALUE');
      await refused(orgBody({ createdBy: outsider.userId }), 'createdBy', 'UNKNOWN_FIELD');
      await refused(orgBody({ name: 'x'.repeat(301) }), 'name', 'TOO_LONG');
      await refused(orgBody({ name: 'Ұйым\u0000' }), 'name', 'INVALID_FORMAT');
      await refused(orgBody({ headName: 'Ұйым\ud800' }), 'headName', 'INVALID_FORMAT');
    });

    it('refuses a BIN already registered with 409 BIN_TAKEN', async () => {
      const body = orgBody();
      expect((await create(body)).status).toBe(201);
      const again = await create({ ...body, bin: ` ${body.bin} `, name: 'Басқа ұйым' }, outsider);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ statusCode: 409, code: 'BIN_TAKEN', message: expect.any(String) });
      const rows = await rowsWithBin(body.bin);
      expect(rows).toHaveLength(1);
      expect(rows[0].name).toBe(body.name);
    });

    it('needs a signed-in caller', async () => {
      const res = await t.call('POST', '/organizations', { body: orgBody() });
      expect(res.status).toBe(401);
    });
  });

  describe('who may see and act', () => {
    let orgId: string;
    beforeAll(async () => {
      orgId = (await create(orgBody())).body.id;
    });

    it('another signed-in user gets the same 404 as for an id that does not exist', async () => {
      const theirs = await get(orgId, outsider);
      expect(theirs.status).toBe(404);
      expect(theirs.body).toEqual({
        statusCode: 404,
        code: 'NOT_FOUND',
        message: 'Жазба табылмады.',
        requestId: expect.any(String),
      });
      for (const id of [randomUUID(), 'not-a-uuid', '1']) {
        const res = await get(id, outsider);
        expect(res.status).toBe(404);
        expect(withoutRequestId(res.body)).toEqual(withoutRequestId(theirs.body));
      }
    });

    it('an outsider can neither change it nor add representatives', async () => {
      const patch = await t.call('PATCH', `/organizations/${orgId}`, {
        token: outsider.accessToken,
        body: { version: 1, name: 'Захвачено' },
      });
      expect(patch.status).toBe(404);
      const add = await t.call('POST', `/organizations/${orgId}/representatives`, {
        token: outsider.accessToken,
        body: { email: outsider.email },
      });
      expect(add.status).toBe(404);
      const view = (await get(orgId)).body;
      expect(view.name).not.toBe('Захвачено');
      expect(view.representatives.map((r: { userId: string }) => r.userId)).toEqual([owner.userId]);
    });

    it('a representative added by e-mail can see and edit it', async () => {
      const colleague = await signUp(t, 'colleague');
      const add = await t.call('POST', `/organizations/${orgId}/representatives`, {
        token: owner.accessToken,
        body: { email: colleague.email.toUpperCase() },
      });
      expect(add.status).toBe(201);
      expect(add.body.representatives).toEqual([
        { userId: owner.userId, email: owner.email },
        { userId: colleague.userId, email: colleague.email },
      ]);
      const seen = await get(orgId, colleague);
      expect(seen.status).toBe(200);
      expect(seen.body.id).toBe(orgId);
      const edit = await t.call('PATCH', `/organizations/${orgId}`, {
        token: colleague.accessToken,
        body: { version: seen.body.version, headName: 'Сапарова Д.' },
      });
      expect(edit.status).toBe(200);
      expect(edit.body.headName).toBe('Сапарова Д.');
      // Adding again changes nothing.
      const again = await t.call('POST', `/organizations/${orgId}/representatives`, {
        token: colleague.accessToken,
        body: { email: colleague.email },
      });
      expect(again.body.representatives).toHaveLength(2);
    });

    it('adding an address without an account is a 400 on email', async () => {
      const res = await t.call('POST', `/organizations/${orgId}/representatives`, {
        token: owner.accessToken,
        body: { email: uniqueEmail('nobody') },
      });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        expect.objectContaining({ field: 'email', code: 'REPRESENTATIVE_NOT_REGISTERED' }),
      ]);
    });
  });

  describe('PATCH /organizations/:id', () => {
    it('applies a change at the current version and moves the version on', async () => {
      const org = (await create(orgBody())).body;
      const res = await t.call('PATCH', `/organizations/${org.id}`, {
        token: owner.accessToken,
        body: { version: 1, name: '  Жаңа   атауы ', accountantName: 'Бекова А.' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: org.id,
        name: 'Жаңа атауы',
        accountantName: 'Бекова А.',
        bin: org.bin,
        version: 2,
      });
      expect((await get(org.id)).body).toMatchObject({ name: 'Жаңа атауы', version: 2 });
    });

    it('refuses a stale version with 409 VERSION_CONFLICT and changes nothing', async () => {
      const org = (await create(orgBody())).body;
      expect(
        (
          await t.call('PATCH', `/organizations/${org.id}`, {
            token: owner.accessToken,
            body: { version: 1, headName: 'Бірінші' },
          })
        ).status,
      ).toBe(200);
      const stale = await t.call('PATCH', `/organizations/${org.id}`, {
        token: owner.accessToken,
        body: { version: 1, headName: 'Екінші' },
        lang: 'ru',
      });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({
        code: 'VERSION_CONFLICT',
        message: 'Запись уже изменил кто-то другой. Обновите страницу и повторите.',
      });
      expect((await get(org.id)).body).toMatchObject({ headName: 'Бірінші', version: 2 });
    });

    it('refuses bad changes with 400, never 500', async () => {
      const org = (await create(orgBody())).body;
      const patch = (body: unknown) => t.call('PATCH', `/organizations/${org.id}`, { token: owner.accessToken, body });
      const cases: [unknown, string, string][] = [
        [{ version: 1, name: null }, 'name', 'REQUIRED'],
        [{ version: 1, name: 'x' }, 'name', 'TOO_SHORT'],
        [{ version: 1e12 }, 'version', 'TOO_LARGE'],
        [{ version: '1' }, 'version', 'NOT_INTEGER'],
        [{ name: 'Атауы' }, 'version', 'REQUIRED'],
        [{ version: 1, bin: freshBin() }, 'bin', 'UNKNOWN_FIELD'],
      ];
      for (const [body, field, code] of cases) {
        const res = await patch(body);
        expect({ status: res.status, details: res.body.details }).toEqual({
          status: 400,
          details: [expect.objectContaining({ field, code })],
        });
      }
      expect((await get(org.id)).body).toMatchObject({ name: org.name, bin: org.bin, version: 1 });
    });
  });
});
