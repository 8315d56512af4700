import { pathOf, ProblemReader } from './problem-reader.util';
import { CODE_PATTERN } from './rulebook-parts.validation';
import { SURVEY_QUESTION_TYPES, SURVEY_SCALE_MAX } from './rulebook.types';

const MAX_QUESTIONS = 20;

/**
 * The satisfaction survey: 1–20 questions with unique codes, kk and ru labels and a type;
 * `satisfiedQuestion` names one of the scale questions, `satisfiedFrom` is a point of the
 * 1–5 scale and `target` a share above 0 and at most 1.
 */
export function checkSurvey(reader: ProblemReader, value: unknown): void {
  const survey = reader.object(value, 'survey', ['questions', 'satisfiedQuestion', 'satisfiedFrom', 'target']);
  if (!survey) return;
  const scaleCodes = new Set<string>();
  const list = 'questions' in survey ? reader.array(survey.questions, 'survey.questions', 1, MAX_QUESTIONS) : undefined;
  if (list) {
    const codes = list.map((raw, i) => {
      const path = pathOf('survey.questions', i);
      const question = reader.object(raw, path, ['code', 'label', 'type']);
      if (!question) return undefined;
      if ('label' in question) reader.localized(question.label, pathOf(path, 'label'));
      const type =
        'type' in question ? reader.oneOf(question.type, pathOf(path, 'type'), SURVEY_QUESTION_TYPES) : undefined;
      const code =
        'code' in question ? reader.string(question.code, pathOf(path, 'code'), 40, CODE_PATTERN) : undefined;
      if (code !== undefined && type === 'scale') scaleCodes.add(code);
      return code;
    });
    reader.unique(codes, (i) => pathOf(pathOf('survey.questions', i), 'code'));
  }
  if ('satisfiedQuestion' in survey) {
    const code = reader.string(survey.satisfiedQuestion, 'survey.satisfiedQuestion', 40);
    if (code !== undefined && list && !scaleCodes.has(code))
      reader.add('survey.satisfiedQuestion', 'SURVEY_SATISFIED_NOT_SCALE', { code });
  }
  if ('satisfiedFrom' in survey)
    reader.integer(survey.satisfiedFrom, 'survey.satisfiedFrom', { min: 1, max: SURVEY_SCALE_MAX });
  if ('target' in survey) reader.number(survey.target, 'survey.target', { positive: true, max: 1 });
}
