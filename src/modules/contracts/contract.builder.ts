import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { formatTenge } from '../../../libs/kz';
import { formatMessage } from '../../common/i18n/message-format';
import { documentStyles } from '../documents/protocol-format.util';
import { amountInWords } from './domain/amount-in-words';
import type { ContractStatus } from './domain/contract-status';
import { ContractContent, ContractTranche, trancheConditionKey } from './domain/contract-terms';
import kk from './texts/contract.kk.json';
import ru from './texts/contract.ru.json';

/** The contract's fixed wording; both files have this shape (a spec checks it). */
export type ContractTexts = typeof kk;
export const CONTRACT_TEXTS: Record<'kk' | 'ru', ContractTexts> = { kk, ru };

/** A4 11906 twips wide; 3 cm left and 1.5 cm right margins, as our other documents. */
const CONTENT_WIDTH = 11906 - 1701 - 851;
const TABLE_FONT = 22;

export function fillText(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    if (!(key in values)) throw new Error(`No value for placeholder {${key}} in "${template}"`);
    return String(values[key]);
  });
}

export function contractDate(isoDate: string, locale: 'kk' | 'ru'): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const c = CONTRACT_TEXTS[locale].calendar;
  return fillText(c.long, { day: d, month: c.months[m - 1], year: y });
}

/**
 * The grant contract as an editable DOCX in one language: title and number, place and date
 * blanks, the parties, 1 subject, 2 sum (in figures and words; a host organization's
 * overhead as its own line with the arithmetic), 3 dates, 4 payment schedule, 5 reporting
 * due dates, 6 duties, 7 termination, 8 the parties' details and signature blocks; then
 * Annex 1, the approved budget. Everything it says comes from the stored content, so a
 * sent revision reads the same whenever it is downloaded.
 */
