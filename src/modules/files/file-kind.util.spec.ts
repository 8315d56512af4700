import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectFileKind, FileKind, isFileKind, sniffHead } from './file-kind.util';
import { FilesErrorCode } from './files.exception';
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
    expect(await detectFileKind(await onDisk(await build(), 'renamed.exe'))).toEqual({ kind });
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
    expect(await detectFileKind(await onDisk(build(), 'innocent.pdf'))).toHaveProperty('refused');
  });

  it('judges the head alone: PDF/JPEG/PNG settled, ZIP left to the central directory', async () => {
    expect(await sniffHead(fx.minimalPdf())).toBe('pdf');
    expect(await sniffHead(fx.minimalJpeg().subarray(0, 64))).toBe('jpg');
    expect(await sniffHead((await fx.realDocx()).subarray(0, 4100))).toBe('ooxml');
    expect(await sniffHead(fx.windowsExecutable())).toBeUndefined();
    expect(await sniffHead(fx.elfExecutable())).toBeUndefined();
  });

  const WORD_PARTS: Array<readonly [string, string]> = [
    ['[Content_Types].xml', fx.DOCX_CONTENT_TYPES],
    ['_rels/.rels', fx.rels([['rId1', 'officeDocument', 'word/document.xml']])],
    ['word/document.xml', '<w:document/>'],
  ];
  const withDocumentRels = (relationships: Parameters<typeof fx.rels>[0]) =>
    fx.zipOf([...WORD_PARTS, ['word/_rels/document.xml.rels', fx.rels(relationships)]]);

  // Active content, decided by what the declarations say, never by a part's name.
  const active: Array<[string, () => Buffer, FilesErrorCode]> = [
    [
      'a VBA project renamed macros.dat, wired through the relationships',
      () =>
        fx.zipOf([
          ...WORD_PARTS,
          ['word/_rels/document.xml.rels', fx.rels([['rId9', 'vbaProject', 'macros.dat']])],
          ['word/macros.dat', 'VBA'],
        ]),
      FilesErrorCode.FILE_MACROS_REFUSED,
    ],
    [
      'a macro-enabled content type',
      () =>
        fx.zipOf([
          ['[Content_Types].xml', fx.DOCX_CONTENT_TYPES.replace('document.main+xml', 'document.macroEnabled.main+xml')],
          ...WORD_PARTS.slice(1),
        ]),
      FilesErrorCode.FILE_MACROS_REFUSED,
    ],
    [
      'a remote attachedTemplate',
      () => withDocumentRels([['rId3', 'attachedTemplate', 'https://example.invalid/t.dotm', 'External']]),
      FilesErrorCode.FILE_EXTERNAL_LINK_REFUSED,
    ],
    [
      'a frame loaded from the network',
      () => withDocumentRels([['rId4', 'frame', 'http://10.0.0.1/x.html', 'External']]),
      FilesErrorCode.FILE_EXTERNAL_LINK_REFUSED,
    ],
    [
      'an embedded OLE object',
      () =>
        fx.zipOf([
          ...WORD_PARTS,
          ['word/_rels/document.xml.rels', fx.rels([['rId5', 'oleObject', 'embeddings/x.bin']])],
          ['word/embeddings/x.bin', 'OLE'],
        ]),
      FilesErrorCode.FILE_EMBEDDED_OBJECT_REFUSED,
    ],
    [
      'an OLE link to a file elsewhere',
      () => withDocumentRels([['rId6', 'oleObject', 'file:///C:/secret.xlsx', 'External']]),
      FilesErrorCode.FILE_EMBEDDED_OBJECT_REFUSED,
    ],
    [
      'a zip bomb (declares 4 GiB from a few bytes)',
      () => fx.withDeclaredSize(fx.zipOf([...WORD_PARTS, ['word/media/big.bin', 'AAAA']]), 3, 0xffff_fff0),
      FilesErrorCode.FILE_ARCHIVE_TOO_LARGE,
    ],
    [
      'a DOCX that is also a runnable JAR',
      () => fx.zipOf([...WORD_PARTS, ['META-INF/MANIFEST.MF', 'Main-Class: Main\n'], ['Main.class', 'CAFEBABE']]),
      FilesErrorCode.FILE_NOT_A_CLEAN_DOCUMENT,
    ],
    [
      'a DOCX with a second file hidden between its entries',
      () => fx.zipOf(WORD_PARTS, { between: Buffer.from('#!/bin/sh\nrm -rf ~\n') }),
      FilesErrorCode.FILE_NOT_A_CLEAN_DOCUMENT,
    ],
    [
      'a DOCX carrying a script in its archive comment',
      () => fx.zipOf(WORD_PARTS, { comment: Buffer.from('<script>alert(1)</script>') }),
      FilesErrorCode.FILE_NOT_A_CLEAN_DOCUMENT,
    ],
  ];

  it.each(active)('refuses %s, naming why', async (_label, build, code) => {
    expect(await detectFileKind(await onDisk(build(), 'report.docx'))).toEqual({ refused: code });
  });

  it('refuses a DOCX with bytes appended after the archive', async () => {
    const appended = Buffer.concat([fx.zipOf(WORD_PARTS), Buffer.from('MZ\x90\x00 appended program')]);
    expect(await detectFileKind(await onDisk(appended))).toHaveProperty('refused');
  });

  it('keeps what real documents have: a hyperlink, images, an embedded chart workbook', async () => {
    const document = fx.zipOf([
      ...WORD_PARTS,
      [
        'word/_rels/document.xml.rels',
        fx.rels([
          ['rId1', 'hyperlink', 'https://egov.kz/', 'External'],
          ['rId2', 'image', 'media/image1.png'],
          ['rId3', 'chart', 'charts/chart1.xml'],
        ]),
      ],
      ['word/media/image1.png', fx.minimalPng()],
      ['word/charts/chart1.xml', '<c:chartSpace/>'],
      [
        'word/charts/_rels/chart1.xml.rels',
        fx.rels([['rId1', 'package', '../embeddings/Microsoft_Excel_Worksheet.xlsx']]),
      ],
      ['word/embeddings/Microsoft_Excel_Worksheet.xlsx', await fx.realXlsx()],
    ]);
    expect(await detectFileKind(await onDisk(document))).toEqual({ kind: 'docx' });
  });

  it('knows exactly the five allowed kinds', () => {
    expect(['pdf', 'jpg', 'png', 'docx', 'xlsx'].every(isFileKind)).toBe(true);
    expect(['exe', 'zip', 'html', 'jpeg', '', undefined].some(isFileKind)).toBe(false);
  });
});
