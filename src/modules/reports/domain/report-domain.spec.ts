import { financialTable, overspendLimit } from './financial';
import { daysLeft, reminderOffsetDue } from './reminders';
import { isEditable, mayMove, nextSteps, REPORT_STATUSES, ReportStatus, submissionTarget } from './report-status';

describe('report review: the state table', () => {
  const table: Record<string, 'grantee' | 'organizer'> = {
    'draft>submitted': 'grantee',
    'submitted>accepted': 'organizer',
    'submitted>returned': 'organizer',
    'returned>resubmitted': 'grantee',
    'resubmitted>accepted': 'organizer',
    'resubmitted>returned': 'organizer',
  };

  it('allows exactly the moves of draft → submitted → accepted | returned → resubmitted, each by its party', () => {
    for (const from of REPORT_STATUSES)
      for (const to of REPORT_STATUSES)
        for (const by of ['grantee', 'organizer'] as const)
          expect([from, to, by, mayMove(from, to, by)]).toEqual([from, to, by, table[`${from}>${to}`] === by]);
  });

  it('lets the grantee edit a draft or a returned report only; accepted is final', () => {
    expect(REPORT_STATUSES.filter(isEditable)).toEqual(['draft', 'returned']);
    expect(nextSteps('accepted')).toEqual([]);
    const targets = Object.fromEntries(REPORT_STATUSES.map((s) => [s, submissionTarget(s as ReportStatus)]));
    expect(targets).toEqual({
      draft: 'submitted',
      submitted: null,
      returned: 'resubmitted',
      resubmitted: null,
      accepted: null,
    });
  });
});

describe('financial report: approved, spent before, this period, cumulative, unspent', () => {
  const budget = [
    { item: 'Зал жалдау', total: 100_000 },
    { item: 'Кеңсе тауарлары', total: 50_000 },
    { item: 'Баспа', total: 150_000 },
  ];

  it('computes every approved line, unlisted lines spent nothing, totals in integer tenge', () => {
    const { rows, totals } = financialTable(
      budget,
      [
        { line: 0, spent: 40_000 },
        { line: 2, spent: 150_000 },
      ],
      [30_000, 10_000, 0],
      10,
    );
    expect(rows.map((r) => [r.approved, r.spentBefore, r.spentThisPeriod, r.cumulative, r.unspent])).toEqual([
      [100_000, 30_000, 40_000, 70_000, 30_000],
      [50_000, 10_000, 0, 10_000, 40_000],
      [150_000, 0, 150_000, 150_000, 0],
    ]);
    expect(totals).toEqual({
      approved: 300_000,
      spentBefore: 40_000,
      spentThisPeriod: 190_000,
      cumulative: 230_000,
      unspent: 70_000,
    });
  });

  it('needs a justification only beyond the tolerance, counting what was spent before', () => {
    expect(overspendLimit(100_000, 10)).toBe(110_000);
    expect(overspendLimit(33_333, 10)).toBe(36_666);
    const at = (spent: number, before = 0, justification?: string) =>
      financialTable([budget[0]], [{ line: 0, spent, justification }], [before], 10).rows[0];
    expect(at(110_000)).toMatchObject({ overspent: false, needsJustification: false, unspent: -10_000 });
    expect(at(110_001)).toMatchObject({ overspent: true, needsJustification: true });
    expect(at(60_001, 50_000)).toMatchObject({ cumulative: 110_001, needsJustification: true });
    expect(at(110_001, 0, '  ')).toMatchObject({ needsJustification: true });
    expect(at(110_001, 0, 'Бағалар өсті')).toMatchObject({ overspent: true, needsJustification: false });
    expect(financialTable([budget[0]], [{ line: 0, spent: 100_001 }], [0], 0).rows[0].needsJustification).toBe(true);
  });
});

describe('report reminders: the latest offset reached, once each', () => {
  const offsets = [-7, -1, 1, 7];
  it('sends nothing before the first offset, then the latest one reached', () => {
    expect(reminderOffsetDue('2026-03-01', '2026-03-10', offsets)).toBeNull();
    expect(reminderOffsetDue('2026-03-03', '2026-03-10', offsets)).toBe(-7);
    expect(reminderOffsetDue('2026-03-08', '2026-03-10', offsets)).toBe(-7);
    expect(reminderOffsetDue('2026-03-09', '2026-03-10', offsets)).toBe(-1);
    expect(reminderOffsetDue('2026-03-10', '2026-03-10', offsets)).toBe(-1);
    expect(reminderOffsetDue('2026-03-11', '2026-03-10', offsets)).toBe(1);
    expect(reminderOffsetDue('2026-04-30', '2026-03-10', offsets)).toBe(7);
    expect(reminderOffsetDue('2026-04-30', '2026-03-10', [])).toBeNull();
    expect(reminderOffsetDue('2026-03-10', '2026-03-10', [0, 3])).toBe(0);
  });
  it('counts days left across months in whole days', () => {
    expect(daysLeft('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysLeft('2026-03-12', '2026-03-10')).toBe(-2);
  });
});
