import type { BudgetLine } from '../entities/application.entity';

export const MAX_BUDGET_LINES = 100;
/** Far above any small grant; keeps sums exact in JavaScript numbers and in bigint columns. */
export const MAX_LINE_TOTAL = 1_000_000_000;

/** The server computes every total: what the client sends as a total is never trusted. */
export function priceBudget(lines: { item: string; quantity: number; unitCost: number }[]): {
  lines: BudgetLine[];
  total: number;
} {
  const priced = lines.map((l) => ({
    item: l.item,
    quantity: l.quantity,
    unitCost: l.unitCost,
    total: l.quantity * l.unitCost,
  }));
  return { lines: priced, total: priced.reduce((sum, l) => sum + l.total, 0) };
}
