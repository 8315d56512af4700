import { fileTypeFromBuffer } from 'file-type/core';
import { open as openFile } from 'node:fs/promises';
import { FilesErrorCode } from './files.exception';
import { inspectOoxml } from './ooxml-inspection';

/**
 * What an uploaded file really is, decided from its bytes only: the client's file name and
 * MIME type are never trusted (an `.exe` renamed `.pdf` is still an executable).
 */
export const FILE_KINDS = ['pdf', 'jpg', 'png', 'docx', 'xlsx'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const FILE_KIND_MIME: Readonly<Record<FileKind, string>> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function isFileKind(value: unknown): value is FileKind {
  return typeof value === 'string' && (FILE_KINDS as readonly string[]).includes(value);
}

/** How many leading bytes the head check needs (file-type's own sample size). */
export const SNIFF_HEAD_BYTES = 4100;

/**
 * What the first bytes say. `ooxml` means "a ZIP that may be a docx or xlsx": only its
 * central directory, at the end of the file, can tell, so the stored file must be inspected.
 */
export type HeadVerdict = 'pdf' | 'jpg' | 'png' | 'ooxml';

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];

// file-type's answer → our kind. APNG is a PNG with extra chunks (every viewer shows it).
const FROM_FILE_TYPE: Readonly<Record<string, HeadVerdict>> = { pdf: 'pdf', jpg: 'jpg', png: 'png', apng: 'png' };

/**
 * Judges the first bytes (up to SNIFF_HEAD_BYTES). Returns undefined for anything that is not
 * a candidate: executables (MZ, ELF), scripts, HTML, other archives, empty input.
 * A ZIP must start with a local file header: a self-extracting EXE (MZ + ZIP) is refused here.
 */
export async function sniffHead(head: Uint8Array): Promise<HeadVerdict | undefined> {
  if (head.length < 4) return undefined;
  if (ZIP_LOCAL_HEADER.every((byte, i) => head[i] === byte)) return 'ooxml';
  const detected = await fileTypeFromBuffer(head);
  const verdict = detected ? FROM_FILE_TYPE[detected.ext] : undefined;
  // file-type accepts "%PDF" alone; a real PDF header is "%PDF-<version>".
  if (verdict === 'pdf' && head[4] !== 0x2d) return undefined;
  return verdict;
}

/** Reads the first SNIFF_HEAD_BYTES of a file. */
export async function readHead(path: string): Promise<Buffer> {
  const handle = await openFile(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** What a whole file is, or why it is refused (each refusal has its own kk/ru message). */
export type FileVerdict = { kind: FileKind } | { refused: FilesErrorCode };

/**
 * The kind of a whole file on disk. `headVerdict` may be passed when the head was already
 * judged while the file was being written. A ZIP is a document only after ooxml-inspection
 * has read its central directory and its declarations.
 */
export async function detectFileKind(path: string, headVerdict?: HeadVerdict): Promise<FileVerdict> {
  const verdict = headVerdict ?? (await sniffHead(await readHead(path)));
  if (!verdict) return { refused: FilesErrorCode.FILE_TYPE_REFUSED };
  if (verdict !== 'ooxml') return { kind: verdict };
  return inspectOoxml(path);
}
