import { fileTypeFromBuffer } from 'file-type/core';
import { open as openFile } from 'node:fs/promises';
import * as yauzl from 'yauzl';

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

/** Central-directory entries read at most; a 10 MB document has far fewer. */
const MAX_ZIP_ENTRIES = 10_000;

/** Lists the entry names of a ZIP's central directory without inflating any entry. */
export async function readZipEntryNames(path: string): Promise<string[] | undefined> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: true, strictFileNames: true });
  } catch {
    return undefined; // not a readable ZIP (no end-of-central-directory record, bad offsets, …)
  }
  if (zip.entryCount > MAX_ZIP_ENTRIES) {
    zip.close();
    return undefined;
  }
  return new Promise((resolve) => {
    const names: string[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      names.push(entry.fileName);
      zip.readEntry();
    });
    zip.on('end', () => resolve(names));
    // yauzl also refuses entries named with "..", absolute paths or backslashes: not a document.
    zip.on('error', () => {
      zip.close();
      resolve(undefined);
    });
    zip.readEntry();
  });
}

/**
 * Decides docx/xlsx from the central directory names. Word and Excel (and LibreOffice, docx,
 * exceljs) always write these parts; refused: a plain ZIP, a JAR/APK/ODT, a document with a
 * VBA macro project (docm/xlsm renamed), a ZIP claiming to be both, or one that repeats a
 * name (readers disagree on which copy wins — a known way to smuggle content past a check).
 */
export function officeKindFromEntries(names: readonly string[]): 'docx' | 'xlsx' | undefined {
  const set = new Set(names);
  if (set.size !== names.length) return undefined;
  if (!set.has('[Content_Types].xml')) return undefined;
  if (names.some((name) => name.toLowerCase().endsWith('vbaproject.bin'))) return undefined;
  const isWord = set.has('word/document.xml');
  const isExcel = set.has('xl/workbook.xml');
  if (isWord === isExcel) return undefined;
  return isWord ? 'docx' : 'xlsx';
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

/**
 * The kind of a whole file on disk, or undefined when it is not allowed. `headVerdict` may be
 * passed when the head was already judged while the file was being written.
 */
export async function detectFileKind(path: string, headVerdict?: HeadVerdict): Promise<FileKind | undefined> {
  const verdict = headVerdict ?? (await sniffHead(await readHead(path)));
  if (verdict !== 'ooxml') return verdict;
  const names = await readZipEntryNames(path);
  return names ? officeKindFromEntries(names) : undefined;
}
