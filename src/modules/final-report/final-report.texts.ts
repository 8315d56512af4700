import type { ReportCategory } from '../competitions/domain/final-report-rule';
import type { FinalReportTargetCode } from '../competitions/domain/final-report-rule';
import type { Locale } from '../../common/i18n/i18n';
import { AGE_LIMITS } from './domain/final-report';
import type { AgeBand } from './domain/participants';

/** The words of the final report's documents (DOCX, XLSX) and page, as the 004 form says them. */
export interface FinalReportTexts {
  title: string;
  competition: string;
  generatedOn: string;
  grants: { heading: string; headers: string[]; none: string; notRecorded: string; total: string };
  gender: { heading: string; total: string; male: string; female: string; unknown: string };
  categories: { heading: string; names: Record<ReportCategory, string> };
  ages: { heading: string; names: Record<AgeBand, string> };
  beneficiaries: { heading: string; headers: string[]; direct: string; indirect: string; unit: string };
  satisfaction: {
    heading: string;
    share: (percent: string, satisfied: number, answers: number) => string;
    none: string;
  };
  targets: {
    heading: string;
    headers: string[];
    names: Record<FinalReportTargetCode, string>;
    all: string;
    arm: (arm: string) => string;
    vulnerableMeans: string;
  };
  rules: {
    heading: string;
    precedence: (list: string) => string;
    people: string;
    /** Which reports the figures come from. */
    sources: string;
    ages: (date: string) => string;
  };
}

const kk: FinalReportTexts = {
  title: 'Әлеуметтік жобаны іске асыру нәтижелері бойынша қорытынды есеп',
  competition: 'Конкурс',
  generatedOn: 'Есеп жасалған күн',
  grants: {
    heading: 'Гранттар',
    headers: [
      '№',
      'Шарт нөмірі',
      'Аумақ',
      'Грант алушы',
      'Шарт сомасы, ₸',
      'Төленгені, ₸',
      'Қатысушылар: жоспар',
      'Қатысушылар: факт',
    ],
    none: 'Бұл конкурста әлі шарт жоқ.',
    notRecorded: '—',
    total: 'Барлығы',
  },
  gender: {
    heading: 'Гендерлік көрсеткіш',
    total: 'Жобаға қатысушылардың саны барлығы',
    male: 'Ерлер',
    female: 'Әйелдер',
    unknown: 'Жынысы белгісіз',
  },
  categories: {
    heading: 'Санаттар бойынша әлеуметтік дәрежесі',
    names: {
      children: 'Балалар (оның ішінде мүгедек балалар)',
      youth: 'Жастар',
      civil_servant: 'Мемлекеттік қызметкерлер',
      public_sector_worker: 'Бюджеттік ұйымдар жұмысшылары',
      disability: 'Мүгедектігі бар тұлғалар',
      over_50: 'Егде жастағы адамдар (50 жастан жоғары)',
      unemployed: 'Жұмыссыздар',
      ngo_representative: 'Қоғамдық ұйымдардың өкілдері',
      business: 'Бизнес-сектор өкілдері',
      other: 'Басқа санаттар',
    },
  },
  ages: {
    heading: 'Жас көрсеткіші',
    names: {
      '13-16': '13–16 жас',
      '17-22': '17–22 жас',
      '23-27': '23–27 жас',
      '28-32': '28–32 жас',
      '33-45': '33–45 жас',
      '46-58': '46–58 жас',
      '59+': '59 жас және одан жоғары',
      under_13_or_unknown: '13 жасқа толмаған немесе жасы белгісіз',
    },
  },
  beneficiaries: {
    heading: 'Әлеуметтік-экономикалық әсер',
    headers: ['Индикатор', 'Өлшем бірлігі', 'Нақты деңгейі'],
    direct: 'Тікелей бенефициарлардың саны',
    indirect: 'Жанама бенефициарлардың саны',
    unit: 'адам',
  },
  satisfaction: {
    heading: 'Қатысушылардың қанағаттануы',
    share: (percent, satisfied, answers) =>
      `Қанағаттанған қатысушылардың үлесі: ${percent} (${answers} жауаптың ${satisfied})`,
    none: 'Сауалнамаға әлі жауап жоқ.',
  },
  targets: {
    heading: 'Бағдарламаның мақсатты көрсеткіштері',
    headers: ['Көрсеткіш', 'Топ', 'Мақсат', 'Нақты', 'Айырма', 'Адам саны'],
    names: { vulnerable: 'Осал топтағы жастар', women: 'Әйелдер', disability: 'Мүгедектігі бар адамдар' },
    all: 'Барлығы',
    arm: (arm) => `${arm} тобы`,
    vulnerableMeans:
      'Осал топ: мүгедектігі бар, жұмыссыз (тіркелген немесе тіркелмеген), оқымайтын және жұмыс істемейтін немесе табысы төмен адамдар.',
  },
  rules: {
    heading: 'Қалай есептелді',
    precedence: (list) =>
      `Бірнеше санатқа сәйкес келетін қатысушы бір ғана бағанда есептеледі — мына ретпен алғашқы сәйкес келетінінде: ${list}. Сондықтан әр кесте жалпы санға тең.`,
    people:
      'Бір адам конкурс бойынша бір рет есептеледі, оны қанша тізім атаса да (ЖСН бойынша). ЖСН-сіз көрсетілген қатысушы әр жолы бөлек адам ретінде есептеледі: екі жолды бір адам деп тануға сенімді белгі жоқ. Санмен берілген жол өз санымен есептеледі.',
    sources:
      'Қатысушылар мен пайда алушылар әр грант бойынша соңғы қабылданған мазмұндық есептен алынады: қорытынды есеп қабылданса — содан, әйтпесе аралық есептен. Әлі қабылданбаған есептер есепке алынбайды.',
    ages: (date) =>
      `Жасы ${date} күнгі толық жылмен есептеледі (жобалардың соңғы күні). Балалар — ${AGE_LIMITS.childrenUnder} жасқа дейін, жастар — ${AGE_LIMITS.youthFrom}–${AGE_LIMITS.youthTo} жас, егде жастағылар — ${AGE_LIMITS.over50From} жас және одан жоғары. 13 жасқа толмағандар мен туған күні белгісіздер жеке жолда.`,
  },
};

