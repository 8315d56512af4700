import { createTestApp, TestApp } from '../support/test-app';
import { signUp, personBody, uniqueEmail } from '../support/accounts';
import { makeBin } from '../../libs/kz';

describe('probe', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  it('probes', async () => {
    const out: any[] = [];
    const log = (label: string, r: any) => out.push([label, r.status, JSON.stringify(r.body).slice(0, 600)]);
    const a = await signUp(t);
    log('login nul', await t.call('POST', '/auth/login', { body: { email: 'a\u0000@b.kz', password: 'xxxxxxxxxx' } }));
    log('org nul', await t.call('POST', '/organizations', { token: a.accessToken, body: { bin: makeBin('2015-05', 3), name: 'Org\u0000x', kind: 'ngo', regionCode: 'ZHT', registeredOn: '2015-05-20' } }));
    log('org head nul', await t.call('POST', '/organizations', { token: a.accessToken, body: { bin: makeBin('2015-05', 4), name: 'Orgx', headName: 'a\u0000', kind: 'ngo', regionCode: 'ZHT', registeredOn: '2015-05-20' } }));
    log('reg pwd nul', await t.call('POST', '/auth/register', { body: { email: uniqueEmail(), password: 'abc\u0000defghijk', locale: 'kk' } }));
    log('deep', await t.call('POST', '/auth/login', { body: '{"email":' + '['.repeat(50000) + ']'.repeat(50000) + ',"password":"x"}' }));
    log('deep obj', await t.call('POST', '/auth/login', { body: '{"email":"a@b.kz","password":"xxxxxxxx","x":' + '{"a":'.repeat(20000) + '1' + '}'.repeat(20000) + '}' }));
    log('deep person', await t.call('PUT', '/me/person', { token: a.accessToken, body: '{"socialCategories":' + '['.repeat(50000) + ']'.repeat(50000) + '}' }));
    log('person nul', await t.call('PUT', '/me/person', { token: a.accessToken, body: personBody({ lastName: 'Тест\u0000' }) }));
    log('lone surrogate', await t.call('POST', '/organizations', { token: a.accessToken, body: '{"bin":"' + makeBin('2015-05', 5) + '","name":"Org\\ud800x","kind":"ngo","regionCode":"ZHT","registeredOn":"2015-05-20"}' }));
    log('acc lang', await t.call('GET', '/territories?parent=bad!', { lang: 'ru;q=abc, kk;q=0' }));
    log('hdr token junk', await t.call('GET', '/me', { headers: { authorization: 'Bearer ' + 'x'.repeat(10000) } }));
    log('hdr basic', await t.call('GET', '/me', { headers: { authorization: 'Basic abc' } }));
    console.log(out.map((o) => o.join(' | ')).join('\n'));
  });
});
