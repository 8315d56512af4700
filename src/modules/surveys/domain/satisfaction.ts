import { SURVEY_SCALE_MAX } from '../../competitions/domain/rulebook.types';
import type {
  FieldProblem,
  LocalizedText,
  Rulebook,
  SurveyQuestion,
  SurveyRule,
} from '../../competitions/domain/rulebook.types';
import { defaultSurvey } from '../../competitions/domain/templates/default-survey';

/**
 * The competition's survey: the rulebook's, or the default one for a rulebook written before
 * surveys existed (no `survey` key at all); `survey: null` means the competition runs none.
 */
export function surveyRuleOf(rulebook: Pick<Rulebook, 'survey'>): SurveyRule | null {
  return rulebook.survey === undefined ? defaultSurvey() : rulebook.survey;
}

/** A text answer's limit: a few sentences on a phone. */
export const TEXT_ANSWER_MAX = 2000;

/** What a participant answered: a scale question's point (1–5), a text question's words. */
export type SurveyAnswers = Record<string, number | string>;

/**
 * A survey answer checked against the link's frozen questions: every scale question needs a
 * whole point 1–5 (a form sends it as a string), a text question is optional and at most
 * TEXT_ANSWER_MAX characters; a code the survey does not ask is refused. Returns the answers
 * kept (blank texts dropped) or every problem at once, at `answers.<code>`.
 */
export function readAnswers(
  questions: SurveyQuestion[],
  input: unknown,
): { answers: SurveyAnswers; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const answers: SurveyAnswers = {};
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { answers, problems: [{ field: 'answers', code: 'NOT_OBJECT' }] };
  }
  const given = input as Record<string, unknown>;
  const known = new Set(questions.map((q) => q.code));
  for (const key of Object.keys(given))
    if (!known.has(key)) problems.push({ field: `answers.${key}`, code: 'UNKNOWN_FIELD', params: { field: key } });
  for (const question of questions) {
    const field = `answers.${question.code}`;
    const value = given[question.code];
    if (question.type === 'scale') {
      const point = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
      if (value === undefined || value === null || value === '')
        problems.push({ field, code: 'SURVEY_ANSWER_REQUIRED' });
      else if (typeof point !== 'number' || !Number.isInteger(point) || point < 1 || point > SURVEY_SCALE_MAX)
        problems.push({ field, code: 'SURVEY_SCALE_RANGE', params: { max: SURVEY_SCALE_MAX } });
      else answers[question.code] = point;
    } else {
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string') problems.push({ field, code: 'NOT_STRING' });
      else if (value.length > TEXT_ANSWER_MAX)
        problems.push({ field, code: 'TOO_LONG', params: { limit: TEXT_ANSWER_MAX } });
      else if (value.trim() !== '') answers[question.code] = value.trim();
    }
  }
  return { answers, problems };
}

/** Satisfied: the rule's scale question answered at `satisfiedFrom` or above. */
export function isSatisfied(rule: Pick<SurveyRule, 'satisfiedQuestion' | 'satisfiedFrom'>, answers: SurveyAnswers) {
  const point = answers[rule.satisfiedQuestion];
  return typeof point === 'number' && point >= rule.satisfiedFrom;
}

/** satisfied / answers; null when nobody answered (no share to compare with the target). */
export function satisfiedShare(answers: number, satisfied: number): number | null {
  return answers === 0 ? null : satisfied / answers;
}

export interface ScaleResult {
  code: string;
  label: LocalizedText;
  type: 'scale';
  answers: number;
  /** Mean point, two decimals; null without answers. */
  average: number | null;
  /** How many gave 1, 2, … 5 (index 0 is 1). */
  distribution: number[];
}

export interface TextResult {
  code: string;
  label: LocalizedText;
  type: 'text';
  answers: number;
  texts: string[];
}

export type QuestionResult = ScaleResult | TextResult;

export interface AnswerRow {
  answers: SurveyAnswers;
  satisfied: boolean;
  questions: SurveyQuestion[];
}

/**
 * Per question over the answers given, in the order the newest questions ask them: a
 * question asked by older links only comes after. A question is known by its code across
 * links made under different rules; its label is the newest one's.
 */
export function questionResults(rows: AnswerRow[], latest: SurveyQuestion[]): QuestionResult[] {
  const order = new Map<string, SurveyQuestion>();
  for (const q of latest) order.set(q.code, q);
  for (const row of rows) for (const q of row.questions) if (!order.has(q.code)) order.set(q.code, q);
  return [...order.values()].map((q) => {
    const given = rows.map((r) => r.answers[q.code]).filter((v) => v !== undefined);
    if (q.type === 'scale') {
      const points = given.filter((v): v is number => typeof v === 'number');
      const distribution = Array.from({ length: SURVEY_SCALE_MAX }, (_, i) => points.filter((p) => p === i + 1).length);
      const average = points.length
        ? Math.round((points.reduce((a, b) => a + b, 0) / points.length) * 100) / 100
        : null;
      return { code: q.code, label: q.label, type: 'scale', answers: points.length, average, distribution };
    }
    const texts = given.filter((v): v is string => typeof v === 'string');
    return { code: q.code, label: q.label, type: 'text', answers: texts.length, texts };
  });
}
