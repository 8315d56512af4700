import type { Readable } from 'node:stream';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { localDate } from '../../../libs/kz';
import { Clock } from '../../common/clock/clock';
import {
  AppException,
  CommonErrorCode,
  ErrorDetail,
  NotFoundAppException,
  ValidationFailedException,
} from '../../common/errors/app.exception';
import { Actor, systemActor } from '../../common/http/actor';
import { MembershipsService } from '../access/memberships.service';
import { ApplicationLifecycle } from '../applications/application-lifecycle.service';
import { AuditService } from '../audit/audit.service';
import type { ReportingStage, ReportIndicator } from '../competitions/domain/rulebook.types';
import { ActivatedContract, ContractActivations } from '../contracts/contract-activations';
import { ContractParties, contractPeople, type ContractParty } from '../contracts/contract-parties';
import { contractStages, reportingSettings } from '../contracts/domain/contract-reporting';
import type { ContractContent } from '../contracts/domain/contract-terms';
import { formatLongDate } from '../documents/protocol-format.util';
import { attachmentContentDisposition, storedFileName } from '../files/content-disposition.util';
import { FILE_KIND_MIME, FileKind } from '../files/file-kind.util';
import { FileStorageService } from '../files/file-storage.service';
import { FilesErrorCode } from '../files/files.exception';
import type { ParticipantRowInput } from '../final-report/participants.service';
import { ParticipantsService } from '../final-report/participants.service';
import type { TemplatePayloads } from '../notifications/domain/template-catalogue';
import { NotificationsService } from '../notifications/notifications.service';
import { PaymentsService } from '../payments/payments.service';
import { financialTable, FinancialRow, FinancialTotals } from './domain/financial';
import { reportName } from './domain/report-names';
import {
  ATTACHMENT_FILE_KINDS,
  ATTACHMENTS_OF,
  ReportAttachmentKind,
  ReportContent,
  ReportSnapshot,
} from './domain/report-content';
import {
  isAwaitingReview,
  isEditable,
  nextSteps,
  REPORT_SECTIONS,
  ReportKind,
  ReportStatus,
  submissionTarget,
} from './domain/report-status';
import type {
  AllowLateDto,
  ChangeDueDateDto,
  CompetitionReportsQueryDto,
  ReportActionDto,
  ReturnReportDto,
  SaveReportDto,
} from './dto/report.dto';
import { ReportAttachment } from './entities/report-attachment.entity';
import { ReportReview } from './entities/report-review.entity';
import { ReportVersion } from './entities/report-version.entity';
import { Report } from './entities/report.entity';
import { ReportProblem, ReportsErrorCode, ReportsException } from './reports.exception';

export type ReportRole = ContractParty;

/** A contract as the reports read it (the contracts module owns the table). */
interface ContractRow {
  id: string;
  competitionId: string;
  applicationId: string;
  number: string;
  status: string;
  content: ContractContent;
}

export interface ReportSummary {
  id: string;
  contractId: string;
  contractNumber: string;
  applicationId: string;
  applicationNumber: string;
  projectTitle: string;
  /** The grantee as the contract names it: the organization, or the group's leader. */
  grantee: string;
  kind: ReportKind;
  stage: ReportingStage;
  status: ReportStatus;
  version: number;
  dueOn: string;
  lateUntil: string | null;
  /** Past its due date (and any late allowance) without having been submitted. */
  overdue: boolean;
  /** Days until the due date in the competition's zone; negative once past. */
  daysLeft: number;
  submissions: number;
  submittedAt: string | null;
  /** The last submission came after the due date (with the organizer's allowance). */
  late: boolean;
  acceptedAt: string | null;
}

export interface ReportIndicatorView extends ReportIndicator {
  plan: number | null;
  fact: number | null;
  comment: string | null;
}

export interface ReportAttachmentView {
  id: string;
  kind: ReportAttachmentKind;
  budgetLine: number | null;
  name: string;
  fileKind: string;
  size: number;
  uploadedAt: string;
}

/** One organizer's review of one version, with the grantee's answers from the next version beside each comment. */
export interface ReportReviewView {
  version: number;
  decision: 'accepted' | 'returned';
  comment: string | null;
  answer: string | null;
  sections: { section: string; comment: string; answer: string | null }[];
  reviewedAt: string;
}

export interface ReportView extends ReportSummary {
  competitionId: string;
  scheduledDueOn: string;
  role: ReportRole;
  editable: boolean;
  nextSteps: ReportStatus[];
  sections: readonly string[];
  /** The working copy (for an editable report, what the grantee is filling; else as last submitted). */
  content: ReportContent;
  /** Programmatic: the contract's indicators with this report's plan and fact. */
  indicators: ReportIndicatorView[];
  /** Programmatic: as the final report stores them. */
  participants: unknown[];
  beneficiaries: { direct: number; indirect: number } | null;
  /** Financial: every approved budget line, computed by the server in integer tenge. */
  financial: { rows: FinancialRow[]; totals: FinancialTotals; tolerancePercent: number } | null;
  attachments: ReportAttachmentView[];
  versions: { number: number; submittedAt: string; dueOn: string; late: boolean; decision: string | null }[];
  reviews: ReportReviewView[];
}

