import { AppException } from '../../common/errors/app.exception';

export enum ReportsErrorCode {
  /** Submitted (under review) or accepted: the content cannot change; the organizer returns it for changes. */
  REPORT_NOT_EDITABLE = 'REPORT_NOT_EDITABLE',
  REPORT_ALREADY_SUBMITTED = 'REPORT_ALREADY_SUBMITTED',
  REPORT_NOT_AWAITING_REVIEW = 'REPORT_NOT_AWAITING_REVIEW',
  REPORT_ACCEPTED = 'REPORT_ACCEPTED',
  /** A first submission after the due date, without the organizer's allowance (params: due). */
  REPORT_OVERDUE = 'REPORT_OVERDUE',
  /** The file's type is not one this kind of attachment takes (params: kind). */
  REPORT_ATTACHMENT_TYPE = 'REPORT_ATTACHMENT_TYPE',
  REPORT_CONTRACT_NOT_ACTIVE = 'REPORT_CONTRACT_NOT_ACTIVE',
}

const STATUS: Record<ReportsErrorCode, number> = {
  REPORT_NOT_EDITABLE: 409,
  REPORT_ALREADY_SUBMITTED: 409,
  REPORT_NOT_AWAITING_REVIEW: 409,
  REPORT_ACCEPTED: 409,
  REPORT_OVERDUE: 409,
  REPORT_ATTACHMENT_TYPE: 415,
  REPORT_CONTRACT_NOT_ACTIVE: 409,
};

/** A report action refused, in the caller's language: a conflict with its state (409) unless said otherwise. */
export class ReportsException extends AppException {
  constructor(code: ReportsErrorCode, params: Record<string, string | number> = {}) {
    super(STATUS[code], code, params);
  }
}

/** Codes of field-level problems (`details`) the reports produce beyond the common ones. */
export const ReportProblem = {
  /** No such line in the contract's approved budget. */
  BUDGET_LINE_UNKNOWN: 'BUDGET_LINE_UNKNOWN',
  /** A line spent beyond the approved sum and the tolerance without a justification (params: item, approved, cumulative, tolerance). */
  OVERSPEND_NEEDS_JUSTIFICATION: 'OVERSPEND_NEEDS_JUSTIFICATION',
  /** Not one of the contract's indicators. */
  INDICATOR_UNKNOWN: 'INDICATOR_UNKNOWN',
  /** Not a section of this kind of report. */
  SECTION_UNKNOWN: 'SECTION_UNKNOWN',
  /** A field of the other kind of report (params: kind). */
  NOT_IN_REPORT: 'NOT_IN_REPORT',
  /** A return says what to change: a comment, or one per section. */
  RETURN_NEEDS_COMMENT: 'RETURN_NEEDS_COMMENT',
  /** This kind of file goes with the other kind of report (params: kind). */
  ATTACHMENT_NOT_IN_REPORT: 'ATTACHMENT_NOT_IN_REPORT',
  /** A late allowance ends after the due date (params: due). */
  LATE_UNTIL_NOT_AFTER_DUE: 'LATE_UNTIL_NOT_AFTER_DUE',
} as const;
