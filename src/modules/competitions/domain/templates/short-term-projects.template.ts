import type { CompetitionTemplate } from '../competition-templates';
import { defaultSurvey } from './default-survey';
import {
  BOTH_LANGUAGES,
  criterion,
  DEFAULT_DEADLINES,
  DEFAULT_SELECTION,
  NGO_REGISTRATION_CERTIFICATE,
  PERSONAL_DATA_CONSENT,
  projectFields,
  SUPPORT_LETTERS,
  grantPayments,
} from './template-parts';
import { grantReporting } from './reporting-defaults';

/**
 * «Сәтті қадам» (seed 000): a district's local competition of two-month projects of
 * initiative groups and newly created NGOs. At least 5 pass the commission's selection,
 * 3 winners get prizes with a transfer act, sign contracts and report.
 */
export const SHORT_TERM_PROJECTS_TEMPLATE: CompetitionTemplate = {
  code: 'short-term-projects',
  kind: 'prize',
  name: {
    kk: '«Сәтті қадам» қысқа мерзімді жобалар конкурсы',
    ru: 'Конкурс краткосрочных проектов «Сәтті қадам»',
  },
  description: {
    kk:
      'Бастамашыл топтар мен жаңадан құрылған ҮЕҰ-лардың 2 айға дейінгі қысқа мерзімді жобаларының жергілікті конкурсы. ' +
      'Конкурстық комиссия кемінде 5 жобаны іріктейді, 3 үздік жоба жеңімпаз атанып, сыйлықтар табыстау актісімен беріледі. ' +
      'Жеңімпаздармен шарт жасалады, әр жеңімпаз бағдарламалық және қаржылық есеп тапсырады.',
    ru:
      'Местный конкурс краткосрочных (до 2 месяцев) проектов инициативных групп и вновь созданных НПО. ' +
      'Конкурсная комиссия отбирает не менее 5 проектов, 3 лучших становятся победителями и получают призы по акту передачи. ' +
      'С победителями заключаются договоры, каждый победитель сдаёт программный и финансовый отчёты.',
  },
  rulebook: {
    applicantKinds: ['initiative_group', 'ngo'],
    team: { minSize: 3, maxSize: 10 },
    limits: { onePersonOneApplication: true, oneApplicationPerGroup: true },
    // Seed 000 ran in Zhanaarka district of Ulytau region; organizers elsewhere change the scope.
    territory: { scope: ['ULT-ZHN'], level: 'district' },
    directions: [],
    fields: projectFields(2),
    documents: [PERSONAL_DATA_CONSENT, NGO_REGISTRATION_CERTIFICATE, SUPPORT_LETTERS],
    funding: null,
    payments: grantPayments(),
    criteria: [
      criterion(
        'relevance',
        'Жобаның өзектілігі және ауылдың нақты мәселесіне сәйкестігі',
        'Актуальность проекта и соответствие реальной проблеме села',
        3,
        10,
        4,
      ),
      criterion(
        'feasibility',
        'Жобаны 2 ай ішінде іске асыру мүмкіндігі, жоспардың нақтылығы',
        'Реализуемость за 2 месяца, конкретность плана',
        2,
        10,
        4,
      ),
      criterion(
        'community_engagement',
        'Жергілікті тұрғындар мен белсенділерді тарту',
        'Вовлечение местных жителей и активистов',
        2,
      ),
      criterion('results', 'Нәтижелердің нақтылығы және өлшенетіндігі', 'Конкретность и измеримость результатов', 2),
      criterion('sustainability', 'Жоба аяқталғаннан кейінгі тұрақтылығы', 'Устойчивость после завершения проекта', 1),
    ],
    selection: { ...DEFAULT_SELECTION, winners: 3, oneWinnerPer: null },
    nominations: [],
    survey: defaultSurvey(),
    draw: null,
    deadlines: DEFAULT_DEADLINES,
    languages: BOTH_LANGUAGES,
    // Two-month projects: one (final) programmatic and financial report, 10 days after the end.
    reporting: grantReporting([{ stage: 'final', daysAfterEnd: 10 }]),
    numberPrefix: 'ST',
  },
};
