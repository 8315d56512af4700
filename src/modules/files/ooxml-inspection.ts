import { open as openFile } from 'node:fs/promises';
import * as yauzl from 'yauzl';
import { FilesErrorCode } from './files.exception';

/**
 * Whether a ZIP that claims to be a Word or Excel document is only that: no macros, no
 * embedded OLE objects, no link that makes the reader's Office fetch something, no ZIP bomb,
 * and no second file hiding before, between or after its entries (a DOCX that is also a JAR
 * or a script). Decided by content — content types and relationships — never by part names,
 * and the sizes come from the central directory without inflating anything but the small
 * XML parts that declare the content types and the relationships.
 */
export type OoxmlVerdict = { kind: 'docx' | 'xlsx' } | { refused: FilesErrorCode };

/** Central-directory entries read at most; a 10 MB document has far fewer. */
const MAX_ENTRIES = 5_000;
/** Everything unpacked together; a real 10 MB document unpacks to a few tens of MB. */
export const MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024;
/** Unpacked ÷ packed for the whole archive; text compresses ~10×, a bomb 1000×. */
export const MAX_TOTAL_RATIO = 100;
/** Declaration parts ([Content_Types].xml, *.rels) are small; a large one is not a document. */
const MAX_DECLARATION_BYTES = 2 * 1024 * 1024;

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;
/** A data descriptor may follow an entry's data (flag bit 3): 12 or 16 bytes, 20 or 24 in ZIP64. */
const DESCRIPTOR_SIZES = [0, 12, 16, 20, 24];

/** Relationship types that carry active or foreign content, whatever the target part is called. */
const ACTIVE_RELATIONSHIP =
  /\/(vbaProject|oleObject|activeXControl|activeXControlBinary|control|attachedToolbars|wordVbaData|keyMapCustomizations)$/i;
/** Content types of macro-enabled documents and of the parts that hold macros or OLE objects. */
const ACTIVE_CONTENT_TYPE =
  /macroEnabled|vbaProject|vbaData|oleObject|activeX|ms-office\.controlproperties|keyMapCustomizations/i;

interface ZipFacts {
  entries: yauzl.Entry[];
  centralDirectoryOffset: number;
}

export async function inspectOoxml(path: string): Promise<OoxmlVerdict> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, {
      lazyEntries: true,
      autoClose: false,
      strictFileNames: true,
      validateEntrySizes: true,
    });
  } catch {
    // No end-of-central-directory record, bad offsets, or bytes after the archive.
    return { refused: FilesErrorCode.FILE_TYPE_REFUSED };
  }
  try {
    if (zip.entryCount > MAX_ENTRIES) return { refused: FilesErrorCode.FILE_ARCHIVE_TOO_LARGE };
    const entries = await listEntries(zip);
    if (!entries) return { refused: FilesErrorCode.FILE_TYPE_REFUSED };
    // Word and Excel never write an archive comment: bytes there are a second file riding along.
    if (zip.comment.length > 0) return { refused: FilesErrorCode.FILE_NOT_A_CLEAN_DOCUMENT };
    const facts: ZipFacts = { entries, centralDirectoryOffset: await centralDirectoryOffset(path, zip.fileSize) };
    return (
      sizeProblem(facts.entries) ??
      nameProblem(facts.entries) ??
      (await layoutProblem(path, facts)) ??
      (await declarationProblem(zip, facts.entries)) ??
      kindOf(facts.entries)
    );
  } finally {
    zip.close();
  }
}

/** From the end-of-central-directory record, which (without a comment) is the file's last 22 bytes. */
async function centralDirectoryOffset(path: string, fileSize: number): Promise<number> {
  const handle = await openFile(path, 'r');
  try {
    const record = Buffer.alloc(22);
    await handle.read(record, 0, 22, fileSize - 22);
    return record.readUInt32LE(16);
  } finally {
    await handle.close();
  }
}

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[] | undefined> {
  return new Promise((resolve) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    // yauzl refuses entries named with "..", absolute paths or backslashes: not a document.
    zip.on('error', () => resolve(undefined));
    zip.readEntry();
  });
}

/** A bomb is refused from the sizes the central directory declares; inflating verifies them. */
function sizeProblem(entries: yauzl.Entry[]): OoxmlVerdict | undefined {
  const unpacked = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  const packed = entries.reduce((sum, e) => sum + e.compressedSize, 0);
  if (unpacked > MAX_TOTAL_UNCOMPRESSED || unpacked > Math.max(packed, 1) * MAX_TOTAL_RATIO) {
    return { refused: FilesErrorCode.FILE_ARCHIVE_TOO_LARGE };
  }
  return undefined;
}

