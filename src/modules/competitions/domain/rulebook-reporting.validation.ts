import { CODE_PATTERN } from './rulebook-parts.validation';
import { pathOf, ProblemReader } from './problem-reader.util';
import { REPORTING_STAGES } from './rulebook.types';

const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DUE_RULE_KEYS = ['dueOn', 'daysAfterStart', 'daysAfterEnd'] as const;
/** A reminder at most two months either side of a due date. */
const MAX_OFFSET_DAYS = 60;

/**
 * The reporting rule (`reporting`): 1–2 stages, each once, the interim one before the final,
 * each due on exactly one of a fixed date, days after the project's start or days after its
 * end; reminder offsets (whole days, −60…60, each once, at most 8); the overspend tolerance
 * (0–100 %); indicators with a code and a label in both languages (a unit optional).
 */
export function checkReporting(reader: ProblemReader, value: unknown): void {
  const rule = reader.object(
    value,
    'reporting',
    ['stages'],
    ['reminderOffsetsDays', 'overspendTolerancePercent', 'indicators'],
  );
  if (!rule) return;
  if ('stages' in rule) checkStages(reader, rule.stages);
  if (rule.reminderOffsetsDays !== undefined) {
    const list = reader.array(rule.reminderOffsetsDays, 'reporting.reminderOffsetsDays', 0, 8);
    const offsets = (list ?? []).map((v, i) =>
      reader.integer(v, pathOf('reporting.reminderOffsetsDays', i), { min: -MAX_OFFSET_DAYS, max: MAX_OFFSET_DAYS }),
    );
    reader.unique(
      offsets.map((o) => (o === undefined ? undefined : String(o))),
      (i) => pathOf('reporting.reminderOffsetsDays', i),
    );
  }
  if (rule.overspendTolerancePercent !== undefined)
    reader.integer(rule.overspendTolerancePercent, 'reporting.overspendTolerancePercent', { min: 0, max: 100 });
  if (rule.indicators !== undefined) {
    const list = reader.array(rule.indicators, 'reporting.indicators', 0, 30);
    const codes = (list ?? []).map((raw, i) => {
      const path = pathOf('reporting.indicators', i);
      const indicator = reader.object(raw, path, ['code', 'label'], ['unit']);
      if (!indicator) return undefined;
      if ('label' in indicator) reader.localized(indicator.label, pathOf(path, 'label'));
      if (indicator.unit !== undefined) reader.localized(indicator.unit, pathOf(path, 'unit'), 40);
      return 'code' in indicator ? reader.string(indicator.code, pathOf(path, 'code'), 40, CODE_PATTERN) : undefined;
    });
    reader.unique(codes, (i) => pathOf(pathOf('reporting.indicators', i), 'code'));
  }
}

function checkStages(reader: ProblemReader, value: unknown): void {
  const list = reader.array(value, 'reporting.stages', 1, REPORTING_STAGES.length);
  if (!list) return;
  const stages = list.map((raw, i) => {
    const path = pathOf('reporting.stages', i);
    const stage = reader.object(raw, path, ['stage'], DUE_RULE_KEYS);
    if (!stage) return undefined;
    const given = DUE_RULE_KEYS.filter((k) => stage[k] !== undefined && stage[k] !== null);
    if (given.length !== 1) reader.add(path, 'REPORT_DUE_RULE_ONE');
    if (given.includes('dueOn')) reader.string(stage.dueOn, pathOf(path, 'dueOn'), 10, DATE_PATTERN);
    for (const key of ['daysAfterStart', 'daysAfterEnd'] as const)
      if (given.includes(key)) reader.integer(stage[key], pathOf(path, key), { min: 0, max: 730 });
    return 'stage' in stage ? reader.oneOf(stage.stage, pathOf(path, 'stage'), REPORTING_STAGES) : undefined;
  });
  reader.unique(stages, (i) => pathOf(pathOf('reporting.stages', i), 'stage'));
  if (stages[0] === 'final' && stages[1] === 'interim') reader.add('reporting.stages[1].stage', 'REPORT_STAGE_ORDER');
}
