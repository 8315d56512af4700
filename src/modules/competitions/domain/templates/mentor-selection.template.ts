import type { CompetitionTemplate } from '../competition-templates';
import {
  BOTH_LANGUAGES,
  criterion,
  DEFAULT_DEADLINES,
  DEFAULT_SELECTION,
  doc,
  integer,
  textarea,
} from './template-parts';
import { YOUTH_CORPS_REGIONS } from './youth-micro-projects.template';

/**
 * Selection of mentors (ментор / тәлімгер) for youth micro-projects (seed 002, «Менторларды
 * іріктеу»): 21 and over, at least 3 years of social work or work with youth, secondary
 * special or higher education. Technical screening → phone interview → internal commission;
 * the interview's result is scored as a criterion.
 */
export const MENTOR_SELECTION_TEMPLATE: CompetitionTemplate = {
  code: 'mentor-selection',
  kind: 'selection',
  name: {
    kk: 'Тәлімгерлерді іріктеу',
    ru: 'Отбор наставников',
  },
  description: {
    kk:
      'Ментор бола алады: белсенді тұрғындар, ТжКБ ұйымдарының қызметкерлері, қоғамдық ұйымдардың өкілдері, жастар ресурстық ' +
      'орталықтарының қызметкерлері, әлеуметтік қызметкерлер, кәсіпкерлер. Өлшемдер: 21 жастан асқан, әлеуметтік салада немесе ' +
      'жастармен жұмыста кемінде 3 жыл тәжірибе, орта арнаулы немесе жоғары білім. Іріктеу: техникалық іріктеу, телефонмен ' +
      'сұхбат, ішкі комиссияның іріктеуі.',
    ru:
      'Наставником может стать активный житель, сотрудник организации ТиПО, представитель общественной организации, сотрудник ' +
      'молодёжного ресурсного центра, социальный работник, предприниматель. Критерии: старше 21 года, опыт работы в социальной ' +
      'сфере или с молодёжью не менее 3 лет, среднее специальное или высшее образование. Отбор: технический отбор, ' +
      'телефонное интервью, отбор внутренней комиссией.',
  },
  rulebook: {
    applicantKinds: ['individual'],
    team: null,
    applicantAge: { minAge: 21 },
    limits: { onePersonOneApplication: true, oneApplicationPerGroup: false },
    territory: { scope: YOUTH_CORPS_REGIONS, level: 'region' },
    directions: [],
    fields: [
      {
        key: 'background',
        label: { kk: 'Қазіргі қызметі', ru: 'Текущая деятельность' },
        type: 'select',
        required: true,
        options: [
          { value: 'active_resident', label: { kk: 'Белсенді тұрғын', ru: 'Активный житель' } },
          { value: 'college_staff', label: { kk: 'ТжКБ ұйымының қызметкері', ru: 'Сотрудник организации ТиПО' } },
          {
            value: 'ngo_representative',
            label: { kk: 'Қоғамдық ұйымның өкілі', ru: 'Представитель общественной организации' },
          },
          {
            value: 'youth_resource_center',
            label: { kk: 'Жастар ресурстық орталығының қызметкері', ru: 'Сотрудник молодёжного ресурсного центра' },
          },
          { value: 'social_worker', label: { kk: 'Әлеуметтік қызметкер', ru: 'Социальный работник' } },
          { value: 'entrepreneur', label: { kk: 'Кәсіпкер', ru: 'Предприниматель' } },
        ],
      },
      {
        key: 'education',
        label: { kk: 'Білімі', ru: 'Образование' },
        type: 'select',
        required: true,
        options: [
          { value: 'secondary_special', label: { kk: 'Орта арнаулы', ru: 'Среднее специальное' } },
          { value: 'higher', label: { kk: 'Жоғары', ru: 'Высшее' } },
          { value: 'other', label: { kk: 'Басқа', ru: 'Другое' } },
        ],
      },
      {
        key: 'educationDetails',
        label: { kk: 'Оқу орны және мамандығы', ru: 'Учебное заведение и специальность' },
        type: 'text',
        required: false,
        maxLength: 300,
      },
      integer(
        'youthWorkYears',
        'Әлеуметтік салада немесе жастармен жұмыс өтілі, жыл',
        'Стаж работы в социальной сфере или с молодёжью, лет',
        0,
        60,
      ),
      textarea(
        'workExperience',
        'Жастармен, әсіресе осал топтармен жұмыс тәжірибесі',
        'Опыт работы с молодёжью, особенно с уязвимыми группами',
        3000,
      ),
      textarea(
        'projectsExperience',
        'Жобаларды (іс-шараларды) ұйымдастыру және іске асыру тәжірибесі',
        'Опыт организации и реализации проектов (мероприятий)',
        3000,
        false,
      ),
      textarea('motivation', 'Жобаға қатысу уәждемесі', 'Мотивация участия в проекте', 2000),
    ],
    documents: [
      doc('address_certificate', 'Мекенжай анықтамасы (ХҚКО)', 'Адресная справка (ЦОН)', true),
      doc('no_criminal_record', 'Сотталғандығының болмауы туралы анықтама', 'Справка об отсутствии судимости', true),
      doc(
        'psychiatric_certificate',
        'Психиатриялық диспансерден анықтама',
        'Справка из психиатрического диспансера',
        true,
      ),
      doc(
        'narcological_certificate',
        'Наркологиялық диспансерден анықтама',
        'Справка из наркологического диспансера',
        true,
      ),
      doc('recommendation_letter', 'Жұмыс берушінің ұсыныс хаты', 'Рекомендательное письмо от работодателя', true, [
        'pdf',
        'docx',
        'jpg',
        'png',
      ]),
      doc('education_document', 'Білімі туралы құжат (диплом)', 'Документ об образовании (диплом)', true),
    ],
    funding: null,
    criteria: [
      criterion(
        'youth_work_experience',
        'Жастармен, әсіресе осал топтармен жұмыс тәжірибесі (кемінде 3 жыл)',
        'Опыт работы с молодёжью, особенно с уязвимыми группами (не менее 3 лет)',
        3,
        10,
        4,
      ),
      criterion('education', 'Білімі (орта арнаулы, жоғары)', 'Образование (среднее специальное, высшее)', 1),
      criterion(
        'projects_experience',
        'Жобаларды (іс-шараларды) ұйымдастыру тәжірибесі',
        'Опыт организации проектов (мероприятий)',
        2,
      ),
      criterion(
        'phone_interview',
        'Телефонмен сұхбат: деректердің нақтылығы және қатысу уәждемесі',
        'Телефонное интервью: достоверность данных и мотивация участия',
        3,
        10,
        4,
      ),
    ],
    selection: { ...DEFAULT_SELECTION, oneWinnerPer: null },
    nominations: [],
    draw: null,
    deadlines: DEFAULT_DEADLINES,
    languages: BOTH_LANGUAGES,
    numberPrefix: 'ME',
  },
};