/** Names that no Word or Excel document has: a second copy of a part, Java classes, a JAR manifest. */
function nameProblem(entries: yauzl.Entry[]): OoxmlVerdict | undefined {
  const names = entries.map((e) => e.fileName);
  // Readers disagree on which copy of a repeated name wins: a known way to smuggle content past a check.
  if (new Set(names.map((n) => n.toLowerCase())).size !== names.length)
    return { refused: FilesErrorCode.FILE_TYPE_REFUSED };
  if (names.some((n) => /\.class$/i.test(n) || /^meta-inf\//i.test(n)))
    return { refused: FilesErrorCode.FILE_NOT_A_CLEAN_DOCUMENT };
  if (names.some((n) => /vbaproject\.bin$/i.test(n))) return { refused: FilesErrorCode.FILE_MACROS_REFUSED };
  return undefined;
}

/**
 * The entries must tile the file from byte 0 to the central directory with nothing between
 * them: bytes that belong to no entry are where a second program or archive hides.
 */
async function layoutProblem(
  path: string,
  { entries, centralDirectoryOffset }: ZipFacts,
): Promise<OoxmlVerdict | undefined> {
  const sorted = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  const handle = await openFile(path, 'r');
  try {
    let expected = 0;
    for (const entry of sorted) {
      const gap = entry.relativeOffsetOfLocalHeader - expected;
      if (!(gap === 0 || (expected > 0 && DESCRIPTOR_SIZES.includes(gap) && followsDescriptor(sorted, entry)))) {
        return { refused: FilesErrorCode.FILE_NOT_A_CLEAN_DOCUMENT };
      }
      const header = Buffer.alloc(LOCAL_HEADER_BYTES);
      const { bytesRead } = await handle.read(header, 0, LOCAL_HEADER_BYTES, entry.relativeOffsetOfLocalHeader);
      if (bytesRead !== LOCAL_HEADER_BYTES || header.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE) {
        return { refused: FilesErrorCode.FILE_NOT_A_CLEAN_DOCUMENT };
      }
      const nameLength = header.readUInt16LE(26);
      const extraLength = header.readUInt16LE(28);
      expected =
        entry.relativeOffsetOfLocalHeader + LOCAL_HEADER_BYTES + nameLength + extraLength + entry.compressedSize;
    }
    const tail = centralDirectoryOffset - expected;
    const last = sorted[sorted.length - 1];
    const zip64 = centralDirectoryOffset === 0xffffffff; // its real offset is in the ZIP64 record
    if (!(
      zip64 ||
      tail === 0 ||
      (last && DESCRIPTOR_SIZES.includes(tail) && (last.generalPurposeBitFlag & 0x8) !== 0)
    )) {
      return { refused: FilesErrorCode.FILE_NOT_A_CLEAN_DOCUMENT };
    }
    return undefined;
  } finally {
    await handle.close();
  }
}

/** A gap before `entry` is allowed only for the data descriptor of the entry just before it. */
function followsDescriptor(sorted: yauzl.Entry[], entry: yauzl.Entry): boolean {
  const previous = sorted[sorted.indexOf(entry) - 1];
  return !!previous && (previous.generalPurposeBitFlag & 0x8) !== 0;
}

/** Reads [Content_Types].xml and every relationships part, and refuses active or external content. */
async function declarationProblem(zip: yauzl.ZipFile, entries: yauzl.Entry[]): Promise<OoxmlVerdict | undefined> {
  const declarations = entries.filter(
    (e) => e.fileName === '[Content_Types].xml' || /(^|\/)_rels\/[^/]*\.rels$/i.test(e.fileName),
  );
  for (const entry of declarations) {
    if (entry.uncompressedSize > MAX_DECLARATION_BYTES) return { refused: FilesErrorCode.FILE_ARCHIVE_TOO_LARGE };
    const xml = await readEntry(zip, entry);
    if (xml === undefined) return { refused: FilesErrorCode.FILE_TYPE_REFUSED };
    if (entry.fileName === '[Content_Types].xml') {
      for (const m of xml.matchAll(/ContentType\s*=\s*"([^"]*)"/gi)) {
        if (ACTIVE_CONTENT_TYPE.test(m[1])) return { refused: refusalForContentType(m[1]) };
      }
      continue;
    }
    for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/gi)) {
      const type = /\bType\s*=\s*"([^"]*)"/i.exec(m[1])?.[1] ?? '';
      const external = /\bTargetMode\s*=\s*"External"/i.test(m[1]);
      if (/\/vbaProject$/i.test(type)) return { refused: FilesErrorCode.FILE_MACROS_REFUSED };
      if (ACTIVE_RELATIONSHIP.test(type)) return { refused: FilesErrorCode.FILE_EMBEDDED_OBJECT_REFUSED };
      // A hyperlink is only followed when the reader clicks it; a template, a frame or an OLE
      // link is fetched by Office when the document opens.
      if (external && !/\/hyperlink$/i.test(type)) return { refused: FilesErrorCode.FILE_EXTERNAL_LINK_REFUSED };
    }
  }
  return undefined;
}

function refusalForContentType(contentType: string): FilesErrorCode {
  return /macroEnabled|vba/i.test(contentType)
    ? FilesErrorCode.FILE_MACROS_REFUSED
    : FilesErrorCode.FILE_EMBEDDED_OBJECT_REFUSED;
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string | undefined> {
  return new Promise((resolve) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return resolve(undefined);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      // Includes yauzl's check that the inflated size is the one declared.
      stream.on('error', () => resolve(undefined));
    });
  });
}

/** Word and Excel (and LibreOffice, docx, exceljs) always write these parts. */
function kindOf(entries: yauzl.Entry[]): OoxmlVerdict {
  const names = new Set(entries.map((e) => e.fileName));
  if (!names.has('[Content_Types].xml')) return { refused: FilesErrorCode.FILE_TYPE_REFUSED };
  const isWord = names.has('word/document.xml');
  const isExcel = names.has('xl/workbook.xml');
  if (isWord === isExcel) return { refused: FilesErrorCode.FILE_TYPE_REFUSED };
  return { kind: isWord ? 'docx' : 'xlsx' };
}
