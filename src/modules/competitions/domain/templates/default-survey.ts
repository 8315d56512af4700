import type { SurveyQuestion, SurveyRule } from '../rulebook.types';

const scale = (code: string, kk: string, ru: string): SurveyQuestion => ({ code, label: { kk, ru }, type: 'scale' });
const text = (code: string, kk: string, ru: string): SurveyQuestion => ({ code, label: { kk, ru }, type: 'text' });

/**
 * The participants' satisfaction survey the grant templates start with (seeds 001, 003, 004:
 * «қанағаттану деңгейі 80%-дан кем емес» / «уровень удовлетворённости не менее 80%»): three
 * 1–5 questions and two open ones; a participant is satisfied with a 4 or 5 on the first.
 */
export function defaultSurvey(): SurveyRule {
  return {
    questions: [
      scale(
        'overall',
        'Жобаның іс-шараларына жалпы қаншалықты қанағаттандыңыз?',
        'Насколько в целом вы удовлетворены мероприятиями проекта?',
      ),
      scale(
        'usefulness',
        'Іс-шаралардан алған білім мен тәжірибе сізге қаншалықты пайдалы болды?',
        'Насколько полезными для вас оказались знания и опыт, полученные на мероприятиях?',
      ),
      scale(
        'organization',
        'Іс-шаралар қаншалықты жақсы ұйымдастырылды (уақыты, өтетін орны, хабарлау)?',
        'Насколько хорошо были организованы мероприятия (время, место проведения, информирование)?',
      ),
      text('liked', 'Жобада сізге не ұнады?', 'Что вам понравилось в проекте?'),
      text('improve', 'Нені жақсартуға болады? Ұсыныстарыңыз', 'Что можно улучшить? Ваши предложения'),
    ],
    satisfiedQuestion: 'overall',
    satisfiedFrom: 4,
    target: 0.8,
  };
}
