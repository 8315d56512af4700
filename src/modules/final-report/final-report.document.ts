import { AlignmentType, Paragraph, Table, TextRun } from 'docx';
import type { Locale } from '../../common/i18n/i18n';
import { a4Page, packDocx, weightedTable, type DocxColumn } from '../documents/docx-layout';
import { formatLongDate } from '../documents/protocol-format.util';
import { FINAL_REPORT_TEXTS } from './final-report.texts';
import type { FinalReport } from './final-report.service';
import { cellText, reportTables, type ReportTable } from './final-report.tables';

/**
 * The final report laid out like the 004 form: its title, the competition, then the grants and
 * the participants' tables (gender, social category, age) each with the total in its first
 * column, the socio-economic table, the survey's share and the programme targets; the rules
 * the counting followed are printed under the tables they concern. A4 landscape, 2 cm margins:
 * the social table has eleven columns, in 9 pt.
 */
const { page: PAGE, textWidth: WIDTH } = a4Page('landscape', { top: 1134, bottom: 1134, left: 1134, right: 1134 });
const LOOK = { font: 18, headerFont: 18, cellMargins: { left: 57, right: 57, top: 30, bottom: 30 } };

function weights(table: ReportTable): number[] {
  if (table.key === 'grants') return [4, 12, 14, 24, 11, 11, 10, 10];
  if (table.key === 'beneficiaries') return [50, 20, 20];
  if (table.key === 'targets') return [24, 14, 12, 12, 12, 12];
  // The total's column is wider: its long heading would otherwise break mid-word.
  return table.headers.map((_, i) => (i === 0 ? 1.8 : 1));
}

function docTable(table: ReportTable, locale: Locale): Table {
  const w = weights(table);
  const columns: DocxColumn<(string | number)[]>[] = table.headers.map((header, i) => ({
    header,
    weight: w[i],
    align: table.numeric.includes(i) ? AlignmentType.RIGHT : AlignmentType.LEFT,
    value: (row) => cellText(row[i], locale),
  }));
  return weightedTable(columns, table.rows, WIDTH, LOOK);
}

const para = (
  text: string,
  options: { bold?: boolean; before?: number; after?: number; center?: boolean; size?: number } = {},
) =>
  new Paragraph({
    alignment: options.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    keepNext: options.bold,
    spacing: { before: options.before ?? 0, after: options.after ?? 0 },
    children: [new TextRun({ text, bold: options.bold, size: options.size })],
  });

export async function finalReportDocx(report: FinalReport, locale: Locale): Promise<Buffer> {
  const t = FINAL_REPORT_TEXTS[locale];
  const children: (Paragraph | Table)[] = [
    para(t.title, { bold: true, center: true, size: 28, after: 120 }),
    para(`${t.competition}: ${report.title[locale]}`, { center: true }),
    para(`${t.generatedOn}: ${formatLongDate(report.generatedAt.slice(0, 10), locale)}`, { center: true, after: 240 }),
  ];
  reportTables(report, locale).forEach((table, index) => {
    children.push(para(`${index + 1}. ${table.heading}:`, { bold: true, before: 240, after: 120 }));
    if (table.rows.length) children.push(docTable(table, locale));
    for (const note of table.notes) children.push(para(note, { before: 80, size: 20 }));
  });
  return packDocx({ locale, title: t.title, subject: report.title[locale], page: PAGE, children });
}
