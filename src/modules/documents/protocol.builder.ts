import { AlignmentType, Paragraph, Tab, TabStopType, Table, TextRun } from 'docx';
import type { ProtocolMember, ProtocolModel } from './protocol.model';
import { a4Page, packDocx } from './docx-layout';
import { deepWithoutContacts, formatAmount } from './protocol-format.util';
import {
  CONTENT_WIDTH,
  criteriaTable,
  decisionTable,
  orderMembers,
  rankingTable,
  scoreTables,
} from './protocol-tables.builder';
import { fill, protocolTexts, type ProtocolTexts } from './protocol-texts.util';

/**
 * The commission's protocol (хаттама / протокол) as an editable DOCX, in the model's locale.
 *
 * Layout: A4 portrait, margins 2 cm top and bottom, 3 cm left, 1.5 cm right; Times New
 * Roman 12 pt body and 11 pt tables; page numbers centered in the footer. Sections, in
 * order: heading (number, competition, organizer, date, place); 1 members present (with
 * roles) and absent, the quorum note; 2 declared conflicts of interest and the sentence
 * that conflicted members did not score those applications; 3 criteria (code, label,
 * weight, max points); 4 members' weighted totals per application with the mean — more
 * than {@link MAX_MEMBER_COLUMNS} scoring members split the table into parts that each
 * repeat the number and mean columns (portrait kept); 5 ranking (rank, number, applicant,
 * territory, mean with "*" for strong disagreement, median, number of scores, amount in
 * tenge when any row has one); 6 the selection rule; 7 the decision per application;
 * signature lines for the members present: chair, members, then the secretary, who
 * drew up the protocol and signs last.
 *
 * Only the fields of {@link ProtocolModel} are read, so members' private comments cannot
 * reach the document. All fixed wording lives in `texts/protocol.{kk,ru}.json`.
 */
export async function buildProtocolDocx(input: ProtocolModel): Promise<Buffer> {
  // Anyone may download a published protocol: free text (a declared conflict's reason, a note) loses contacts.
  const model = deepWithoutContacts(input);
  const t = protocolTexts(model.locale);
  const heading = headingParagraphs(model, t);
  return packDocx({
    locale: model.locale,
    title: fill(t.heading.titleWithNumber, { number: model.competition.number?.trim() || t.heading.blankNumber }),
    subject: t.documentTitle,
    creator: model.competition.organizer,
    page: a4Page('portrait', { top: 1134, bottom: 1134, left: 1701, right: 851 }).page,
    children: [
      ...heading,
      ...membersSection(model, t),
      ...conflictsSection(model, t),
      sectionTitle(t.criteria.title),
      criteriaTable(model, t),
      ...scoresSection(model, t),
      ...rankingSection(model, t),
      sectionTitle(t.selection.title),
      text(model.selectionRule),
      ...decisionSection(model, t),
      ...signatureSection(model, t),
    ],
  });
}

function text(value: string, options: { bold?: boolean; italics?: boolean; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    keepNext: options.keepNext,
    children: [new TextRun({ text: value, bold: options.bold, italics: options.italics })],
  });
}

function note(value: string): Paragraph {
  return new Paragraph({ spacing: { before: 60 }, children: [new TextRun({ text: value, italics: true, size: 22 })] });
}

function sectionTitle(value: string): Paragraph {
  return new Paragraph({
    keepNext: true,
    spacing: { before: 240, after: 120 },
    children: [new TextRun({ text: value, bold: true })],
  });
}

function headingParagraphs(model: ProtocolModel, t: ProtocolTexts): Paragraph[] {
  const h = t.heading;
  const number = model.competition.number?.trim() || h.blankNumber;
  const centered = (value: string, bold: boolean, after = 0, size = 28) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after },
      children: [new TextRun({ text: value, bold, size })],
    });
  const paragraphs: Paragraph[] = [];
  // The organization's letterhead: name, then BIN and address, as on its other papers.
  if (model.competition.organizer.trim()) {
    const details = [
      model.organizerDetails?.bin ? fill(h.organizerBin, { bin: model.organizerDetails.bin }) : '',
      model.organizerDetails?.address ? fill(h.organizerAddress, { address: model.organizerDetails.address }) : '',
    ].filter(Boolean);
    paragraphs.push(centered(model.competition.organizer.trim(), true, details.length ? 0 : 240, 24));
    if (details.length) paragraphs.push(centered(details.join('; '), false, 240, 20));
  }
  paragraphs.push(
    centered(fill(h.titleWithNumber, { number }), true),
    centered(h.subtitle, true, 240),
    text(fill(h.competition, { title: model.competition.title })),
  );
  if (model.competition.organizer.trim())
    paragraphs.push(text(fill(h.organizer, { organizer: model.competition.organizer.trim() })));
  paragraphs.push(
    text(fill(h.date, { date: model.date?.trim() || h.blankDate })),
    text(fill(h.place, { place: model.place?.trim() || h.blankPlace })),
  );
  return paragraphs;
}

