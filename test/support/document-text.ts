import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDocx } from './docx-reader';

function installed(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const OFFICE = ['soffice', 'libreoffice'].find(installed);
/** LibreOffice and poppler's pdftotext are both there: documents are checked as printed (PDF). */
export const CAN_PRINT = !!OFFICE && installed('pdftotext');

/**
 * Converts a DOCX or XLSX to PDF with LibreOffice (its own profile, so parallel runs do not
 * collide) and returns the PDF. Throws when LibreOffice is not installed.
 */
export function toPdf(buffer: Buffer, extension: 'docx' | 'xlsx'): Buffer {
  if (!OFFICE) throw new Error('LibreOffice is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'print-'));
  try {
    writeFileSync(join(dir, `document.${extension}`), buffer);
    execFileSync(
      OFFICE,
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        join(dir, `document.${extension}`),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    return readFileSync(join(dir, 'document.pdf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF as pdftotext reads it, pages separated by form feeds. */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdftext-'));
  try {
    writeFileSync(join(dir, 'document.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'document.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What a person reads in a DOCX: printed to PDF by LibreOffice and read back with pdftotext
 * when both are installed, else the paragraphs of its XML. Whitespace (line and cell wraps)
 * is collapsed to single spaces so a phrase matches however the page broke it.
 */
export async function docxText(buffer: Buffer): Promise<{ text: string; printed: boolean; pages: number }> {
  if (CAN_PRINT) {
    const raw = pdfText(toPdf(buffer, 'docx'));
    const pages = raw.split('\f').filter((page) => page.trim()).length;
    return { text: squeeze(raw), printed: true, pages };
  }
  return { text: squeeze((await readDocx(buffer)).paragraphs.join('\n')), printed: false, pages: 0 };
}

export function squeeze(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}