export async function buildContractDocx(
  content: ContractContent,
  locale: 'kk' | 'ru',
  meta: { status: ContractStatus },
): Promise<Buffer> {
  const t = CONTRACT_TEXTS[locale];
  const title = fillText(t.title, { number: content.number });
  const document = new Document({
    title,
    subject: t.documentTitle,
    creator: content.organizer?.name ?? '',
    styles: documentStyles(locale),
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838, orientation: PageOrientation.PORTRAIT },
            margin: { top: 1134, bottom: 1134, left: 1701, right: 851, header: 567, footer: 567 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${content.number} · `, size: 18 }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 18 }),
                ],
              }),
            ],
          }),
        },
        children: [
          ...heading(content, t, meta.status, title),
          ...parties(content, t, locale),
          section(t.subject.title),
          text(fillText(t.subject.text, { title: content.application.title, application: content.application.number })),
          ...amountSection(content, t, locale),
          section(t.dates.title),
          text(
            fillText(t.dates.period, {
              start: contractDate(content.startsOn, locale),
              end: contractDate(content.endsOn, locale),
            }),
          ),
          text(t.dates.force),
          ...paymentSection(content, t, locale),
          ...reportingSection(content, t, locale),
          section(t.duties.title),
          text(t.duties.organizer),
          text(t.duties.grantee),
          text(t.duties.changes),
          section(t.termination.title),
          text(t.termination.text),
          section(t.signatures.title),
          signatureTable(content, t),
          ...annex(content, t, locale),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

function text(
  value: string,
  options: { bold?: boolean; italics?: boolean; size?: number; before?: number } = {},
): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: options.before ? { before: options.before } : undefined,
    children: [new TextRun({ text: value, bold: options.bold, italics: options.italics, size: options.size })],
  });
}

function centered(value: string, options: { bold?: boolean; after?: number; size?: number; italics?: boolean } = {}) {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: options.after ?? 0 },
    children: [new TextRun({ text: value, bold: options.bold, size: options.size, italics: options.italics })],
  });
}

function section(value: string): Paragraph {
  return new Paragraph({
    keepNext: true,
    spacing: { before: 200, after: 100 },
    children: [new TextRun({ text: value, bold: true })],
  });
}

function heading(content: ContractContent, t: ContractTexts, status: ContractStatus, title: string): Paragraph[] {
  const lines: Paragraph[] = [];
  if (status === 'draft') lines.push(centered(t.draftMark, { italics: true, size: 20, after: 120 }));
  lines.push(centered(title, { bold: true, size: 28 }));
  if (content.revision > 1) lines.push(centered(fillText(t.revision, { revision: content.revision }), { size: 22 }));
  lines.push(
    new Paragraph({
      spacing: { before: 240, after: 240 },
      tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH }],
      children: [new TextRun(t.placeBlank), new TextRun({ text: `\t${t.dateBlank}` })],
    }),
  );
  return lines;
}

function granteeParty(content: ContractContent, t: ContractTexts): string {
  const g = content.grantee;
  const name = g.person?.fullName || t.blank;
  const iin = g.person?.iin || t.blank;
  const org = g.organization;
  const orgValues = { org: org?.name || t.blank, bin: org?.bin || t.blank, head: org?.headName || t.blank };
  switch (g.kind) {
    case 'initiative_group':
      return fillText(t.party.initiative_group, { title: content.application.title, name, iin });
    case 'individual':
      return fillText(t.party.individual, { name, iin });
    case 'ngo':
      return fillText(t.party.ngo, orgValues);
    case 'host_organization':
      return fillText(t.party.host_organization, { ...orgValues, name, iin });
  }
}

function parties(content: ContractContent, t: ContractTexts, locale: 'kk' | 'ru'): Paragraph[] {
  const o = content.organizer;
  const organizer = fillText(t.organizerParty, {
    name: o?.name || t.blank,
    bin: o?.bin || t.blank,
    head: o?.headName || t.blank,
  });
  return [
    text(
      fillText(t.preamble, {
        organizer,
        grantee: granteeParty(content, t),
        competition: content.competition.title[locale],
      }),
    ),
  ];
}

function tenge(amount: number, locale: 'kk' | 'ru'): string {
  return formatTenge(amount, locale);
}

function amountSection(content: ContractContent, t: ContractTexts, locale: 'kk' | 'ru'): (Paragraph | Table)[] {
  const a = content.amounts;
  const out: (Paragraph | Table)[] = [
    section(t.amount.title),
    text(fillText(t.amount.total, { amount: tenge(a.total, locale), words: amountInWords(a.total, locale) })),
  ];
  if (a.overheadPercent === null) {
    out.push(text(t.amount.plain));
    return out;
  }
  const percent = String(a.overheadPercent).replace('.', ',');
  const rows: [string, string][] =
    a.overheadMode === 'inside'
      ? [
          [t.amount.totalLine, tenge(a.total, locale)],
          [fillText(t.amount.overheadLine, { percent }), tenge(a.overhead, locale)],
          [t.amount.projectLine, tenge(a.projectFunds, locale)],
        ]
      : [
          [t.amount.budgetLine, tenge(a.budget, locale)],
          [fillText(t.amount.overheadLine, { percent }), tenge(a.overhead, locale)],
          [t.amount.totalLine, tenge(a.total, locale)],
        ];
  out.push(
    text(t.amount.breakdown),
    table(
      [
        { header: t.amount.line, weight: 7 },
        { header: t.amount.sum, weight: 3, align: AlignmentType.RIGHT },
      ],
      rows.map(([label, sum]) => [label, sum]),
      { boldLast: a.overheadMode !== 'inside' },
    ),
    text(
      fillText(a.overheadMode === 'inside' ? t.amount.arithmeticInside : t.amount.arithmeticOnTop, {
        budget: tenge(a.budget, locale),
        percent,
        overhead: tenge(a.overhead, locale),
        total: tenge(a.total, locale),
        project: tenge(a.projectFunds, locale),
      }),
      { size: 22, before: 80 },
    ),
  );
  return out;
}

function paymentSection(content: ContractContent, t: ContractTexts, locale: 'kk' | 'ru'): (Paragraph | Table)[] {
  const p = t.payments;
  return [
    section(p.title),
    table(
      [
        { header: p.number, weight: 1, align: AlignmentType.CENTER },
        { header: p.tranche, weight: 2 },
        { header: p.share, weight: 2.2, align: AlignmentType.RIGHT },
        { header: p.sum, weight: 2.2, align: AlignmentType.RIGHT },
        { header: p.condition, weight: 5.1 },
      ],
      content.payments.tranches.map((tr, i, all) => [
        String(tr.index),
        fillText(p.trancheName, { index: tr.index }),
        trancheShare(tr, i === all.length - 1 && all.some((x) => x.percent === null), p),
        tenge(tr.amount, locale),
        p[trancheConditionKey(tr)],
      ]),
    ),
    text(p.account, { before: 80 }),
    ...(content.payments.isDefault ? [text(p.defaultNote, { italics: true, size: 22 })] : []),
  ];
}

/** A percent of the sum, a fixed sum, or (the last tranche of a schedule with fixed sums) the rest of the sum. */
function trancheShare(tranche: ContractTranche, rest: boolean, p: ContractTexts['payments']): string {
  if (rest) return p.rest;
  return tranche.percent === null ? p.fixed : `${tranche.percent}%`;
}

function reportingSection(content: ContractContent, t: ContractTexts, locale: 'kk' | 'ru'): Paragraph[] {
  const r = t.reporting;
  const stages = content.reporting.stages ?? [];
  // Each stage with its due date; a contract made before stages says its one date as it did.
  const due = stages.length
    ? [
        text(r.stagesIntro),
        ...stages.map((s, i) => {
          const days =
            s.rule.daysAfterEnd === undefined
              ? ''
              : ` ${formatMessage(locale, r.afterEnd, { days: s.rule.daysAfterEnd })}`;
          return text(
            `– ${fillText(r[s.stage], { due: contractDate(s.dueOn, locale) })}${days}${i === stages.length - 1 ? '.' : ';'}`,
          );
        }),
      ]
    : [
        text(
          fillText(r.due, { due: contractDate(content.reporting.dueOn, locale), days: content.reporting.daysAfterEnd }),
        ),
      ];
  return [
    section(r.title),
    ...due,
    text(r.content),
    ...(content.reporting.isDefault ? [text(r.defaultNote, { italics: true, size: 22 })] : []),
  ];
}

function signatureTable(content: ContractContent, t: ContractTexts): Table {
  const s = t.signatures;
  const o = content.organizer;
  const g = content.grantee;
  const organizerLines = [
    s.organizer,
    o?.name || t.blank,
    fillText(s.bin, { bin: o?.bin || t.blank }),
    ...(o?.address ? [fillText(s.address, { address: o.address })] : []),
    fillText(s.head, { name: o?.headName || t.blank }),
    '',
    s.sign,
    s.stamp,
  ];
  const granteeLines = g.organization
    ? [
        s.grantee,
        g.organization.name,
        fillText(s.bin, { bin: g.organization.bin }),
        ...(g.organization.address ? [fillText(s.address, { address: g.organization.address })] : []),
        fillText(s.head, { name: g.organization.headName || t.blank }),
        ...(g.kind === 'host_organization' && g.person ? [fillText(s.leader, { name: g.person.fullName })] : []),
        '',
        s.sign,
        s.stamp,
      ]
    : [s.grantee, g.person?.fullName || t.blank, fillText(s.iin, { iin: g.person?.iin || t.blank }), '', s.sign];
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const half = Math.floor(CONTENT_WIDTH / 2);
  const column = (lines: string[]) =>
    new TableCell({
      width: { size: half, type: WidthType.DXA },
      borders: { top: none, bottom: none, left: none, right: none },
      children: lines.map(
        (line, i) =>
          new Paragraph({
            spacing: { after: 40 },
            children: [new TextRun({ text: line, bold: i === 0, size: TABLE_FONT })],
          }),
      ),
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: half * 2, type: WidthType.DXA },
    columnWidths: [half, half],
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [new TableRow({ cantSplit: true, children: [column(organizerLines), column(granteeLines)] })],
  });
}

function annex(content: ContractContent, t: ContractTexts, locale: 'kk' | 'ru'): (Paragraph | Table)[] {
  const x = t.annex;
  const a = content.amounts;
  const right = (value: string) =>
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: value, size: 22 })] });
  const rows: string[][] = content.budget.map((line, i) => [
    String(i + 1),
    line.item,
    String(line.quantity),
    tenge(line.unitCost, locale),
    tenge(line.total, locale),
  ]);
  rows.push(['', x.budgetTotal, '', '', tenge(a.budget, locale)]);
  if (a.overheadPercent !== null && a.overheadMode === 'on_top') {
    const percent = String(a.overheadPercent).replace('.', ',');
    rows.push(['', fillText(x.overhead, { percent }), '', '', tenge(a.overhead, locale)]);
    rows.push(['', x.contractTotal, '', '', tenge(a.total, locale)]);
  } else if (a.overheadPercent !== null) {
    const percent = String(a.overheadPercent).replace('.', ',');
    rows.push(['', fillText(x.overhead, { percent }), '', '', tenge(a.overhead, locale)]);
  }
  return [
    new Paragraph({ children: [new PageBreak()] }),
    right(x.title),
    right(fillText(x.contract, { number: content.number })),
    centered(x.subtitle, { bold: true, after: 200 }),
    ...(content.budget.length === 0 ? [text(x.empty)] : []),
    table(
      [
        { header: x.number, weight: 0.7, align: AlignmentType.CENTER },
        { header: x.item, weight: 5.4 },
        { header: x.quantity, weight: 2.1, align: AlignmentType.RIGHT },
        { header: x.unitCost, weight: 2.4, align: AlignmentType.RIGHT },
        { header: x.total, weight: 2.4, align: AlignmentType.RIGHT },
      ],
      rows,
      { boldFrom: content.budget.length },
    ),
    new Paragraph({ spacing: { before: 360 }, children: [] }),
    signatureTable(content, t),
  ];
}

interface TableColumn {
  header: string;
  weight: number;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
}

function table(columns: TableColumn[], rows: string[][], options: { boldLast?: boolean; boldFrom?: number } = {}) {
  const total = columns.reduce((s, c) => s + c.weight, 0);
  const widths = columns.map((c) => Math.floor((c.weight / total) * CONTENT_WIDTH));
  const cell = (value: string, i: number, bold: boolean, header = false) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 68, right: 68, top: 15, bottom: 15 },
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : (columns[i].align ?? AlignmentType.LEFT),
          spacing: { after: 0 },
          children: [new TextRun({ text: value, bold, size: header ? 20 : TABLE_FONT })],
        }),
      ],
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map((c, i) => cell(c.header, i, true, true)),
      }),
      ...rows.map(
        (row, r) =>
          new TableRow({
            cantSplit: true,
            children: row.map((value, i) =>
              cell(
                value,
                i,
                (options.boldLast === true && r === rows.length - 1) ||
                  (options.boldFrom !== undefined && r >= options.boldFrom),
              ),
            ),
          }),
      ),
    ],
  });
}
