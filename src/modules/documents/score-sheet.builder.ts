import {
  AlignmentType,
  Paragraph,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import kk from './texts/score-sheet.kk.json';
import ru from './texts/score-sheet.ru.json';
import protocolKk from './texts/protocol.kk.json';
import protocolRu from './texts/protocol.ru.json';
import type { DocumentOrganizer, ProtocolLocale } from './protocol.model';
import { a4Page, packDocx } from './docx-layout';
import { deepWithoutContacts, formatPlain, formatScore } from './protocol-format.util';
import { fill } from './protocol-texts.util';

/** One commission member's scores, printed for them to sign (бағалау парағы / оценочный лист). */
export interface ScoreSheetModel {
  locale: ProtocolLocale;
  organizer: DocumentOrganizer | null;
  competitionTitle: string;
  member: { name: string; position?: string };
  /** The meeting's date as printed; a blank to fill by hand when absent. */
  date?: string;
  criteria: { label: string; weight: number; maxPoints: number }[];
  rows: {
    applicationNumber: string;
    title: string;
    applicant: string;
    /** Points per criterion, in the order of `criteria`. */
    points: (number | null)[];
    /** The member's weighted total. */
    total: number;
  }[];
  /** Application numbers the member did not score because of a declared conflict of interest. */
  conflicts: string[];
}

export type ScoreSheetTexts = typeof kk;
const TEXTS: Record<ProtocolLocale, ScoreSheetTexts> = { kk, ru };
const HEADING = { kk: protocolKk.heading, ru: protocolRu.heading };

/** A4 landscape, 2 cm margins: 25.7 cm of text width, room for a column per criterion. */
const { page: PAGE, textWidth: WIDTH } = a4Page('landscape', { top: 1134, bottom: 1134, left: 1134, right: 1134 });
const TABLE_FONT = 22;

function para(value: string, options: { bold?: boolean; size?: number; center?: boolean; after?: number } = {}) {
  return new Paragraph({
    alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { after: options.after ?? 80 },
    children: [new TextRun({ text: value, bold: options.bold, size: options.size })],
  });
}

function cell(lines: string[], width: number, options: { bold?: boolean; align?: 'left' | 'center' | 'right' } = {}) {
  const alignment =
    options.align === 'center'
      ? AlignmentType.CENTER
      : options.align === 'right'
        ? AlignmentType.RIGHT
        : AlignmentType.LEFT;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    children: lines.map(
      (line, i) =>
        new Paragraph({
          alignment,
          spacing: { before: 0, after: 0 },
          children: [
            new TextRun({ text: line, bold: options.bold || (i === 0 && lines.length > 1), size: TABLE_FONT }),
          ],
        }),
    ),
  });
}

function scoresTable(model: ScoreSheetModel, t: ScoreSheetTexts): Table {
  const n = model.criteria.length;
  // The application number (MG16-2026-0001) needs its whole width on one line: a break at a hyphen misreads as another number.
  const weights = [4, 16, 36, ...Array.from({ length: n }, () => 34 / Math.max(n, 1)), 10];
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / sum) * WIDTH));
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      t.table.index,
      t.table.application,
      t.table.project,
      ...model.criteria.map((_, i) => String(i + 1)),
      t.table.total,
    ].map((h, i) => cell([h], widths[i], { bold: true, align: 'center' })),
  });
  const rows = model.rows.map(
    (row, r) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell([String(r + 1)], widths[0], { align: 'center' }),
          cell([row.applicationNumber], widths[1]),
          cell([row.title, row.applicant].filter(Boolean), widths[2]),
          ...row.points.map((p, i) =>
            cell([p === null ? '—' : formatPlain(p, model.locale)], widths[3 + i], { align: 'center' }),
          ),
          cell([formatScore(row.total, model.locale)], widths[3 + n], { align: 'center', bold: true }),
        ],
      }),
  );
  return new Table({
    width: { size: WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [header, ...rows],
  });
}

/** The member's score sheet as an editable DOCX: heading, criteria, one row per scored application, signature. */
export async function buildScoreSheetDocx(input: ScoreSheetModel): Promise<Buffer> {
  const model = deepWithoutContacts(input);
  const t = TEXTS[model.locale];
  const h = HEADING[model.locale];
  const children: (Paragraph | Table)[] = [];
  if (model.organizer?.name) {
    const details = [
      model.organizer.bin ? fill(h.organizerBin, { bin: model.organizer.bin }) : '',
      model.organizer.address ? fill(h.organizerAddress, { address: model.organizer.address }) : '',
    ].filter(Boolean);
    children.push(para(model.organizer.name, { bold: true, center: true, after: details.length ? 0 : 240 }));
    if (details.length) children.push(para(details.join('; '), { center: true, size: 20, after: 240 }));
  }
  const position = model.member.position?.trim();
  children.push(
    para(t.title, { bold: true, center: true, size: 28, after: 240 }),
    para(fill(t.competition, { title: model.competitionTitle })),
    para(
      position
        ? fill(t.memberWithPosition, { name: model.member.name, position })
        : fill(t.member, { name: model.member.name }),
    ),
    para(fill(t.date, { date: model.date?.trim() || t.blankDate }), { after: 200 }),
    para(t.criteriaTitle, { bold: true }),
    ...model.criteria.map((c, i) =>
      para(
        fill(t.criterionLine, {
          index: i + 1,
          label: c.label,
          weight: formatPlain(c.weight, model.locale),
          maxPoints: formatPlain(c.maxPoints, model.locale),
        }),
        { after: 40 },
      ),
    ),
    para('', { after: 80 }),
  );
  if (model.rows.length) {
    children.push(scoresTable(model, t));
    children.push(
      new Paragraph({
        spacing: { before: 60 },
        children: [new TextRun({ text: fill(t.legend, { n: model.criteria.length }), italics: true, size: 20 })],
      }),
    );
  } else children.push(para(t.none));
  if (model.conflicts.length) children.push(para(fill(t.conflicts, { numbers: model.conflicts.join(', ') })));
  children.push(
    para(t.statement, { after: 240 }),
    new Paragraph({
      keepLines: true,
      spacing: { before: 240 },
      tabStops: [{ type: TabStopType.LEFT, position: Math.round(WIDTH * 0.35) }],
      children: [
        new TextRun(t.signature),
        new TextRun({ children: [new Tab(), fill(t.signatureLine, { name: model.member.name })] }),
      ],
    }),
  );
  return packDocx({
    locale: model.locale,
    title: t.title,
    creator: model.organizer?.name ?? '',
    page: PAGE,
    children,
  });
}
