/**
 * Public number of a submitted application: MG2-2026-0007 — the competition's code, the
 * year, then its own sequence (at least four digits, more when needed). The code is the
 * template's prefix and the competition's series among the competitions of that prefix
 * (MG1, MG2, …), so two competitions of one template and year never issue the same number,
 * while each keeps its own gap-free sequence for the journal. Numbers given before codes
 * had a series (MG-2026-0001) keep their value.
 */
export function formatApplicationNumber(code: string, year: number, sequence: number): string {
  return `${applicationNumberPrefix(code, year)}${String(sequence).padStart(4, '0')}`;
}

/** The competition's code in its numbers: the prefix and its series, `MG` and 2 → `MG2`. */
export function competitionNumberCode(prefix: string, series: number): string {
  if (!Number.isInteger(series) || series < 1) throw new RangeError(`series must be a positive integer, got ${series}`);
  return `${prefix}${series}`;
}

/** The part before the sequence: `MG2-2026-`. */
export function applicationNumberPrefix(code: string, year: number): string {
  return `${code}-${year}-`;
}

/** The code and year of a number (`MG2-2026-0007` → `MG2`, 2026), to write its neighbours alike. */
export function numberParts(number: string): { code: string; year: number } | undefined {
  const match = /^([A-Z]{2,4}\d*)-(\d{4})-\d+$/.exec(number);
  return match ? { code: match[1], year: Number(match[2]) } : undefined;
}

/**
 * Numbers with a series code are unique across all competitions (a partial unique index
 * with exactly this condition); older numbers without one were unique per competition only.
 */
export const SERIES_NUMBER_SQL = `number ~ '^[A-Z]{2,4}[0-9]'`;

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
