import type { ReportSummary, ReportVersionView, ReportView } from '../../modules/reports/reports.service';

/**
 * What the report pages show of a report: the reports service's view for the person acting
 * (the grantee or an organizer of its competition), with the competition's title and zone
 * and, once submitted, the last version as it was submitted. The pages compute nothing of
 * their own: the financial table, the totals and "overdue" are the service's.
 */
export interface ReportPageModel extends ReportView {
  competitionTitle: { kk: string; ru: string };
  timeZone: string;
  /** The last submitted version with its snapshot (what the organizer reviews), or null before the first. */
  latest: ReportVersionView | null;
}

export type ReportListItem = ReportSummary;
export type { ReportVersionView };

/** Answers may also go to the review's general comment. */
export const GENERAL = 'general';

export const reportPath = (id: string) => `/reports/${id}`;
export const contractReportsPath = (contractId: string) => `/contracts/${contractId}/reports`;
export const competitionReportsPath = (competitionId: string) => `/organizer/competitions/${competitionId}/reports`;