export interface ReportVersionView {
  number: number;
  submittedAt: string;
  dueOn: string;
  late: boolean;
  snapshot: ReportSnapshot;
  review: (Omit<ReportReviewView, 'answer' | 'sections'> & { sections: { section: string; comment: string }[] }) | null;
}

export interface ReportFile {
  stream: Readable;
  contentType: string;
  contentDisposition: string;
  size: number;
}

type Event = TemplatePayloads['report-update']['event'];

const REPORT_KIND_ORDER: ReportKind[] = ['programmatic', 'financial'];

/**
 * Winners' reports (issue 17): the schedule made when a contract comes into force (a row per
 * stage and kind with the contract's due date, stored), the grantee's working copy, each
 * submission a version kept for ever, the organizer's review (accept, or return with comments
 * per section), due-date changes and late allowances. The only writer of `reports`; every
 * step audited and told by e-mail in each person's language.
 */
@Injectable()
export class ReportsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: EnvironmentVariables,
    private readonly clock: Clock,
    private readonly activations: ContractActivations,
    private readonly memberships: MembershipsService,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly files: FileStorageService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly participants: ParticipantsService,
    private readonly payments: PaymentsService,
    private readonly parties: ContractParties,
  ) {}

  onModuleInit(): void {
    this.activations.register('reports-schedule', (tx, contract, actor) => this.schedule(tx, contract, actor));
  }

  /**
   * A contract in force gets its reports: a programmatic and a financial one per stage, due on
   * the date the contract states (computed when it was generated, stored here, never
   * recomputed). Signed again after a revision, it keeps the reports it has. The application
   * stays `contracted` until its first report is submitted (see submit).
   */
  async schedule(tx: EntityManager, contract: ActivatedContract, actor: Actor): Promise<void> {
    for (const { stage, dueOn } of contractStages(contract.content.reporting)) {
      for (const kind of REPORT_KIND_ORDER) {
        const created: { id: string }[] = await tx.query(
          `INSERT INTO reports (contract_id, competition_id, application_id, kind, stage, due_on, scheduled_due_on, version)
           VALUES ($1, $2, $3, $4, $5, $6, $6, 1)
           ON CONFLICT (contract_id, kind, stage) DO NOTHING RETURNING id`,
          [contract.id, contract.competitionId, contract.applicationId, kind, stage, dueOn],
        );
        if (created.length === 0) continue;
        await this.audit.record(tx, actor, {
          action: 'report.scheduled',
          entityType: 'report',
          entityId: created[0].id,
          after: { contractId: contract.id, contractNumber: contract.number, kind, stage, dueOn, status: 'draft' },
        });
      }
    }
  }

  // --- reading ----------------------------------------------------------------------------

  async listForContract(contractId: string, actor: Actor): Promise<ReportSummary[]> {
    const contract = await this.contractRow(this.db.manager, contractId);
    if (!contract || !(await this.parties.roleOf(this.db.manager, contract, actor)))
      throw new NotFoundAppException('contract');
    const reports = await this.db.getRepository(Report).find({ where: { contractId } });
    const timeZone = contract.content.competition.timeZone;
    return this.sorted(reports).map((r) => this.summary(r, contract, timeZone));
  }

  async get(id: string, actor: Actor): Promise<ReportView> {
    const { report, contract, role } = await this.loadFor(this.db.manager, id, actor);
    return this.view(report, contract, role);
  }

  async version(id: string, number: number, actor: Actor): Promise<ReportVersionView> {
    const { report } = await this.loadFor(this.db.manager, id, actor);
    const version = await this.db.getRepository(ReportVersion).findOneBy({ reportId: report.id, number });
    if (!version) throw new NotFoundAppException('report');
    const review = await this.db.getRepository(ReportReview).findOneBy({ reportId: report.id, versionNumber: number });
    return {
      number: version.number,
      submittedAt: version.submittedAt.toISOString(),
      dueOn: version.dueOn,
      late: version.late,
      snapshot: version.snapshot,
      review: review
        ? {
            version: number,
            decision: review.decision,
            comment: review.comment,
            sections: review.sections,
            reviewedAt: review.reviewedAt.toISOString(),
          }
        : null,
    };
  }

  /** The competition's reports for its organizers: by status, kind, or only the overdue ones; due date first. */
  async forCompetition(
    competitionId: string,
    query: CompetitionReportsQueryDto,
    actor: Actor,
  ): Promise<{ items: ReportSummary[]; total: number; page: number; pageSize: number }> {
    if (
      !actor.isAdmin &&
      !(actor.userId && (await this.memberships.hasRole(actor.userId, competitionId, ['organizer'])))
    )
      throw new NotFoundAppException('competition');
    const [{ time_zone: timeZone } = { time_zone: 'Asia/Almaty' }]: { time_zone: string }[] = await this.db.query(
      `SELECT time_zone FROM competitions WHERE id = $1`,
      [competitionId],
    );
    const today = localDate(this.clock.now(), timeZone);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const where = ['r.competition_id = $1'];
    const params: unknown[] = [competitionId];
    if (query.status) where.push(`r.status = $${params.push(query.status)}`);
    if (query.kind) where.push(`r.kind = $${params.push(query.kind)}`);
    if (query.overdue)
      where.push(
        `r.status = 'draft' AND GREATEST(r.due_on, COALESCE(r.late_until, r.due_on)) < $${params.push(today)}::date`,
      );
    const [{ total }]: { total: number }[] = await this.db.query(
      `SELECT count(*)::int AS total FROM reports r WHERE ${where.join(' AND ')}`,
      params,
    );
    const ids: { id: string }[] = await this.db.query(
      `SELECT r.id FROM reports r WHERE ${where.join(' AND ')}
        ORDER BY r.due_on, r.contract_id, r.stage, r.kind DESC
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    const reports = ids.length ? await this.db.getRepository(Report).findByIds(ids.map((r) => r.id)) : [];
    const byId = new Map(reports.map((r) => [r.id, r]));
    const contracts = new Map<string, ContractRow>();
    const items: ReportSummary[] = [];
    for (const { id } of ids) {
      const report = byId.get(id)!;
      if (!contracts.has(report.contractId))
        contracts.set(report.contractId, (await this.contractRow(this.db.manager, report.contractId))!);
      items.push(this.summary(report, contracts.get(report.contractId)!, timeZone));
    }
    return { items, total, page, pageSize };
  }

  // --- the grantee's working copy ---------------------------------------------------------

  /** The whole content of a draft or returned report; a submitted or accepted one is refused, nothing changed. */
  async save(id: string, dto: SaveReportDto, actor: Actor): Promise<ReportView> {
    await this.db.transaction(async (tx) => {
      const { report, contract } = await this.lockFor(tx, id, actor, 'grantee', dto.version);
      this.assertEditable(report);
      const content = this.contentFrom(report, contract, dto);
      if (report.kind === 'programmatic')
        await this.participants.replaceForReport(tx, {
          reportId: report.id,
          contractId: contract.id,
          competitionId: contract.competitionId,
          applicationId: contract.applicationId,
          rows: (dto.participants ?? []) as ParticipantRowInput[],
          beneficiaries: dto.beneficiaries ?? { direct: 0, indirect: 0 },
        });
      await this.write(tx, report, { content });
    });
    return this.get(id, actor);
  }

  /**
   * draft → submitted, returned → resubmitted: the content, the server's figures and the files
   * are kept as a version. A first submission after the due date needs the organizer's late
   * allowance; a financial line overspent beyond the tolerance needs its justification.
   */
  async submit(id: string, dto: ReportActionDto, actor: Actor): Promise<ReportView> {
    await this.db.transaction(async (tx) => {
      const { report, contract } = await this.lockFor(tx, id, actor, 'grantee', dto.version);
      const to = submissionTarget(report.status);
      if (!to)
        throw new ReportsException(
          report.status === 'accepted' ? ReportsErrorCode.REPORT_ACCEPTED : ReportsErrorCode.REPORT_ALREADY_SUBMITTED,
        );
      this.assertContractActive(contract);
      const timeZone = contract.content.competition.timeZone;
      const today = localDate(this.clock.now(), timeZone);
      const late = today > report.dueOn;
      if (report.status === 'draft' && late && !(report.lateUntil && today <= report.lateUntil))
        throw new ReportsException(ReportsErrorCode.REPORT_OVERDUE, {
          due: formatLongDate(report.dueOn, actor.locale),
        });
      const snapshot = await this.snapshotOf(tx, report, contract);
      if (snapshot.financial) {
        const problems = this.overspendProblems(snapshot.financial);
        if (problems.length) throw new ValidationFailedException(problems);
      }
      const number = report.submissions + 1;
      const now = this.clock.now();
      await tx.insert(ReportVersion, {
        reportId: report.id,
        number,
        // jsonb: TypeORM's partial-entity type cannot follow the participants' open rows.
        snapshot: snapshot as never,
        dueOn: report.dueOn,
        late,
        submittedAt: now,
        submittedBy: actor.userId!,
      });
      // The answers went with this version; the next return's answers start afresh.
      await this.write(tx, report, {
        status: to,
        submissions: number,
        submittedAt: now,
        content: { ...report.content, answers: [] },
      });
      await this.record(tx, actor, report, contract, to, { version: number, late });
      await this.startReporting(tx, report, contract, actor);
      await this.tell(tx, report, contract, 'submitted', ['organizer']);
    });
    return this.get(id, actor);
  }

  // --- the organizer's review -------------------------------------------------------------

  /**
   * submitted | resubmitted → accepted. When both reports of the stage are accepted, the
   * tranche waiting for them is released (payments); when every report of the contract is, the
   * application moves reporting → completed. All in the acceptance's transaction.
   */
  async accept(id: string, dto: ReportActionDto, actor: Actor): Promise<ReportView> {
    await this.db.transaction(async (tx) => {
      const { report, contract } = await this.lockFor(tx, id, actor, 'organizer', dto.version);
      this.assertAwaitingReview(report);
      this.assertContractActive(contract);
      const now = this.clock.now();
      await tx.insert(ReportReview, {
        reportId: report.id,
        versionNumber: report.submissions,
        decision: 'accepted',
        comment: null,
        sections: [],
        reviewedBy: actor.userId!,
      });
      await this.write(tx, report, { status: 'accepted', acceptedAt: now, acceptedBy: actor.userId });
      await this.record(tx, actor, report, contract, 'accepted', { version: report.submissions });
      await this.tell(tx, report, contract, 'accepted', ['grantee']);
      await this.afterAcceptance(tx, report, contract, actor);
    });
    return this.get(id, actor);
  }

  /** submitted | resubmitted → returned, with a comment and/or comments per section; the grantee answers them when resubmitting. */
  async return(id: string, dto: ReturnReportDto, actor: Actor): Promise<ReportView> {
    await this.db.transaction(async (tx) => {
      const { report, contract } = await this.lockFor(tx, id, actor, 'organizer', dto.version);
      this.assertAwaitingReview(report);
      this.assertContractActive(contract);
      const sections = dto.sections ?? [];
      const problems: ErrorDetail[] = [];
      sections.forEach((s, i) => {
        if (!REPORT_SECTIONS[report.kind].includes(s.section))
          problems.push({ field: `sections[${i}].section`, code: ReportProblem.SECTION_UNKNOWN });
      });
      if (!dto.comment && sections.length === 0)
        problems.push({ field: 'comment', code: ReportProblem.RETURN_NEEDS_COMMENT });
      if (problems.length) throw new ValidationFailedException(problems);
      await tx.insert(ReportReview, {
        reportId: report.id,
        versionNumber: report.submissions,
        decision: 'returned',
        comment: dto.comment || null,
        sections: sections.map((s) => ({ section: s.section, comment: s.comment })),
        reviewedBy: actor.userId!,
      });
      await this.write(tx, report, { status: 'returned' });
      await this.record(tx, actor, report, contract, 'returned', {
        version: report.submissions,
        comment: dto.comment ?? null,
        sections: sections.map((s) => s.section),
      });
      const comment = [dto.comment, ...sections.map((s) => `${s.section}: ${s.comment}`)].filter(Boolean).join('\n');
      await this.tell(tx, report, contract, 'returned', ['grantee'], comment);
    });
    return this.get(id, actor);
  }

  /** The organizer moves one report's due date (the schedule's stays on record); audited with the reason, the grantee told. */
  async changeDueDate(id: string, dto: ChangeDueDateDto, actor: Actor): Promise<ReportView> {
    await this.db.transaction(async (tx) => {
      const { report, contract } = await this.lockFor(tx, id, actor, 'organizer', dto.version);
      if (report.status === 'accepted') throw new ReportsException(ReportsErrorCode.REPORT_ACCEPTED);
      if (dto.dueOn === report.dueOn) return;
      await this.write(tx, report, { dueOn: dto.dueOn });
      await this.audit.record(tx, actor, {
        action: 'report.due_date_changed',
        entityType: 'report',
        entityId: report.id,
        before: { dueOn: report.dueOn },
        after: { dueOn: dto.dueOn, reason: dto.reason, kind: report.kind, stage: report.stage },
      });
      await this.tell(tx, { ...report, dueOn: dto.dueOn }, contract, 'due_date_changed', ['grantee'], dto.reason);
    });
    return this.get(id, actor);
  }

  /** The organizer allows a first submission after the due date, until a day; audited with the reason, the grantee told. */
  async allowLate(id: string, dto: AllowLateDto, actor: Actor): Promise<ReportView> {
    await this.db.transaction(async (tx) => {
      const { report, contract } = await this.lockFor(tx, id, actor, 'organizer', dto.version);
      if (report.status === 'accepted') throw new ReportsException(ReportsErrorCode.REPORT_ACCEPTED);
      if (report.status !== 'draft') throw new ReportsException(ReportsErrorCode.REPORT_ALREADY_SUBMITTED);
      if (dto.until <= report.dueOn)
        throw new ValidationFailedException([
          {
            field: 'until',
            code: ReportProblem.LATE_UNTIL_NOT_AFTER_DUE,
            params: { due: formatLongDate(report.dueOn, actor.locale) },
          },
        ]);
      await this.write(tx, report, { lateUntil: dto.until });
      await this.audit.record(tx, actor, {
        action: 'report.late_allowed',
        entityType: 'report',
        entityId: report.id,
        before: { lateUntil: report.lateUntil, dueOn: report.dueOn },
        after: { lateUntil: dto.until, reason: dto.reason, kind: report.kind, stage: report.stage },
      });
      await this.tell(tx, { ...report, dueOn: dto.until }, contract, 'late_allowed', ['grantee'], dto.reason);
    });
    return this.get(id, actor);
  }

  // --- files ------------------------------------------------------------------------------

  /** A photo, a receipt of a budget line, a list of participants or another file, to a draft or returned report. */
  async uploadAttachment(
    id: string,
    input: { kind: ReportAttachmentKind; budgetLine?: number; originalName: string; stream: Readable },
    actor: Actor,
  ): Promise<ReportAttachmentView> {
    // Refuse before reading the file when the answer is already known.
    const before = await this.loadFor(this.db.manager, id, actor);
    if (before.role !== 'grantee') throw new NotFoundAppException('report');
    this.assertEditable(before.report);
    this.assertAttachmentFits(before.report, before.contract, input);
    const stored = await this.files.store(input.stream).catch((error: unknown) => {
      // Not a file type we take at all: say what this kind of file may be.
      if (error instanceof AppException && error.code === FilesErrorCode.FILE_TYPE_REFUSED)
        throw new ReportsException(ReportsErrorCode.REPORT_ATTACHMENT_TYPE, { kind: input.kind });
      throw error;
    });
    try {
      if (!ATTACHMENT_FILE_KINDS[input.kind].includes(stored.kind))
        throw new ReportsException(ReportsErrorCode.REPORT_ATTACHMENT_TYPE, { kind: input.kind });
      return await this.db.transaction(async (tx) => {
        const { report, contract } = await this.lockFor(tx, id, actor, 'grantee');
        this.assertEditable(report);
        this.assertAttachmentFits(report, contract, input);
        const saved = await tx.save(
          tx.create(ReportAttachment, {
            reportId: report.id,
            kind: input.kind,
            budgetLine: input.kind === 'receipt' ? input.budgetLine! : (input.budgetLine ?? null),
            storageKey: stored.storageKey,
            fileKind: stored.kind,
            sha256: stored.sha256,
            size: stored.size,
            name: storedFileName(input.originalName),
            uploadedBy: actor.userId!,
          }),
        );
        // A new file changes what would be submitted: the report's version moves.
        await this.write(tx, report, {});
        await this.audit.record(tx, actor, {
          action: 'report.attachment_added',
          entityType: 'report',
          entityId: report.id,
          after: { attachmentId: saved.id, kind: input.kind, budgetLine: saved.budgetLine, sha256: stored.sha256 },
        });
        return this.attachmentView(saved);
      });
    } catch (error) {
      await this.files.remove(stored.storageKey).catch(() => undefined);
      throw error;
    }
  }

  /** Off a draft or returned report (a submitted version that listed it still opens it). */
  async removeAttachment(id: string, attachmentId: string, actor: Actor): Promise<ReportView> {
    await this.db.transaction(async (tx) => {
      const { report } = await this.lockFor(tx, id, actor, 'grantee');
      this.assertEditable(report);
      const result = await tx.update(
        ReportAttachment,
        { id: attachmentId, reportId: report.id, removedAt: null as never },
        { removedAt: this.clock.now() },
      );
      if (!result.affected) throw new NotFoundAppException('attachment');
      await this.write(tx, report, {});
      await this.audit.record(tx, actor, {
        action: 'report.attachment_removed',
        entityType: 'report',
        entityId: report.id,
        after: { attachmentId },
      });
    });
    return this.get(id, actor);
  }

  async attachment(id: string, attachmentId: string, actor: Actor): Promise<ReportFile> {
    const { report } = await this.loadFor(this.db.manager, id, actor);
    const file = await this.db.getRepository(ReportAttachment).findOneBy({ id: attachmentId, reportId: report.id });
    if (!file) throw new NotFoundAppException('attachment');
    const kind = file.fileKind as FileKind;
    return {
      stream: await this.files.open(file.storageKey),
      contentType: FILE_KIND_MIME[kind],
      contentDisposition: attachmentContentDisposition(file.name || 'report', kind),
      size: file.size,
    };
  }

  // --- rules ------------------------------------------------------------------------------

  /** The DTO's fields for this kind of report, checked against the contract (budget lines, indicators) and the sections. */
  private contentFrom(report: Report, contract: ContractRow, dto: SaveReportDto): ReportContent {
    const problems: ErrorDetail[] = [];
    const other: ReportKind = report.kind === 'programmatic' ? 'financial' : 'programmatic';
    const fieldsOf: Record<ReportKind, (keyof SaveReportDto)[]> = {
      programmatic: ['summary', 'activities', 'indicators', 'deviations', 'participants', 'beneficiaries'],
      financial: ['lines'],
    };
    for (const field of fieldsOf[other])
      if (dto[field] !== undefined && dto[field] !== null)
        problems.push({ field, code: ReportProblem.NOT_IN_REPORT, params: { kind: report.kind } });
    const sections = REPORT_SECTIONS[report.kind];
    (dto.answers ?? []).forEach((a, i) => {
      if (a.section !== 'general' && !sections.includes(a.section))
        problems.push({ field: `answers[${i}].section`, code: ReportProblem.SECTION_UNKNOWN });
    });
    const answers = dto.answers?.map((a) => ({ section: a.section, answer: a.answer })) ?? [];
    if (report.kind === 'financial') {
      const budget = contract.content.budget;
      const seen = new Set<number>();
      (dto.lines ?? []).forEach((l, i) => {
        if (l.line >= budget.length)
          problems.push({ field: `lines[${i}].line`, code: ReportProblem.BUDGET_LINE_UNKNOWN });
        else if (seen.has(l.line))
          problems.push({ field: `lines[${i}].line`, code: 'DUPLICATE_ITEMS', params: { value: l.line } });
        seen.add(l.line);
      });
      if (problems.length) throw new ValidationFailedException(problems);
      return {
        lines: (dto.lines ?? [])
          .map((l) => ({ line: l.line, spent: l.spent, justification: l.justification || null }))
          .sort((a, b) => a.line - b.line),
        answers,
      };
    }
    const codes = new Set(reportingSettings(contract.content.reporting).indicators.map((i) => i.code));
    const seenCodes = new Set<string>();
    (dto.indicators ?? []).forEach((v, i) => {
      if (!codes.has(v.code)) problems.push({ field: `indicators[${i}].code`, code: ReportProblem.INDICATOR_UNKNOWN });
      else if (seenCodes.has(v.code))
        problems.push({ field: `indicators[${i}].code`, code: 'DUPLICATE_ITEMS', params: { value: v.code } });
      seenCodes.add(v.code);
    });
    if (problems.length) throw new ValidationFailedException(problems);
    return {
      summary: dto.summary || null,
      activities: (dto.activities ?? []).map((a) => ({
        title: a.title,
        planned: a.planned,
        outcome: a.outcome,
        heldOn: a.heldOn ?? null,
        place: a.place || null,
        participants: a.participants ?? null,
        result: a.result || null,
      })),
      indicators: (dto.indicators ?? []).map((v) => ({
        code: v.code,
        plan: v.plan,
        fact: v.fact,
        comment: v.comment || null,
      })),
      deviations: dto.deviations || null,
      answers,
    };
  }

  private overspendProblems(financial: NonNullable<ReportSnapshot['financial']>): ErrorDetail[] {
    return financial.rows
      .filter((r) => r.needsJustification)
      .map((r) => ({
        field: `lines[${r.line}].justification`,
        code: ReportProblem.OVERSPEND_NEEDS_JUSTIFICATION,
        params: {
          item: r.item,
          approved: r.approved,
          cumulative: r.cumulative,
          tolerance: financial.tolerancePercent,
        },
      }));
  }

  private assertAttachmentFits(
    report: Report,
    contract: ContractRow,
    input: { kind: ReportAttachmentKind; budgetLine?: number },
  ): void {
    if (!ATTACHMENTS_OF[report.kind].includes(input.kind))
      throw new ValidationFailedException([
        { field: 'kind', code: ReportProblem.ATTACHMENT_NOT_IN_REPORT, params: { kind: input.kind } },
      ]);
    if (input.kind === 'receipt' && input.budgetLine === undefined)
      throw new ValidationFailedException([{ field: 'budgetLine', code: 'REQUIRED' }]);
    if (input.budgetLine !== undefined && input.budgetLine >= contract.content.budget.length)
      throw new ValidationFailedException([{ field: 'budgetLine', code: ReportProblem.BUDGET_LINE_UNKNOWN }]);
  }

  private assertEditable(report: Report): void {
    if (isEditable(report.status)) return;
    throw new ReportsException(
      report.status === 'accepted' ? ReportsErrorCode.REPORT_ACCEPTED : ReportsErrorCode.REPORT_NOT_EDITABLE,
    );
  }

  private assertAwaitingReview(report: Report): void {
    if (isAwaitingReview(report.status)) return;
    throw new ReportsException(
      report.status === 'accepted' ? ReportsErrorCode.REPORT_ACCEPTED : ReportsErrorCode.REPORT_NOT_AWAITING_REVIEW,
    );
  }

  private assertContractActive(contract: ContractRow): void {
    if (contract.status !== 'active') throw new ReportsException(ReportsErrorCode.REPORT_CONTRACT_NOT_ACTIVE);
  }

  /**
   * The first report submitted moves the application contracted → reporting. The lifecycle
   * table gives that move to the organizer's side, not the grantee's: the system makes it, in
   * the submission's transaction, and the audit entry names the report and who submitted it.
   */
  private async startReporting(tx: EntityManager, report: Report, contract: ContractRow, actor: Actor): Promise<void> {
    const [application] = await tx.query(`SELECT status FROM applications WHERE id = $1`, [contract.applicationId]);
    if (application?.status !== 'contracted') return;
    await this.lifecycle.move(tx, {
      competitionId: contract.competitionId,
      items: [{ id: contract.applicationId }],
      to: 'reporting',
      as: 'organizer',
      actor: systemActor('reports'),
      note: {
        contractId: contract.id,
        contractNumber: contract.number,
        reportId: report.id,
        submittedBy: actor.userId,
      },
    });
  }

  /** Both reports of the stage accepted: the tranche; every report of the contract accepted: the application completed. */
  private async afterAcceptance(tx: EntityManager, report: Report, contract: ContractRow, actor: Actor): Promise<void> {
    const all: { id: string; stage: ReportingStage; status: ReportStatus }[] = await tx.query(
      `SELECT id, stage, status FROM reports WHERE contract_id = $1`,
      [contract.id],
    );
    const accepted = (r: { id: string; status: ReportStatus }) => r.id === report.id || r.status === 'accepted';
    const stage = all.filter((r) => r.stage === report.stage);
    if (stage.length === REPORT_KIND_ORDER.length && stage.every(accepted))
      await this.payments.releaseAfterReports(tx, {
        contractId: contract.id,
        stage: report.stage,
        reportIds: stage.map((r) => r.id),
        actor,
      });
    if (!all.every(accepted)) return;
    const [application] = await tx.query(`SELECT status FROM applications WHERE id = $1`, [contract.applicationId]);
    if (application?.status === 'reporting')
      await this.lifecycle.move(tx, {
        competitionId: contract.competitionId,
        items: [{ id: contract.applicationId }],
        to: 'completed',
        as: 'organizer',
        actor,
        note: { contractId: contract.id, contractNumber: contract.number, reportIds: all.map((r) => r.id) },
      });
  }

  // --- figures ----------------------------------------------------------------------------

  /** The financial table of a report: this period's lines against the approved budget, the earlier stage's as spent before. */
  private async financialOf(
    tx: EntityManager,
    report: Report,
    contract: ContractRow,
  ): Promise<{ rows: FinancialRow[]; totals: FinancialTotals; tolerancePercent: number }> {
    const tolerancePercent = reportingSettings(contract.content.reporting).overspendTolerancePercent;
    const before: number[] = contract.content.budget.map(() => 0);
    if (report.stage === 'final') {
      const [interim] = await tx.query(
        `SELECT r.id, r.content, v.snapshot FROM reports r
           LEFT JOIN LATERAL (SELECT snapshot FROM report_versions WHERE report_id = r.id ORDER BY number DESC LIMIT 1) v ON true
          WHERE r.contract_id = $1 AND r.kind = 'financial' AND r.stage = 'interim'`,
        [contract.id],
      );
      if (interim) {
        const snapshot = interim.snapshot as ReportSnapshot | null;
        if (snapshot?.financial) snapshot.financial.rows.forEach((r) => (before[r.line] = r.cumulative));
        else
          for (const l of (interim.content as ReportContent).lines ?? [])
            if (l.line < before.length) before[l.line] = l.spent;
      }
    }
    const { rows, totals } = financialTable(
      contract.content.budget,
      report.content.lines ?? [],
      before,
      tolerancePercent,
    );
    return { rows, totals, tolerancePercent };
  }

  private async snapshotOf(tx: EntityManager, report: Report, contract: ContractRow): Promise<ReportSnapshot> {
    const attachments = await tx.find(ReportAttachment, {
      where: { reportId: report.id, removedAt: null as never },
      order: { uploadedAt: 'ASC' },
    });
    const content: ReportContent = { ...report.content };
    if (report.kind === 'programmatic') {
      const stored = await this.participants.listForReport(report.id);
      content.participants = stored.rows as unknown as Record<string, unknown>[];
      content.beneficiaries = stored.beneficiaries;
    }
    return {
      kind: report.kind,
      stage: report.stage,
      content,
      financial: report.kind === 'financial' ? await this.financialOf(tx, report, contract) : null,
      attachments: attachments.map((a) => ({
        id: a.id,
        kind: a.kind,
        budgetLine: a.budgetLine,
        name: a.name,
        size: a.size,
      })),
    };
  }

  // --- access, writing --------------------------------------------------------------------

  private async contractRow(tx: EntityManager, id: string): Promise<ContractRow | null> {
    const [row] = await tx.query(
      `SELECT id, competition_id, application_id, number, status, content FROM contracts WHERE id = $1`,
      [id],
    );
    return row
      ? {
          id: row.id,
          competitionId: row.competition_id,
          applicationId: row.application_id,
          number: row.number,
          status: row.status,
          content: row.content,
        }
      : null;
  }

  /** The organizers (and admins) or the grantee (the applicant or a representative of the applying organization); null for anyone else. */
  private async loadFor(
    tx: EntityManager,
    id: string,
    actor: Actor,
  ): Promise<{ report: Report; contract: ContractRow; role: ReportRole }> {
    const report = await tx.findOneBy(Report, { id });
    const contract = report ? await this.contractRow(tx, report.contractId) : null;
    const role = contract ? await this.parties.roleOf(tx, contract, actor) : null;
    if (!report || !contract || !role) throw new NotFoundAppException('report');
    return { report, contract, role };
  }

  /** The report locked for a change by `as`; anyone else gets 404, a stale version 409. */
  private async lockFor(
    tx: EntityManager,
    id: string,
    actor: Actor,
    as: ReportRole,
    version?: number,
  ): Promise<{ report: Report; contract: ContractRow }> {
    const report = await tx.findOne(Report, { where: { id }, lock: { mode: 'pessimistic_write' } });
    const contract = report ? await this.contractRow(tx, report.contractId) : null;
    const role = contract ? await this.parties.roleOf(tx, contract, actor) : null;
    if (!report || !contract || role !== as) throw new NotFoundAppException('report');
    if (version !== undefined && version !== report.version)
      throw new AppException(409, CommonErrorCode.VERSION_CONFLICT);
    return { report, contract };
  }

  /** The only write of a report row: bumps the version, so a stale reader is refused. */
  private async write(tx: EntityManager, report: Report, changes: Partial<Report>): Promise<void> {
    const result = await tx.update(Report, { id: report.id, version: report.version }, {
      ...changes,
      version: report.version + 1,
    } as never);
    if (!result.affected) throw new AppException(409, CommonErrorCode.VERSION_CONFLICT);
  }

  private async record(
    tx: EntityManager,
    actor: Actor,
    report: Report,
    contract: ContractRow,
    to: ReportStatus,
    after: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(tx, actor, {
      action: `report.${to}`,
      entityType: 'report',
      entityId: report.id,
      before: { status: report.status },
      after: { status: to, kind: report.kind, stage: report.stage, contractNumber: contract.number, ...after },
    });
  }

  /** Each party in their own language: the grantee side (applicant and the organization's representatives), the organizers. */
  private async tell(
    tx: EntityManager,
    report: Report,
    contract: ContractRow,
    event: Event,
    parties: ReportRole[],
    comment = '',
  ): Promise<void> {
    const people = await contractPeople(tx, contract, parties);
    for (const locale of ['kk', 'ru'] as const) {
      const recipients = people.filter((p) => (p.locale === 'ru' ? 'ru' : 'kk') === locale);
      await this.notifications.enqueue(tx, {
        template: 'report-update',
        recipients: recipients.map((p) => ({ userId: p.id, email: p.email, locale })),
        payload: {
          competitionTitle: contract.content.competition.title[locale],
          contractNumber: contract.number,
          report: reportName(report.kind, report.stage, locale),
          event,
          comment,
          dueOn: event === 'due_date_changed' || event === 'late_allowed' ? formatLongDate(report.dueOn, locale) : '',
          link: `${this.env.PUBLIC_URL}/reports/${report.id}`,
        },
        competitionId: contract.competitionId,
        dedupeKey: `report:${report.id}:${event}:${report.version}`,
      });
    }
  }

  // --- views ------------------------------------------------------------------------------

  private sorted(reports: Report[]): Report[] {
    const stageOrder = (s: ReportingStage) => (s === 'interim' ? 0 : 1);
    return [...reports].sort(
      (a, b) =>
        stageOrder(a.stage) - stageOrder(b.stage) ||
        REPORT_KIND_ORDER.indexOf(a.kind) - REPORT_KIND_ORDER.indexOf(b.kind),
    );
  }

  private summary(r: Report, contract: ContractRow, timeZone: string): ReportSummary {
    const today = localDate(this.clock.now(), timeZone);
    const lastDay = r.lateUntil && r.lateUntil > r.dueOn ? r.lateUntil : r.dueOn;
    return {
      id: r.id,
      contractId: r.contractId,
      contractNumber: contract.number,
      applicationId: r.applicationId,
      applicationNumber: contract.content.application.number,
      projectTitle: contract.content.application.title,
      grantee: contract.content.grantee.organization?.name ?? contract.content.grantee.person?.fullName ?? '',
      kind: r.kind,
      stage: r.stage,
      status: r.status,
      version: r.version,
      dueOn: r.dueOn,
      lateUntil: r.lateUntil,
      overdue: r.status === 'draft' && today > lastDay,
      daysLeft: Math.round((Date.parse(`${r.dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000),
      submissions: r.submissions,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      late: !!r.submittedAt && localDate(r.submittedAt, timeZone) > r.dueOn,
      acceptedAt: r.acceptedAt?.toISOString() ?? null,
    };
  }

  private attachmentView(a: ReportAttachment): ReportAttachmentView {
    return {
      id: a.id,
      kind: a.kind,
      budgetLine: a.budgetLine,
      name: a.name,
      fileKind: a.fileKind,
      size: a.size,
      uploadedAt: a.uploadedAt.toISOString(),
    };
  }

  private async view(report: Report, contract: ContractRow, role: ReportRole): Promise<ReportView> {
    const tx = this.db.manager;
    const [versions, reviews, attachments] = await Promise.all([
      tx.find(ReportVersion, { where: { reportId: report.id }, order: { number: 'ASC' } }),
      tx.find(ReportReview, { where: { reportId: report.id }, order: { versionNumber: 'ASC' } }),
      tx.find(ReportAttachment, {
        where: { reportId: report.id, removedAt: null as never },
        order: { uploadedAt: 'ASC' },
      }),
    ]);
    const settings = reportingSettings(contract.content.reporting);
    const values = new Map((report.content.indicators ?? []).map((v) => [v.code, v]));
    const stored = report.kind === 'programmatic' ? await this.participants.listForReport(report.id) : null;
    const answersOf = (versionNumber: number): { section: string; answer: string }[] => {
      const next = versions.find((v) => v.number === versionNumber + 1);
      if (next) return next.snapshot.content.answers ?? [];
      // Returned and not yet resubmitted: the answers being written.
      return versionNumber === report.submissions && report.status === 'returned' ? (report.content.answers ?? []) : [];
    };
    const reviewByVersion = new Map(reviews.map((r) => [r.versionNumber, r]));
    return {
      ...this.summary(report, contract, contract.content.competition.timeZone),
      competitionId: report.competitionId,
      scheduledDueOn: report.scheduledDueOn,
      role,
      editable: role === 'grantee' && isEditable(report.status),
      nextSteps: nextSteps(report.status),
      sections: REPORT_SECTIONS[report.kind],
      content: report.content,
      indicators:
        report.kind === 'programmatic'
          ? settings.indicators.map((i) => ({
              ...i,
              plan: values.get(i.code)?.plan ?? null,
              fact: values.get(i.code)?.fact ?? null,
              comment: values.get(i.code)?.comment ?? null,
            }))
          : [],
      participants: stored?.rows ?? [],
      beneficiaries: stored?.beneficiaries ?? null,
      financial: report.kind === 'financial' ? await this.financialOf(tx, report, contract) : null,
      attachments: attachments.map((a) => this.attachmentView(a)),
      versions: versions.map((v) => ({
        number: v.number,
        submittedAt: v.submittedAt.toISOString(),
        dueOn: v.dueOn,
        late: v.late,
        decision: reviewByVersion.get(v.number)?.decision ?? null,
      })),
      reviews: reviews.map((r) => {
        const answers = answersOf(r.versionNumber);
        const answer = (section: string) => answers.find((a) => a.section === section)?.answer ?? null;
        return {
          version: r.versionNumber,
          decision: r.decision,
          comment: r.comment,
          answer: answer('general'),
          sections: r.sections.map((s) => ({ ...s, answer: answer(s.section) })),
          reviewedAt: r.reviewedAt.toISOString(),
        };
      }),
    };
  }
}
