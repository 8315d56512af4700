import { formatTenge } from '../../libs/kz';
import type { ProtocolLocale, ProtocolModel } from '../../src/modules/documents/protocol.model';

/** Invented people and groups; territories are real districts of Jetisu region. */
export const MEMBERS = {
  chair: 'Сарапшы Бірінші',
  secretary: 'Сарапшы Екінші',
  third: 'Сарапшы Үшінші',
  fourth: 'Сарапшы Төртінші',
  absent: 'Сарапшы Бесінші',
} as const;

export const APPLICATIONS = ['MG-2024-0001', 'MG-2024-0002', 'MG-2024-0003', 'MG-2024-0004'] as const;

const WORDS = {
  kk: {
    title: 'Жетісу облысының ҮЕҰ мен бастамашыл топтарына арналған шағын гранттар байқауы',
    organizer: '«Ашық алаң» қоғамдық бірлестігі',
    place: 'Талдықорған қ.',
    reason: 'өтініш берушінің басшысы — туысы',
    criteria: ['Мәселенің өзектілігі', 'Іске асыру жоспарының нақтылығы', 'Бюджеттің негізділігі'],
    applicants: [
      '«Жарқын болашақ» ҚБ',
      '«Ана & Бала» бастамашыл тобы',
      '«Ескелді жастары» бастамашыл тобы',
      '«Кербұлақ үні» ҚБ',
    ],
    territories: ['Ескелді ауданы', 'Текелі қаласы', 'Ескелді ауданы', 'Кербұлақ ауданы'],
    rule: `Орташа балл бойынша ең жоғары 3 өтінім іріктеледі, бір ауданнан немесе қаладан ең көбі біреу; байқау қоры ${formatTenge(900_000, 'kk')}.`,
    winner: 'рейтингтегі орны бойынша',
    notSelected: 'Ескелді ауданынан балы жоғары өтінім іріктелді',
    quorum: 'Кворум бар: комиссияның 5 мүшесінің 4-еуі қатысты.',
  },
  ru: {
    title: 'Конкурс мини-грантов для НПО и инициативных групп области Жетісу',
    organizer: 'Общественное объединение «Ашық алаң»',
    place: 'г. Талдыкорган',
    reason: 'руководитель заявителя — родственник',
    criteria: ['Актуальность проблемы', 'Конкретность плана реализации', 'Обоснованность бюджета'],
    applicants: [
      'ОО «Жарқын болашақ»',
      'Инициативная группа «Ана & Бала»',
      'Инициативная группа «Ескелді жастары»',
      'ОО «Кербұлақ үні»',
    ],
    territories: ['Ескельдинский район', 'г. Текели', 'Ескельдинский район', 'Кербулакский район'],
    rule: `Отбираются 3 заявки с наибольшим средним баллом, не более одной на район или город; фонд конкурса ${formatTenge(900_000, 'ru')}.`,
    winner: 'по месту в рейтинге',
    notSelected: 'от Ескельдинского района отобрана заявка с более высоким баллом',
    quorum: 'Кворум имеется: присутствуют 4 из 5 членов комиссии.',
  },
} as const;

/** Weighted totals (criteria weights 0.4 / 0.35 / 0.25, 10 points each) per application, per scoring member. */
const TOTALS: Record<string, Partial<Record<string, number>>> = {
  'MG-2024-0001': { [MEMBERS.chair]: 9, [MEMBERS.secretary]: 8.5, [MEMBERS.third]: 9, [MEMBERS.fourth]: 8.5 },
  'MG-2024-0002': { [MEMBERS.chair]: 8, [MEMBERS.secretary]: 9, [MEMBERS.fourth]: 7 },
  'MG-2024-0003': { [MEMBERS.chair]: 6, [MEMBERS.secretary]: 9.5, [MEMBERS.third]: 5, [MEMBERS.fourth]: 8 },
  'MG-2024-0004': { [MEMBERS.chair]: 5, [MEMBERS.secretary]: 5.5, [MEMBERS.third]: 6, [MEMBERS.fourth]: 5.5 },
};

/** A realistic small commission: 5 members (one absent), one conflict of interest, 4 applications, 3 winners. */
export function sampleProtocolModel(locale: ProtocolLocale): ProtocolModel {
  const w = WORDS[locale];
  const scores = Object.entries(TOTALS).flatMap(([applicationNumber, byMember]) =>
    Object.entries(byMember).map(([memberName, total]) => ({
      applicationNumber,
      memberName,
      total: total as number,
      perCriterion: [total as number, total as number, total as number],
    })),
  );
  return {
    locale,
    competition: { title: w.title, organizer: w.organizer, number: '7' },
    date: '15.07.2024',
    place: w.place,
    members: [
      { name: MEMBERS.third, role: 'member', present: true },
      { name: MEMBERS.chair, role: 'chair', present: true },
      { name: MEMBERS.absent, role: 'member', present: false },
      { name: MEMBERS.secretary, role: 'secretary', present: true },
      { name: MEMBERS.fourth, role: 'member', present: true },
    ],
    conflicts: [{ memberName: MEMBERS.third, applicationNumber: 'MG-2024-0002', reason: w.reason }],
    criteria: [
      { code: 'K1', label: w.criteria[0], weight: 0.4, maxPoints: 10 },
      { code: 'K2', label: w.criteria[1], weight: 0.35, maxPoints: 10 },
      { code: 'K3', label: w.criteria[2], weight: 0.25, maxPoints: 10 },
    ],
    scores,
    ranking: [
      {
        rank: 1,
        applicationNumber: 'MG-2024-0001',
        applicant: w.applicants[0],
        territory: w.territories[0],
        mean: 8.75,
        median: 8.75,
        count: 4,
        disagreement: false,
        amount: 300_000,
      },
      {
        rank: 2,
        applicationNumber: 'MG-2024-0002',
        applicant: w.applicants[1],
        territory: w.territories[1],
        mean: 8,
        median: 8,
        count: 3,
        disagreement: false,
        amount: 300_000,
      },
      {
        rank: 3,
        applicationNumber: 'MG-2024-0003',
        applicant: w.applicants[2],
        territory: w.territories[2],
        mean: 7.125,
        median: 7,
        count: 4,
        disagreement: true,
      },
      {
        rank: 4,
        applicationNumber: 'MG-2024-0004',
        applicant: w.applicants[3],
        territory: w.territories[3],
        mean: 5.5,
        median: 5.5,
        count: 4,
        disagreement: false,
        amount: 300_000,
      },
    ],
    selectionRule: w.rule,
    decision: [
      { applicationNumber: 'MG-2024-0001', selected: true, reason: w.winner },
      { applicationNumber: 'MG-2024-0002', selected: true, reason: w.winner },
      { applicationNumber: 'MG-2024-0003', selected: false, reason: w.notSelected },
      { applicationNumber: 'MG-2024-0004', selected: true, reason: '' },
    ],
    quorumNote: w.quorum,
  };
}
