import type { CompetitionTemplate } from '../competition-templates';
import { YOUTH_DIRECTION_CODES } from '../directions.constants';
import { DEFAULT_CATEGORY_PRECEDENCE, YOUTH_PROGRAMME_TARGETS } from '../final-report-rule';
import { defaultSurvey } from './default-survey';
import {
  BOTH_LANGUAGES,
  criterion,
  DEFAULT_DEADLINES,
  DEFAULT_SELECTION,
  doc,
  PERSONAL_DATA_CONSENT,
  projectFields,
  grantPayments,
} from './template-parts';
import { grantReporting } from './reporting-defaults';

/**
 * The Youth Corps pilot regions of 2017 (seed 002): Almaty, Karaganda, Pavlodar and South
 * Kazakhstan regions. Under today's map South Kazakhstan is Turkestan region and the city of
 * Shymkent, and part of the old Almaty region is now Jetisu region.
 */
export const YOUTH_CORPS_REGIONS = ['ALM', 'ZHT', 'KAR', 'PAV', 'TUR', 'SHY'];

/**
 * Youth micro-projects (seed 002): teams of 3–5 aged 18–29, through an initiative group (one
 * application per group) or a host organization (at most 7); one person, one micro-project.
 * Technical screening → evaluation commission → random allocation into A, B and C.
 */
