/** Public number of a submitted application: MG-2026-0007 (at least four digits, more when needed). */
export function formatApplicationNumber(prefix: string, year: number, sequence: number): string {
  return `${applicationNumberPrefix(prefix, year)}${String(sequence).padStart(4, '0')}`;
}

/** The part before the sequence: `MG-2026-`. */
export function applicationNumberPrefix(prefix: string, year: number): string {
  return `${prefix}-${year}-`;
}

/**
 * The same number as a SQL expression, for the submit statement that draws the sequence
 * value and stores the number at once. Must agree with `formatApplicationNumber` (a test
 * compares them past 9 999).
 */
export function applicationNumberSql(prefixParam: string, sequenceExpr: string): string {
  return `${prefixParam}::text || lpad(${sequenceExpr}::text, greatest(4, length(${sequenceExpr}::text)), '0')`;
}

/** The per-competition sequence's name; its value is taken as the submission's last step. */
export function numberSequenceName(competitionId: string): string {
  if (!/^[0-9a-f-]{36}$/i.test(competitionId)) throw new Error('competition id must be a uuid');
  return `application_no_${competitionId.replace(/-/g, '')}`;
}

/** Numbers drawn from the sequence but never used (a failed submit): shown as void in the journal. */
export function voidNumbers(used: number[]): number[] {
  if (used.length === 0) return [];
  const seen = new Set(used);
  const max = Math.max(...used);
  const gaps: number[] = [];
  for (let n = 1; n <= max; n += 1) if (!seen.has(n)) gaps.push(n);
  return gaps;
}
