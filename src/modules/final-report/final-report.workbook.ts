import ExcelJS from 'exceljs';
import type { Locale } from '../../common/i18n/i18n';
import { FINAL_REPORT_TEXTS } from './final-report.texts';
import type { FinalReport } from './final-report.service';
import { reportTables } from './final-report.tables';

/** The final report as XLSX: one sheet per table of the form, numbers as numbers, the rules under each table. */
export async function finalReportWorkbook(report: FinalReport, locale: Locale): Promise<Buffer> {
  const t = FINAL_REPORT_TEXTS[locale];
  const book = new ExcelJS.Workbook();
  book.created = new Date(report.generatedAt);
  for (const table of reportTables(report, locale)) {
    // Sheet names: at most 31 characters, none of : \ / ? * [ ].
    const sheet = book.addWorksheet(table.heading.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31));
    sheet.addRow([t.title]).font = { bold: true, size: 13 };
    sheet.addRow([`${t.competition}: ${report.title[locale]}`]);
    sheet.addRow([table.heading]).font = { bold: true };
    const header = sheet.addRow(table.headers);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle' };
    for (const row of table.rows) sheet.addRow(row);
    for (const note of table.notes) sheet.addRow([note]).alignment = { wrapText: false };
    table.headers.forEach((h, i) => {
      sheet.getColumn(i + 1).width = Math.min(Math.max(12, h.length + 2), 40);
    });
    sheet.views = [{ state: 'frozen', ySplit: 4 }];
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
