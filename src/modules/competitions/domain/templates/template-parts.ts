import type {
  Criterion,
  Deadlines,
  DocumentRequirement,
  FileKind,
  FormField,
  Locale,
  PaymentsRule,
  SelectionRule,
} from '../rulebook.types';

/** Shared pieces of the ready templates, so the same question reads the same everywhere. */

export const DEFAULT_DEADLINES: Deadlines = { submissionDeadline: null, timeZone: 'Asia/Almaty' };
export const BOTH_LANGUAGES: Locale[] = ['kk', 'ru'];
export const DEFAULT_SELECTION: Pick<SelectionRule, 'quorum' | 'tieBreak'> = {
  quorum: 3,
  tieBreak: 'criteria_then_submission',
};

/** Grant contracts pay 70% once in force and 30% after the final reports are accepted. */
export function grantPayments(): PaymentsRule {
  return {
    tranches: [
      { percent: 70, condition: 'on_activation' },
      { percent: 30, condition: 'after_reports', stage: 'final' },
    ],
  };
}

const SCANS: FileKind[] = ['pdf', 'jpg', 'png'];

export function criterion(
  code: string,
  kk: string,
  ru: string,
  weight: number,
  maxPoints = 10,
  commentBelow?: number,
): Criterion {
  return { code, label: { kk, ru }, weight, maxPoints, step: 1, ...(commentBelow !== undefined && { commentBelow }) };
}

export function doc(
  code: string,
  kk: string,
  ru: string,
  required: boolean,
  kinds: FileKind[] = SCANS,
): DocumentRequirement {
  return { code, label: { kk, ru }, required, kinds };
}

export function textarea(key: string, kk: string, ru: string, maxLength: number, required = true): FormField {
  return { key, label: { kk, ru }, type: 'textarea', required, maxLength };
}

export function integer(key: string, kk: string, ru: string, min: number, max: number, required = true): FormField {
  return { key, label: { kk, ru }, type: 'integer', required, min, max };
}

/** The questions every project application asks (seed 000's «I блок», seed 002's online form). */
export function projectFields(maxMonths: number): FormField[] {
  return [
    textarea('goal', 'Жобаның мақсаты', 'Цель проекта', 1000),
    textarea('targetGroup', 'Жобаның мақсатты тобы', 'Целевая группа проекта', 1000),
    textarea(
      'description',
      'Жобаның қысқаша сипаттамасы және әлеуметтік әсері',
      'Краткое описание проекта и его социальный эффект',
      4000,
    ),
    textarea(
      'plannedEvents',
      'Жоспарланған іс-шаралар (не, қашан, қайда)',
      'Планируемые мероприятия (что, когда, где)',
      4000,
    ),
    textarea(
      'expectedResults',
      'Жобаны іске асырудан күтілетін нәтижелер',
      'Ожидаемые результаты реализации проекта',
      2000,
    ),
    integer('durationMonths', 'Жобаның ұзақтығы, ай', 'Продолжительность проекта, месяцев', 1, maxMonths),
    {
      key: 'startDate',
      label: { kk: 'Жобаның басталу күні', ru: 'Дата начала проекта' },
      type: 'date',
      required: false,
    },
    integer(
      'directBeneficiaries',
      'Тікелей бенефициарлар саны, адам',
      'Количество прямых благополучателей, человек',
      1,
      100_000,
    ),
    integer(
      'indirectBeneficiaries',
      'Жанама бенефициарлар саны, адам',
      'Количество косвенных благополучателей, человек',
      0,
      10_000_000,
      false,
    ),
    textarea(
      'partners',
      'Жобаның серіктестері (ұйымдар, мемлекеттік органдар)',
      'Партнёры проекта (организации, государственные органы)',
      1000,
      false,
    ),
  ];
}

export const PERSONAL_DATA_CONSENT = doc(
  'personal_data_consent',
  'Дербес деректерді жинауға және өңдеуге келісім',
  'Согласие на сбор и обработку персональных данных',
  true,
);

export const NGO_REGISTRATION_CERTIFICATE = doc(
  'registration_certificate',
  'Заңды тұлғаны мемлекеттік тіркеу туралы анықтама (ҮЕҰ үшін)',
  'Справка о государственной регистрации юридического лица (для НПО)',
  false,
);

export const SUPPORT_LETTERS = doc(
  'support_letters',
  'Қолдау хаттары (әкімдік, серіктестер)',
  'Письма поддержки (акимат, партнёры)',
  false,
);
