import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { AddressInfo } from 'net';
import { createServer, Server } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildDrawnRecord } from '../../test/support/lottery-test-vector';
import { runVerifier } from './verify-cli';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

describe('runVerifier', () => {
  let dir: string;
  let good: string;
  let swapped: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lottery-verify-'));
    good = join(dir, 'good.json');
    swapped = join(dir, 'swapped.json');
    writeFileSync(good, '\uFEFF' + JSON.stringify(buildDrawnRecord(), null, 2));
    const record = buildDrawnRecord();
    record.assignments!.find((a) => a.applicationNumber === 'YC-0004')!.arm = 'A';
    writeFileSync(swapped, JSON.stringify(record));
    writeFileSync(join(dir, 'broken.json'), '{"version": 1,');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and summarises a correct record', async () => {
    const run = capture();
    expect(await runVerifier([good], run.io)).toBe(0);
    expect(run.stdout()).toMatch(/^OK: 10 applications, 3 strata, 3 arms \(A:1, B:1, C:1\)/);
    expect(run.stderr()).toBe('');
  });

  it('exits 1 and names the mismatching application', async () => {
    const run = capture();
    expect(await runVerifier([swapped], run.io)).toBe(1);
    expect(run.stdout()).toBe('MISMATCH: assignment of YC-0004: record says A, recomputed C\n');
  });

  it.each([
    ['a missing file', ['nope.json'], /cannot read .*nope\.json: no such file/],
    ['a directory', [''], /cannot read .*: it is a directory/],
    ['invalid JSON', ['broken.json'], /broken\.json is not valid JSON/],
    ['no argument', [], /^usage:/],
    ['two arguments', ['good.json', 'good.json'], /^usage:/],
  ])('exits 2 on %s', async (_label, names, message) => {
    const run = capture();
    expect(
      await runVerifier(
        names.map((name) => join(dir, name)),
        run.io,
      ),
    ).toBe(2);
    expect(run.stderr()).toMatch(message);
    expect(run.stdout()).toBe('');
  });

  describe('over HTTP', () => {
    let server: Server;
    let base: string;

    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.url === '/api/v1/public/draws/c1') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(buildDrawnRecord()));
        } else {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end('{"code":"NOT_FOUND"}');
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('fetches and verifies a published record', async () => {
      const run = capture();
      expect(await runVerifier([`${base}/api/v1/public/draws/c1`], run.io)).toBe(0);
      expect(run.stdout()).toMatch(/^OK: /);
    });

    it('exits 2 on an HTTP error status, saying which', async () => {
      const run = capture();
      expect(await runVerifier([`${base}/api/v1/public/draws/missing`], run.io)).toBe(2);
      expect(run.stderr()).toMatch(/HTTP 404/);
    });
  });

  it('runs as a command: exit codes reach the shell', () => {
    const script = join(__dirname, 'verify-cli.ts');
    const run = (file: string) =>
      spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', script, file], {
        cwd: join(__dirname, '..', '..'),
        encoding: 'utf8',
      });
    const ok = run(good);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^OK: /);
    const mismatch = run(swapped);
    expect(mismatch.status).toBe(1);
    expect(mismatch.stdout).toMatch(/^MISMATCH: assignment of YC-0004/);
    expect(run(join(dir, 'nope.json')).status).toBe(2);
  }, 60_000);
});
