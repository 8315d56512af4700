import { Injectable, OnModuleInit } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { constants, createWriteStream, ReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { once } from 'node:events';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EnvironmentVariables } from '../../../config/env.validation';
import { detectFileKind, FILE_KIND_MIME, FileKind, HeadVerdict, sniffHead, SNIFF_HEAD_BYTES } from './file-kind.util';
import { DEFAULT_MAX_FILE_BYTES, FilesException } from './files.exception';

export interface StoredFile {
  /** `ab/cd/<uuid v4>`: generated here, never derived from the client's file name. */
  storageKey: string;
  /** Hex SHA-256 of the stored bytes. */
  sha256: string;
  size: number;
  kind: FileKind;
  mime: string;
}

export interface StoreOptions {
  /** Largest accepted upload in bytes; 10 MB when not given. */
  maxBytes?: number;
}

/** The only form a key may take; the shards must repeat the uuid's first four digits. */
const STORAGE_KEY =
  /^([0-9a-f]{2})\/([0-9a-f]{2})\/\1\2[0-9a-f]{4}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isStorageKey(value: unknown): value is string {
  return typeof value === 'string' && STORAGE_KEY.test(value);
}

/** Uploads are written here first, then renamed into place (same file system, so atomic). */
const INCOMING_DIR = '.incoming';

const MISSING = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'EISDIR']);
function isMissing(error: unknown): boolean {
  return MISSING.has((error as NodeJS.ErrnoException)?.code ?? '');
}

/**
 * Counts, hashes and caps the bytes as they pass, and judges the first bytes as soon as it
 * has them: an executable or an oversized file is refused while it is still arriving, which
 * spares a village connection the rest of the upload.
 */
class UploadInspector extends Transform {
  size = 0;
  verdict: HeadVerdict | undefined;
  private readonly hash = createHash('sha256');
  private head: Buffer[] = [];
  private headLength = 0;
  private judged = false;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.size += bytes.length;
    if (this.size > this.maxBytes) return done(FilesException.tooLarge(this.maxBytes));
    this.hash.update(bytes);
    if (this.judged) return done(null, bytes);
    this.head.push(bytes);
    this.headLength += bytes.length;
    if (this.headLength < SNIFF_HEAD_BYTES) return done(null, bytes);
    this.judge().then(() => done(null, bytes), done);
  }

  override _flush(done: TransformCallback): void {
    if (this.judged) return done();
    this.judge().then(() => done(), done);
  }

  sha256(): string {
    return this.hash.digest('hex');
  }

  private async judge(): Promise<void> {
    this.judged = true;
    const head = Buffer.concat(this.head).subarray(0, SNIFF_HEAD_BYTES);
    this.head = [];
    this.verdict = await sniffHead(head);
    if (!this.verdict) throw FilesException.typeRefused();
  }
}

/**
 * Keeps uploaded files under FILES_DIR, outside anything the web server serves. It stores and
 * checks bytes only; who may upload or download what is the calling module's business.
 */
@Injectable()
export class FileStorageService implements OnModuleInit {
  private readonly root: string;
  private readonly incoming: string;

  constructor(env: EnvironmentVariables) {
    this.root = resolve(env.FILES_DIR);
    this.incoming = join(this.root, INCOMING_DIR);
  }

  /** Creates FILES_DIR at boot, so an unwritable location fails the start, not the first upload. */
  async onModuleInit(): Promise<void> {
    await mkdir(this.incoming, { recursive: true });
  }

  /**
   * Streams an upload to disk under a generated key and returns what was stored. Throws
   * FILE_TOO_LARGE (413) or FILE_TYPE_REFUSED (415); on any failure nothing is left behind,
   * and a crash mid-way leaves at most a `.part` file in `.incoming`, never a final key.
   */
  async store(source: Readable, options: StoreOptions = {}): Promise<StoredFile> {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0)
      throw new RangeError(`maxBytes must be a positive integer, got ${maxBytes}`);
    const id = randomUUID();
    const storageKey = `${id.slice(0, 2)}/${id.slice(2, 4)}/${id}`;
    await mkdir(this.incoming, { recursive: true });
    const partPath = join(this.incoming, `${id}.part`);
    const inspector = new UploadInspector(maxBytes);
    // flush: the bytes reach the disk before the rename makes them visible under the key.
    const sink = createWriteStream(partPath, { flags: 'wx', mode: 0o640, flush: true });
    try {
      await pipeline(source, inspector, sink);
      // PDF/JPEG/PNG are settled by the head; a ZIP needs its central directory, at the end.
      const verdict = await detectFileKind(partPath, inspector.verdict);
      if ('refused' in verdict) throw FilesException.typeRefused(verdict.refused);
      const kind = verdict.kind;
      const finalPath = this.pathOf(storageKey);
      await mkdir(dirname(finalPath), { recursive: true });
      await rename(partPath, finalPath);
      await syncDirectory(dirname(finalPath));
      return { storageKey, sha256: inspector.sha256(), size: inspector.size, kind, mime: FILE_KIND_MIME[kind] };
    } catch (error) {
      // The file is opened asynchronously: a source that fails at once can reject the pipeline
      // before the file exists, which would then appear after the unlink. Wait for the close.
      if (!sink.closed) await once(sink, 'close').catch(() => undefined);
      await unlink(partPath).catch((e: unknown) => {
        if (!isMissing(e)) throw e;
      });
      throw error;
    }
  }

  /** A read stream of a stored file; FILE_NOT_FOUND for a missing file or a malformed key. */
  async open(storageKey: string): Promise<ReadStream> {
    const path = this.pathOf(storageKey);
    try {
      // O_NOFOLLOW: a symlink planted in FILES_DIR is not followed out of it.
      const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
      return handle.createReadStream();
    } catch (error) {
      if (isMissing(error)) throw FilesException.notFound();
      throw error;
    }
  }

  /** Deletes a stored file; deleting one already gone is not an error (retries are safe). */
  async remove(storageKey: string): Promise<void> {
    const path = this.pathOf(storageKey);
    await unlink(path).catch((error: unknown) => {
      if (!isMissing(error)) throw error;
    });
  }

  /** Deletes `.part` files a crashed process left, last written before `before`; returns how many. */
  async removeStaleUploads(before: Date): Promise<number> {
    const names = await readdir(this.incoming).catch((error: unknown) => {
      if (isMissing(error)) return [] as string[];
      throw error;
    });
    let removed = 0;
    for (const name of names.filter((n) => n.endsWith('.part'))) {
      const path = join(this.incoming, name);
      const info = await stat(path).catch(() => undefined);
      if (!info || info.mtime >= before) continue;
      await unlink(path).catch(() => undefined);
      removed += 1;
    }
    return removed;
  }

  /** The absolute path of a key, refusing anything but the generated form (no traversal). */
  private pathOf(storageKey: string): string {
    if (!isStorageKey(storageKey)) throw FilesException.notFound();
    const path = resolve(this.root, storageKey);
    if (!path.startsWith(this.root + sep)) throw FilesException.notFound();
    return path;
  }
}

/** Makes a rename durable; best effort, since some platforms cannot open a directory. */
async function syncDirectory(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // the file is already in place; only its durability across a power cut is at stake
  }
}
