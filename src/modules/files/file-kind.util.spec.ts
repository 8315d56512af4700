import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectFileKind, FileKind, isFileKind, officeKindFromEntries, sniffHead } from './file-kind.util';
import * as fx from '../../../test/support/files';

describe('file kind, decided by content', () => {
  let dir: string;
  let counter = 0;
  const onDisk = async (bytes: Buffer, name = 'upload.bin'): Promise<string> => {
    const path = join(dir, `${(counter += 1)}-${name}`);
    await writeFile(path, bytes);
    return path;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'file-kind-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const accepted: Array<[string, () => Buffer | Promise<Buffer>, FileKind]> = [
    ['a minimal PDF', fx.minimalPdf, 'pdf'],
    ['a 1×1 PNG', fx.minimalPng, 'png'],
    ['a 1×1 JPEG', fx.minimalJpeg, 'jpg'],
    ['a DOCX written by the docx package', fx.realDocx, 'docx'],
    ['an XLSX written by exceljs', fx.realXlsx, 'xlsx'],
    [
      'a hand-built OOXML zip with word/document.xml',
      () =>
        fx.zipOf([
          ['[Content_Types].xml', fx.DOCX_CONTENT_TYPES],
          ['word/document.xml', '<w:document/>'],
        ]),
      'docx',
    ],
  ];

  it.each(accepted)('accepts %s', async (_label, build, kind) => {
    // The name says .exe on purpose: only the bytes count.
    expect(await detectFileKind(await onDisk(await build(), 'renamed.exe'))).toBe(kind);
  });

  const refused: Array<[string, () => Buffer]> = [
    ['a Windows executable renamed .pdf', fx.windowsExecutable],
    ['an ELF executable renamed .png', fx.elfExecutable],
    ['a shell script', fx.shellScript],
    ['an HTML page named .pdf', fx.htmlPage],
    [
      'an SVG with a script',
      () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
    ['HTML that mentions %PDF- after its first byte', () => Buffer.from('<html>%PDF-1.4</html>')],
    ['"%PDF" without a version', () => Buffer.from('%PDF<html><script>alert(1)</script></html>')],
    [
      'a plain zip',
      () =>
        fx.zipOf([
          ['a.txt', 'hello'],
          ['dir/b.txt', 'Сәлем'],
        ]),
    ],
    [
      'a zip that only claims docx in [Content_Types].xml',
      () =>
        fx.zipOf([
          ['[Content_Types].xml', fx.DOCX_CONTENT_TYPES],
          ['payload.js', 'x'],
        ]),
    ],
    [
      'a macro document (docm renamed docx)',
      () =>
        fx.zipOf([
          ['[Content_Types].xml', fx.DOCX_CONTENT_TYPES],
          ['word/document.xml', '<w:document/>'],
          ['word/vbaProject.bin', 'VBA'],
        ]),
    ],
    [
      'a zip claiming to be both docx and xlsx',
      () =>
        fx.zipOf([
          ['[Content_Types].xml', fx.DOCX_CONTENT_TYPES],
          ['word/document.xml', 'a'],
          ['xl/workbook.xml', 'b'],
        ]),
    ],
    [
      'a zip repeating word/document.xml',
      () =>
        fx.zipOf([
          ['[Content_Types].xml', fx.DOCX_CONTENT_TYPES],
          ['word/document.xml', 'a'],
          ['word/document.xml', 'b'],
        ]),
    ],
    [
      'a zip with a path-traversal entry',
      () =>
        fx.zipOf([
          ['[Content_Types].xml', fx.DOCX_CONTENT_TYPES],
          ['word/document.xml', 'a'],
          ['../../evil.sh', 'b'],
        ]),
    ],
    [
      'a self-extracting exe (MZ followed by a docx)',
      () =>
        Buffer.concat([
          fx.windowsExecutable(),
          fx.zipOf([
            ['[Content_Types].xml', fx.DOCX_CONTENT_TYPES],
            ['word/document.xml', 'a'],
          ]),
        ]),
    ],
    [
      'a truncated zip (no central directory)',
      () =>
        fx
          .zipOf([
            ['[Content_Types].xml', 'x'],
            ['word/document.xml', 'a'],
          ])
          .subarray(0, 60),
    ],
    ['an empty file', () => Buffer.alloc(0)],
    ['a GIF', () => Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')],
  ];

  it.each(refused)('refuses %s', async (_label, build) => {
    expect(await detectFileKind(await onDisk(build(), 'innocent.pdf'))).toBeUndefined();
  });

  it('judges the head alone: PDF/JPEG/PNG settled, ZIP left to the central directory', async () => {
    expect(await sniffHead(fx.minimalPdf())).toBe('pdf');
    expect(await sniffHead(fx.minimalJpeg().subarray(0, 64))).toBe('jpg');
    expect(await sniffHead((await fx.realDocx()).subarray(0, 4100))).toBe('ooxml');
    expect(await sniffHead(fx.windowsExecutable())).toBeUndefined();
    expect(await sniffHead(fx.elfExecutable())).toBeUndefined();
  });

  it('tells docx from xlsx by the central directory names', () => {
    const base = ['[Content_Types].xml', '_rels/.rels'];
    expect(officeKindFromEntries([...base, 'word/document.xml'])).toBe('docx');
    expect(officeKindFromEntries([...base, 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'])).toBe('xlsx');
    expect(officeKindFromEntries(['word/document.xml'])).toBeUndefined(); // no [Content_Types].xml
    expect(officeKindFromEntries([...base, 'xl/workbook.xml', 'xl/vbaProject.bin'])).toBeUndefined();
    expect(officeKindFromEntries([...base, 'ppt/presentation.xml'])).toBeUndefined();
  });

  it('knows exactly the five allowed kinds', () => {
    expect(['pdf', 'jpg', 'png', 'docx', 'xlsx'].every(isFileKind)).toBe(true);
    expect(['exe', 'zip', 'html', 'jpeg', '', undefined].some(isFileKind)).toBe(false);
  });
});
