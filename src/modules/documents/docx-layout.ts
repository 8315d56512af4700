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
import { documentStyles } from './protocol-format.util';

/**
 * What the printed documents (protocol, score sheet, winners list and transfer act, final
 * report) lay out alike: an A4 page with the page number centered in the footer, Times New
 * Roman styles of the document's language, and tables of weighted columns at full text width.
 */

/** Twips (1/1440 inch): 1134 is 2 cm, 1701 is 3 cm, 851 is 1.5 cm, 567 is 1 cm. */
export interface PageMargins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

const A4 = { width: 11906, height: 16838 };

/** An A4 page and the width left for text between its side margins. Header and footer sit 1 cm from the edge. */
export function a4Page(orientation: 'portrait' | 'landscape', margins: PageMargins) {
  const sheetWidth = orientation === 'landscape' ? A4.height : A4.width;
  return {
    page: {
      // docx swaps a landscape page's sides itself: the size is given as for portrait.
      size: {
        ...A4,
        orientation: orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
      },
      margin: { ...margins, header: 567, footer: 567 },
    },
    textWidth: sheetWidth - margins.left - margins.right,
  };
}

/** The whole document as DOCX bytes: one section on `page`, numbered at the foot of each page. */
export async function packDocx(input: {
  locale: 'kk' | 'ru';
  title: string;
  subject?: string;
  creator?: string;
  page: ReturnType<typeof a4Page>['page'];
  children: (Paragraph | Table)[];
}): Promise<Buffer> {
  const document = new Document({
    title: input.title,
    subject: input.subject,
    creator: input.creator,
    styles: documentStyles(input.locale),
    sections: [
      {
        properties: { page: input.page },
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
        children: input.children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

export type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

/** A column of a {@link weightedTable}: its share of the width, its heading and what a row shows in it. */
export interface DocxColumn<Row> {
  header: string;
  weight: number;
  align?: Align;
  value: (row: Row, index: number) => string;
}

/** Font sizes in half-points (22 is 11 pt) and the cells' inner margins in twips. */
export interface TableLook {
  font: number;
  headerFont: number;
  cellMargins: { left: number; right: number; top: number; bottom: number };
  /** A row at least this tall (twips), e.g. room to sign by hand. */
  rowHeight?: number;
}

function cell(text: string, width: number, look: TableLook, options: { bold?: boolean; align?: Align; size: number }) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: look.cellMargins,
    children: text.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: options.align ?? AlignmentType.LEFT,
          spacing: { before: 0, after: 0 },
          children: [new TextRun({ text: line, bold: options.bold, size: options.size })],
        }),
    ),
  });
}

/**
 * A fixed-layout table `width` wide, each column its weight's share of it; the header row
 * (bold, centered) repeats on every page and no row splits across pages. A "\n" in a value
 * starts a new line in its cell.
 */
export function weightedTable<Row>(
  columns: DocxColumn<Row>[],
  rows: readonly Row[],
  width: number,
  look: TableLook,
): Table {
  const total = columns.reduce((sum, c) => sum + c.weight, 0);
  const widths = columns.map((c) => Math.floor((c.weight / total) * width));
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map((c, i) =>
          cell(c.header, widths[i], look, { bold: true, align: AlignmentType.CENTER, size: look.headerFont }),
        ),
      }),
      ...rows.map(
        (row, r) =>
          new TableRow({
            cantSplit: true,
            ...(look.rowHeight ? { height: { value: look.rowHeight, rule: 'atLeast' as const } } : {}),
            children: columns.map((c, i) =>
              cell(c.value(row, r), widths[i], look, { align: c.align, size: look.font }),
            ),
          }),
      ),
    ],
  });
}
