import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { formatTenge, localDate } from '../../../libs/kz';
import { Clock } from '../../common/clock/clock';
import { queryReturning } from '../../common/database/returning';
import { AppException, CommonErrorCode, NotFoundAppException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { AuditService } from '../audit/audit.service';
import type { ReportStage } from '../competitions/domain/rulebook.types';
import { contractPeople } from '../contracts/contract-parties';
import { contractDate } from '../contracts/contract.builder';
import { ContractRole, ContractsService } from '../contracts/contracts.service';
import type { ContractStatus } from '../contracts/domain/contract-status';
import type { ContractContent } from '../contracts/domain/contract-terms';
import type { IdempotencyTicket } from '../idempotency/idempotency.service';
import { IdempotencyService } from '../idempotency/idempotency.service';
import type { TemplatePayloads } from '../notifications/domain/template-catalogue';
import { NotificationsService } from '../notifications/notifications.service';
import { computeSchedule, isSettled, PaymentRecord, ScheduleTotals, TrancheView } from './domain/payment-schedule';
import type { RecordPaymentDto, TrancheHoldDto } from './dto/payments.dto';
import { ContractTrancheHold } from './entities/contract-tranche-hold.entity';
import { PaymentsErrorCode, PaymentsException } from './payments.exception';

/** The trigger's name for "above the contract sum" (migration 1796100000000). */
const WITHIN_SUM_CONSTRAINT = 'contract_payments_within_contract_sum';

export interface PaymentSchedule {
  contractId: string;
  competitionId: string;
  applicationId: string;
  contractNumber: string;
  contractStatus: ContractStatus;
  /** Send it back with a change (payment, hold, lift); a stale one is refused with 409. */
  version: number;
  /** The caller's part: the organizer records payments, the grantee reads. */
  role: ContractRole;
  /** The schedule is the rulebook's default (no payment rule when the contract was made). */
  isDefault: boolean;
  tranches: TrancheView[];
  totals: ScheduleTotals;
}

export interface RecordedPayment extends PaymentSchedule {
  payment: PaymentRecord;
}

/** The contract row as payments need it, read (and locked) by SQL: the contracts module owns the table. */
interface ContractRow {
  id: string;
  competition_id: string;
  application_id: string;
  number: string;
  status: ContractStatus;
  amount: string;
  content: ContractContent;
  countersigned_at: Date | null;
  version: number;
}

type Event = TemplatePayloads['payment-update']['event'];

/**
 * Payments of grant contracts: the schedule of tranches frozen in each contract (from the
 * rulebook), the payments recorded against it (never above a tranche's remaining sum; the
 * database refuses anything above the contract sum), tranches the organizer withholds and
 * lifts, and tranches released when the reports of their stage are accepted. A contract paid
 * in full with every conditional tranche released is completed (ContractsService.complete).
 * Every change audited and told to the people concerned, in their language.
 */
@Injectable()
export class PaymentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: EnvironmentVariables,
    private readonly clock: Clock,
    private readonly contracts: ContractsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** The schedule for the contract's parties (the organizers, the grantee's people); anyone else: 404. */
  async schedule(contractId: string, actor: Actor): Promise<PaymentSchedule> {
    const { role } = await this.contracts.get(contractId, actor);
    const contract = await this.contractRow(this.db.manager, contractId, false);
    return this.scheduleOf(this.db.manager, contract, role);
  }

  /**
   * A payment against a tranche of an active contract, by an organizer of its competition.
   * Refused, with nothing saved: a contract not in force, an unknown tranche, one that waits
   * for reports or is withheld or paid, a date after today or before the contract was
   * countersigned, more than the contract or the tranche still needs. With a ticket (the
   * API's Idempotency-Key, a page's form key) the answer is stored in the same transaction.
   */
  async record(
    contractId: string,
    dto: RecordPaymentDto,
    actor: Actor,
    ticket?: IdempotencyTicket,
  ): Promise<RecordedPayment> {
    await this.organizerOf(contractId, actor);
    try {
      return await this.db.transaction(async (tx) => {
        const contract = await this.contractRow(tx, contractId, true);
        const before = await this.scheduleOf(tx, contract, 'organizer');
        this.checkVersion(before, dto.version);
        if (contract.status !== 'active')
          throw new PaymentsException(PaymentsErrorCode.PAYMENT_CONTRACT_NOT_ACTIVE, { number: contract.number });
        const tranche = before.tranches.find((t) => t.index === dto.tranche);
        if (!tranche)
          throw new PaymentsException(PaymentsErrorCode.PAYMENT_TRANCHE_UNKNOWN, { count: before.tranches.length });
        this.checkPayable(tranche);
        const zone = contract.content.competition.timeZone;
        if (dto.paidOn > localDate(this.clock.now(), zone))
          throw new PaymentsException(PaymentsErrorCode.PAYMENT_DATE_IN_FUTURE);
        const countersignedOn = contract.countersigned_at ? localDate(contract.countersigned_at, zone) : null;
        if (countersignedOn && dto.paidOn < countersignedOn)
          throw new PaymentsException(PaymentsErrorCode.PAYMENT_DATE_BEFORE_CONTRACT, {
            date: contractDate(countersignedOn, actor.locale),
          });
        if (dto.amount > before.totals.remaining)
          throw new PaymentsException(PaymentsErrorCode.PAYMENT_ABOVE_CONTRACT_SUM, {
            remaining: formatTenge(before.totals.remaining, actor.locale),
            total: formatTenge(before.totals.planned, actor.locale),
          });
        if (dto.amount > tranche.remaining)
          throw new PaymentsException(PaymentsErrorCode.PAYMENT_ABOVE_TRANCHE, {
            tranche: tranche.index,
            remaining: formatTenge(tranche.remaining, actor.locale),
          });
        const [row]: { id: string }[] = await tx.query(
          `INSERT INTO contract_payments (contract_id, competition_id, tranche, amount, paid_on, reference, recorded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [contract.id, contract.competition_id, dto.tranche, dto.amount, dto.paidOn, dto.reference, actor.userId],
        );
        await this.audit.record(tx, actor, {
          action: 'payment.recorded',
          entityType: 'contract',
          entityId: contract.id,
          before: { tranche: tranche.index, paid: tranche.paid, contractPaid: before.totals.paid },
          after: {
            paymentId: row.id,
            number: contract.number,
            tranche: tranche.index,
            amount: dto.amount,
            paidOn: dto.paidOn,
            reference: dto.reference,
          },
        });
        await this.tell(tx, contract, 'recorded', ['grantee'], {
          tranche: tranche.index,
          amount: dto.amount,
          paidOn: dto.paidOn,
          reference: dto.reference,
          dedupe: `payment:${row.id}`,
        });
        const after = await this.completeIfSettled(tx, contract, actor);
        const payment = after.tranches.flatMap((t) => t.payments).find((p) => p.id === row.id)!;
        const answer: RecordedPayment = { ...after, payment };
        await this.idempotency.completeIn(tx, ticket, answer);
        return answer;
      });
    } catch (error) {
      // The database's own rule (a writer that got past the service's check): the same message.
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { constraint?: string })?.constraint === WITHIN_SUM_CONSTRAINT
      ) {
        const current = await this.scheduleOf(
          this.db.manager,
          await this.contractRow(this.db.manager, contractId, false),
          'organizer',
        );
        throw new PaymentsException(PaymentsErrorCode.PAYMENT_ABOVE_CONTRACT_SUM, {
          remaining: formatTenge(current.totals.remaining, actor.locale),
          total: formatTenge(current.totals.planned, actor.locale),
        });
      }
      throw error;
    }
  }

  /** The organizer withholds a tranche not yet paid in full, with a reason told to the grantee. */
  async withhold(
    contractId: string,
    trancheIndex: number,
    dto: TrancheHoldDto,
    actor: Actor,
  ): Promise<PaymentSchedule> {
    await this.organizerOf(contractId, actor);
    return this.db.transaction(async (tx) => {
      const contract = await this.contractRow(tx, contractId, true);
      const before = await this.scheduleOf(tx, contract, 'organizer');
      this.checkVersion(before, dto.version);
      const tranche = this.trancheOf(before, trancheIndex);
      if (contract.status === 'completed' || contract.status === 'terminated')
        throw new PaymentsException(PaymentsErrorCode.PAYMENT_CONTRACT_NOT_ACTIVE, { number: contract.number });
      if (tranche.status === 'paid')
        throw new PaymentsException(PaymentsErrorCode.PAYMENT_TRANCHE_PAID, { tranche: tranche.index });
      const [held] = await tx.query(
        `SELECT 1 FROM contract_tranche_holds WHERE contract_id = $1 AND tranche = $2 AND lifted_at IS NULL`,
        [contractId, trancheIndex],
      );
      if (held) throw new PaymentsException(PaymentsErrorCode.TRANCHE_ALREADY_WITHHELD, { tranche: trancheIndex });
      const hold = await tx.save(
        tx.create(ContractTrancheHold, {
          contractId,
          tranche: trancheIndex,
          reason: dto.reason,
          heldBy: actor.userId!,
          heldAt: this.clock.now(),
          liftedAt: null,
        }),
      );
      await this.audit.record(tx, actor, {
        action: 'payment.tranche_withheld',
        entityType: 'contract',
        entityId: contractId,
        before: { tranche: trancheIndex, status: tranche.status },
        after: { number: contract.number, tranche: trancheIndex, status: 'withheld', reason: dto.reason },
      });
      await this.tell(tx, contract, 'withheld', ['grantee'], {
        tranche: trancheIndex,
        amount: tranche.remaining,
        reason: dto.reason,
        dedupe: `hold:${hold.id}:withheld`,
      });
      return this.scheduleOf(tx, contract, 'organizer');
    });
  }

  /** The organizer lifts a tranche's hold, saying why; the grantee is told. */
  async lift(contractId: string, trancheIndex: number, dto: TrancheHoldDto, actor: Actor): Promise<PaymentSchedule> {
    await this.organizerOf(contractId, actor);
    return this.db.transaction(async (tx) => {
      const contract = await this.contractRow(tx, contractId, true);
      const before = await this.scheduleOf(tx, contract, 'organizer');
      this.checkVersion(before, dto.version);
      const tranche = this.trancheOf(before, trancheIndex);
      const [hold] = await queryReturning<{ id: string; reason: string }>(
        tx,
        `UPDATE contract_tranche_holds SET lifted_at = $3, lifted_by = $4, lift_reason = $5
          WHERE contract_id = $1 AND tranche = $2 AND lifted_at IS NULL RETURNING id, reason`,
        [contractId, trancheIndex, this.clock.now(), actor.userId, dto.reason],
      );
      if (!hold) throw new PaymentsException(PaymentsErrorCode.TRANCHE_NOT_WITHHELD, { tranche: trancheIndex });
      await this.audit.record(tx, actor, {
        action: 'payment.tranche_hold_lifted',
        entityType: 'contract',
        entityId: contractId,
        before: { tranche: trancheIndex, status: 'withheld', reason: hold.reason },
        after: { number: contract.number, tranche: trancheIndex, reason: dto.reason },
      });
      await this.tell(tx, contract, 'lifted', ['grantee'], {
        tranche: trancheIndex,
        amount: tranche.remaining,
        reason: dto.reason,
        dedupe: `hold:${hold.id}:lifted`,
      });
      return this.scheduleOf(tx, contract, 'organizer');
    });
  }

  /**
   * Called by the reports work, in its own transaction, once the programmatic and the
   * financial report of a stage are both accepted: the tranches waiting for that stage are
   * due from now on. Idempotent (a second call for the same contract and stage does nothing);
   * audited; the organizers are told which tranche is due. Completes the contract when that
   * was all it waited for.
   */
  async releaseAfterReports(
    tx: EntityManager,
    input: { contractId: string; stage: 'interim' | 'final'; reportIds: string[]; actor: Actor },
  ): Promise<void> {
    const contract = await this.contractRow(tx, input.contractId, true);
    const inserted: { id: string }[] = await tx.query(
      `INSERT INTO contract_tranche_releases (contract_id, stage, report_ids, released_by, released_at)
       VALUES ($1, $2, $3::uuid[], $4, $5)
       ON CONFLICT (contract_id, stage) DO NOTHING RETURNING id`,
      [contract.id, input.stage, input.reportIds, input.actor.userId, this.clock.now()],
    );
    if (inserted.length === 0) return;
    const schedule = await this.scheduleOf(tx, contract, 'organizer');
    const released = schedule.tranches.filter((t) => t.stage === input.stage);
    await this.audit.record(tx, input.actor, {
      action: 'payment.tranches_released',
      entityType: 'contract',
      entityId: contract.id,
      before: { stage: input.stage, status: 'waiting' },
      after: {
        number: contract.number,
        stage: input.stage,
        reportIds: input.reportIds,
        tranches: released.map((t) => t.index),
      },
    });
    if (contract.status === 'active') {
      for (const tranche of released.filter((t) => t.remaining > 0)) {
        await this.tell(tx, contract, 'due', ['organizer'], {
          tranche: tranche.index,
          amount: tranche.remaining,
          dedupe: `release:${input.stage}:${tranche.index}`,
        });
      }
    }
    await this.completeIfSettled(tx, contract, input.actor);
  }

  // --- reading -----------------------------------------------------------------------------

  private async organizerOf(contractId: string, actor: Actor): Promise<void> {
    const { role } = await this.contracts.get(contractId, actor);
    if (role !== 'organizer') throw new NotFoundAppException('contract');
  }

  private async contractRow(tx: EntityManager, id: string, lock: boolean): Promise<ContractRow> {
    const [row]: ContractRow[] = await tx.query(
      `SELECT id, competition_id, application_id, number, status, amount, content, countersigned_at, version
         FROM contracts WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    if (!row) throw new NotFoundAppException('contract');
    return row;
  }

  private async scheduleOf(tx: EntityManager, contract: ContractRow, role: ContractRole): Promise<PaymentSchedule> {
    const payments: {
      id: string;
      tranche: number;
      amount: string;
      paid_on: string;
      reference: string;
      created_at: Date;
    }[] = await tx.query(
      `SELECT id, tranche, amount, to_char(paid_on, 'YYYY-MM-DD') AS paid_on, reference, created_at
           FROM contract_payments WHERE contract_id = $1 ORDER BY paid_on, created_at`,
      [contract.id],
    );
    const holds: { tranche: number; reason: string; held_at: Date; lifted: boolean }[] = await tx.query(
      `SELECT tranche, reason, held_at, lifted_at IS NOT NULL AS lifted FROM contract_tranche_holds WHERE contract_id = $1`,
      [contract.id],
    );
    const releases: { stage: ReportStage; released_at: Date }[] = await tx.query(
      `SELECT stage, released_at FROM contract_tranche_releases WHERE contract_id = $1`,
      [contract.id],
    );
    const computed = computeSchedule({
      contractStatus: contract.status,
      contractAmount: Number(contract.amount),
      tranches: contract.content.payments.tranches,
      releases: releases.map((r) => ({ stage: r.stage, releasedAt: r.released_at.toISOString() })),
      holds: holds
        .filter((h) => !h.lifted)
        .map((h) => ({ tranche: h.tranche, reason: h.reason, heldAt: h.held_at.toISOString() })),
      payments: payments.map((p) => ({
        id: p.id,
        tranche: p.tranche,
        amount: Number(p.amount),
        paidOn: p.paid_on,
        reference: p.reference,
        createdAt: p.created_at.toISOString(),
      })),
    });
    // Each change adds one: a payment, a hold, a lift, a release, or a change of the contract row.
    const version =
      contract.version + payments.length + holds.length + holds.filter((h) => h.lifted).length + releases.length;
    return {
      contractId: contract.id,
      competitionId: contract.competition_id,
      applicationId: contract.application_id,
      contractNumber: contract.number,
      contractStatus: contract.status,
      version,
      role,
      isDefault: contract.content.payments.isDefault,
      ...computed,
    };
  }

  private checkVersion(schedule: PaymentSchedule, version: number | undefined): void {
    if (version !== undefined && version !== schedule.version)
      throw new AppException(409, CommonErrorCode.VERSION_CONFLICT);
  }

  private trancheOf(schedule: PaymentSchedule, index: number): TrancheView {
    const tranche = schedule.tranches.find((t) => t.index === index);
    if (!tranche)
      throw new PaymentsException(PaymentsErrorCode.PAYMENT_TRANCHE_UNKNOWN, { count: schedule.tranches.length });
    return tranche;
  }

  private checkPayable(tranche: TrancheView): void {
    if (tranche.status === 'waiting')
      throw new PaymentsException(
        tranche.stage === 'interim'
          ? PaymentsErrorCode.PAYMENT_TRANCHE_WAITING_INTERIM
          : PaymentsErrorCode.PAYMENT_TRANCHE_WAITING_FINAL,
        { tranche: tranche.index },
      );
    if (tranche.status === 'withheld')
      throw new PaymentsException(PaymentsErrorCode.PAYMENT_TRANCHE_WITHHELD, {
        tranche: tranche.index,
        reason: tranche.why ?? '',
      });
    if (tranche.status === 'paid')
      throw new PaymentsException(PaymentsErrorCode.PAYMENT_TRANCHE_PAID, { tranche: tranche.index });
  }

  /** Paid in full with every conditional tranche released: the contract is completed, in this transaction. */
  private async completeIfSettled(tx: EntityManager, contract: ContractRow, actor: Actor): Promise<PaymentSchedule> {
    const schedule = await this.scheduleOf(tx, contract, 'organizer');
    if (contract.status !== 'active' || !isSettled(schedule)) return schedule;
    await this.contracts.complete(tx, contract.id, actor);
    return this.scheduleOf(tx, await this.contractRow(tx, contract.id, false), 'organizer');
  }

  // --- telling ------------------------------------------------------------------------------

  private async tell(
    tx: EntityManager,
    contract: ContractRow,
    event: Event,
    parties: ContractRole[],
    detail: { tranche: number; amount: number; paidOn?: string; reference?: string; reason?: string; dedupe: string },
  ): Promise<void> {
    const unique = await contractPeople(
      tx,
      { applicationId: contract.application_id, competitionId: contract.competition_id },
      parties,
    );
    for (const locale of ['kk', 'ru'] as const) {
      const recipients = unique.filter((p) => (p.locale === 'ru' ? 'ru' : 'kk') === locale);
      await this.notifications.enqueue(tx, {
        template: 'payment-update',
        recipients: recipients.map((p) => ({ userId: p.id, email: p.email, locale })),
        payload: {
          competitionTitle: contract.content.competition.title[locale],
          contractNumber: contract.number,
          applicationNumber: contract.content.application.number,
          event,
          tranche: detail.tranche,
          amount: formatTenge(detail.amount, locale),
          paidOn: detail.paidOn ? contractDate(detail.paidOn, locale) : '',
          reference: detail.reference ?? '',
          reason: detail.reason ?? '',
          link: `${this.env.PUBLIC_URL}/contracts/${contract.id}/payments`,
        },
        competitionId: contract.competition_id,
        dedupeKey: `payment:${contract.id}:${detail.dedupe}:${event}`,
      });
    }
  }
}
