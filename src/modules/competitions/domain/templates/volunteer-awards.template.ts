import type { CompetitionTemplate } from '../competition-templates';
import type { Nomination } from '../rulebook.types';
import {
  BOTH_LANGUAGES,
  criterion,
  DEFAULT_DEADLINES,
  DEFAULT_SELECTION,
  doc,
  integer,
  PERSONAL_DATA_CONSENT,
  textarea,
} from './template-parts';

const NOMINATIONS: Nomination[] = [
  { code: 'volunteer_of_year', label: { kk: 'Жыл волонтері', ru: 'Волонтёр года' } },
  { code: 'young_volunteer', label: { kk: 'Үздік жас волонтер', ru: 'Лучший юный волонтёр' } },
  { code: 'social_volunteering', label: { kk: 'Әлеуметтік волонтерлік', ru: 'Социальное волонтёрство' } },
  { code: 'eco_volunteering', label: { kk: 'Экологиялық волонтерлік', ru: 'Экологическое волонтёрство' } },
  { code: 'event_volunteering', label: { kk: 'Іс-шаралар волонтерлігі', ru: 'Событийное волонтёрство' } },
  { code: 'medical_volunteering', label: { kk: 'Медициналық волонтерлік', ru: 'Медицинское волонтёрство' } },
  {
    code: 'emergency_volunteering',
    label: { kk: 'Төтенше жағдайлардағы волонтерлік', ru: 'Волонтёрство в чрезвычайных ситуациях' },
  },
  { code: 'volunteer_mentor', label: { kk: 'Үздік волонтер-тәлімгер', ru: 'Лучший волонтёр-наставник' } },
];

/**
 * Volunteer awards in at least 7 nominations (seed 001: award rules agreed with the local
 * executive body, a list of volunteers eligible by the work they have done, a ceremony, the
 * award winners' list with a signature column and a transfer act). A volunteer applies
 * personally or is put forward by an organization.
 */
export const VOLUNTEER_AWARDS_TEMPLATE: CompetitionTemplate = {
  code: 'volunteer-awards',
  kind: 'award',
  name: {
    kk: 'Волонтерлер сыйлығы: кемінде 7 аталым',
    ru: 'Премия волонтёров: не менее 7 номинаций',
  },
  description: {
    kk:
      'Атқарылған жұмысы бойынша волонтерлерге кемінде 7 аталымда сыйлық беру. Волонтер өзін-өзі ұсына алады немесе ' +
      'оны ұйым ұсынады. Комиссия әр аталымда жеңімпазды анықтайды, сыйлықтар салтанатты шарада табыстау актісімен беріледі.',
    ru:
      'Премия волонтёрам за проделанную работу не менее чем в 7 номинациях. Волонтёр может выдвинуть себя сам или быть ' +
      'выдвинут организацией. Комиссия определяет победителя в каждой номинации, награды вручаются на церемонии по акту передачи.',
  },
  rulebook: {
    applicantKinds: ['individual', 'ngo'],
    team: null,
    applicantAge: { minAge: 14 },
    limits: { onePersonOneApplication: true, oneApplicationPerGroup: false },
    territory: { scope: ['MAN'], level: 'region' },
    directions: [],
    fields: [
      {
        key: 'nominatedBy',
        label: { kk: 'Кім ұсынды', ru: 'Кем выдвинут' },
        type: 'select',
        required: true,
        options: [
          { value: 'self', label: { kk: 'Өзін-өзі ұсыну', ru: 'Самовыдвижение' } },
          { value: 'organization', label: { kk: 'Ұйым ұсынды', ru: 'Выдвинут организацией' } },
        ],
      },
      {
        key: 'volunteerGroup',
        label: { kk: 'Волонтерлік ұйым немесе топ', ru: 'Волонтёрская организация или группа' },
        type: 'text',
        required: false,
        maxLength: 300,
      },
      {
        key: 'volunteeringSince',
        label: { kk: 'Волонтерлік қызметті бастаған күні', ru: 'Дата начала волонтёрской деятельности' },
        type: 'date',
        required: false,
      },
      integer(
        'volunteerHours',
        'Соңғы 12 айдағы волонтерлік сағаттар саны',
        'Количество волонтёрских часов за последние 12 месяцев',
        0,
        8784,
      ),
      integer('eventsCount', 'Қатысқан іс-шаралар саны', 'Количество мероприятий, в которых участвовал(а)', 0, 10_000),
      textarea('achievements', 'Атқарылған жұмыс және жетістіктер', 'Проделанная работа и достижения', 4000),
      {
        key: 'evidenceUrl',
        label: {
          kk: 'Жұмысты растайтын сілтеме (жарияланым, фото, бейне)',
          ru: 'Ссылка, подтверждающая работу (публикация, фото, видео)',
        },
        type: 'url',
        required: true,
        maxLength: 500,
      },
      {
        key: 'socialMediaUrl',
        label: { kk: 'Әлеуметтік желідегі парақша', ru: 'Страница в социальных сетях' },
        type: 'url',
        required: false,
        maxLength: 500,
      },
    ],
    documents: [
      PERSONAL_DATA_CONSENT,
      doc('nomination_letter', 'Ұсынған ұйымның ұсыныс хаты', 'Ходатайство выдвигающей организации', false, [
        'pdf',
        'docx',
        'jpg',
        'png',
      ]),
      doc(
        'evidence',
        'Растайтын материалдар (алғыс хаттар, сертификаттар, фото)',
        'Подтверждающие материалы (благодарственные письма, сертификаты, фото)',
        false,
      ),
    ],
    funding: null,
    criteria: [
      criterion(
        'contribution_scale',
        'Атқарылған жұмыстың көлемі (сағаттар, іс-шаралар)',
        'Объём проделанной работы (часы, мероприятия)',
        3,
        10,
        4,
      ),
      criterion('social_impact', 'Қоғамға пайдасы және нәтижелері', 'Польза для общества и результаты', 3, 10, 4),
      criterion(
        'consistency',
        'Волонтерлік қызметтің жүйелілігі мен ұзақтығы',
        'Систематичность и продолжительность волонтёрской деятельности',
        2,
      ),
      criterion('initiative', 'Бастамашылдық және басқаларды тарту', 'Инициативность и вовлечение других', 1),
      criterion('evidence_quality', 'Растайтын материалдардың толықтығы', 'Полнота подтверждающих материалов', 1),
    ],
    selection: { ...DEFAULT_SELECTION, perNomination: 1, winners: NOMINATIONS.length, oneWinnerPer: null },
    nominations: NOMINATIONS,
    draw: null,
    deadlines: DEFAULT_DEADLINES,
    languages: BOTH_LANGUAGES,
    numberPrefix: 'VA',
  },
};
