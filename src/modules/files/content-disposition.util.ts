import { create as createContentDisposition } from 'content-disposition';
import type { FileKind } from './file-kind.util';

/**
 * Turns the name a person gave their file into one safe to hand back in a download.
 * The name is theirs to read, never ours to trust: path parts, control and bidi characters
 * (U+202E can make `exe.pdf` display as `fdp.exe`), quotes and characters Windows forbids
 * are removed, and the extension always tells the kind detected from the content.
 */

/** Extensions a name may already end with for each kind (compared case-insensitively). */
const EXTENSIONS: Readonly<Record<FileKind, readonly string[]>> = {
  pdf: ['pdf'],
  jpg: ['jpg', 'jpeg', 'jpe'],
  png: ['png'],
  docx: ['docx'],
  xlsx: ['xlsx'],
};

/** Room for the extension within the 255-byte name limit of common file systems. */
const MAX_STEM_CHARS = 120;
const FALLBACK_STEM = 'file';

const PATH_SEPARATORS = /[/\\]/;
// Cc: controls; Cf: format (bidi overrides, zero-width); Zl/Zp: line/paragraph separators.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const WINDOWS_FORBIDDEN = /["<>:|?*]/g;
// Windows opens a device, not a file, for `CON`, `nul.txt` and the like.
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

// Kazakh and Russian Cyrillic → Latin, for the ASCII `filename=` old clients read.
const LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  ә: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ғ: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  і: 'i',
  к: 'k',
  қ: 'q',
  л: 'l',
  м: 'm',
  н: 'n',
  ң: 'n',
  о: 'o',
  ө: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ұ: 'u',
  ү: 'u',
  ф: 'f',
  х: 'kh',
  һ: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  '№': 'No',
  '«': '',
  '»': '',
  '—': '-',
  '–': '-',
};

export interface DownloadFileName {
  /** The name as the person wrote it, cleaned; goes into `filename*` (RFC 5987/8187). */
  utf8: string;
  /** Printable ASCII only; goes into `filename=` for clients that ignore `filename*`. */
  ascii: string;
}

function cleanSegment(raw: string): string {
  const base = raw.normalize('NFC').split(PATH_SEPARATORS).pop() ?? '';
  return (
    base
      .replace(INVISIBLE, '')
      .replace(WINDOWS_FORBIDDEN, '')
      .replace(/\s+/g, ' ')
      // Leading dots hide a file on Unix (and `..` is a path); Windows drops trailing dots.
      .replace(/^[\s.]+|[\s.]+$/g, '')
  );
}

/** Cuts by code points so a Kazakh letter or an emoji is never split in half. */
function truncate(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : points.slice(0, max).join('').trimEnd();
}

function splitExtension(name: string, kind: FileKind): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return name;
  const extension = name.slice(dot + 1).toLowerCase();
  return EXTENSIONS[kind].includes(extension) ? name.slice(0, dot) : name;
}

function toAscii(text: string): string {
  const latin = Array.from(text)
    .map((ch) => {
      const lower = ch.toLowerCase();
      const mapped = LATIN[lower];
      if (mapped === undefined) return ch;
      return ch !== lower && mapped ? mapped[0].toUpperCase() + mapped.slice(1) : mapped;
    })
    .join('')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, ''); // é → e
  // `%` too: some browsers percent-decode `filename=`, which would turn `%2F` into `/`.
  return latin
    .replace(/[^\x20-\x7e]|[%\\]/g, '_')
    .replace(/_{2,}/g, '_')
    .trim();
}

/**
 * The name kept with an attachment, as organizers and commission members will read it in
 * lists and documents: without path parts, control, bidi or zero-width characters (which
 * can make `exe.pdf` display as `fdp.exe` anywhere the name is shown, not only in a
 * download), at most 255 code points, never empty.
 */
export function storedFileName(originalName: string | null | undefined): string {
  const cleaned = cleanSegment(typeof originalName === 'string' ? originalName : '');
  return truncate(cleaned, 255) || FALLBACK_STEM;
}

/**
 * The download name for a stored file. Extension rule: when the name already ends with the
 * detected kind's extension it is kept (`photo.JPEG` → `photo.jpg`); otherwise the right one
 * is appended and nothing is dropped (`evil.pdf.exe` holding a PDF → `evil.pdf.exe.pdf`).
 * Only the last extension decides what a computer opens the file with, so it is always true;
 * keeping the rest shows the person exactly what was sent rather than guessing what to cut.
 */
export function downloadFileName(originalName: string | null | undefined, kind: FileKind): DownloadFileName {
  const cleaned = cleanSegment(typeof originalName === 'string' ? originalName : '');
  let stem = truncate(splitExtension(cleaned, kind), MAX_STEM_CHARS).replace(/[\s.]+$/, '');
  if (!stem) stem = FALLBACK_STEM;
  if (WINDOWS_DEVICE.test(stem)) stem = `_${stem}`;
  let asciiStem = toAscii(stem).replace(/^[\s.]+|[\s.]+$/g, '');
  if (!/[A-Za-z0-9]/.test(asciiStem)) asciiStem = FALLBACK_STEM;
  if (WINDOWS_DEVICE.test(asciiStem)) asciiStem = `_${asciiStem}`;
  return { utf8: `${stem}.${kind}`, ascii: `${asciiStem}.${kind}` };
}

/**
 * `Content-Disposition: attachment` for a stored file: always a download, never shown inline
 * (serve it with the detected MIME type and `X-Content-Type-Options: nosniff`). Both forms
 * are sent when the name is not plain ASCII: `filename="Otinim No1.pdf";
 * filename*=UTF-8''%D3%A8%D1%82...`; browsers prefer the second.
 */
export function attachmentContentDisposition(
  originalName: string | null | undefined,
  kind: FileKind,
  type: 'attachment' | 'inline' = 'attachment',
): string {
  const name = downloadFileName(originalName, kind);
  return createContentDisposition(name.utf8, { type, fallback: name.ascii });
}

/** The kinds a browser shows by itself (a PDF viewer, an image); DOCX and XLSX always download. */
export const VIEWABLE_KINDS: readonly FileKind[] = ['pdf', 'jpg', 'png'];
