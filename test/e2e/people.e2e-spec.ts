import { kzCheckDigit } from '../../libs/kz';
import { createTestApp, TestApp } from '../support/test-app';
import { signUp, TestAccount, tokenFromOutbox, uniquePersonBody } from '../support/accounts';

describe('people (PUT /me/person, GET /me, PATCH /me)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const put = (a: TestAccount, body: unknown, lang?: string) =>
    t.call('PUT', '/me/person', { token: a.accessToken, body, lang });
  const me = async (a: TestAccount) => (await t.call('GET', '/me', { token: a.accessToken })).body;
  const auditOf = (action: string, entityId: string) =>
    t.db.query('SELECT actor_id, action, summary FROM audit_log WHERE action = $1 AND entity_id = $2 ORDER BY id', [
      action,
      entityId,
    ]);

  describe('a valid profile', () => {
    it('is stored with birth date and gender from the IIN and the phone in E.164', async () => {
      const a = await signUp(t, 'person');
      const body = uniquePersonBody({ lastName: '  Сейітова   Әлия ', middleName: 'Бекқызы' }, '1998-02-28', 'female');
      const res = await put(a, body);
      expect(res.status).toBe(200);
      expect(res.body.person).toEqual({
        id: expect.any(String),
        iin: body.iin,
        lastName: 'Сейітова Әлия',
        firstName: 'Әсел',
        middleName: 'Бекқызы',
        birthDate: '1998-02-28',
        gender: 'female',
        phone: '+77015551234',
        socialCategories: ['unemployed'],
        educationStatus: 'college_graduate',
        hasDisability: false,
        position: null,
        version: 1,
      });
      expect((await me(a)).person).toEqual(res.body.person);
      const [row] = await t.db.query(
        'SELECT user_id, phone, birth_date::text AS birth_date FROM persons WHERE iin = $1',
        [body.iin],
      );
      expect(row).toEqual({ user_id: a.userId, phone: '+77015551234', birth_date: '1998-02-28' });
      const audit = await auditOf('person.created', res.body.person.id);
      expect(audit).toHaveLength(1);
      expect(audit[0].actor_id).toBe(a.userId);
    });

    it('accepts names of up to 100 characters', async () => {
      const a = await signUp(t, 'long');
      const res = await put(a, uniquePersonBody({ lastName: 'Ә'.repeat(100), firstName: "O'Neil-Әлия" }));
      expect(res.status).toBe(200);
      expect(res.body.person).toMatchObject({ lastName: 'Ә'.repeat(100), firstName: "O'Neil-Әлия" });
    });

    it.each([
      ['+7 701 555 12 34', '+77015551234'],
      ['87015551234', '+77015551234'],
      ['7015551234', '+77015551234'],
      ['8 (7172) 55-12-34', '+77172551234'],
    ])('normalizes the phone %s to %s', async (phone, e164) => {
      const a = await signUp(t, 'phone');
      const res = await put(a, uniquePersonBody({ phone }, undefined, 'male'));
      expect(res.status).toBe(200);
      expect(res.body.person.phone).toBe(e164);
    });

    it('can be updated by its owner, which is audited as person.updated', async () => {
      const a = await signUp(t, 'update');
      const body = uniquePersonBody({}, '2003-11-05', 'male');
      const first = (await put(a, body)).body.person;
      const res = await put(a, {
        ...body,
        lastName: 'Жаңаев',
        phone: '+7 747 000 00 01',
        socialCategories: ['neet', 'low_income'],
      });
      expect(res.status).toBe(200);
      expect(res.body.person).toMatchObject({
        id: first.id,
        lastName: 'Жаңаев',
        phone: '+77470000001',
        socialCategories: ['neet', 'low_income'],
        version: 2,
      });
      const audit = await auditOf('person.updated', first.id);
      expect(audit).toHaveLength(1);
      expect(audit[0].summary).toMatchObject({ before: { lastName: 'Тестова' }, after: { lastName: 'Жаңаев' } });
    });
  });

  describe('bad input is refused and changes nothing', () => {
    let a: TestAccount;
    let valid: ReturnType<typeof uniquePersonBody>;
    let before: unknown;
    beforeAll(async () => {
      a = await signUp(t, 'bad');
      valid = uniquePersonBody({}, '2000-07-10', 'female');
      expect((await put(a, valid)).status).toBe(200);
      before = await me(a);
    });
    afterEach(async () => {
      expect(await me(a)).toEqual(before);
    });

    const refused = async (changes: Record<string, unknown>, field: string, code: string, lang?: string) => {
      const res = await put(a, { ...valid, ...changes }, lang);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual([expect.objectContaining({ field, code, message: expect.any(String) })]);
      return res.body.details[0];
    };

    it('an IIN with a wrong check digit, explained in Kazakh and in Russian', async () => {
      const iin = valid.iin.slice(0, 11) + ((Number(valid.iin[11]) + 1) % 10);
      expect((await refused({ iin }, 'iin', 'IIN_CHECKSUM')).message).toBe(
        'ЖСН-нің бақылау цифры сәйкес келмейді: нөмірді тексеріңіз.',
      );
      expect((await refused({ iin }, 'iin', 'IIN_CHECKSUM', 'ru')).message).toBe(
        'Контрольная цифра ИИН не сходится: проверьте номер.',
      );
    });

    it('an IIN whose date does not exist', async () => {
      const head = '9902314' + '0123'; // 31 February 1999, female
      const iin = head + String(kzCheckDigit(head) ?? 0);
      await refused({ iin, birthDate: '1999-02-28' }, 'iin', 'IIN_DATE');
    });

    it('an IIN of the wrong length or with letters', async () => {
      await refused({ iin: valid.iin.slice(0, 11) }, 'iin', 'IIN_FORMAT');
      await refused({ iin: `${valid.iin.slice(0, 11)}x` }, 'iin', 'IIN_FORMAT');
    });

    it('a birth date that disagrees with the IIN, naming the IIN date', async () => {
      const detail = await refused({ birthDate: '2000-07-11' }, 'iin', 'IIN_BIRTH_DATE_MISMATCH');
      expect(detail.params).toEqual({ birthDate: '2000-07-10' });
      expect(detail.message).toContain('2000-07-10');
    });

    it('a gender that disagrees with the IIN', async () => {
      await refused({ gender: 'male' }, 'iin', 'IIN_GENDER_MISMATCH');
    });

    it('a phone that is not a Kazakh number', async () => {
      await refused({ phone: '12345' }, 'phone', 'PHONE_FORMAT');
      await refused({ phone: '+7 916 123 45 67' }, 'phone', 'PHONE_FORMAT'); // a Russian mobile
    });

    it('an unknown social category, naming the element', async () => {
      const detail = await refused(
        { socialCategories: ['unemployed', 'astronaut'] },
        'socialCategories[1]',
        'NOT_ALLOWED_VALUE',
      );
      expect(detail.params.allowed).toContain('registered_unemployed');
      // Derived categories are never entered.
      await refused({ socialCategories: ['youth'] }, 'socialCategories[0]', 'NOT_ALLOWED_VALUE');
    });

    it('repeated social categories', async () => {
      await refused({ socialCategories: ['neet', 'neet'] }, 'socialCategories', 'DUPLICATE_ITEMS');
    });

    it('an unknown field', async () => {
      const detail = await refused({ nickname: 'Әсе' }, 'nickname', 'UNKNOWN_FIELD');
      expect(detail.message).toContain('nickname');
    });

    it('a last name of 101 characters', async () => {
      const detail = await refused({ lastName: 'а'.repeat(101) }, 'lastName', 'TOO_LONG');
      expect(detail.params).toEqual({ limit: 100 });
    });

    it('wrong types', async () => {
      await refused({ hasDisability: 'yes' }, 'hasDisability', 'NOT_BOOLEAN');
      await refused({ socialCategories: 'neet' }, 'socialCategories', 'NOT_ARRAY');
      await refused({ iin: 10101050001 }, 'iin', 'NOT_STRING');
      await refused({ educationStatus: 'phd' }, 'educationStatus', 'NOT_ALLOWED_VALUE');
    });

    it('a missing required field', async () => {
      const { firstName: _f, ...rest } = valid;
      const res = await put(a, rest);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'firstName', code: 'REQUIRED' })]);
    });

    it('every problem at once, each on its field', async () => {
      const res = await put(a, { ...valid, phone: 'x', gender: 'other', hasDisability: 1 });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'gender',
        'hasDisability',
        'phone',
      ]);
    });
  });

  describe('one IIN, one account', () => {
    it('refuses an IIN another account holds with 409 IIN_TAKEN', async () => {
      const owner = await signUp(t, 'owner');
      const other = await signUp(t, 'other');
      const body = uniquePersonBody();
      expect((await put(owner, body)).status).toBe(200);
      const res = await put(other, { ...body, lastName: 'Басқа' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'IIN_TAKEN', message: expect.any(String) });
      expect((await me(other)).person).toBeNull();
      expect((await me(owner)).person.lastName).toBe('Тестова');
    });

    it('claims a person recorded earlier without an account (a team member), unless the account already has one', async () => {
      const body = uniquePersonBody({}, '2002-01-20', 'male');
      const [{ id }] = await t.db.query(
        `INSERT INTO persons (iin, user_id, last_name, first_name, birth_date, gender, version) VALUES ($1, NULL, 'Ескі', 'Мүше', $2, 'male', 1) RETURNING id`,
        [body.iin, body.birthDate],
      );
      const withProfile = await signUp(t, 'has-profile');
      expect((await put(withProfile, uniquePersonBody({}, '2002-01-21', 'male'))).status).toBe(200);
      const refused = await put(withProfile, body);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('IIN_TAKEN');
      const newcomer = await signUp(t, 'claimer');
      const res = await put(newcomer, body);
      expect(res.status).toBe(200);
      expect(res.body.person).toMatchObject({ id, iin: body.iin, lastName: 'Тестова' });
      expect(await t.db.query('SELECT user_id FROM persons WHERE id = $1', [id])).toEqual([
        { user_id: newcomer.userId },
      ]);
    });

    it('lets the owner move to a new IIN', async () => {
      const a = await signUp(t, 'mover');
      const first = await put(a, uniquePersonBody({}, '1995-05-05', 'male'));
      const next = uniquePersonBody({}, '1995-05-06', 'male');
      const res = await put(a, next);
      expect(res.status).toBe(200);
      expect(res.body.person).toMatchObject({ id: first.body.person.id, iin: next.iin, birthDate: '1995-05-06' });
    });

    it('a double submit of the same new profile stores one person, without a server error', async () => {
      const a = await signUp(t, 'double');
      const body = uniquePersonBody();
      const results = await Promise.all([1, 2, 3, 4, 5].map(() => put(a, body)));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(await t.db.query('SELECT id FROM persons WHERE user_id = $1', [a.userId])).toHaveLength(1);
    });

    it('two accounts claiming one IIN at the same time: one wins, the other gets 409', async () => {
      const x = await signUp(t, 'race-x');
      const y = await signUp(t, 'race-y');
      const body = uniquePersonBody();
      const statuses = (await Promise.all([put(x, body), put(y, body)])).map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409]);
      expect(await t.db.query('SELECT id FROM persons WHERE iin = $1', [body.iin])).toHaveLength(1);
    });
  });

  describe('PATCH /me', () => {
    it('changes the locale, and later e-mails use it', async () => {
      const a = await signUp(t, 'locale', 'kk');
      const res = await t.call('PATCH', '/me', { token: a.accessToken, body: { locale: 'ru' } });
      expect(res.status).toBe(200);
      expect(res.body.locale).toBe('ru');
      expect((await me(a)).locale).toBe('ru');
      await t.call('POST', '/auth/password-reset', { body: { email: a.email } });
      await tokenFromOutbox(t, a.email, 'password-reset');
      const [row] = await t.db.query(
        `SELECT locale FROM notification_outbox WHERE recipient_email = $1 AND template = 'password-reset'`,
        [a.email],
      );
      expect(row.locale).toBe('ru');
    });

    it('refuses another locale and other fields', async () => {
      const a = await signUp(t, 'locale2');
      const bad = await t.call('PATCH', '/me', { token: a.accessToken, body: { locale: 'en' } });
      expect(bad.status).toBe(400);
      expect(bad.body.details[0]).toMatchObject({
        field: 'locale',
        code: 'NOT_ALLOWED_VALUE',
        params: { allowed: 'kk, ru' },
      });
      const admin = await t.call('PATCH', '/me', { token: a.accessToken, body: { locale: 'ru', isAdmin: true } });
      expect(admin.status).toBe(400);
      expect(admin.body.details[0]).toMatchObject({ field: 'isAdmin', code: 'UNKNOWN_FIELD' });
      expect(await me(a)).toMatchObject({ locale: 'kk', isAdmin: false });
    });

    it('needs a signed-in caller', async () => {
      expect((await t.call('GET', '/me')).status).toBe(401);
      expect((await t.call('PUT', '/me/person', { body: uniquePersonBody() })).status).toBe(401);
    });
  });
});
