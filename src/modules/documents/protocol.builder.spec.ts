import kk from './texts/protocol.kk.json';
import ru from './texts/protocol.ru.json';
import { readDocx } from '../../../test/support/docx-reader';
import { buildProtocolDocx } from './protocol.builder';
import { APPLICATIONS, MEMBERS, sampleProtocolModel } from '../../../test/support/protocol';
import type { ProtocolLocale, ProtocolModel } from './protocol.model';

const NBSP = '\u00a0';
const TEXTS = { kk, ru };
const SIGN = { kk: kk.signatures, ru: ru.signatures };

/** Every string leaf of a wording file, with its dotted key. */
function leaves(value: unknown, prefix = ''): [string, string][] {
  if (typeof value === 'string') return [[prefix, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    leaves(child, prefix ? `${prefix}.${key}` : key),
  );
}

async function build(model: ProtocolModel) {
  return readDocx(await buildProtocolDocx(model));
}

describe('buildProtocolDocx', () => {
  describe.each<ProtocolLocale>(['kk', 'ru'])('a small commission in %s', (locale) => {
    const t = TEXTS[locale];
    const other = locale === 'kk' ? ru : kk;
    const model = sampleProtocolModel(locale);
    model.organizerDetails = { bin: '150540074734', address: 'Талдықорған қ., Тәуелсіздік к-сі, 12' };
    model.members[1].position = 'ҮЕҰ ресурстық орталығының директоры';
    model.decision.forEach((row, i) => {
      row.title = `Жоба ${i + 1}`;
      row.applicant = model.ranking[i].applicant;
      if (row.selected) row.amount = 300_000;
    });
    // Contacts typed into free text (a declared conflict's reason) never reach the document.
    model.conflicts[0].reason += ', тел. +7 701 555 12 34, aga@mail.kz';
    // A private comment smuggled in at run time: the builder must not print unknown fields.
    const PRIVATE = 'ЖЕКЕ ПІКІР: бұл тек менің жазбам';
    (model.scores[0] as unknown as { comment: string }).comment = PRIVATE;
    let doc: Awaited<ReturnType<typeof build>>;
    let all: string;

    beforeAll(async () => {
      doc = await build(model);
      all = doc.paragraphs.join('\n');
    });

    it('is a valid DOCX zip with A4 pages and Times New Roman 12 / 11 pt', () => {
      for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml']) {
        expect(doc.entries.has(part)).toBe(true);
      }
      expect(doc.xml.startsWith('<?xml')).toBe(true);
      expect(doc.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      const styles = doc.entries.get('word/styles.xml')!.toString('utf8');
      expect(styles).toContain('w:ascii="Times New Roman"');
      expect(styles).toMatch(/<w:sz w:val="24"\/>/);
      expect(doc.xml).toMatch(/<w:sz w:val="22"\/>/);
    });

    it('opens with the organizer letterhead, the heading in its own language, the competition, date and place', () => {
      expect(doc.paragraphs[0]).toBe(model.competition.organizer);
      expect(doc.paragraphs[1]).toBe(
        `${t.heading.organizerBin.replace('{bin}', '150540074734')}; ${t.heading.organizerAddress.replace('{address}', 'Талдықорған қ., Тәуелсіздік к-сі, 12')}`,
      );
      expect(doc.paragraphs[2]).toBe(`${t.heading.title} №${NBSP}7`);
      expect(doc.paragraphs[3]).toBe(t.heading.subtitle);
      expect(doc.paragraphs).toContain(t.heading.competition.replace('{title}', model.competition.title));
      expect(doc.paragraphs).toContain(t.heading.organizer.replace('{organizer}', model.competition.organizer));
      expect(doc.paragraphs).toContain(t.heading.date.replace('{date}', '15.07.2024'));
      expect(doc.paragraphs).toContain(t.heading.place.replace('{place}', model.place!));
    });

    it('contains no heading or fixed wording of the other language', () => {
      expect(all).not.toContain(other.heading.title);
      const own = new Set(leaves(t).map(([, v]) => v));
      for (const [key, value] of leaves(other)) {
        if (own.has(value) || value.includes('{')) continue; // shared marks like "*", "×"; templates are checked filled
        expect({ key, found: all.includes(value) }).toEqual({ key, found: false });
      }
      expect(all).not.toMatch(/\{\w+\}/);
    });

    it('lists present members with roles, chair first, and the absent member separately', () => {
      const present = doc.paragraphs.indexOf(t.members.present);
      const absent = doc.paragraphs.indexOf(t.members.absent);
      expect(doc.paragraphs.slice(present + 1, absent)).toEqual([
        `1. ${MEMBERS.chair}, ҮЕҰ ресурстық орталығының директоры — ${t.roles.chair}`,
        `2. ${MEMBERS.secretary} — ${t.roles.secretary}`,
        `3. ${MEMBERS.third} — ${t.roles.member}`,
        `4. ${MEMBERS.fourth} — ${t.roles.member}`,
      ]);
      expect(doc.paragraphs[absent + 1]).toBe(`1. ${MEMBERS.absent} — ${t.roles.member}`);
      expect(doc.paragraphs).toContain(model.quorumNote);
      for (const name of Object.values(MEMBERS)) expect(all).toContain(name);
    });

    it('states the conflict of interest and that the conflicted member did not score it', () => {
      const line = t.conflicts.line
        .replace('{index}', '1')
        .replace('{member}', MEMBERS.third)
        .replace('{application}', 'MG-2024-0002')
        .replace('{reason}', model.conflicts[0].reason.replace(/тел\..*$/, 'тел. ***, ***'));
      expect(doc.paragraphs).toContain(line);
      expect(doc.paragraphs).toContain(t.conflicts.consequence);
    });

    it('shows every application, member totals and means with a decimal comma', () => {
      for (const number of APPLICATIONS) expect(all).toContain(number);
      for (const shown of ['8,75', '8,00', '7,13', '5,50', '9,50']) expect(doc.paragraphs).toContain(shown);
      expect(all.replace(/\d\d\.\d\d\.\d{4}/g, '')).not.toMatch(/\d\.\d/); // no "8.75" once dates are removed
      expect(doc.paragraphs).toContain(t.scores.conflictMark);
      expect(doc.paragraphs).toContain(t.scores.legend);
      for (const criterion of model.criteria) expect(doc.paragraphs).toContain(criterion.label);
      expect(doc.paragraphs).toContain('0,35');
      for (const criterion of model.criteria) expect(doc.paragraphs).not.toContain(criterion.code);
    });

    it('ranks with the disagreement mark, the applicants (XML-escaped) and amounts in tenge', () => {
      expect(doc.paragraphs).toContain(`7,13${t.ranking.disagreementMark}`);
      expect(doc.paragraphs).toContain(t.ranking.disagreementLegend);
      for (const row of model.ranking) expect(doc.paragraphs).toContain(row.applicant);
      expect(doc.xml).toContain('&amp; Бала');
      expect(doc.paragraphs.filter((p) => p === `300${NBSP}000${NBSP}₸`)).toHaveLength(6); // ranking + decision
    });

    it('gives the selection rule and the decision per application: project, applicant, amount, then the total', () => {
      expect(doc.paragraphs).toContain(model.selectionRule);
      const d = t.decision;
      const decisions = doc.paragraphs.slice(doc.paragraphs.indexOf(d.intro));
      expect(decisions).toContain(`${d.selected} — ${model.decision[0].reason}`);
      expect(decisions).toContain(`${d.notSelected} — ${model.decision[2].reason}`);
      expect(decisions).toContain(d.selected);
      for (const [i, row] of model.decision.entries()) {
        expect(decisions).toContain(row.applicationNumber);
        expect(decisions).toContain(`«Жоба ${i + 1}»`);
        expect(decisions).toContain(row.applicant);
      }
      expect(decisions).toContain(d.total.replace('{count}', '3').replace('{amount}', `900${NBSP}000${NBSP}₸`));
    });

    it('prints no e-mail address or phone number', () => {
      expect(doc.xml).not.toMatch(/@|555 12 34/);
    });

    it('has a signature line per present member only: chair, members, secretary last', () => {
      const s = SIGN[locale];
      const lines = doc.paragraphs.filter((p) => p.includes('_____________'));
      expect(lines).toEqual([
        `${s.chair}\t_____________ / ${MEMBERS.chair} /`,
        `${s.member}\t_____________ / ${MEMBERS.third} /`,
        `${s.member}\t_____________ / ${MEMBERS.fourth} /`,
        `${s.secretary}\t_____________ / ${MEMBERS.secretary} /`,
      ]);
    });

    it('never prints a private comment', () => {
      expect(doc.xml).not.toContain('ЖЕКЕ ПІКІР');
    });
  });

  it('handles a protocol without number, place, conflicts, absences or amounts', async () => {
    const base = sampleProtocolModel('ru');
    const model: ProtocolModel = {
      ...base,
      competition: { ...base.competition, number: undefined },
      place: undefined,
      quorumNote: undefined,
      conflicts: [],
      members: base.members.map((m) => ({ ...m, present: true })),
      ranking: base.ranking.map(({ amount: _amount, ...row }) => ({ ...row, disagreement: false })),
    };
    const doc = await build({ ...model, competition: { ...model.competition, organizer: '' }, date: undefined });
    expect(doc.paragraphs[0]).toBe(`ПРОТОКОЛ №${NBSP}______`);
    // Left blank to fill in by hand, never the day the file was generated.
    expect(doc.paragraphs).toContain(`Дата проведения: ${ru.heading.blankDate}`);
    expect(doc.paragraphs).toContain(ru.conflicts.none);
    expect(doc.paragraphs).not.toContain(ru.conflicts.consequence);
    expect(doc.paragraphs).toContain(ru.members.noneAbsent);
    expect(doc.paragraphs).toContain(`Место проведения: ${ru.heading.blankPlace}`);
    expect(doc.paragraphs).not.toContain(ru.ranking.amount);
    expect(doc.paragraphs).not.toContain(ru.ranking.disagreementLegend);
    expect(doc.paragraphs.filter((p) => p.includes('\t_____________ /'))).toHaveLength(5);
  });

  it('splits the score table of a large commission into parts that each repeat number and mean', async () => {
    const base = sampleProtocolModel('kk');
    const names = Array.from({ length: 11 }, (_, i) => `Сарапшы №${i + 1}`);
    const model: ProtocolModel = {
      ...base,
      members: names.map((name, i) => ({
        name,
        role: i === 0 ? 'chair' : i === 1 ? 'secretary' : 'member',
        present: true,
      })),
      conflicts: [],
      scores: names.flatMap((memberName) =>
        APPLICATIONS.map((applicationNumber) => ({ applicationNumber, memberName, total: 8, perCriterion: [8, 8, 8] })),
      ),
    };
    const doc = await build(model);
    expect(doc.paragraphs).toContain('2 бөліктің 1-бөлігі');
    expect(doc.paragraphs).toContain('2 бөліктің 2-бөлігі');
    expect((doc.xml.match(/<w:tbl>/g) ?? []).length).toBe(5); // criteria, 2 score parts, ranking, decision
    expect(doc.paragraphs.filter((p) => p === kk.scores.mean)).toHaveLength(3); // 2 score parts + ranking
    for (const name of names) expect(doc.paragraphs).toContain(name);
    expect(doc.paragraphs.filter((p) => p === '8,75')).toHaveLength(4); // mean in 2 parts + ranking mean and median
  });

  it('has the same keys and placeholders in the Kazakh and Russian wording', () => {
    const placeholders = (v: string) => (v.match(/\{\w+\}/g) ?? []).sort();
    const kkLeaves = new Map(leaves(kk));
    const ruLeaves = new Map(leaves(ru));
    expect([...ruLeaves.keys()].sort()).toEqual([...kkLeaves.keys()].sort());
    for (const [key, value] of kkLeaves)
      expect({ key, p: placeholders(ruLeaves.get(key)!) }).toEqual({ key, p: placeholders(value) });
  });
});
