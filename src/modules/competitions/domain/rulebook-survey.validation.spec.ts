import { translate } from '../../../common/i18n/i18n';
import { findTemplate } from './competition-templates';
import { validateRulebook } from './rulebook.validation';
import { defaultSurvey } from './templates/default-survey';

const base = () => structuredClone(findTemplate('mini-grants-district')!.rulebook);

describe('rulebook: the satisfaction survey', () => {
  it('the grant templates carry a valid default survey; a rulebook may have none (null) or omit it', () => {
    for (const code of [
      'mini-grants-district',
      'mini-grants-regional',
      'short-term-projects',
      'youth-micro-projects',
    ]) {
      const rulebook = findTemplate(code)!.rulebook;
      expect(rulebook.survey).toEqual(defaultSurvey());
      expect(validateRulebook(rulebook)).toEqual([]);
    }
    expect(validateRulebook({ ...base(), survey: null })).toEqual([]);
    const { survey: _omitted, ...without } = base();
    expect(validateRulebook(without)).toEqual([]);
  });

  it('names each broken part of a survey at its path', () => {
    const survey = {
      questions: [
        { code: 'overall', label: { kk: 'Жалпы', ru: '' }, type: 'stars' },
        { code: 'overall', label: { kk: 'Пікір', ru: 'Отзыв' }, type: 'text' },
      ],
      satisfiedQuestion: 'overall',
      satisfiedFrom: 6,
      target: 1.5,
      extra: true,
    };
    const problems = validateRulebook({ ...base(), survey });
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'survey.extra', code: 'UNKNOWN_FIELD', params: { field: 'extra' } },
        { field: 'survey.questions[0].label.ru', code: 'REQUIRED' },
        { field: 'survey.questions[0].type', code: 'NOT_ALLOWED_VALUE', params: { allowed: 'scale, text' } },
        { field: 'survey.questions[1].code', code: 'DUPLICATE_ITEMS', params: { value: 'overall' } },
        { field: 'survey.satisfiedFrom', code: 'TOO_LARGE', params: { limit: 5 } },
        { field: 'survey.target', code: 'TOO_LARGE', params: { limit: 1 } },
      ]),
    );
  });

  it('refuses a satisfied rule on a text question or a question the survey does not ask, in kk and ru', () => {
    for (const satisfiedQuestion of ['liked', 'nowhere']) {
      const problems = validateRulebook({ ...base(), survey: { ...defaultSurvey(), satisfiedQuestion } });
      expect(problems).toEqual([
        { field: 'survey.satisfiedQuestion', code: 'SURVEY_SATISFIED_NOT_SCALE', params: { code: satisfiedQuestion } },
      ]);
    }
    expect(translate('kk', 'errors.SURVEY_SATISFIED_NOT_SCALE', { code: 'liked' })).toBe(
      'Қанағаттануды анықтайтын сұрақ (liked) сауалнаманың 1–5 шкаласы бар сұрақтарының бірі болуы керек.',
    );
    expect(translate('ru', 'errors.SURVEY_SATISFIED_NOT_SCALE', { code: 'liked' })).toContain('со шкалой 1–5');
    expect(validateRulebook({ ...base(), survey: { ...defaultSurvey(), questions: [] } })).toContainEqual({
      field: 'survey.questions',
      code: 'TOO_FEW_ITEMS',
      params: { limit: 1 },
    });
    expect(validateRulebook({ ...base(), survey: { ...defaultSurvey(), target: 0 } })).toContainEqual({
      field: 'survey.target',
      code: 'MUST_BE_POSITIVE',
    });
  });
});
