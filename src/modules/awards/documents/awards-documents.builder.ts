import { AlignmentType, Paragraph, Table, TextRun } from 'docx';
import { a4Page, packDocx, weightedTable, type DocxColumn, type TableLook } from '../../documents/docx-layout';
import { formatAmount } from '../../documents/protocol-format.util';
import { fill } from '../../documents/protocol-texts.util';
import kk from '../../documents/texts/awards.kk.json';
import ru from '../../documents/texts/awards.ru.json';

export type AwardsLocale = 'kk' | 'ru';
export type AwardsTexts = typeof kk;
const TEXTS: Record<AwardsLocale, AwardsTexts> = { kk, ru };

export function awardsTexts(locale: AwardsLocale): AwardsTexts {
  return TEXTS[locale];
}

/** One winner as the printed documents show them. */
export interface AwardsDocumentRow {
  /** Full name (with the organization, for an organization's application). */
  name: string;
  applicationNumber: string;
  /** «Жыл волонтері», «1-орын»… already in the document's language. */
  placement: string;
  /** Only on the organizer's printed list; never on the public one. */
  phone?: string;
  /** Empty until the organizer records the award. */
  prize: string;
  amount?: number | null;
}

export interface AwardsDocumentModel {
  locale: AwardsLocale;
  organizer: { name: string; bin?: string; address?: string; head?: string } | null;
  competitionTitle: string;
  /** Already as documents write it («26 қараша 2026 ж.»); a blank to fill by hand when absent. */
  date?: string;
  place?: string;
  rows: AwardsDocumentRow[];
}

/**
 * A4, margins 2 cm top and bottom, 3 cm left, 1.5 cm right, as the protocol: the winners list
 * portrait; the transfer act landscape, so a long nomination or prize reads whole in its cell.
 */
const MARGINS = { top: 1134, bottom: 1134, left: 1701, right: 851 };
const PORTRAIT = a4Page('portrait', MARGINS);
const LANDSCAPE = a4Page('landscape', MARGINS);
/** 11 pt in the cells, 10 pt in the header row; rows for a hand signature are at least 1 cm tall. */
const LOOK: TableLook = { font: 22, headerFont: 20, cellMargins: { left: 68, right: 68, top: 40, bottom: 40 } };
const SIGNING_LOOK: TableLook = { ...LOOK, rowHeight: 567 };

function paragraph(value: string, options: { bold?: boolean; before?: number; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    keepNext: options.keepNext,
    spacing: options.before ? { before: options.before } : undefined,
    children: [new TextRun({ text: value, bold: options.bold })],
  });
}

function centered(value: string, options: { bold?: boolean; size?: number; after?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: options.after ?? 0 },
    children: [new TextRun({ text: value, bold: options.bold, size: options.size })],
  });
}

/** The organizer's letterhead, the document's title, the competition, the date and the place. */
function heading(model: AwardsDocumentModel, t: AwardsTexts, title: string): Paragraph[] {
  const h = t.heading;
  const out: Paragraph[] = [];
  if (model.organizer?.name.trim()) {
    const details = [
      model.organizer.bin ? fill(h.organizerBin, { bin: model.organizer.bin }) : '',
      model.organizer.address ? fill(h.organizerAddress, { address: model.organizer.address }) : '',
    ].filter(Boolean);
    out.push(centered(model.organizer.name.trim(), { bold: true, size: 24, after: details.length ? 0 : 240 }));
    if (details.length) out.push(centered(details.join('; '), { size: 20, after: 240 }));
  }
  out.push(
    centered(title, { bold: true, size: 28, after: 240 }),
    paragraph(fill(h.competition, { title: quoted(model.competitionTitle) })),
    paragraph(fill(h.date, { date: model.date?.trim() || h.blankDate })),
    paragraph(fill(h.place, { place: model.place?.trim() || h.blankPlace })),
  );
  return out;
}

/** A party's signature: who signs (with the label), then the line and the name on the right. */
function signatureBlock(label: string, name: string, t: AwardsTexts): Paragraph[] {
  return [
    new Paragraph({ keepNext: true, keepLines: true, spacing: { before: 360 }, children: [new TextRun(label)] }),
    new Paragraph({
      keepNext: true,
      alignment: AlignmentType.RIGHT,
      spacing: { before: 240 },
      children: [new TextRun(fill(t.signatures.line, { name }))],
    }),
  ];
}

/** A bare title in «…»; one that quotes a name itself («Сәтті қадам» конкурсы) as it is, never ««…»». */
export function quoted(title: string): string {
  const trimmed = title.trim();
  return trimmed.includes('«') ? trimmed : `«${trimmed}»`;
}

/** +77015550001 → +7 701 555 00 01, as people write it; anything else as stored. */
export function readablePhone(phone: string): string {
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(phone.replace(/[\s()-]/g, ''));
  // No-break spaces: a number never splits over two lines of its cell.
  return m ? `+7\u00a0${m[1]}\u00a0${m[2]}\u00a0${m[3]}\u00a0${m[4]}` : phone;
}

