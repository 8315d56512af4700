import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { formatTenge, localDate } from '../../../libs/kz';
import { Clock } from '../../common/clock/clock';
import { AppException, CommonErrorCode, NotFoundAppException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import type { Locale } from '../../common/i18n/i18n';
import { MembershipsService } from '../access/memberships.service';
import { ApplicationLifecycle } from '../applications/application-lifecycle.service';
import { OutcomePublications } from '../applications/outcome-publications';
import type { Application } from '../applications/entities/application.entity';
import { AuditService } from '../audit/audit.service';
import { CompetitionsService } from '../competitions/competitions.service';
import type { Competition } from '../competitions/entities/competition.entity';
import { attachmentContentDisposition, storedFileName } from '../files/content-disposition.util';
import { FILE_KIND_MIME, FileKind } from '../files/file-kind.util';
import { FileStorageService } from '../files/file-storage.service';
import type { TemplatePayloads } from '../notifications/domain/template-catalogue';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { ContractParties, contractPeople, type ContractParty } from './contract-parties';
import { ContractActivations } from './contract-activations';
import { buildContractDocx } from './contract.builder';
import { ContractsErrorCode, ContractsException } from './contracts.exception';
import {
  checkContractTransition,
  ContractActor,
  ContractStatus,
  contractNextSteps,
  isContractFinal,
} from './domain/contract-status';
import { reportingTerms, withProjectDates } from './domain/contract-reporting';
import {
  ContractContent,
  contractAmounts,
  contractNumber,
  ContractOrganization,
  GranteeKind,
  paymentSchedule,
  projectDates,
} from './domain/contract-terms';
import type {
  ContractActionDto,
  GenerateContractsDto,
  TerminateContractDto,
  UpdateContractDto,
} from './dto/contract.dto';
import { ContractRevision } from './entities/contract-revision.entity';
import { Contract } from './entities/contract.entity';

/** The competitions that sign grant contracts with their winners (SPEC §2): mini-grants, «Сәтті қадам», youth micro-projects. */
export const GRANT_CONTRACT_TEMPLATES = [
  'mini-grants-district',
  'mini-grants-regional',
  'short-term-projects',
  'youth-micro-projects',
] as const;

/** A signed copy is a scan or a photo of paper: PDF, JPG or PNG, by content. */
const SIGNED_COPY_KINDS: readonly FileKind[] = ['pdf', 'jpg', 'png'];

export type ContractRole = ContractParty;

export interface ContractView {
  id: string;
  competitionId: string;
  applicationId: string;
  number: string;
  status: ContractStatus;
  /** The content's edition; a change after sending makes a new one, to be signed again. */
  revision: number;
  /** Row version: send it back with a change; a stale one is refused with 409. */
  version: number;
  amount: number;
  content: ContractContent;
  sentAt: string | null;
  signedAt: string | null;
  countersignedAt: string | null;
  terminatedAt: string | null;
  terminationReason: string | null;
  signedCopy: { kind: string; size: number; sha256: string; name: string } | null;
  revisions: {
    revision: number;
    sentAt: string;
    supersededAt: string | null;
    reason: string | null;
    signed: boolean;
  }[];
  /** The caller's part in it. */
  role: ContractRole;
  nextSteps: ContractStatus[];
}

export interface ContractSummary {
  id: string;
  applicationId: string;
  number: string;
  status: ContractStatus;
  revision: number;
  version: number;
  amount: number;
  applicationNumber: string;
  projectTitle: string;
  grantee: string;
  signedCopy: boolean;
}

export interface ContractFile {
  stream: Readable;
  contentType: string;
  contentDisposition: string;
  size: number;
}

type Event = TemplatePayloads['contract-update']['event'];

/**
 * Grant contracts: generated per winner, sent (content frozen, a revision kept), signed by
 * the grantee (a scan uploaded), countersigned (in force: the application becomes
 * `contracted`), revised (a new revision, back to draft) or terminated with a reason. The
 * only writer of `contracts.status`; every step audited and told to the parties by e-mail.
 */
@Injectable()
export class ContractsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: EnvironmentVariables,
    private readonly clock: Clock,
    private readonly competitions: CompetitionsService,
    private readonly organizations: OrganizationsService,
    private readonly memberships: MembershipsService,
    private readonly parties: ContractParties,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly publications: OutcomePublications,
    private readonly files: FileStorageService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly activations: ContractActivations,
  ) {}

  /**
   * One draft contract per winner (or per named winner) that has none yet; the ones that
   * exist are returned as they are, so generating twice creates nothing twice. A named
   * application that is not a winner refuses the whole request: nothing is saved.
   */
  async generate(
    competitionId: string,
    dto: GenerateContractsDto,
    actor: Actor,
  ): Promise<{ created: number; items: ContractSummary[] }> {
    // Winners are told they won before anyone sends them a contract.
    await this.organizedCompetition(this.db.manager, competitionId, actor);
    if (!(await this.publications.of([competitionId])).get(competitionId)?.resultsPublished)
      throw new ContractsException(ContractsErrorCode.CONTRACT_RESULTS_NOT_PUBLISHED);
    const createdIds = await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('contracts:' || $1))`, [competitionId]);
      const competition = await this.organizedCompetition(tx, competitionId, actor);
      if (!(GRANT_CONTRACT_TEMPLATES as readonly string[]).includes(competition.templateCode))
        throw new ContractsException(ContractsErrorCode.CONTRACTS_NOT_IN_COMPETITION);
      const existing = new Set(
        (await tx.find(Contract, { select: { applicationId: true }, where: { competitionId } })).map(
          (c) => c.applicationId,
        ),
      );
      let candidates: Application[];
      if (dto.applicationIds?.length) {
        const ids = [...new Set(dto.applicationIds)];
        candidates = await this.applicationsWhere(tx, `id = ANY($1::uuid[]) AND competition_id = $2`, [
          ids,
          competitionId,
        ]);
        if (candidates.length !== ids.length) throw new NotFoundAppException('application');
        const notWinner = candidates.find((a) => a.status !== 'winner' && !existing.has(a.id));
        if (notWinner)
          throw new ContractsException(ContractsErrorCode.CONTRACT_NOT_A_WINNER, { number: notWinner.number ?? '' });
      } else {
        candidates = await this.applicationsWhere(tx, `competition_id = $1 AND status = 'winner'`, [competitionId]);
        if (candidates.length === 0 && existing.size === 0)
          throw new ContractsException(ContractsErrorCode.CONTRACT_NO_WINNERS);
      }
      const fresh = candidates.filter((a) => !existing.has(a.id));
      const [{ next }] = await tx.query(
        `SELECT COALESCE(max(sequence_no), 0) + 1 AS next FROM contracts WHERE competition_id = $1`,
        [competitionId],
      );
      const year = Number(localDate(this.clock.now(), competition.timeZone).slice(0, 4));
      const created: string[] = [];
      for (const [i, application] of fresh.entries()) {
        const sequenceNo = Number(next) + i;
        const number = contractNumber(competition.numberPrefix, year, sequenceNo);
        const content = await this.contentFor(tx, competition, application, { number, revision: 1 });
        const saved = await tx.save(
          tx.create(Contract, {
            competitionId,
            applicationId: application.id,
            number,
            sequenceNo,
            status: 'draft',
            revision: 1,
            content,
            amount: content.amounts.total,
            createdBy: actor.userId ?? application.applicantUserId,
          }),
        );
        await this.audit.record(tx, actor, {
          action: 'contract.generated',
          entityType: 'contract',
          entityId: saved.id,
          after: { number, applicationId: application.id, status: 'draft', amount: content.amounts.total },
        });
        created.push(saved.id);
      }
      return created;
    });
    return { created: createdIds.length, items: await this.list(competitionId, actor) };
  }

  /** The competition's contracts, for its organizers. */
  async list(competitionId: string, actor: Actor): Promise<ContractSummary[]> {
    await this.organizedCompetition(this.db.manager, competitionId, actor);
    const rows = await this.db.getRepository(Contract).find({ where: { competitionId }, order: { sequenceNo: 'ASC' } });
    return rows.map((c) => this.summary(c));
  }

  /** The contract of an application, for whoever may see the contract (its parties); null when there is none or it is not theirs. */
  async forApplication(applicationId: string, actor: Actor): Promise<ContractSummary | null> {
    const contract = await this.db.getRepository(Contract).findOneBy({ applicationId });
    if (!contract || !(await this.parties.roleOf(this.db.manager, contract, actor))) return null;
    return this.summary(contract);
  }

  async get(id: string, actor: Actor): Promise<ContractView> {
    const { contract, role } = await this.loadFor(this.db.manager, id, actor);
    return this.view(contract, role);
  }

  async document(id: string, locale: Locale, actor: Actor): Promise<{ buffer: Buffer; fileName: string }> {
    const { contract } = await this.loadFor(this.db.manager, id, actor);
    const buffer = await buildContractDocx(contract.content, locale, { status: contract.status });
    const fileName = `${locale === 'kk' ? 'shart' : 'dogovor'}-${contract.number.replace(/[^\w-]+/g, '-')}-${locale}.docx`;
    return { buffer, fileName };
  }

  /** A draft's dates; a sent contract is frozen (a change is a new revision). */
  async update(id: string, dto: UpdateContractDto, actor: Actor): Promise<ContractView> {
    await this.db.transaction(async (tx) => {
      const contract = await this.lockFor(tx, id, actor, 'organizer', dto.version);
      if (contract.status !== 'draft') {
        if (isContractFinal(contract.status))
          throw new ContractsException(ContractsErrorCode.CONTRACT_ENDED, { number: contract.number });
        throw new ContractsException(ContractsErrorCode.CONTRACT_FROZEN, { number: contract.number });
      }
      const startsOn = dto.startsOn ?? contract.content.startsOn;
      const endsOn = dto.endsOn ?? contract.content.endsOn;
      if (endsOn <= startsOn) throw new ContractsException(ContractsErrorCode.CONTRACT_DATES_ORDER);
      const content: ContractContent = {
        ...contract.content,
        startsOn,
        endsOn,
        reporting: withProjectDates(contract.content.reporting, { startsOn, endsOn }),
      };
      await this.write(tx, contract, { content });
      await this.audit.record(tx, actor, {
        action: 'contract.updated',
        entityType: 'contract',
        entityId: contract.id,
        before: { startsOn: contract.content.startsOn, endsOn: contract.content.endsOn },
        after: { startsOn, endsOn },
      });
    });
    return this.get(id, actor);
  }

  /** draft → sent: the content is frozen in a revision row; the grantee is told. */
  async send(id: string, dto: ContractActionDto, actor: Actor): Promise<ContractView> {
    await this.db.transaction(async (tx) => {
      const contract = await this.lockFor(tx, id, actor, 'organizer', dto.version);
      this.assertMove(contract, 'sent', 'organizer', ContractsErrorCode.CONTRACT_ALREADY_SENT);
      const now = this.clock.now();
      await tx.insert(ContractRevision, {
        contractId: contract.id,
        revision: contract.revision,
        content: contract.content,
        sentAt: now,
        sentBy: actor.userId!,
      });
      await this.write(tx, contract, { status: 'sent', sentAt: now });
      await this.record(tx, actor, contract, 'sent', { revision: contract.revision });
      await this.tell(tx, contract, 'sent', ['grantee']);
    });
    return this.get(id, actor);
  }

  /** sent → signed_by_grantee: the grantee's signed copy, a PDF, JPG or PNG by its content. */
  async uploadSignedCopy(
    id: string,
    input: { originalName: string; stream: Readable },
    actor: Actor,
  ): Promise<ContractView> {
    // Refuse before reading the file when the answer is already known.
    const before = await this.loadFor(this.db.manager, id, actor);
    if (before.role !== 'grantee') throw new NotFoundAppException('contract');
    this.assertMove(
      before.contract,
      'signed_by_grantee',
      'grantee',
      ContractsErrorCode.CONTRACT_NOT_AWAITING_SIGNATURE,
    );
    const stored = await this.files.store(input.stream);
    try {
      if (!SIGNED_COPY_KINDS.includes(stored.kind))
        throw new ContractsException(ContractsErrorCode.CONTRACT_SIGNED_COPY_KIND);
      await this.db.transaction(async (tx) => {
        const contract = await this.lockFor(tx, id, actor, 'grantee');
        this.assertMove(contract, 'signed_by_grantee', 'grantee', ContractsErrorCode.CONTRACT_NOT_AWAITING_SIGNATURE);
        await this.write(tx, contract, {
          status: 'signed_by_grantee',
          signedCopyKey: stored.storageKey,
          signedCopyKind: stored.kind,
          signedCopySha256: stored.sha256,
          signedCopySize: stored.size,
          signedCopyName: storedFileName(input.originalName),
          signedAt: this.clock.now(),
          signedBy: actor.userId,
        });
        await this.record(tx, actor, contract, 'signed_by_grantee', {
          revision: contract.revision,
          sha256: stored.sha256,
          size: stored.size,
          kind: stored.kind,
        });
        await this.tell(tx, contract, 'signed_by_grantee', ['organizer']);
      });
    } catch (error) {
      await this.files.remove(stored.storageKey).catch(() => undefined);
      throw error;
    }
    return this.get(id, actor);
  }

  async signedCopy(id: string, actor: Actor): Promise<ContractFile> {
    const { contract } = await this.loadFor(this.db.manager, id, actor);
    if (!contract.signedCopyKey) throw new ContractsException(ContractsErrorCode.CONTRACT_NO_SIGNED_COPY);
    const kind = contract.signedCopyKind as FileKind;
    return {
      stream: await this.files.open(contract.signedCopyKey),
      contentType: FILE_KIND_MIME[kind],
      contentDisposition: attachmentContentDisposition(contract.signedCopyName ?? 'contract', kind),
      size: contract.signedCopySize ?? 0,
    };
  }

  /** signed_by_grantee → active: countersigned; the application moves winner → contracted. */
  async countersign(id: string, dto: ContractActionDto, actor: Actor): Promise<ContractView> {
    await this.db.transaction(async (tx) => {
      const contract = await this.lockFor(tx, id, actor, 'organizer', dto.version);
      this.assertMove(contract, 'active', 'organizer', ContractsErrorCode.CONTRACT_NOT_SIGNED_BY_GRANTEE);
      await this.write(tx, contract, {
        status: 'active',
        countersignedAt: this.clock.now(),
        countersignedBy: actor.userId,
      });
      // A revised contract signed again: its application is already contracted (or reporting), left as it is.
      const [application] = await tx.query(`SELECT status FROM applications WHERE id = $1`, [contract.applicationId]);
      if (application?.status === 'winner')
        await this.lifecycle.move(tx, {
          competitionId: contract.competitionId,
          items: [{ id: contract.applicationId }],
          to: 'contracted',
          as: 'organizer',
          actor,
          note: { contractId: contract.id, contractNumber: contract.number },
        });
      // What comes with it, in the same transaction (the reports' schedule).
      await this.activations.run(tx, contract, actor);
      await this.record(tx, actor, contract, 'active', { revision: contract.revision });
      await this.tell(tx, contract, 'active', ['grantee', 'organizer']);
    });
    return this.get(id, actor);
  }

  /** Any contract not yet ended → terminated, with a reason; the application ends as terminated. */
  async terminate(id: string, dto: TerminateContractDto, actor: Actor): Promise<ContractView> {
    await this.db.transaction(async (tx) => {
      const contract = await this.lockFor(tx, id, actor, 'organizer', dto.version);
      this.assertMove(contract, 'terminated', 'organizer', ContractsErrorCode.CONTRACT_ENDED);
      await this.write(tx, contract, {
        status: 'terminated',
        terminatedAt: this.clock.now(),
        terminationReason: dto.reason,
      });
      const [application] = await tx.query(`SELECT status FROM applications WHERE id = $1`, [contract.applicationId]);
      if (['winner', 'contracted', 'reporting'].includes(application?.status)) {
        await this.lifecycle.move(tx, {
          competitionId: contract.competitionId,
          items: [{ id: contract.applicationId }],
          to: 'terminated',
          as: 'organizer',
          actor,
          note: { contractId: contract.id, contractNumber: contract.number, reason: dto.reason },
        });
      }
      await this.record(tx, actor, contract, 'terminated', { reason: dto.reason });
      await this.tell(tx, contract, 'terminated', ['grantee', 'organizer'], dto.reason);
    });
    return this.get(id, actor);
  }

  /**
   * active → completed, by the system: the payments module calls it inside the transaction of
   * the last payment or the last release once the contract is paid in full and every
   * conditional tranche released. Audited; both parties told. Completing a completed
   * contract does nothing. The application's own status is the reporting work's.
   */
  async complete(tx: EntityManager, id: string, actor: Actor): Promise<void> {
    const contract = await tx.findOne(Contract, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!contract) throw new NotFoundAppException('contract');
    if (contract.status === 'completed') return;
    this.assertMove(contract, 'completed', 'system', ContractsErrorCode.CONTRACT_ENDED);
    await this.write(tx, contract, { status: 'completed' });
    await this.record(tx, actor, contract, 'completed', { revision: contract.revision, amount: contract.amount });
    await this.tell(tx, contract, 'completed', ['grantee', 'organizer']);
  }

  /**
   * A change to a sent (signed, or active) contract: a new revision, built afresh from the
   * application with the same dates, back to draft, to be sent and signed again. The sent
   * revision stays as it was, with what had been signed of it and why it was replaced.
   */
  async revise(id: string, dto: TerminateContractDto, actor: Actor): Promise<ContractView> {
    await this.db.transaction(async (tx) => {
      const contract = await this.lockFor(tx, id, actor, 'organizer', dto.version);
      if (contract.status === 'draft')
        throw new ContractsException(ContractsErrorCode.CONTRACT_NOT_SENT_YET, { number: contract.number });
      this.assertMove(contract, 'draft', 'organizer', ContractsErrorCode.CONTRACT_ENDED);
      const competition = (await this.competitions.find(contract.competitionId, tx))!;
      const [application] = await this.applicationsWhere(tx, `id = $1`, [contract.applicationId]);
      const revision = contract.revision + 1;
      const fresh = await this.contentFor(tx, competition, application, { number: contract.number, revision });
      const content: ContractContent = {
        ...fresh,
        startsOn: contract.content.startsOn,
        endsOn: contract.content.endsOn,
        reporting: contract.content.reporting,
      };
      // Money already paid under the contract stays paid: a new edition may not be worth less
      // (the database refuses it too: contracts_amount_covers_payments).
      const [{ paid }]: { paid: string }[] = await tx.query(
        `SELECT COALESCE(sum(amount), 0) AS paid FROM contract_payments WHERE contract_id = $1`,
        [contract.id],
      );
      if (Number(paid) > content.amounts.total)
        throw new ContractsException(ContractsErrorCode.CONTRACT_BELOW_PAID, {
          number: contract.number,
          paid: formatTenge(Number(paid), actor.locale),
          total: formatTenge(content.amounts.total, actor.locale),
        });
      const now = this.clock.now();
      await tx.update(
        ContractRevision,
        { contractId: contract.id, revision: contract.revision },
        {
          supersededAt: now,
          supersedeReason: dto.reason,
          signedCopy: contract.signedCopyKey
            ? {
                key: contract.signedCopyKey,
                kind: contract.signedCopyKind!,
                sha256: contract.signedCopySha256!,
                size: contract.signedCopySize!,
                name: contract.signedCopyName ?? '',
                signedAt: contract.signedAt!.toISOString(),
              }
            : null,
        },
      );
      await this.write(tx, contract, {
        status: 'draft',
        revision,
        content,
        amount: content.amounts.total,
        sentAt: null,
        signedCopyKey: null,
        signedCopyKind: null,
        signedCopySha256: null,
        signedCopySize: null,
        signedCopyName: null,
        signedAt: null,
        signedBy: null,
        countersignedAt: null,
        countersignedBy: null,
      });
      await this.record(tx, actor, contract, 'revised', { revision, reason: dto.reason });
      await this.tell(tx, contract, 'revised', ['grantee'], dto.reason);
    });
    return this.get(id, actor);
  }

  /** Applications read as rows (the applications module owns the table; its lifecycle writes the status). */
  private async applicationsWhere(tx: EntityManager, where: string, params: unknown[]): Promise<Application[]> {
    const rows: Record<string, unknown>[] = await tx.query(
      `SELECT id, competition_id, applicant_user_id, applicant_kind, organization_id, status, number, title, answers,
              budget_lines, amount_requested
         FROM applications WHERE ${where} ORDER BY number`,
      params,
    );
    return rows.map(
      (r) =>
        ({
          id: r.id,
          competitionId: r.competition_id,
          applicantUserId: r.applicant_user_id,
          applicantKind: r.applicant_kind,
          organizationId: r.organization_id,
          status: r.status,
          number: r.number,
          title: r.title,
          answers: r.answers ?? {},
          budgetLines: r.budget_lines ?? [],
          amountRequested: Number(r.amount_requested),
        }) as Application,
    );
  }

  // --- content --------------------------------------------------------------------------

  private async contentFor(
    tx: EntityManager,
    competition: Competition,
    application: Application,
    meta: { number: string; revision: number },
  ): Promise<ContractContent> {
    const rulebook = this.competitions.rulebookOf(competition);
    const kind = application.applicantKind as GranteeKind;
    const organizer = competition.organizerOrganizationId
      ? await this.organizationOf(tx, competition.organizerOrganizationId)
      : null;
    const organization = application.organizationId ? await this.organizationOf(tx, application.organizationId) : null;
    const budget = application.budgetLines.map((l) => ({
      item: l.item,
      quantity: l.quantity,
      unitCost: l.unitCost,
      total: l.total,
    }));
    const amounts = contractAmounts({
      budget: application.amountRequested,
      hostOrganization: kind === 'host_organization',
      overheadPercent: rulebook.funding?.hostOrganizationOverheadPercent,
      overheadMode: rulebook.funding?.hostOrganizationOverheadMode,
    });
    const today = localDate(this.clock.now(), competition.timeZone);
    const dates = projectDates(today, application.answers ?? {});
    return {
      number: meta.number,
      revision: meta.revision,
      competition: {
        id: competition.id,
        templateCode: competition.templateCode,
        title: { kk: competition.titleKk, ru: competition.titleRu },
        timeZone: competition.timeZone,
      },
      application: { id: application.id, number: application.number ?? '', title: application.title ?? '' },
      organizer,
      grantee: { kind, person: await this.leaderOf(tx, application), organization },
      amounts,
      budget,
      ...dates,
      // The rulebook's schedule, frozen with the contract; the default (said so in the document) without one.
      payments: {
        tranches: paymentSchedule(amounts.total, rulebook.payments),
        isDefault: !rulebook.payments?.tranches?.length,
      },
      // The rulebook's report stages with their due dates, computed once and frozen with the contract.
      reporting: reportingTerms(rulebook.reporting, dates),
    };
  }

  private async organizationOf(tx: EntityManager, id: string): Promise<ContractOrganization | null> {
    const org = await this.organizations.find(id, tx);
    return org ? { name: org.name, bin: org.bin, address: org.address, headName: org.headName } : null;
  }

  /** The group's leader as entered on the application, else the applicant's own profile. */
  private async leaderOf(tx: EntityManager, application: Application): Promise<ContractContent['grantee']['person']> {
    const [leader]: { iin: string; last_name: string; first_name: string; middle_name: string | null }[] =
      await tx.query(
        `SELECT m.iin, m.last_name, m.first_name, p.middle_name
           FROM application_members m LEFT JOIN persons p ON p.iin = m.iin
          WHERE m.application_id = $1 ORDER BY m.is_leader DESC, m.position ASC LIMIT 1`,
        [application.id],
      );
    const [own]: { iin: string; last_name: string; first_name: string; middle_name: string | null }[] = leader
      ? [leader]
      : await tx.query(`SELECT iin, last_name, first_name, middle_name FROM persons WHERE user_id = $1`, [
          application.applicantUserId,
        ]);
    if (!own) return null;
    return { iin: own.iin, fullName: [own.last_name, own.first_name, own.middle_name].filter(Boolean).join(' ') };
  }

  // --- access, state, writing -------------------------------------------------------------

  private async organizedCompetition(tx: EntityManager, competitionId: string, actor: Actor): Promise<Competition> {
    const competition = await this.competitions.find(competitionId, tx);
    const organizes =
      !!competition &&
      (actor.isAdmin ||
        (!!actor.userId && (await this.memberships.hasRole(actor.userId, competitionId, ['organizer'], tx))));
    if (!organizes) throw new NotFoundAppException('competition');
    return competition;
  }

  /** The caller's part in the contract, or null: the organizers (and admins) or the grantee (the applicant or a representative of the applying organization). */
  private async loadFor(
    tx: EntityManager,
    id: string,
    actor: Actor,
  ): Promise<{ contract: Contract; role: ContractRole }> {
    const contract = await tx.findOneBy(Contract, { id });
    const role = contract ? await this.parties.roleOf(tx, contract, actor) : null;
    if (!contract || !role) throw new NotFoundAppException('contract');
    return { contract, role };
  }

  /** The contract locked for a change by `as`; anyone else gets 404, a stale version 409. */
  private async lockFor(
    tx: EntityManager,
    id: string,
    actor: Actor,
    as: ContractRole,
    version?: number,
  ): Promise<Contract> {
    const contract = await tx.findOne(Contract, { where: { id }, lock: { mode: 'pessimistic_write' } });
    const role = contract ? await this.parties.roleOf(tx, contract, actor) : null;
    if (!contract || role !== as) throw new NotFoundAppException('contract');
    if (version !== undefined && version !== contract.version)
      throw new AppException(409, CommonErrorCode.VERSION_CONFLICT);
    return contract;
  }

  private assertMove(contract: Contract, to: ContractStatus, by: ContractActor, otherwise: ContractsErrorCode): void {
    if (checkContractTransition(contract.status, to, by) === null) return;
    const code = isContractFinal(contract.status) ? ContractsErrorCode.CONTRACT_ENDED : otherwise;
    throw new ContractsException(code, { number: contract.number });
  }

  /** The only write of a contract row: bumps the version, so a stale reader is refused. */
  private async write(tx: EntityManager, contract: Contract, changes: Partial<Contract>): Promise<void> {
    const result = await tx.update(Contract, { id: contract.id, version: contract.version }, {
      ...changes,
      version: contract.version + 1,
    } as never);
    if (!result.affected) throw new AppException(409, CommonErrorCode.VERSION_CONFLICT);
  }

  private async record(
    tx: EntityManager,
    actor: Actor,
    contract: Contract,
    event: Event,
    after: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(tx, actor, {
      action: `contract.${event}`,
      entityType: 'contract',
      entityId: contract.id,
      before: { status: contract.status, revision: contract.revision },
      after: { status: event === 'revised' ? 'draft' : event, number: contract.number, ...after },
    });
  }

  /** Each party in their own language: the grantee side (applicant and the organization's representatives), the organizers. */
  private async tell(
    tx: EntityManager,
    contract: Contract,
    event: Event,
    parties: ContractRole[],
    reason = '',
  ): Promise<void> {
    const unique = await contractPeople(tx, contract, parties);
    for (const locale of ['kk', 'ru'] as const) {
      const recipients = unique.filter((p) => (p.locale === 'ru' ? 'ru' : 'kk') === locale);
      await this.notifications.enqueue(tx, {
        template: 'contract-update',
        recipients: recipients.map((p) => ({ userId: p.id, email: p.email, locale })),
        payload: {
          competitionTitle:
            locale === 'ru' ? contract.content.competition.title.ru : contract.content.competition.title.kk,
          contractNumber: contract.number,
          applicationNumber: contract.content.application.number,
          event,
          reason,
          link: `${this.env.PUBLIC_URL}/contracts/${contract.id}`,
        },
        competitionId: contract.competitionId,
        dedupeKey: `contract:${contract.id}:${event}:${contract.version}`,
      });
    }
  }

  // --- views ------------------------------------------------------------------------------

  private summary(c: Contract): ContractSummary {
    const grantee = c.content.grantee;
    return {
      id: c.id,
      applicationId: c.applicationId,
      number: c.number,
      status: c.status,
      revision: c.revision,
      version: c.version,
      amount: c.amount,
      applicationNumber: c.content.application.number,
      projectTitle: c.content.application.title,
      grantee: grantee.organization?.name ?? grantee.person?.fullName ?? '',
      signedCopy: !!c.signedCopyKey,
    };
  }

  private async view(c: Contract, role: ContractRole): Promise<ContractView> {
    const revisions = await this.db
      .getRepository(ContractRevision)
      .find({ where: { contractId: c.id }, order: { revision: 'ASC' } });
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return {
      id: c.id,
      competitionId: c.competitionId,
      applicationId: c.applicationId,
      number: c.number,
      status: c.status,
      revision: c.revision,
      version: c.version,
      amount: c.amount,
      content: c.content,
      sentAt: iso(c.sentAt),
      signedAt: iso(c.signedAt),
      countersignedAt: iso(c.countersignedAt),
      terminatedAt: iso(c.terminatedAt),
      terminationReason: c.terminationReason,
      signedCopy: c.signedCopyKey
        ? {
            kind: c.signedCopyKind!,
            size: c.signedCopySize!,
            sha256: c.signedCopySha256!,
            name: c.signedCopyName ?? '',
          }
        : null,
      revisions: revisions.map((r) => ({
        revision: r.revision,
        sentAt: r.sentAt.toISOString(),
        supersededAt: iso(r.supersededAt),
        reason: r.supersedeReason,
        signed: !!r.signedCopy || (r.revision === c.revision && !!c.signedCopyKey),
      })),
      role,
      nextSteps: contractNextSteps(c.status),
    };
  }
}
