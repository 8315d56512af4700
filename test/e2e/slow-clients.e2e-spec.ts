import { Logger } from '@nestjs/common';
import { AddressInfo, connect, Socket } from 'node:net';
import { signUp } from '../support/accounts';
import { openCompetition, readyDraft } from '../support/competitions';
import { createTestApp, TestApp } from '../support/test-app';
import { makeAdmin } from '../support/accounts';

/**
 * Slow senders hold a socket each until they are cut off; a client that hangs up is not our
 * error. Real sockets against a listening server (inject has no sockets to be slow on).
 */
describe('slow and vanishing clients', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp({
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      HTTP_IDLE_TIMEOUT_MS: '1500',
      HTTP_REQUEST_TIMEOUT_MS: '3000',
    });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t.close();
  });

  /** Opens a socket, runs `drip` on it, and resolves with how long the server kept it open and what it said. */
  function until(drip: (socket: Socket) => void): Promise<{ closedAfterMs: number; answer: string }> {
    return new Promise((resolve) => {
      const started = Date.now();
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      const timers: NodeJS.Timeout[] = [];
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        timers.forEach(clearInterval);
        resolve({ closedAfterMs: Date.now() - started, answer });
      });
      socket.on('connect', () => drip(Object.assign(socket, { timers })));
      (socket as unknown as { timers: NodeJS.Timeout[] }).timers = timers;
    });
  }

  const every = (socket: Socket, ms: number, send: () => string) =>
    (socket as unknown as { timers: NodeJS.Timeout[] }).timers.push(
      setInterval(() => !socket.destroyed && socket.write(send()), ms),
    );

  it('cuts off a client that sends its headers one line at a time (slowloris)', async () => {
    let n = 0;
    const { closedAfterMs, answer } = await until((socket) => {
      socket.write('GET /api/v1/territories HTTP/1.1\r\nHost: grants.test\r\n');
      every(socket, 300, () => `X-Slow-${(n += 1)}: y\r\n`);
    });
    expect(closedAfterMs).toBeLessThan(4000);
    expect(answer).not.toMatch(/^HTTP\/1\.1 200/);
  });

  it('closes a connection that says nothing', async () => {
    const { closedAfterMs } = await until(() => undefined);
    expect(closedAfterMs).toBeGreaterThanOrEqual(1000);
    expect(closedAfterMs).toBeLessThan(5000);
  });

  it('cuts off a body that trickles in for longer than the request may take', async () => {
    const { closedAfterMs, answer } = await until((socket) => {
      socket.write(
        'POST /api/v1/auth/login HTTP/1.1\r\nHost: grants.test\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
      );
      every(socket, 400, () => ' ');
    });
    expect(closedAfterMs).toBeLessThan(6000);
    expect(answer).not.toMatch(/^HTTP\/1\.1 200/);
  });

  it('a client hanging up in the middle of an upload is logged as info, not as an error', async () => {
    const organizer = await makeAdmin(t, await signUp(t, 'slow-organizer'));
    const competition = await openCompetition(
      t,
      organizer.accessToken,
      'youth-micro-projects',
      new Date(Date.now() + 24 * 3600 * 1000),
    );
    const applicant = await signUp(t, 'slow-applicant');
    const draftId = await readyDraft(t, applicant.accessToken, competition, { applicantKind: 'initiative_group' });
    const attached = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM attachments WHERE application_id = $1`, [draftId]))[0].n;
    const before = await attached();
    const errors = jest.spyOn(Logger.prototype, 'error');
    const infos = jest.spyOn(Logger.prototype, 'log');
    try {
      const boundary = 'slowupload';
      await new Promise<void>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            `POST /api/v1/applications/${draftId}/attachments HTTP/1.1\r\nHost: grants.test\r\n` +
              `Authorization: Bearer ${applicant.accessToken}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
              `Content-Length: 5000000\r\n\r\n--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nincome\r\n` +
              `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
          );
          socket.write(Buffer.alloc(64 * 1024, 0x20));
          setTimeout(() => socket.destroy(), 300);
        });
        socket.on('error', () => undefined);
        socket.on('close', () => setTimeout(resolve, 700));
      });
      expect(errors).not.toHaveBeenCalled();
      expect(infos.mock.calls.map((c) => c[1] ?? c[0])).toContainEqual('client closed the request');
    } finally {
      errors.mockRestore();
      infos.mockRestore();
    }
    // Nothing half-stored: the draft has only the documents it had.
    expect(await attached()).toBe(before);
  });
});