function docx(
  model: AwardsDocumentModel,
  title: string,
  subject: string,
  children: (Paragraph | Table)[],
  landscape = false,
): Promise<Buffer> {
  return packDocx({
    locale: model.locale,
    title,
    subject,
    creator: model.organizer?.name ?? '',
    page: (landscape ? LANDSCAPE : PORTRAIT).page,
    children,
  });
}

/**
 * The winners list (жеңімпаздар тізімі / список победителей). The organizer's printed copy has
 * the phone and an empty signature column, and the organizer's head signs it; the public copy
 * (anyone, once the results are published) has the prize instead, and neither phones nor
 * signatures.
 */
export async function buildWinnersListDocx(model: AwardsDocumentModel, variant: 'print' | 'public'): Promise<Buffer> {
  const t = awardsTexts(model.locale);
  const w = t.winnersList;
  const number: DocxColumn<AwardsDocumentRow> = {
    header: '№',
    weight: 5,
    align: AlignmentType.CENTER,
    value: (_r, i) => String(i + 1),
  };
  const columns: DocxColumn<AwardsDocumentRow>[] =
    variant === 'print'
      ? [
          number,
          { header: w.name, weight: 31, value: (r) => r.name },
          { header: w.placement, weight: 23, value: (r) => r.placement },
          { header: w.phone, weight: 22, value: (r) => (r.phone ? readablePhone(r.phone) : '') },
          { header: w.signature, weight: 19, value: () => '' },
        ]
      : [
          number,
          { header: w.name, weight: 35, value: (r) => r.name },
          { header: w.placement, weight: 30, value: (r) => r.placement },
          { header: w.prize, weight: 30, value: (r) => r.prize },
        ];
  const body: (Paragraph | Table)[] = [...heading(model, t, w.title)];
  if (model.rows.length === 0) body.push(paragraph(w.empty, { before: 240 }));
  else
    body.push(
      paragraph(w.intro, { before: 240, keepNext: true }),
      weightedTable(columns, model.rows, PORTRAIT.textWidth, variant === 'print' ? SIGNING_LOOK : LOOK),
    );
  if (variant === 'print') {
    body.push(
      ...signatureBlock(t.signatures.organizerHead, model.organizer?.head?.trim() || t.signatures.blankName, t),
      paragraph(t.signatures.stamp, { before: 120 }),
    );
  }
  return docx(model, w.title, model.competitionTitle, body);
}

/**
 * The transfer act (қабылдау-тапсыру актісі / акт приема-передачи): who hands over (the
 * organizer), to whom and what (a numbered table: winner, application, nomination or place,
 * prize, its value and the recipient's signature), the total, and the parties' signatures.
 */
export async function buildTransferActDocx(model: AwardsDocumentModel): Promise<Buffer> {
  const t = awardsTexts(model.locale);
  const a = t.transferAct;
  const rows = model.rows.filter((r) => r.prize);
  const withAmounts = rows.some((r) => r.amount !== null && r.amount !== undefined);
  const columns: DocxColumn<AwardsDocumentRow>[] = [
    { header: '№', weight: 4, align: AlignmentType.CENTER, value: (_r, i) => String(i + 1) },
    { header: a.name, weight: 22, value: (r) => r.name },
    { header: a.application, weight: 13, value: (r) => r.applicationNumber },
    { header: a.placement, weight: 20, value: (r) => r.placement },
    { header: a.prize, weight: 22, value: (r) => r.prize },
    ...(withAmounts
      ? [
          {
            header: a.amount,
            weight: 11,
            align: AlignmentType.RIGHT,
            value: (r: AwardsDocumentRow) =>
              r.amount === null || r.amount === undefined ? '' : formatAmount(r.amount, model.locale),
          },
        ]
      : []),
    { header: a.signature, weight: 14, value: () => '' },
  ];
  const organizer = model.organizer?.name.trim() || a.organizerBlank;
  const body: (Paragraph | Table)[] = [...heading(model, t, a.title)];
  if (rows.length === 0) {
    body.push(paragraph(a.empty, { before: 240 }));
  } else {
    const sum = rows.reduce((s, r) => s + (r.amount ?? 0), 0);
    body.push(
      paragraph(fill(a.intro, { organizer, title: quoted(model.competitionTitle) }), { before: 240, keepNext: true }),
      weightedTable(columns, rows, LANDSCAPE.textWidth, SIGNING_LOOK),
      paragraph(
        withAmounts
          ? fill(a.total, { count: rows.length, amount: formatAmount(sum, model.locale) })
          : fill(a.totalNoAmount, { count: rows.length }),
        { bold: true, before: 120 },
      ),
    );
  }
  body.push(
    paragraph(a.noClaims, { before: 120 }),
    paragraph(a.copies),
    ...signatureBlock(
      `${t.signatures.handedBy} ${t.signatures.organizerHead}`,
      model.organizer?.head?.trim() || t.signatures.blankName,
      t,
    ),
    paragraph(t.signatures.stamp, { before: 120 }),
    paragraph(t.signatures.receivedBy, { before: 360 }),
  );
  return docx(model, a.title, model.competitionTitle, body, true);
}
