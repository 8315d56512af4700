import type { FileKind } from '../../files/file-kind.util';
import type { FinancialRow, FinancialTotals } from './financial';

/** What a report's files are: photos and other files of the programmatic report, receipts per budget line of the financial one. */
export const REPORT_ATTACHMENT_KINDS = ['photo', 'receipt', 'participants_list', 'document'] as const;
export type ReportAttachmentKind = (typeof REPORT_ATTACHMENT_KINDS)[number];

/** Which file types each kind takes (judged by content). */
export const ATTACHMENT_FILE_KINDS: Readonly<Record<ReportAttachmentKind, readonly FileKind[]>> = {
  photo: ['jpg', 'png'],
  receipt: ['pdf', 'jpg', 'png'],
  participants_list: ['pdf', 'jpg', 'png', 'xlsx', 'docx'],
  document: ['pdf', 'jpg', 'png', 'xlsx', 'docx'],
};

/** Which kinds of files each kind of report takes. */
export const ATTACHMENTS_OF: Readonly<Record<'programmatic' | 'financial', readonly ReportAttachmentKind[]>> = {
  programmatic: ['photo', 'participants_list', 'document'],
  financial: ['receipt', 'document'],
};

export const ACTIVITY_OUTCOMES = ['done', 'partly', 'not_done'] as const;
export type ActivityOutcome = (typeof ACTIVITY_OUTCOMES)[number];

/** An activity of the project: planned (in the approved plan) or not, and how far it was done. */
export interface ReportActivity {
  title: string;
  planned: boolean;
  outcome: ActivityOutcome;
  heldOn?: string | null;
  place?: string | null;
  participants?: number | null;
  result?: string | null;
}

export interface IndicatorValue {
  code: string;
  plan: number;
  fact: number;
  comment?: string | null;
}

/** The grantee's answer to the organizer's comment on a section, in the resubmission. */
export interface SectionAnswer {
  section: string;
  answer: string;
}

export interface ProgrammaticContent {
  summary?: string | null;
  activities?: ReportActivity[];
  indicators?: IndicatorValue[];
  /** Deviations from the plan and why. */
  deviations?: string | null;
  beneficiaries?: { direct: number; indirect: number } | null;
  /** As the participants' owner (the final report module) read them; kept here for the snapshot. */
  participants?: Record<string, unknown>[];
  answers?: SectionAnswer[];
}

export interface FinancialContent {
  lines?: { line: number; spent: number; justification?: string | null }[];
  answers?: SectionAnswer[];
}

export type ReportContent = ProgrammaticContent & FinancialContent;

/** A submitted version: the content, what the server computed from it, and the files listed then. */
export interface ReportSnapshot {
  kind: 'programmatic' | 'financial';
  stage: 'interim' | 'final';
  content: ReportContent;
  financial?: { rows: FinancialRow[]; totals: FinancialTotals; tolerancePercent: number } | null;
  attachments: { id: string; kind: ReportAttachmentKind; budgetLine: number | null; name: string; size: number }[];
}