function memberLines(members: ProtocolMember[], t: ProtocolTexts): Paragraph[] {
  return members.map((member, i) => {
    const values = { index: i + 1, name: member.name, role: t.roles[member.role] };
    const position = member.position?.trim();
    return text(position ? fill(t.members.lineWithPosition, { ...values, position }) : fill(t.members.line, values));
  });
}

function membersSection(model: ProtocolModel, t: ProtocolTexts): Paragraph[] {
  const ordered = orderMembers(model.members);
  const present = ordered.filter((member) => member.present);
  const absent = ordered.filter((member) => !member.present);
  const paragraphs = [
    sectionTitle(t.members.title),
    text(t.members.present, { keepNext: true }),
    ...memberLines(present, t),
  ];
  if (absent.length > 0) paragraphs.push(text(t.members.absent, { keepNext: true }), ...memberLines(absent, t));
  else paragraphs.push(text(t.members.noneAbsent));
  if (model.quorumNote?.trim()) paragraphs.push(text(model.quorumNote.trim(), { italics: true }));
  return paragraphs;
}

function conflictsSection(model: ProtocolModel, t: ProtocolTexts): Paragraph[] {
  const c = t.conflicts;
  if (model.conflicts.length === 0) return [sectionTitle(c.title), text(c.none)];
  return [
    sectionTitle(c.title),
    text(c.intro, { keepNext: true }),
    ...model.conflicts.map((conflict, i) =>
      text(
        fill(c.line, {
          index: i + 1,
          member: conflict.memberName,
          application: conflict.applicationNumber,
          reason: conflict.reason,
        }),
      ),
    ),
    text(c.consequence),
  ];
}

function scoresSection(model: ProtocolModel, t: ProtocolTexts): (Paragraph | Table)[] {
  return [
    sectionTitle(t.scores.title),
    text(t.scores.intro, { keepNext: true }),
    ...scoreTables(model, t),
    note(t.scores.legend),
  ];
}

function rankingSection(model: ProtocolModel, t: ProtocolTexts): (Paragraph | Table)[] {
  const section: (Paragraph | Table)[] = [sectionTitle(t.ranking.title), rankingTable(model, t)];
  if (model.ranking.some((row) => row.disagreement)) section.push(note(t.ranking.disagreementLegend));
  return section;
}

/** One row per application: number, project, applicant, the decision with its reason, the amount granted; then the total. */
function decisionSection(model: ProtocolModel, t: ProtocolTexts): (Paragraph | Table)[] {
  const d = t.decision;
  const section: (Paragraph | Table)[] = [
    sectionTitle(d.title),
    text(d.intro, { keepNext: true }),
    decisionTable(model, t),
  ];
  const selected = model.decision.filter((row) => row.selected);
  if (selected.some((row) => row.amount !== undefined)) {
    const total = selected.reduce((sum, row) => sum + (row.amount ?? 0), 0);
    section.push(
      new Paragraph({
        spacing: { before: 120 },
        children: [
          new TextRun({
            text: fill(d.total, { count: selected.length, amount: formatAmount(total, model.locale) }),
            bold: true,
          }),
        ],
      }),
    );
  }
  return section;
}

/** Present members sign: chair, members, then the secretary (who drew up the protocol). */
function signatureSection(model: ProtocolModel, t: ProtocolTexts): Paragraph[] {
  const s = t.signatures;
  const present = model.members.filter((member) => member.present);
  const byRole = (role: ProtocolMember['role']) => present.filter((member) => member.role === role);
  // Chair and secretary always sign: when the organizer has not named them yet, their lines are left blank.
  const blank = (role: 'chair' | 'secretary') =>
    byRole(role).length ? byRole(role) : [{ name: s.blankName, role, present: true } satisfies ProtocolMember];
  const signers = [...blank('chair'), ...byRole('member'), ...blank('secretary')];
  const tabPosition = Math.round(CONTENT_WIDTH * 0.38);
  return [
    sectionTitle(s.title),
    ...signers.map(
      (member, i) =>
        new Paragraph({
          keepNext: i < signers.length - 1,
          spacing: { before: 240 },
          tabStops: [{ type: TabStopType.LEFT, position: tabPosition }],
          children: [
            new TextRun(s[member.role]),
            new TextRun({ children: [new Tab(), fill(s.line, { name: member.name })] }),
          ],
        }),
    ),
  ];
}
