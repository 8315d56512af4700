/**
 * A report's review (issue 17): the grantee fills a draft and submits it; the organizer
 * accepts it or returns it with comments (per section); a returned report is edited and
 * submitted again (`resubmitted`), then accepted or returned again. Every submission is a
 * version kept for ever. Only a draft or a returned report can be edited.
 */
export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'resubmitted', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_KINDS = ['programmatic', 'financial'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export type ReportActor = 'grantee' | 'organizer';

const TRANSITIONS: Readonly<Record<ReportStatus, readonly { to: ReportStatus; by: ReportActor }[]>> = {
  draft: [{ to: 'submitted', by: 'grantee' }],
  submitted: [
    { to: 'accepted', by: 'organizer' },
    { to: 'returned', by: 'organizer' },
  ],
  returned: [{ to: 'resubmitted', by: 'grantee' }],
  resubmitted: [
    { to: 'accepted', by: 'organizer' },
    { to: 'returned', by: 'organizer' },
  ],
  accepted: [],
};

export function mayMove(from: ReportStatus, to: ReportStatus, by: ReportActor): boolean {
  return TRANSITIONS[from].some((t) => t.to === to && t.by === by);
}

/** Where a submission takes the report: a first one to `submitted`, after a return to `resubmitted`. */
export function submissionTarget(from: ReportStatus): ReportStatus | null {
  if (from === 'draft') return 'submitted';
  if (from === 'returned') return 'resubmitted';
  return null;
}

/** The grantee may change the content (and its attachments) of a draft or a returned report only. */
export function isEditable(status: ReportStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** Waiting for the organizer's review. */
export function isAwaitingReview(status: ReportStatus): boolean {
  return status === 'submitted' || status === 'resubmitted';
}

export function nextSteps(status: ReportStatus): ReportStatus[] {
  return TRANSITIONS[status].map((t) => t.to);
}

/** Sections a return may comment on, per kind; the grantee answers each in the resubmission. */
export const REPORT_SECTIONS: Readonly<Record<ReportKind, readonly string[]>> = {
  programmatic: ['summary', 'activities', 'indicators', 'participants', 'beneficiaries', 'attachments'],
  financial: ['lines', 'receipts', 'justifications', 'attachments'],
};
