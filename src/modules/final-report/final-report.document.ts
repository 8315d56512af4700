import {
  AlignmentType,
  Document,
  Footer,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Locale } from '../../common/i18n/i18n';
import { documentStyles, formatLongDate } from '../documents/protocol-format.util';
import { FINAL_REPORT_TEXTS } from './final-report.texts';
import type { FinalReport } from './final-report.service';
import { cellText, reportTables, type ReportTable } from './final-report.tables';

/**
 * The final report laid out like the 004 form: its title, the competition, then the grants and
 * the participants' tables (gender, social category, age) each with the total in its first
 * column, the socio-economic table, the survey's share and the programme targets; the rules
 * the counting followed are printed under the tables they concern. A4 landscape: the social
 * table has eleven columns.
 */
const MARGIN = { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 };
const PAGE = { size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE }, margin: MARGIN };
const WIDTH = 16838 - 1134 - 1134;

function cell(
  text: string,
  width: number,
  options: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 57, right: 57, top: 30, bottom: 30 },
    children: [
      new Paragraph({
        alignment: options.align ?? AlignmentType.LEFT,
        spacing: { before: 0, after: 0 },
        children: [new TextRun({ text, bold: options.bold, size: 18 })],
      }),
    ],
  });
}

function weights(table: ReportTable): number[] {
  if (table.key === 'grants') return [4, 12, 14, 24, 11, 11, 10, 10];
  if (table.key === 'beneficiaries') return [50, 20, 20];
  if (table.key === 'targets') return [24, 14, 12, 12, 12, 12];
  // The total's column is wider: its long heading would otherwise break mid-word.
  return table.headers.map((_, i) => (i === 0 ? 1.8 : 1));
}

function docTable(table: ReportTable, locale: Locale): Table {
  const w = weights(table);
  const sum = w.reduce((s, x) => s + x, 0);
  const widths = w.map((x) => Math.floor((x / sum) * WIDTH));
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: table.headers.map((h, i) => cell(h, widths[i], { bold: true, align: AlignmentType.CENTER })),
      }),
      ...table.rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: row.map((v, i) =>
              cell(cellText(v, locale), widths[i], {
                align: table.numeric.includes(i) ? AlignmentType.RIGHT : AlignmentType.LEFT,
              }),
            ),
          }),
      ),
    ],
  });
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
  const document = new Document({
    title: t.title,
    subject: report.title[locale],
    styles: documentStyles(locale),
    sections: [
      {
        properties: { page: PAGE },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], size: 20 })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
