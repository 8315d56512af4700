import type { Locale } from '../../../common/i18n/i18n';
import type { ReportingStage } from '../../competitions/domain/rulebook.types';
import type { ReportKind } from './report-status';

const NAMES: Record<Locale, { stage: Record<ReportingStage, string>; kind: Record<ReportKind, string>; noun: string }> =
  {
    kk: {
      stage: { interim: 'аралық', final: 'қорытынды' },
      kind: { programmatic: 'бағдарламалық', financial: 'қаржылық' },
      noun: 'есеп',
    },
    ru: {
      stage: { interim: 'промежуточный', final: 'итоговый' },
      kind: { programmatic: 'содержательный', financial: 'финансовый' },
      noun: 'отчёт',
    },
  };

/** «аралық бағдарламалық есеп» / «промежуточный содержательный отчёт» (GLOSSARY: report). */
export function reportName(kind: ReportKind, stage: ReportingStage, locale: Locale): string {
  const n = NAMES[locale];
  return `${n.stage[stage]} ${n.kind[kind]} ${n.noun}`;
}
