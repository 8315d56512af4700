import type { CompetitionTemplate } from '../competition-templates';
import { defaultSurvey } from './default-survey';
import type { Criterion } from '../rulebook.types';
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

const GRANT_DOCUMENTS = [PERSONAL_DATA_CONSENT, NGO_REGISTRATION_CERTIFICATE, SUPPORT_LETTERS];

function grantCriteria(relevance: Criterion): Criterion[] {
  return [
    relevance,
    criterion(
      'feasibility',
      'Іс-шаралар жоспарының нақтылығы және орындалуы',
      'Конкретность и выполнимость плана мероприятий',
      2,
      10,
      4,
    ),
    criterion('budget', 'Бюджеттің негізділігі және тиімділігі', 'Обоснованность и эффективность бюджета', 2, 10, 4),
    criterion(
      'results',
      'Күтілетін нәтижелер және бенефициарларды қамту',
      'Ожидаемые результаты и охват благополучателей',
      2,
    ),
    criterion('team_capacity', 'Команданың тәжірибесі мен әлеуеті', 'Опыт и потенциал команды', 1),
  ];
}

/**
 * Mini-grants of 300 000 ₸, one per district or city (seed 004: Jetisu region, 2 cities and
 * 8 districts, 10 grants, at least 12 applications; rules agreed with the customer).
 * Jetisu and its 10 grants are only the starting point: the organizer sets the region(s) in
 * `territory.scope`, and the winners and fund are proposed from their districts and cities
 * (district-proposal.ts); opening with other numbers needs the organizer's confirmation.
 */
export const MINI_GRANTS_DISTRICT_TEMPLATE: CompetitionTemplate = {
  code: 'mini-grants-district',
  kind: 'grant',
  name: {
    kk: 'Шағын гранттар конкурсы: әр ауданға (қалаға) бір грант',
    ru: 'Конкурс мини-грантов: один грант на район (город)',
  },
  description: {
    kk:
      'Облыстың ҮЕҰ-лары мен бастамашыл топтарына 300 000 теңгеден шағын гранттар: 1 ауданда / қалада 1 шағын грант. ' +
      'Өтінімдер техникалық іріктеуден өтеді, сараптамалық комиссия бағалайды, жеңімпаздармен шарт жасалады, ' +
      'жұмыстар мониторингіленеді, жеңімпаздардан қанағаттану сауалнамасы алынады.',
    ru:
      'Мини-гранты по 300 000 тенге для НПО и инициативных групп области: один мини-грант на район или город. ' +
      'Заявки проходят техническую экспертизу, экспертная комиссия оценивает их, с победителями заключаются договоры, ' +
      'проводится мониторинг и опрос удовлетворённости победителей.',
  },
  rulebook: {
    applicantKinds: ['ngo', 'initiative_group'],
    team: { minSize: 3, maxSize: 10 },
    limits: { onePersonOneApplication: true, oneApplicationPerGroup: true },
    territory: { scope: ['ZHT'], level: 'district' },
    directions: [],
    fields: projectFields(6),
    documents: GRANT_DOCUMENTS,
    funding: { amountCap: 300_000, totalFund: 3_000_000 },
    payments: grantPayments(),
    criteria: grantCriteria(
      criterion(
        'relevance',
        'Өзектілігі және аудан (қала) мәселесіне сәйкестігі',
        'Актуальность и соответствие проблемам района (города)',
        3,
        10,
        4,
      ),
    ),
    selection: { ...DEFAULT_SELECTION, winners: 10, oneWinnerPer: 'district', useTotalFund: true },
    nominations: [],
    survey: defaultSurvey(),
    draw: null,
    deadlines: DEFAULT_DEADLINES,
    languages: BOTH_LANGUAGES,
    // An interim report mid-project (seed 004 asks for one), the final one 10 days after the end.
    reporting: grantReporting([
      { stage: 'interim', daysAfterStart: 45 },
      { stage: 'final', daysAfterEnd: 10 },
    ]),
    numberPrefix: 'MG',
  },
};

/**
 * Regional mini-grants for initiative groups (seed 003): 7 regions, a fund of 7 000 000 ₸,
 * 1 000 000 ₸ per region, a project of 400–500 thousand ₸ on average, at least 30
 * applications and at least 16 groups funded; projects solve issues of local significance.
 */
export const MINI_GRANTS_REGIONAL_TEMPLATE: CompetitionTemplate = {
  code: 'mini-grants-regional',
  kind: 'grant',
  name: {
    kk: 'Өңірлік шағын гранттар конкурсы: әр облысқа 1 000 000 теңге',
    ru: 'Региональный конкурс мини-грантов: 1 000 000 тенге на область',
  },
  description: {
    kk:
      'Жергілікті маңызы бар мәселелерді шешуге бағытталған бастамашыл топтар мен ҮЕҰ жобаларына шағын гранттар. ' +
      'Жалпы қор 7 000 000 теңге, әр облысқа 1 000 000 теңге; бір жобаның орташа құны 400–500 мың теңге.',
    ru:
      'Мини-гранты на проекты инициативных групп и НПО, направленные на решение вопросов местного значения. ' +
      'Общий фонд 7 000 000 тенге, по 1 000 000 тенге на каждую область; средняя стоимость проекта 400–500 тысяч тенге.',
  },
  rulebook: {
    applicantKinds: ['initiative_group', 'ngo'],
    team: { minSize: 3, maxSize: 10 },
    limits: { onePersonOneApplication: true, oneApplicationPerGroup: true },
    // Turkestan, Kyzylorda, West Kazakhstan, Almaty, Atyrau, Zhambyl and Mangystau regions.
    territory: { scope: ['TUR', 'KZY', 'ZKO', 'ALM', 'ATY', 'ZHA', 'MAN'], level: 'region' },
    directions: [],
    fields: projectFields(6),
    documents: GRANT_DOCUMENTS,
    funding: { amountCap: 500_000, perRegionFund: 1_000_000, totalFund: 7_000_000 },
    payments: grantPayments(),
    criteria: grantCriteria(
      criterion(
        'local_relevance',
        'Жергілікті маңызы бар мәселені шешуге бағытталуы, тұрғындардың қатысуы',
        'Направленность на решение вопроса местного значения, участие жителей',
        3,
        10,
        4,
      ),
    ),
    selection: { ...DEFAULT_SELECTION, oneWinnerPer: null, capsByRegion: true, useTotalFund: true },
    nominations: [],
    survey: defaultSurvey(),
    draw: null,
    deadlines: DEFAULT_DEADLINES,
    languages: BOTH_LANGUAGES,
    // An interim report mid-project (seed 004 asks for one), the final one 10 days after the end.
    reporting: grantReporting([
      { stage: 'interim', daysAfterStart: 45 },
      { stage: 'final', daysAfterEnd: 10 },
    ]),
    numberPrefix: 'RG',
  },
};
