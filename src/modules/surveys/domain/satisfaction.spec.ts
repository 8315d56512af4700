import type { SurveyRule } from '../../competitions/domain/rulebook.types';
import { defaultSurvey } from '../../competitions/domain/templates/default-survey';
import {
  AnswerRow,
  isSatisfied,
  questionResults,
  readAnswers,
  satisfiedShare,
  surveyRuleOf,
  TEXT_ANSWER_MAX,
} from './satisfaction';

const rule: SurveyRule = defaultSurvey();

describe('the satisfied rule', () => {
  it('counts a participant satisfied from the rule point of the deciding question up', () => {
    expect(isSatisfied(rule, { overall: 4, usefulness: 1 })).toBe(true);
    expect(isSatisfied(rule, { overall: 5 })).toBe(true);
    expect(isSatisfied(rule, { overall: 3, usefulness: 5, organization: 5 })).toBe(false);
    expect(isSatisfied({ satisfiedQuestion: 'overall', satisfiedFrom: 5 }, { overall: 4 })).toBe(false);
    expect(isSatisfied(rule, {})).toBe(false);
  });

  it('gives no share without answers, and the exact share otherwise', () => {
    expect(satisfiedShare(0, 0)).toBeNull();
    expect(satisfiedShare(5, 4)).toBe(0.8);
    expect(satisfiedShare(3, 2)).toBeCloseTo(0.6667, 4);
  });

  it('uses the default survey for a rulebook written before surveys, none for survey: null', () => {
    expect(surveyRuleOf({})).toEqual(defaultSurvey());
    expect(surveyRuleOf({ survey: null })).toBeNull();
    expect(surveyRuleOf({ survey: { ...rule, target: 0.9 } })?.target).toBe(0.9);
  });
});

describe('reading answers', () => {
  it('keeps whole points 1–5 (a form sends strings) and trimmed texts; blank texts are dropped', () => {
    const read = readAnswers(rule.questions, {
      overall: '5',
      usefulness: 4,
      organization: ' 3 ',
      liked: '  Тренингтер ұнады ',
      improve: '   ',
    });
    expect(read.problems).toEqual([]);
    expect(read.answers).toEqual({ overall: 5, usefulness: 4, organization: 3, liked: 'Тренингтер ұнады' });
  });

  it('lists every problem at once, at the question: missing, out of range, not whole, unknown, too long', () => {
    const { problems } = readAnswers(rule.questions, {
      usefulness: 6,
      organization: '2.5',
      liked: 'x'.repeat(TEXT_ANSWER_MAX + 1),
      extra: 1,
    });
    expect(problems).toEqual([
      { field: 'answers.extra', code: 'UNKNOWN_FIELD', params: { field: 'extra' } },
      { field: 'answers.overall', code: 'SURVEY_ANSWER_REQUIRED' },
      { field: 'answers.usefulness', code: 'SURVEY_SCALE_RANGE', params: { max: 5 } },
      { field: 'answers.organization', code: 'SURVEY_SCALE_RANGE', params: { max: 5 } },
      { field: 'answers.liked', code: 'TOO_LONG', params: { limit: TEXT_ANSWER_MAX } },
    ]);
    expect(readAnswers(rule.questions, { overall: 0 }).problems[0]).toMatchObject({ code: 'SURVEY_SCALE_RANGE' });
    expect(readAnswers(rule.questions, 'five').problems).toEqual([{ field: 'answers', code: 'NOT_OBJECT' }]);
  });
});

describe('results per question', () => {
  it('averages scale answers with their 1–5 distribution and lists the texts', () => {
    const rows: AnswerRow[] = [
      { answers: { overall: 5, usefulness: 4, liked: 'Бәрі' }, satisfied: true, questions: rule.questions },
      { answers: { overall: 4, usefulness: 2 }, satisfied: true, questions: rule.questions },
      { answers: { overall: 2, usefulness: 3, improve: 'Уақыты' }, satisfied: false, questions: rule.questions },
    ];
    const results = questionResults(rows, rule.questions);
    expect(results.map((q) => q.code)).toEqual(['overall', 'usefulness', 'organization', 'liked', 'improve']);
    expect(results[0]).toMatchObject({ answers: 3, average: 3.67, distribution: [0, 1, 0, 1, 1] });
    expect(results[2]).toMatchObject({ answers: 0, average: null, distribution: [0, 0, 0, 0, 0] });
    expect(results[3]).toMatchObject({ type: 'text', answers: 1, texts: ['Бәрі'] });
  });

  it('keeps a question only older links asked, after the current ones', () => {
    const old = [{ code: 'venue', label: { kk: 'Орны', ru: 'Место' }, type: 'scale' as const }];
    const results = questionResults(
      [{ answers: { venue: 5 }, satisfied: true, questions: old }],
      rule.questions.slice(0, 1),
    );
    expect(results.map((q) => q.code)).toEqual(['overall', 'venue']);
    expect(results[1]).toMatchObject({ average: 5 });
  });
});
