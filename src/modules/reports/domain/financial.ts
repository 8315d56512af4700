/**
 * The financial report's table (issue 17.3): every line of the approved budget with what was
 * approved, spent before this report (earlier stages), spent in this period, cumulative and
 * unspent, in integer tenge, computed by the server. A line spent beyond the approved sum by
 * more than the tolerance (percent of the line) needs a written justification.
 */
export interface ApprovedLine {
  item: string;
  total: number;
}

export interface SpentLine {
  /** 0-based index into the contract's approved budget. */
  line: number;
  spent: number;
  justification?: string | null;
}

export interface FinancialRow {
  line: number;
  item: string;
  approved: number;
  spentBefore: number;
  spentThisPeriod: number;
  cumulative: number;
  /** Negative when the line is overspent. */
  unspent: number;
  /** Over the approved sum by more than the tolerance. */
  overspent: boolean;
  justification: string | null;
  /** Overspent and no justification written yet: the report cannot be submitted. */
  needsJustification: boolean;
}

export interface FinancialTotals {
  approved: number;
  spentBefore: number;
  spentThisPeriod: number;
  cumulative: number;
  unspent: number;
}

/** The most a line may reach without a justification: approved + tolerance% of it, rounded down to whole tenge. */
export function overspendLimit(approved: number, tolerancePercent: number): number {
  return approved + Math.floor((approved * tolerancePercent) / 100);
}

export function financialTable(
  budget: readonly ApprovedLine[],
  lines: readonly SpentLine[],
  spentBefore: readonly number[],
  tolerancePercent: number,
): { rows: FinancialRow[]; totals: FinancialTotals } {
  const byLine = new Map(lines.map((l) => [l.line, l]));
  const rows = budget.map((b, i): FinancialRow => {
    const entry = byLine.get(i);
    const before = spentBefore[i] ?? 0;
    const now = entry?.spent ?? 0;
    const cumulative = before + now;
    const overspent = cumulative > overspendLimit(b.total, tolerancePercent);
    const justification = entry?.justification?.trim() ? entry.justification.trim() : null;
    return {
      line: i,
      item: b.item,
      approved: b.total,
      spentBefore: before,
      spentThisPeriod: now,
      cumulative,
      unspent: b.total - cumulative,
      overspent,
      justification,
      needsJustification: overspent && !justification,
    };
  });
  const sum = (key: keyof FinancialTotals) => rows.reduce((s, r) => s + r[key], 0);
  return {
    rows,
    totals: {
      approved: sum('approved'),
      spentBefore: sum('spentBefore'),
      spentThisPeriod: sum('spentThisPeriod'),
      cumulative: sum('cumulative'),
      unspent: sum('unspent'),
    },
  };
}
