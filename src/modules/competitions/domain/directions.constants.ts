import type { LocalizedText } from './rulebook.types';

/**
 * Directions (бағыттар / направления) of youth micro-projects, as the Youth Corps brochure
 * lists them (seed 002). Groups are not limited to them: `other` covers any publicly useful idea.
 */
export const YOUTH_DIRECTION_CODES = [
  'education',
  'healthy_lifestyle_sport',
  'culture_leisure',
  'patriotic_civic',
  'family_values_traditions',
  'ecology_landscaping',
  'science_technology',
  'rural_development',
  'tourism',
  'volunteer_initiatives',
  'other',
] as const;

/** Priority directions of the civic grant programmes behind seeds 000, 003 and 004. */
export const CIVIC_DIRECTION_CODES = ['rural_civic_initiatives', 'local_self_government', 'public_control'] as const;

export type DirectionCode = (typeof YOUTH_DIRECTION_CODES)[number] | (typeof CIVIC_DIRECTION_CODES)[number];

export const DIRECTION_LABELS: Record<DirectionCode, LocalizedText> = {
  education: { kk: 'Білім беру', ru: 'Образование' },
  healthy_lifestyle_sport: { kk: 'Салауатты өмір салты және спорт', ru: 'Здоровый образ жизни и спорт' },
  culture_leisure: { kk: 'Мәдениет және бос уақыт', ru: 'Культура и досуг' },
  patriotic_civic: { kk: 'Патриоттық және азаматтық белсенділік', ru: 'Патриотическая и гражданская активность' },
  family_values_traditions: { kk: 'Отбасылық құндылықтар және дәстүрлер', ru: 'Семейные ценности и традиции' },
  ecology_landscaping: { kk: 'Экология және абаттандыру', ru: 'Экология и благоустройство' },
  science_technology: { kk: 'Ғылым және техника', ru: 'Наука и техника' },
  rural_development: { kk: 'Ауылды дамыту', ru: 'Развитие села' },
  tourism: { kk: 'Туризм', ru: 'Туризм' },
  volunteer_initiatives: { kk: 'Волонтерлік бастамалар', ru: 'Волонтёрские инициативы' },
  other: { kk: 'Басқалары', ru: 'Другое' },
  rural_civic_initiatives: { kk: 'Ауылда азаматтық бастамаларды дамыту', ru: 'Развитие гражданских инициатив на селе' },
  local_self_government: { kk: 'Жергілікті өзін-өзі басқаруды дамыту', ru: 'Развитие местного самоуправления' },
  public_control: { kk: 'Қоғамдық бақылау', ru: 'Общественный контроль' },
};

export function isDirectionCode(code: string): code is DirectionCode {
  return Object.prototype.hasOwnProperty.call(DIRECTION_LABELS, code);
}