export const YOUTH_MICRO_PROJECTS_TEMPLATE: CompetitionTemplate = {
  code: 'youth-micro-projects',
  kind: 'draw',
  name: {
    kk: 'Жастардың әлеуметтік маңызы бар кіші жобалары: A/B/C топтарына бөлу',
    ru: 'Социально значимые микропроекты молодёжи: распределение по группам A/B/C',
  },
  description: {
    kk:
      '18–29 жастағы 3–5 адамнан тұратын жастар топтарының кіші жобалары. Өтінімді топ көшбасшысы немесе қабылдаушы ұйым ' +
      'ұсынады. Үш кезеңдік іріктеу: техникалық іріктеу, бағалау комиссиясының іріктеуі, кездейсоқ іріктеу тәсілімен A, B, C ' +
      'топтарына бөлу. Гранттың ең көп сомасы 1 000 000 теңге; әлеуметтік шәкіртақы 26 000 және 61 000 теңге; ' +
      'қабылдаушы ұйымға шарт сомасының 15% мөлшерінде үстеме шығындар өтемақысы төленеді.',
    ru:
      'Микропроекты молодёжных групп из 3–5 человек в возрасте 18–29 лет. Заявку подаёт лидер группы или принимающая ' +
      'организация. Три этапа отбора: технический отбор, оценка конкурсной комиссией, распределение в группы A, B, C ' +
      'жеребьёвкой (случайное распределение). Максимальная сумма гранта 1 000 000 тенге; социальные стипендии 26 000 и 61 000 тенге; ' +
      'принимающей организации возмещаются накладные расходы в размере 15% от суммы договора.',
  },
  rulebook: {
    applicantKinds: ['initiative_group', 'host_organization'],
    team: { minSize: 3, maxSize: 5, minAge: 18, maxAge: 29 },
    limits: { perHostOrganization: 7, onePersonOneApplication: true, oneApplicationPerGroup: true },
    territory: { scope: YOUTH_CORPS_REGIONS, level: 'region' },
    directions: [...YOUTH_DIRECTION_CODES],
    // Five months of practical implementation (шілде–қараша).
    fields: projectFields(5).map((field) => {
      if (field.key === 'goal') return { ...field, label: { kk: 'Кіші жобаның мақсаты', ru: 'Цель микропроекта' } };
      if (field.key === 'targetGroup')
        return { ...field, label: { kk: 'Кіші жобаның мақсатты тобы', ru: 'Целевая группа микропроекта' } };
      if (field.key === 'description') {
        return {
          ...field,
          label: {
            kk: 'Кіші жобаның қысқаша сипаттамасы, әлеуметтік әсері',
            ru: 'Краткое описание микропроекта, социальный эффект',
          },
        };
      }
      return field;
    }),
    // Vulnerable youth may attach proof of their status; never required.
    documents: [
      PERSONAL_DATA_CONSENT,
      doc('unemployed_status', 'Жұмыссыз мәртебесі туралы анықтама', 'Справка о статусе безработного', false),
      doc('pension_payments', 'Зейнетақы төлемдері туралы анықтама', 'Справка о пенсионных выплатах', false),
      doc('disability', 'Мүгедектік туралы анықтама', 'Справка об инвалидности', false),
      doc('income', 'Табысы туралы анықтама', 'Справка о доходах', false),
      doc('family_composition', 'Отбасының құрамы туралы анықтама', 'Справка о составе семьи', false),
    ],
    funding: {
      amountCap: 1_000_000,
      // 15% of the grant, paid to the host organization on top of the team's budget.
      hostOrganizationOverheadPercent: 15,
      hostOrganizationOverheadMode: 'on_top',
      stipends: { schoolLeaverAndStudents: 26_000, graduates: 61_000 },
    },
    payments: grantPayments(),
    criteria: [
      criterion(
        'social_significance',
        'Қоғамдастық үшін әлеуметтік маңыздылығы',
        'Социальная значимость для местного сообщества',
        3,
        10,
        4,
      ),
      criterion('vulnerable_youth', 'Осал топтағы жастарды тарту', 'Вовлечение уязвимой молодёжи', 2),
      criterion(
        'feasibility',
        'Іске асырылуы: жоспар мен бюджеттің нақтылығы',
        'Реализуемость: конкретность плана и бюджета',
        2,
        10,
        4,
      ),
      criterion('results', 'Нәтижелердің нақтылығы және өлшенетіндігі', 'Конкретность и измеримость результатов', 2),
      criterion('team_roles', 'Топ мүшелерінің рөлдері және қатысуы', 'Роли и участие членов команды', 1),
    ],
    finalReport: { categoryPrecedence: [...DEFAULT_CATEGORY_PRECEDENCE], targets: YOUTH_PROGRAMME_TARGETS },
    selection: { ...DEFAULT_SELECTION, oneWinnerPer: null, shortlistForDraw: true },
    nominations: [],
    survey: defaultSurvey(),
    draw: {
      arms: [
        { code: 'A', weight: 1, entitles: ['grant', 'training', 'mentor'] },
        { code: 'B', weight: 1, entitles: ['grant'] },
        { code: 'C', weight: 1, entitles: ['training', 'mentor'] },
      ],
      armMeaning: {
        A: {
          kk: 'Грант, өмірлік маңызы бар дағдыларды дамыту және жобаларды басқару бағдарламасы, тәлімгердің қолдауы',
          ru: 'Грант, программа развития жизненно важных навыков и управления проектами, поддержка наставника',
        },
        B: {
          kk: 'Тек грант: кіші жобаны грант қаражаты есебінен іске асыру',
          ru: 'Только грант: реализация микропроекта за счёт средств гранта',
        },
        C: {
          kk: 'Грантсыз: өмірлік маңызы бар дағдыларды дамыту және жобаларды басқару бағдарламасы, тәлімгердің қолдауы',
          ru: 'Без гранта: программа развития жизненно важных навыков и управления проектами, поддержка наставника',
        },
      },
      stratumAttribute: 'region',
    },
    // Practical implementation July–November: five months of social stipends from the month after the draw.
    projectPeriod: { months: 5 },
    deadlines: DEFAULT_DEADLINES,
    languages: BOTH_LANGUAGES,
    // Five months of implementation: an interim report halfway, the final one 10 days after the end.
    reporting: grantReporting([
      { stage: 'interim', daysAfterStart: 75 },
      { stage: 'final', daysAfterEnd: 10 },
    ]),
    numberPrefix: 'YC',
  },
};
