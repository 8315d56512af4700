import { parse } from 'content-disposition';
import { attachmentContentDisposition, downloadFileName, storedFileName } from './content-disposition.util';

/** What a browser would save the file as: `filename*` when present, else `filename`. */
function savedAs(header: string): { type: string; name: string; ascii: string } {
  const parsed = parse(header);
  const ascii = /filename=(?:"([^"]*)"|([^;\s]+))/.exec(header)!;
  return { type: parsed.type, name: parsed.parameters.filename, ascii: ascii[1] ?? ascii[2] };
}

describe('content disposition for downloads', () => {
  it('keeps a Kazakh name in filename* with a transliterated ASCII fallback', () => {
    const header = attachmentContentDisposition('Өтінім №1.pdf', 'pdf');
    expect(header).toBe(
      `attachment; filename="Otinim No1.pdf"; filename*=UTF-8''%D3%A8%D1%82%D1%96%D0%BD%D1%96%D0%BC%20%E2%84%961.pdf`,
    );
    expect(savedAs(header)).toEqual({ type: 'attachment', name: 'Өтінім №1.pdf', ascii: 'Otinim No1.pdf' });
  });

  it('keeps a Russian name, with every Kazakh letter transliterated in the fallback', () => {
    expect(savedAs(attachmentContentDisposition('Смета расходов.xlsx', 'xlsx')).name).toBe('Смета расходов.xlsx');
    expect(downloadFileName('ӘҒҚҢӨҰҮҺІ әғқңөұүһі.docx', 'docx').ascii).toBe('AGQNOUUHI agqnouuhi.docx');
    expect(downloadFileName('Щётка Юлия.png', 'png').ascii).toBe('Shchyotka Yuliya.png');
  });

  it('sends a plain ASCII name as filename only (a token needs no quotes)', () => {
    expect(attachmentContentDisposition('budget-2025.xlsx', 'xlsx')).toBe('attachment; filename=budget-2025.xlsx');
    expect(attachmentContentDisposition('Budget 2025.xlsx', 'xlsx')).toBe('attachment; filename="Budget 2025.xlsx"');
  });

  it.each([
    ['../../etc/passwd', 'passwd.pdf'],
    ['..\\..\\Windows\\System32\\cmd', 'cmd.pdf'],
    ['C:\\Users\\Айгүл\\Desktop\\Өтінім.pdf', 'Өтінім.pdf'],
    ['/var/files/ab/cd/x.pdf', 'x.pdf'],
    ['..', 'file.pdf'],
    ['', 'file.pdf'],
    [null, 'file.pdf'],
    ['.htaccess', 'htaccess.pdf'],
    ['report. . .', 'report.pdf'],
  ])('strips path parts from %j → %j', (raw, expected) => {
    expect(downloadFileName(raw, 'pdf').utf8).toBe(expected);
  });

  it('removes control and bidi characters that could forge the header or the extension', () => {
    const header = attachmentContentDisposition('a\r\nSet-Cookie: x=1\u0000.pdf', 'pdf');
    expect(header).not.toMatch(/[\r\n\0]/);
    expect(savedAs(header).name).toBe('aSet-Cookie x=1.pdf');
    // U+202E shows "invoice\u202Efdp.exe" as "invoiceexe.pdf" in many file managers.
    expect(downloadFileName('invoice\u202Efdp.exe', 'pdf').utf8).toBe('invoicefdp.exe.pdf');
  });

  it('removes quotes and characters Windows forbids, so the header stays one value', () => {
    const header = attachmentContentDisposition('"quoted"; filename="x.exe" <a>|b?*.pdf', 'pdf');
    expect(savedAs(header).name).toBe('quoted; filename=x.exe ab.pdf');
    expect(header.match(/filename="[^"]*"/g)).toHaveLength(1);
  });

  it.each([
    ['evil.pdf.exe', 'pdf', 'evil.pdf.exe.pdf'],
    ['photo.exe', 'jpg', 'photo.exe.jpg'],
    ['invoice.html', 'pdf', 'invoice.html.pdf'],
    ['Бюджет.XLSX', 'xlsx', 'Бюджет.xlsx'],
    ['photo.JPEG', 'jpg', 'photo.jpg'],
    ['Смета.xlsx', 'docx', 'Смета.xlsx.docx'],
    ['Жоба v1.2', 'pdf', 'Жоба v1.2.pdf'],
  ] as const)('makes the extension tell the detected kind: %j as %s → %j', (raw, kind, expected) => {
    expect(downloadFileName(raw, kind).utf8).toBe(expected);
  });

  it('renames Windows device names', () => {
    expect(downloadFileName('CON.pdf', 'pdf').utf8).toBe('_CON.pdf');
    expect(downloadFileName('nul.txt', 'pdf').utf8).toBe('_nul.txt.pdf');
  });

  it('keeps the fallback printable ASCII without percent signs, and never empty', () => {
    const name = downloadFileName('申请 100%2F.pdf', 'pdf');
    expect(name.utf8).toBe('申请 100%2F.pdf');
    expect(name.ascii).toMatch(/^[\x20-\x7e]+$/);
    expect(name.ascii).not.toContain('%');
    expect(downloadFileName('申请.pdf', 'pdf').ascii).toBe('file.pdf');
    expect(savedAs(attachmentContentDisposition('申请 100%2F.pdf', 'pdf')).name).toBe('申请 100%2F.pdf');
  });

  it('normalises decomposed letters from macOS (NFD) to the composed form', () => {
    expect(downloadFileName('Отчёт.pdf'.normalize('NFD'), 'pdf').utf8).toBe('Отчёт.pdf');
  });

  it('caps very long names without splitting a letter', () => {
    const name = downloadFileName(`${'Ә'.repeat(500)}.pdf`, 'pdf');
    expect(Array.from(name.utf8)).toHaveLength(124);
    expect(Buffer.byteLength(name.utf8)).toBeLessThanOrEqual(255);
    expect(name.utf8.endsWith('Ә.pdf')).toBe(true);
  });
});

describe('storedFileName', () => {
  it('keeps the name people read free of bidi controls, isolates and zero-width characters', () => {
    for (const control of [
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200b',
    ]) {
      expect(storedFileName(`Есеп${control}fdp.exe`)).toBe('Есепfdp.exe');
    }
    expect(storedFileName('C:\\Users\\me\\Өтінім №1.pdf')).toBe('Өтінім №1.pdf');
    expect(storedFileName('\u202e')).toBe('file');
    expect(Array.from(storedFileName('ә'.repeat(400)))).toHaveLength(255);
  });
});
