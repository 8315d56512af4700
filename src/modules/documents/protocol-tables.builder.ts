import {
  AlignmentType,
  Paragraph,
  Table,
  TableLayoutType,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { ProtocolMember, ProtocolModel } from './protocol.model';
import { formatAmount, formatPlain, formatScore } from './protocol-format.util';
import { fill, type ProtocolTexts } from './protocol-texts.util';

/** A4 is 11906 twips wide; margins 3 cm left + 1.5 cm right leave 16.5 cm for text and tables. */
export const CONTENT_WIDTH = 11906 - 1701 - 851;
/** Table text: Times New Roman 11 pt (half-points); header rows 10 pt so a column's heading word never breaks. */
const TABLE_FONT_SIZE = 22;
const HEADER_FONT_SIZE = 20;
/** Narrow cell padding (0.12 cm a side): more room for a column's longest word. */
const CELL_MARGINS = { left: 68, right: 68, top: 15, bottom: 15 };
/**
 * At most this many member columns per score table. A bigger commission's table is split
 * into parts of (almost) equal width, each repeating the application number and the mean
 * column, so every part reads on its own and the page stays portrait like the rest of the
 * protocol. Eight 11 pt columns of "10,00" fit 16.5 cm with the number and mean columns.
 */
export const MAX_MEMBER_COLUMNS = 8;

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

interface CellOptions {
  bold?: boolean;
  align?: Align;
  size?: number;
}

/** A cell; a value with line breaks becomes one paragraph per line, the first one bold when it leads a block. */
function cell(text: string, width: number, options: CellOptions = {}): TableCell {
  const lines = text.split('\n');
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    children: lines.map(
      (line, i) =>
        new Paragraph({
          alignment: options.align ?? AlignmentType.LEFT,
          spacing: { before: 0, after: 0 },
          children: [
            new TextRun({
              text: line,
              bold: options.bold || (lines.length > 1 && i === 0),
              size: options.size ?? TABLE_FONT_SIZE,
            }),
          ],
        }),
    ),
  });
}

interface Column<Row> {
  header: string;
  /** Relative width; the table is scaled to the text width. */
  weight: number;
  align?: Align;
  value: (row: Row) => string;
}

/** A fixed-layout, full-width table with a header row repeated on every page. */
function table<Row>(columns: Column<Row>[], rows: readonly Row[]): Table {
  const total = columns.reduce((sum, column) => sum + column.weight, 0);
  const widths = columns.map((column) => Math.floor((column.weight / total) * CONTENT_WIDTH));
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((column, i) =>
      cell(column.header, widths[i], { bold: true, align: AlignmentType.CENTER, size: HEADER_FONT_SIZE }),
    ),
  });
  const body = rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: columns.map((column, i) => cell(column.value(row), widths[i], { align: column.align })),
      }),
  );
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: CELL_MARGINS,
    rows: [header, ...body],
  });
}

const ROLE_ORDER: Record<ProtocolMember['role'], number> = { chair: 0, secretary: 1, member: 2 };

/** Chair, then secretary, then members, each group in the model's order. */
export function orderMembers(members: readonly ProtocolMember[]): ProtocolMember[] {
  return members
    .map((member, index) => ({ member, index }))
    .sort((a, b) => ROLE_ORDER[a.member.role] - ROLE_ORDER[b.member.role] || a.index - b.index)
    .map(({ member }) => member);
}

export function criteriaTable(model: ProtocolModel, t: ProtocolTexts): Table {
  const c = t.criteria;
  return table(
    [
      { header: c.index, weight: 8, align: AlignmentType.CENTER, value: (row) => String(row.index) },
      { header: c.label, weight: 58, value: (row) => row.label },
      {
        header: c.weight,
        weight: 14,
        align: AlignmentType.CENTER,
        value: (row) => formatPlain(row.weight, model.locale),
      },
      {
        header: c.maxPoints,
        weight: 20,
        align: AlignmentType.CENTER,
        value: (row) => formatPlain(row.maxPoints, model.locale),
      },
    ],
    model.criteria.map((criterion, i) => ({ ...criterion, index: i + 1 })),
  );
}

/** Applications in ranking order, then any scored application the ranking lacks. */
function applicationOrder(model: ProtocolModel): string[] {
  const numbers = [...model.ranking].sort((a, b) => a.rank - b.rank).map((row) => row.applicationNumber);
  for (const score of model.scores) numbers.push(score.applicationNumber);
  return [...new Set(numbers)];
}

/** Members who scored at least once, in protocol order; score authors missing from the member list come last. */
function scoringMembers(model: ProtocolModel): string[] {
  const scored = new Set(model.scores.map((score) => score.memberName));
  const listed = orderMembers(model.members).map((member) => member.name);
  return [...new Set([...listed.filter((name) => scored.has(name)), ...scored])];
}

