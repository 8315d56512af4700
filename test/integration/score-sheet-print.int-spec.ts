import { buildScoreSheetDocx } from '../../src/modules/documents/score-sheet.builder';
import { docxText } from '../support/document-text';

/**
 * A member's score sheet names each application by its public number. Printed, a number must
 * stay on one line: broken at a hyphen, `MG16-2026-0001` reads back as `MG16-20260001` — another
 * number (it happened once the database held sixteen mini-grant competitions).
 */
describe('score sheet: application numbers stay whole on the printed page', () => {
  it.each(['kk', 'ru'] as const)(
    'prints the longest numbers on one line (%s)',
    async (locale) => {
      const numbers = ['MGAB99-2026-00123', 'MG16-2026-0001'];
      const buffer = await buildScoreSheetDocx({
        locale,
        organizer: null,
        competitionTitle: 'Ауыл бастамалары',
        member: { name: 'Омаров Данияр Бекұлы' },
        criteria: [1, 2, 3, 4, 5, 6].map((i) => ({ label: `Өлшемшарт ${i}`, weight: 2, maxPoints: 10 })),
        rows: numbers.map((applicationNumber) => ({
          applicationNumber,
          title: 'Ауылдағы жастар алаңы',
          applicant: 'бастамашыл топ (топ жетекшісі — Қатысушы Мүше)',
          points: [8, 8, 8, 8, 8, 8],
          total: 8,
        })),
        conflicts: [],
      });
      const { text } = await docxText(buffer);
      for (const n of numbers) expect(text).toContain(n);
    },
    60_000,
  );
});
