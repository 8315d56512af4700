import { JsonObject, pathOf, ProblemReader } from './problem-reader.util';
import { REPORT_STAGES, TRANCHE_CONDITIONS } from './rulebook.types';

const MAX_TRANCHES = 12;

/**
 * The payment schedule rule (`payments.tranches`): 1–12 tranches, each with exactly one of a
 * whole percent (1–100) of the contract sum or a fixed sum (integer tenge), a condition, and a
 * report stage exactly when it waits for reports. Percents alone add up to 100; with fixed
 * sums the percents stay below 100 and the fixed sums within the grant cap, because the last
 * tranche pays whatever remains of the contract sum (documented in PaymentsRule).
 */
export function checkPayments(reader: ProblemReader, value: unknown, funding: unknown): void {
  const rule = reader.object(value, 'payments', ['tranches']);
  if (!rule || !('tranches' in rule)) return;
  const list = reader.array(rule.tranches, 'payments.tranches', 1, MAX_TRANCHES);
  if (!list || list.length === 0) return;
  let percents = 0;
  let fixed = 0;
  let anyFixed = false;
  let complete = true;
  list.forEach((raw, i) => {
    const path = pathOf('payments.tranches', i);
    const tranche = reader.object(raw, path, ['condition'], ['percent', 'amount', 'stage']);
    if (!tranche) {
      complete = false;
      return;
    }
    const share = readShare(reader, tranche, path);
    if (share === undefined) complete = false;
    else if (share.kind === 'percent') percents += share.value;
    else {
      anyFixed = true;
      fixed += share.value;
    }
    const condition =
      'condition' in tranche
        ? reader.oneOf(tranche.condition, pathOf(path, 'condition'), TRANCHE_CONDITIONS)
        : undefined;
    if (condition === 'after_reports') {
      if (tranche.stage === undefined) reader.add(pathOf(path, 'stage'), 'REQUIRED');
      else reader.oneOf(tranche.stage, pathOf(path, 'stage'), REPORT_STAGES);
    } else if (condition === 'on_activation' && tranche.stage !== undefined) {
      reader.add(pathOf(path, 'stage'), 'NOT_APPLICABLE');
    }
  });
  if (!complete) return;
  if (!anyFixed && percents !== 100) reader.add('payments.tranches', 'PAYMENT_PERCENTS_NOT_100', { total: percents });
  if (anyFixed && percents >= 100)
    reader.add('payments.tranches', 'PAYMENT_PERCENTS_LEAVE_NO_ROOM', { total: percents });
  const cap = capOf(funding);
  if (anyFixed && cap !== undefined && fixed > cap)
    reader.add('payments.tranches', 'PAYMENT_FIXED_ABOVE_CAP', { total: fixed, limit: cap });
}

function readShare(
  reader: ProblemReader,
  tranche: JsonObject,
  path: string,
): { kind: 'percent' | 'amount'; value: number } | undefined {
  const hasPercent = tranche.percent !== undefined && tranche.percent !== null;
  const hasAmount = tranche.amount !== undefined && tranche.amount !== null;
  if (hasPercent === hasAmount) {
    reader.add(path, 'TRANCHE_PERCENT_OR_AMOUNT');
    return undefined;
  }
  if (hasPercent) {
    const value = reader.integer(tranche.percent, pathOf(path, 'percent'), { min: 1, max: 100 });
    return value === undefined ? undefined : { kind: 'percent', value };
  }
  const value = reader.integer(tranche.amount, pathOf(path, 'amount'), { min: 1 });
  return value === undefined ? undefined : { kind: 'amount', value };
}

function capOf(funding: unknown): number | undefined {
  if (!funding || typeof funding !== 'object') return undefined;
  const cap = (funding as JsonObject).amountCap;
  return typeof cap === 'number' && Number.isInteger(cap) ? cap : undefined;
}