function chunk<T>(items: readonly T[], maxSize: number): T[][] {
  if (items.length === 0) return [[]];
  const parts = Math.ceil(items.length / maxSize);
  const size = Math.ceil(items.length / parts);
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** Score tables (applications × members' weighted totals, then the mean), split when the commission is large. */
export function scoreTables(model: ProtocolModel, t: ProtocolTexts): (Paragraph | Table)[] {
  const s = t.scores;
  const key = (member: string, application: string) => `${member}\u0000${application}`;
  const totals = new Map(model.scores.map((score) => [key(score.memberName, score.applicationNumber), score.total]));
  const conflicts = new Set(model.conflicts.map((c) => key(c.memberName, c.applicationNumber)));
  const rankedMeans = new Map(model.ranking.map((row) => [row.applicationNumber, row.mean]));

  const meanOf = (application: string): string => {
    const ranked = rankedMeans.get(application);
    if (ranked !== undefined) return formatScore(ranked, model.locale);
    const own = model.scores.filter((score) => score.applicationNumber === application).map((score) => score.total);
    if (own.length === 0) return s.missingMark;
    return formatScore(own.reduce((sum, v) => sum + v, 0) / own.length, model.locale);
  };
  const valueOf = (member: string, application: string): string => {
    const total = totals.get(key(member, application));
    if (total !== undefined) return formatScore(total, model.locale);
    return conflicts.has(key(member, application)) ? s.conflictMark : s.missingMark;
  };

  const applications = applicationOrder(model);
  const parts = chunk(scoringMembers(model), MAX_MEMBER_COLUMNS);
  const output: (Paragraph | Table)[] = [];
  parts.forEach((members, index) => {
    if (parts.length > 1) {
      output.push(
        new Paragraph({
          spacing: { before: 120, after: 60 },
          keepNext: true,
          children: [new TextRun({ text: fill(s.part, { part: index + 1, parts: parts.length }), italics: true })],
        }),
      );
    }
    const columns: Column<string>[] = [
      { header: s.application, weight: 19, value: (application) => application },
      ...members.map((member) => ({
        header: member,
        weight: (100 - 19 - 12) / Math.max(members.length, 1),
        align: AlignmentType.CENTER,
        value: (application: string) => valueOf(member, application),
      })),
      { header: s.mean, weight: 12, align: AlignmentType.CENTER, value: meanOf },
    ];
    output.push(table(columns, applications));
  });
  return output;
}

export function rankingTable(model: ProtocolModel, t: ProtocolTexts): Table {
  const r = t.ranking;
  const rows = [...model.ranking].sort((a, b) => a.rank - b.rank);
  type Row = (typeof rows)[number];
  const columns: Column<Row>[] = [
    { header: r.rank, weight: 8, align: AlignmentType.CENTER, value: (row) => String(row.rank) },
    {
      header: `${r.application}\n${r.applicant}`,
      weight: 30,
      value: (row) => [row.applicationNumber, row.applicant].filter(Boolean).join('\n'),
    },
    { header: r.territory, weight: 18, value: (row) => row.territory },
    {
      header: r.mean,
      weight: 11,
      align: AlignmentType.CENTER,
      value: (row) => formatScore(row.mean, model.locale) + (row.disagreement ? r.disagreementMark : ''),
    },
    {
      header: r.median,
      weight: 11,
      align: AlignmentType.CENTER,
      value: (row) => formatScore(row.median, model.locale),
    },
    { header: r.count, weight: 10, align: AlignmentType.CENTER, value: (row) => String(row.count) },
  ];
  if (rows.some((row) => row.amount !== undefined)) {
    columns.push({
      header: r.amount,
      weight: 14,
      align: AlignmentType.RIGHT,
      value: (row) => (row.amount === undefined ? t.scores.missingMark : formatAmount(row.amount, model.locale)),
    });
  }
  return table(columns, rows);
}

/** The decision per application: number, project title, applicant, the decision with its reason, the amount granted. */
export function decisionTable(model: ProtocolModel, t: ProtocolTexts): Table {
  const d = t.decision;
  const rows = model.decision.map((row, i) => ({ ...row, index: i + 1 }));
  type Row = (typeof rows)[number];
  const withAmounts = rows.some((row) => row.amount !== undefined);
  const columns: Column<Row>[] = [
    { header: t.criteria.index, weight: 5, align: AlignmentType.CENTER, value: (row) => String(row.index) },
    {
      header: `${t.ranking.application}\n${d.columnTitle}\n${t.ranking.applicant}`,
      weight: withAmounts ? 46 : 55,
      value: (row) =>
        [row.applicationNumber, row.title ? `«${row.title}»` : '', row.applicant ?? ''].filter(Boolean).join('\n'),
    },
    {
      header: d.columnDecision,
      weight: 36,
      value: (row) => [row.selected ? d.selected : d.notSelected, row.reason.trim()].filter(Boolean).join(' — '),
    },
  ];
  if (withAmounts) {
    columns.push({
      header: t.ranking.amount,
      weight: 14,
      align: AlignmentType.RIGHT,
      value: (row) =>
        row.selected && row.amount !== undefined ? formatAmount(row.amount, model.locale) : t.scores.missingMark,
    });
  }
  return table(columns, rows);
}