const ru: FinalReportTexts = {
  title: 'Итоговый отчёт по результатам реализации социального проекта',
  competition: 'Конкурс',
  generatedOn: 'Дата составления отчёта',
  grants: {
    heading: 'Гранты',
    headers: [
      '№',
      'Номер договора',
      'Территория',
      'Грантополучатель',
      'Сумма договора, ₸',
      'Выплачено, ₸',
      'Участники: план',
      'Участники: факт',
    ],
    none: 'В этом конкурсе пока нет договоров.',
    notRecorded: '—',
    total: 'Итого',
  },
  gender: {
    heading: 'Гендерный показатель',
    total: 'Общее количество участников проекта',
    male: 'Мужчины',
    female: 'Женщины',
    unknown: 'Пол не указан',
  },
  categories: {
    heading: 'Социальный статус по категориям',
    names: {
      children: 'Дети (в том числе дети с инвалидностью)',
      youth: 'Молодёжь',
      civil_servant: 'Государственные служащие',
      public_sector_worker: 'Работники бюджетных организаций',
      disability: 'Лица с инвалидностью',
      over_50: 'Пожилые люди (старше 50 лет)',
      unemployed: 'Безработные',
      ngo_representative: 'Представители общественных организаций',
      business: 'Представители бизнес-сектора',
      other: 'Другие категории',
    },
  },
  ages: {
    heading: 'Возрастной показатель',
    names: {
      '13-16': '13–16 лет',
      '17-22': '17–22 лет',
      '23-27': '23–27 лет',
      '28-32': '28–32 лет',
      '33-45': '33–45 лет',
      '46-58': '46–58 лет',
      '59+': '59 лет и старше',
      under_13_or_unknown: 'Младше 13 лет или возраст неизвестен',
    },
  },
  beneficiaries: {
    heading: 'Социально-экономический эффект',
    headers: ['Индикатор', 'Единица измерения', 'Фактический уровень'],
    direct: 'Количество прямых благополучателей',
    indirect: 'Количество косвенных благополучателей',
    unit: 'человек',
  },
  satisfaction: {
    heading: 'Удовлетворённость участников',
    share: (percent, satisfied, answers) =>
      `Доля удовлетворённых участников: ${percent} (${satisfied} из ${answers} ответов)`,
    none: 'Ответов на анкету пока нет.',
  },
  targets: {
    heading: 'Целевые показатели программы',
    headers: ['Показатель', 'Группа', 'Цель', 'Факт', 'Разница', 'Человек'],
    names: { vulnerable: 'Уязвимая молодёжь', women: 'Женщины', disability: 'Лица с инвалидностью' },
    all: 'Все',
    arm: (arm) => `Группа ${arm}`,
    vulnerableMeans:
      'Уязвимые: лица с инвалидностью, безработные (зарегистрированные или нет), не занятые учёбой и работой или с низким доходом.',
  },
  rules: {
    heading: 'Как посчитано',
    precedence: (list) =>
      `Участник, подходящий под несколько категорий, учитывается только в одной графе — в первой подходящей в таком порядке: ${list}. Поэтому каждая таблица в сумме даёт общее число.`,
    people:
      'Один человек учитывается в конкурсе один раз, сколько бы списков его ни называли (по ИИН). Участник, указанный без ИИН, учитывается отдельно в каждой строке: надёжного признака, что две строки — один человек, нет. Строка с числом учитывается этим числом.',
    sources:
      'Участники и благополучатели берутся по каждому гранту из последнего принятого содержательного отчёта: из итогового, если он принят, иначе из промежуточного. Ещё не принятые отчёты не учитываются.',
    ages: (date) =>
      `Возраст — полных лет на ${date} (последний день проектов). Дети — до ${AGE_LIMITS.childrenUnder} лет, молодёжь — ${AGE_LIMITS.youthFrom}–${AGE_LIMITS.youthTo} лет, пожилые — ${AGE_LIMITS.over50From} год и старше. Младше 13 лет и с неизвестной датой рождения — отдельной строкой.`,
  },
};

export const FINAL_REPORT_TEXTS: Record<Locale, FinalReportTexts> = { kk, ru };

/** 0.553 → `55,3%`. */
export function percent(share: number | null): string {
  if (share === null) return '—';
  return `${(Math.round(share * 1000) / 10).toLocaleString('ru-RU')}%`;
}

/** A signed difference in percentage points: −4,7 п.п. / −4,7 п.т. */
export function gapText(gap: number | null, locale: Locale): string {
  if (gap === null) return '—';
  const v = Math.round(gap * 1000) / 10;
  const sign = v > 0 ? '+' : v < 0 ? '−' : '';
  return `${sign}${Math.abs(v).toLocaleString('ru-RU')} ${locale === 'kk' ? 'п.т.' : 'п.п.'}`;
}
