import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBin } from '../../libs/kz';
import { TerritoriesService } from '../../src/modules/territories/territories.service';
import { createTestApp, TestApp } from '../support/test-app';
import { signUp, TestAccount, uniqueEmail, uniquePersonBody } from '../support/accounts';

interface TerritoryView {
  code: string;
  parentCode: string | null;
  kind: string;
  name: { kk: string; ru: string };
}

describe('territories (GET /territories)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the 17 regions and 3 cities of republican significance to anyone', async () => {
    const res = await t.call<TerritoryView[]>('GET', '/territories');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(20);
    for (const item of res.body) {
      expect(item).toEqual({
        code: expect.stringMatching(/^[A-Z]{3}$/),
        parentCode: null,
        kind: expect.any(String),
        name: { kk: expect.any(String), ru: expect.any(String) },
      });
      expect(item.name.kk.length).toBeGreaterThan(1);
      expect(item.name.ru.length).toBeGreaterThan(1);
    }
    expect(res.body.filter((x) => x.kind === 'region')).toHaveLength(17);
    expect(
      res.body
        .filter((x) => x.kind === 'city_republican')
        .map((x) => x.code)
        .sort(),
    ).toEqual(['ALA', 'AST', 'SHY']);
    expect(res.body.find((x) => x.code === 'ZHT')).toEqual({
      code: 'ZHT',
      parentCode: null,
      kind: 'region',
      name: { kk: 'Жетісу облысы', ru: 'область Жетісу' },
    });
    expect(new Set(res.body.map((x) => x.code)).size).toBe(20);
  });

  it('lists the 8 districts and 2 cities of Jetisu region', async () => {
    const res = await t.call<TerritoryView[]>('GET', '/territories?parent=ZHT', { lang: 'ru' });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(10);
    expect(res.body.every((x) => x.parentCode === 'ZHT' && x.code.startsWith('ZHT-'))).toBe(true);
    expect(res.body.filter((x) => x.kind === 'district')).toHaveLength(8);
    const cities = res.body.filter((x) => x.kind === 'city');
    expect(cities.map((x) => x.name.kk).sort()).toEqual(['Талдықорған', 'Текелі']);
    expect(cities.map((x) => x.name.ru).sort()).toEqual(['Талдыкорган', 'Текели']);
  });

  it('lists the 10 districts and 3 cities of Pavlodar region, names in both languages', async () => {
    const res = await t.call<TerritoryView[]>('GET', '/territories?parent=PAV');
    expect(res.status).toBe(200);
    expect(res.body.filter((x) => x.kind === 'district')).toHaveLength(10);
    expect(
      res.body
        .filter((x) => x.kind === 'city')
        .map((x) => x.name.kk)
        .sort(),
    ).toEqual(['Ақсу', 'Екібастұз', 'Павлодар']);
    expect(res.body.find((x) => x.code === 'PAV-BAY')).toEqual({
      code: 'PAV-BAY',
      parentCode: 'PAV',
      kind: 'district',
      name: { kk: 'Баянауыл ауданы', ru: 'Баянаульский район' },
    });
  });

  it('lists the districts of Almaty, Astana and Shymkent as city districts', async () => {
    const counts: Record<string, number> = {};
    for (const city of ['ALA', 'AST', 'SHY']) {
      const res = await t.call<TerritoryView[]>('GET', `/territories?parent=${city}`);
      expect(res.status).toBe(200);
      expect(res.body.every((x) => x.kind === 'city_district' && x.parentCode === city)).toBe(true);
      counts[city] = res.body.length;
    }
    expect(counts).toEqual({ ALA: 8, AST: 6, SHY: 5 });
    const astana = await t.call<TerritoryView[]>('GET', '/territories?parent=AST', { lang: 'ru' });
    expect(astana.body.map((x) => x.name.kk)).toContain('Сарайшық ауданы');
  });

  it('the whole country is two levels deep: 170 districts, 39 cities, 19 city districts', async () => {
    const top = await t.call<TerritoryView[]>('GET', '/territories');
    const below: TerritoryView[] = [];
    for (const item of top.body) {
      below.push(...(await t.call<TerritoryView[]>('GET', `/territories?parent=${item.code}`)).body);
    }
    const count = (kind: string) => below.filter((x) => x.kind === kind).length;
    expect([count('district'), count('city'), count('city_district'), below.length]).toEqual([170, 39, 19, 228]);
    for (const leaf of below.slice(0, 40)) {
      expect((await t.call('GET', `/territories?parent=${leaf.code}`)).body).toEqual([]);
    }
  });

  it('a district or city district has no children, and an unknown parent has none either', async () => {
    for (const parent of ['ZHT-AKS', 'ALA-MED', 'NOPE']) {
      const res = await t.call('GET', `/territories?parent=${parent}`);
      expect({ parent, status: res.status, body: res.body }).toEqual({ parent, status: 200, body: [] });
    }
  });

  it('the loader (`cli migrate`, `territories:load`) takes the bundled file again without change, and refuses a misplaced district whole', async () => {
    const service = t.app.get(TerritoriesService);
    const before = await t.db.query('SELECT count(*)::int AS n FROM territories');
    expect(await service.loadCsv()).toEqual({ loaded: 248, problems: [] });
    expect(await t.db.query('SELECT count(*)::int AS n FROM territories')).toEqual(before);
    const file = join(mkdtempSync(join(tmpdir(), 'territories-')), 'extra.csv');
    writeFileSync(
      file,
      [
        'code,parent_code,kind,name_kk,name_ru',
        'AST-TEST,AST,city_district,Сынақ ауданы,район Сынақ',
        'ZHT-TEST,ZHT,city_district,Сынақ ауданы,район Сынақ',
      ].join('\n'),
    );
    expect(await service.loadCsv(file)).toEqual({
      loaded: 0,
      problems: ['line 3: a city_district belongs under a city_republican, "ZHT" is a region'],
    });
    expect(await t.db.query(`SELECT code FROM territories WHERE code LIKE '%-TEST'`)).toEqual([]);
    await expect(
      t.db.query(
        `INSERT INTO territories (code, parent_code, kind, name_kk, name_ru) VALUES ('ZHT-V', 'ZHT', 'village', 'А', 'А')`,
      ),
    ).rejects.toThrow(/chk_territories_kind/);
  });

  it.each([
    ['parent=bad!', 'parent', 'INVALID_FORMAT'],
    ['parent=', 'parent', 'INVALID_FORMAT'],
    ['parent=zht', 'parent', 'INVALID_FORMAT'],
    ['parent=ZHT&parent=ALM', 'parent', 'INVALID_FORMAT'],
    [`parent=${'A'.repeat(5000)}`, 'parent', 'INVALID_FORMAT'],
    ['page=2', 'page', 'UNKNOWN_FIELD'],
  ])('refuses ?%s with 400', async (query, field, code) => {
    const res = await t.call('GET', `/territories?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field, code })]);
  });
});

/** Input no form would send, on the endpoints of accounts, people, organizations and territories. */
describe('bad input in general', () => {
  let t: TestApp;
  let a: TestAccount;
  beforeAll(async () => {
    t = await createTestApp();
    a = await signUp(t, 'input');
  });
  afterAll(async () => {
    await t.close();
  });

  const raw = (method: string, path: string, payload: string, headers: Record<string, string> = {}) =>
    t.call(method, path, {
      token: a.accessToken,
      body: payload,
      headers: { 'content-type': 'application/json', ...headers },
    });
  const endpoints: [string, string][] = [
    ['POST', '/auth/register'],
    ['POST', '/auth/login'],
    ['POST', '/auth/refresh'],
    ['POST', '/auth/password-reset/confirm'],
    ['PUT', '/me/person'],
    ['PATCH', '/me'],
    ['POST', '/organizations'],
  ];

  it.each(endpoints)('%s %s: malformed JSON is 400 MALFORMED_JSON, in the caller language', async (method, path) => {
    const res = await raw(method, path, '{"email": "a@b.kz",');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      code: 'MALFORMED_JSON',
      message: 'Сұраныс денесі жарамды JSON емес.',
    });
    const ru = await raw(method, path, '{', { 'accept-language': 'ru-RU,ru;q=0.9' });
    expect(ru.body.message).toBe('Тело запроса не является корректным JSON.');
  });

  it.each(endpoints)('%s %s: a body over 1 MiB is 413 BODY_TOO_LARGE', async (method, path) => {
    const res = await raw(method, path, JSON.stringify({ email: 'a@b.kz', password: 'x'.repeat(1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'BODY_TOO_LARGE', message: expect.any(String) });
  });

  it.each(endpoints)(
    '%s %s: an array, null, a string or a number instead of an object is 400',
    async (method, path) => {
      for (const payload of ['[]', '[{"email":"a@b.kz"}]', 'null', '"text"', '42', 'true']) {
        const res = await raw(method, path, payload);
        expect({ payload, status: res.status, code: res.body.code }).toEqual({
          payload,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
    },
  );

  it.each(endpoints)('%s %s: JSON nested 50 000 deep is 400, not a stack overflow', async (method, path) => {
    const res = await raw(method, path, `{"email":${'['.repeat(50000)}${']'.repeat(50000)}}`);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'email', code: 'INVALID_FORMAT' })]);
  });

  it('a __proto__ key is refused as malformed', async () => {
    const res = await raw(
      'POST',
      '/auth/login',
      '{"__proto__":{"isAdmin":true},"email":"a@b.kz","password":"xxxxxxxx"}',
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MALFORMED_JSON');
  });

  it('a body that is not JSON is refused', async () => {
    const xml = await raw('POST', '/auth/login', '<login/>', { 'content-type': 'application/xml' });
    expect(xml.status).toBe(415);
    expect(xml.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const text = await raw('POST', '/auth/login', 'email=a@b.kz', { 'content-type': 'text/plain' });
    expect(text.status).toBe(400);
  });

  it('huge strings under the body limit are 400 on their field', async () => {
    const big = 'ж'.repeat(200_000);
    const cases: [string, string, unknown, string, string][] = [
      [
        'POST',
        '/auth/register',
        { email: `${big}@b.kz`, password: 'long enough pass', locale: 'kk' },
        'email',
        'INVALID_EMAIL',
      ],
      [
        'POST',
        '/auth/register',
        { email: uniqueEmail(), password: big, locale: 'kk' },
        'password',
        'PASSWORD_TOO_LONG',
      ],
      ['POST', '/auth/login', { email: `${big}@b.kz`, password: 'whatever-pass' }, 'email', 'TOO_LONG'],
      ['POST', '/auth/login', { email: uniqueEmail(), password: big }, 'password', 'TOO_LONG'],
      ['POST', '/auth/verify-email', { token: big }, 'token', 'TOO_LONG'],
      ['POST', '/auth/refresh', { refreshToken: big }, 'refreshToken', 'TOO_LONG'],
      ['PUT', '/me/person', uniquePersonBody({ lastName: big }), 'lastName', 'TOO_LONG'],
      ['PUT', '/me/person', uniquePersonBody({ iin: '1'.repeat(200_000) }), 'iin', 'IIN_FORMAT'],
      ['PUT', '/me/person', uniquePersonBody({ phone: '7'.repeat(200_000) }), 'phone', 'PHONE_FORMAT'],
      [
        'POST',
        '/organizations',
        { bin: makeBin('2015-05', 7), name: big, kind: 'ngo', regionCode: 'ZHT', registeredOn: '2015-05-20' },
        'name',
        'TOO_LONG',
      ],
    ];
    for (const [method, path, body, field, code] of cases) {
      const res = await t.call(method, path, { token: a.accessToken, body });
      expect({ path, status: res.status, details: res.body.details }).toEqual({
        path,
        status: 400,
        details: [expect.objectContaining({ field, code })],
      });
    }
    expect((await t.call('GET', '/me', { token: a.accessToken })).body.person).toBeNull();
  });

  it('text PostgreSQL cannot store (NUL, lone surrogates) is 400 on its field', async () => {
    const cases: [string, string, string, string][] = [
      ['POST', '/auth/login', '{"email":"a\\u0000@b.kz","password":"whatever-pass"}', 'email'],
      ['POST', '/auth/login', '{"email":"a@b.kz","password":"whatever\\ud800"}', 'password'],
      [
        'POST',
        '/organizations',
        `{"bin":"${makeBin('2015-05', 8)}","name":"Org\\u0000","kind":"ngo","regionCode":"ZHT","registeredOn":"2015-05-20"}`,
        'name',
      ],
      [
        'PUT',
        '/me/person',
        JSON.stringify({ ...uniquePersonBody(), socialCategories: ['neet', 'x\u0000'] }),
        'socialCategories[1]',
      ],
    ];
    for (const [method, path, payload, field] of cases) {
      const res = await raw(method, path, payload);
      expect({ path, status: res.status, details: res.body.details }).toEqual({
        path,
        status: 400,
        details: [expect.objectContaining({ field, code: 'INVALID_FORMAT' })],
      });
    }
  });

  it('an unknown route is 404 ROUTE_NOT_FOUND in the error shape', async () => {
    const res = await t.call('GET', '/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: expect.any(String) });
  });
});
