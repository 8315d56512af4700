import { makeBin } from '../../libs/kz';
import { makeAdmin, signUp } from '../support/accounts';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { createTestApp, TestApp } from '../support/test-app';
import { createTestWorker, TestWorker } from '../support/worker-app';

const DAY = 24 * 3600 * 1000;
type From = { value: { name: string; address: string }[] };

describe("e-mail about a competition goes out under its organizer organization's name", () => {
  let api: TestApp;
  let sink: SmtpSink;
  let worker: TestWorker;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    api = await createTestApp({ SMTP_URL: sink.url, MAIL_FROM: 'Grants <no-reply@grants.local>' });
    worker = await createTestWorker({
      SMTP_URL: sink.url,
      RELAY_INTERVAL_MS: '50',
      MAIL_FROM: 'Grants <no-reply@grants.local>',
    });
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await sink.stop();
  });

  it("sends as «organization name» <MAIL_FROM's address>; other mail keeps MAIL_FROM", async () => {
    const organizer = await makeAdmin(api, await signUp(api, 'organizer'));
    const name = '«Ашық алаң» қоғамдық бірлестігі';
    const org = await api.call('POST', '/organizations', {
      token: organizer.accessToken,
      body: {
        bin: makeBin('2016-03', 3000 + Math.floor(Math.random() * 3000)),
        name,
        kind: 'ngo',
        regionCode: 'ZHT',
        registeredOn: '2016-03-01',
      },
    });
    expect(org.status).toBe(201);
    const deadline = Date.now() + DAY;
    const created = await api.call('POST', '/competitions', {
      token: organizer.accessToken,
      body: {
        templateCode: 'mini-grants-district',
        title: { kk: 'Шағын гранттар', ru: 'Мини-гранты' },
        submissionDeadline: new Date(deadline).toISOString(),
        organizerOrganizationId: org.body.id,
      },
    });
    const opened = await api.call('POST', `/competitions/${created.body.id}/open`, { token: organizer.accessToken });
    expect(opened.status).toBe(200);
    const applicant = await signUp(api, 'applicant');
    const draft = await api.call('POST', `/competitions/${created.body.id}/applications`, {
      token: applicant.accessToken,
      body: { applicantKind: 'initiative_group' },
    });
    expect(draft.status).toBe(201);
    const extended = await api.call('PATCH', `/competitions/${created.body.id}`, {
      token: organizer.accessToken,
      body: { version: opened.body.version, submissionDeadline: new Date(deadline + DAY).toISOString() },
    });
    expect(extended.status).toBe(200);

    const template = (m: { headers: Map<string, unknown> }) => m.headers.get('x-grants-message');
    await waitFor('the deadline e-mail', () =>
      sink.to(applicant.email).some((m) => template(m) === 'deadline-extended'),
    );
    const about = sink.to(applicant.email).find((m) => template(m) === 'deadline-extended')!;
    expect((about.headers.get('from') as From).value).toEqual([{ name, address: 'no-reply@grants.local' }]);
    const verification = sink.to(applicant.email).find((m) => template(m) === 'email-verification')!;
    expect((verification.headers.get('from') as From).value).toEqual([
      { name: 'Grants', address: 'no-reply@grants.local' },
    ]);
  });
});
