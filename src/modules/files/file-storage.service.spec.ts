import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import type { EnvironmentVariables } from '../../../config/env.validation';
import { FileStorageService, isStorageKey } from './file-storage.service';
import { FilesErrorCode, FilesException } from './files.exception';
import * as fx from '../../../test/support/files';

/** Every regular file under a directory, relative to it (the `.incoming` folder included). */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

async function expectFilesError(promise: Promise<unknown>, code: FilesErrorCode, status: number): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FilesException);
  expect(error).toMatchObject({ code, status });
}

const KB = 1024;

describe('FileStorageService', () => {
  let base: string;
  let root: string;
  let storage: FileStorageService;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'file-storage-'));
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });
  beforeEach(async () => {
    // A FILES_DIR that does not exist yet, fresh for every test.
    root = join(base, `run-${Date.now()}-${Math.random().toString(36).slice(2)}`, 'files');
    storage = new FileStorageService({ FILES_DIR: root } as EnvironmentVariables);
    await storage.onModuleInit();
  });

  it('creates a missing FILES_DIR at start', async () => {
    expect((await stat(root)).isDirectory()).toBe(true);
  });

  it.each([
    ['pdf', fx.minimalPdf, 'application/pdf'],
    ['png', fx.minimalPng, 'image/png'],
    ['jpg', fx.minimalJpeg, 'image/jpeg'],
    ['docx', fx.realDocx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['xlsx', fx.realXlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ] as const)('stores a %s under a generated sharded key, with its SHA-256 and size', async (kind, build, mime) => {
    const bytes = await build();
    const stored = await storage.store(Readable.from([bytes]));
    expect(stored).toEqual({
      storageKey: expect.stringMatching(/^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f-]{36}$/),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      kind,
      mime,
    });
    const [, first, second, uuid] = /^(..)\/(..)\/(.+)$/.exec(stored.storageKey)!;
    expect(uuid.slice(0, 4)).toBe(first + second);
    expect(await filesUnder(root)).toEqual([stored.storageKey]);
    expect(await readFile(join(root, stored.storageKey))).toEqual(bytes);
  });

  it('hashes a file that arrives in many small chunks (a slow connection) exactly', async () => {
    const bytes = Buffer.concat([fx.minimalPdf(), Buffer.alloc(300 * KB, 7)]);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) =>
      bytes.subarray(i * 1000, (i + 1) * 1000),
    );
    const stored = await storage.store(Readable.from(chunks));
    expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(stored.size).toBe(bytes.length);
  });

  it.each([
    ['a Windows executable', fx.windowsExecutable],
    ['an ELF executable', fx.elfExecutable],
    ['a shell script', fx.shellScript],
    ['an HTML page', fx.htmlPage],
    ['a plain zip', () => fx.zipOf([['a.txt', 'hello']])],
    ['an empty upload', () => Buffer.alloc(0)],
  ])('refuses %s with 415 and leaves no file behind', async (_label, build) => {
    await expectFilesError(storage.store(Readable.from([build()])), FilesErrorCode.FILE_TYPE_REFUSED, 415);
    expect(await filesUnder(root)).toEqual([]);
  });

  it('refuses an executable while it is still arriving, without reading the rest', async () => {
    const source = fx.meteredSource(fx.windowsExecutable(), 8 * 1024 * KB);
    await expectFilesError(storage.store(source.stream), FilesErrorCode.FILE_TYPE_REFUSED, 415);
    expect(source.pulled()).toBeLessThan(1024 * KB);
    expect(await filesUnder(root)).toEqual([]);
  });

  it('aborts an upload over the limit with 413, stops reading and deletes the partial file', async () => {
    const source = fx.meteredSource(fx.minimalPdf(), 20 * 1024 * KB);
    const error = await storage.store(source.stream, { maxBytes: 256 * KB }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: FilesErrorCode.FILE_TOO_LARGE, status: 413, params: { limitMb: 0.3 } });
    expect(source.pulled()).toBeLessThan(1024 * KB);
    expect(await filesUnder(root)).toEqual([]);
  });

  it('applies the 10 MB default limit', async () => {
    const source = fx.meteredSource(fx.minimalPdf(), 10 * 1024 * KB + 1);
    await expectFilesError(storage.store(source.stream), FilesErrorCode.FILE_TOO_LARGE, 413);
    expect(await filesUnder(root)).toEqual([]);
  });

  it('accepts a file of exactly the limit', async () => {
    const source = fx.meteredSource(fx.minimalPdf(), 64 * KB);
    expect((await storage.store(source.stream, { maxBytes: 64 * KB })).size).toBe(64 * KB);
  });

  it('leaves nothing behind when the client drops the connection mid-upload', async () => {
    async function* dropped(): AsyncGenerator<Buffer> {
      yield Buffer.concat([fx.minimalPdf(), Buffer.alloc(8 * KB)]);
      throw new Error('ECONNRESET');
    }
    await expect(storage.store(Readable.from(dropped()))).rejects.toThrow('ECONNRESET');
    expect(await filesUnder(root)).toEqual([]);
  });

  it('gives every upload its own key, also for identical bytes', async () => {
    const [a, b] = await Promise.all([
      storage.store(Readable.from([fx.minimalPng()])),
      storage.store(Readable.from([fx.minimalPng()])),
    ]);
    expect(a.storageKey).not.toBe(b.storageKey);
    expect(a.sha256).toBe(b.sha256);
  });

  it('opens a stored file as a stream of the same bytes', async () => {
    const bytes = await fx.realXlsx();
    const { storageKey } = await storage.store(Readable.from([bytes]));
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.open(storageKey)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(bytes);
  });

  it.each([
    '../../etc/passwd',
    '/etc/passwd',
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e/%2e%2e/etc/passwd',
    'ab/cd/../../../../etc/passwd',
    'ab\\cd\\abcd0000-0000-4000-8000-000000000000',
    'ab/cd/abcd0000-0000-4000-8000-000000000000.part',
    '.incoming/abcd0000-0000-4000-8000-000000000000.part',
    'ab/cd/ffff0000-0000-4000-8000-000000000000', // shards do not match the uuid
    'AB/CD/ABCD0000-0000-4000-8000-000000000000',
    'ab/cd/abcd0000-0000-4000-8000-000000000000\n',
    '',
  ])('refuses the key %j with 404, for open and remove', async (key) => {
    expect(isStorageKey(key)).toBe(false);
    await expectFilesError(storage.open(key), FilesErrorCode.FILE_NOT_FOUND, 404);
    await expectFilesError(storage.remove(key), FilesErrorCode.FILE_NOT_FOUND, 404);
  });

  it('answers 404 for a well-formed key with no file', async () => {
    await expectFilesError(
      storage.open('ab/cd/abcd0000-0000-4000-8000-000000000000'),
      FilesErrorCode.FILE_NOT_FOUND,
      404,
    );
  });

  it('does not follow a symlink planted under a valid key out of FILES_DIR', async () => {
    const outside = join(base, 'secret.txt');
    await writeFile(outside, 'secret');
    await mkdir(join(root, 'ab/cd'), { recursive: true });
    await symlink(outside, join(root, 'ab/cd/abcd0000-0000-4000-8000-000000000000'));
    await expectFilesError(
      storage.open('ab/cd/abcd0000-0000-4000-8000-000000000000'),
      FilesErrorCode.FILE_NOT_FOUND,
      404,
    );
  });

  it('removes a stored file, and removing it again is harmless', async () => {
    const { storageKey } = await storage.store(Readable.from([fx.minimalPdf()]));
    await storage.remove(storageKey);
    expect(await filesUnder(root)).toEqual([]);
    await expect(storage.remove(storageKey)).resolves.toBeUndefined();
    await expectFilesError(storage.open(storageKey), FilesErrorCode.FILE_NOT_FOUND, 404);
  });

  it('sweeps only stale partial uploads a crash left in .incoming', async () => {
    const stale = join(root, '.incoming', 'abcd0000-0000-4000-8000-000000000000.part');
    const fresh = join(root, '.incoming', 'abcd0000-0000-4000-8000-000000000001.part');
    await writeFile(stale, 'half');
    await writeFile(fresh, 'half');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(stale, twoHoursAgo, twoHoursAgo);
    expect(await storage.removeStaleUploads(new Date(Date.now() - 3600_000))).toBe(1);
    expect(await filesUnder(root)).toEqual(['.incoming/abcd0000-0000-4000-8000-000000000001.part']);
  });

  it('refuses a nonsensical limit instead of storing without one', async () => {
    await expect(storage.store(Readable.from([fx.minimalPdf()]), { maxBytes: 0 })).rejects.toThrow(RangeError);
  });
});
