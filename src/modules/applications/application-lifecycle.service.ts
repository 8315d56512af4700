import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryReturning } from '../../common/database/returning';
import { NotFoundAppException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { MembershipsService } from '../access/memberships.service';
import { AuditService } from '../audit/audit.service';
import { ApplicationsErrorCode, ApplicationsException } from './applications.exception';
import { ApplicationStatus, checkTransition, TransitionActor, TransitionFacts } from './domain/application-status';

/** One application to move, with the arm the draw gave it when the move is the draw's. */
export interface ApplicationMoveItem {
  id: string;
  arm?: string;
  /**
   * What the caller read of this application under a row lock (FOR UPDATE) in the same
   * transaction; saves the lifecycle its own locking read on the hottest path (submit).
   */
  locked?: { status: ApplicationStatus; number: string | null };
}

export interface ApplicationMove {
  competitionId: string;
  items: readonly ApplicationMoveItem[];
  to: ApplicationStatus;
  /** The role the table must allow for this move; `organizer` is checked against the actor. */
  as: TransitionActor;
  actor: Actor;
  facts?: TransitionFacts;
  /** Audit action; `application.<to>` by default. */
  action?: string;
  /** Extra facts for the audit entry's `after`. */
  note?: Record<string, unknown>;
  /** Leave an application already in `to` as it is (a decision confirmed again) instead of refusing. */
  unchangedIsFine?: boolean;
  /** Timestamps that belong to the move. */
  submittedAt?: Date;
  withdrawnAt?: Date;
}

export interface MovedApplication {
  id: string;
  number: string | null;
  from: ApplicationStatus;
}

/**
 * The only writer of `applications.status`. Every move is checked against the table of
 * domain/application-status for the caller's role and the current status, bumps the
 * version, and leaves one audit entry with before and after, all in the caller's
 * transaction: the move, its cause and its record commit together or not at all.
 */
@Injectable()
export class ApplicationLifecycle {
  constructor(
    private readonly memberships: MembershipsService,
    private readonly audit: AuditService,
  ) {}

  async move(tx: EntityManager, move: ApplicationMove): Promise<MovedApplication[]> {
    if (move.items.length === 0) return [];
    if (move.as === 'organizer') await this.assertOrganizer(tx, move);
    const locked = await this.lock(tx, move);
    if (
      locked.length !== new Set(move.items.map((i) => i.id)).size ||
      locked.some((a) => a.competition_id !== move.competitionId)
    ) {
      throw new NotFoundAppException('application');
    }
    const current = move.unchangedIsFine ? locked.filter((a) => a.status !== move.to) : locked;
    if (current.length === 0) return [];
    const moving = new Set(current.map((a) => a.id));
    const items = move.items.filter((i) => moving.has(i.id));
    const ids = items.map((i) => i.id);
    for (const application of current) {
      const problem = checkTransition(application.status, move.to, move.as, move.facts);
      if (problem)
        throw new ApplicationsException(ApplicationsErrorCode[problem.code], {
          ...problem.params,
          number: application.number ?? '',
        });
    }
    const arms = items.map((i) => i.arm ?? null);
    const updated = await queryReturning<{ id: string }>(
      tx,
      `UPDATE applications a
          SET status = $2, version = a.version + 1, updated_at = now(),
              arm = COALESCE(m.arm, a.arm),
              submitted_at = COALESCE($3, a.submitted_at),
              withdrawn_at = COALESCE($4, a.withdrawn_at)
         FROM unnest($1::uuid[], $5::text[]) AS m(id, arm)
        WHERE a.id = m.id
        RETURNING a.id`,
      [ids, move.to, move.submittedAt ?? null, move.withdrawnAt ?? null, arms],
    );
    if (updated.length !== current.length) throw new Error(`moved ${updated.length} of ${current.length} applications`);
    const moved = current.map((a) => ({ id: a.id, number: a.number, from: a.status }));
    await this.record(tx, move, moved);
    return moved;
  }

  private async lock(
    tx: EntityManager,
    move: ApplicationMove,
  ): Promise<{ id: string; status: ApplicationStatus; number: string | null; competition_id: string }[]> {
    if (move.items.every((i) => i.locked)) {
      return move.items.map((i) => ({
        id: i.id,
        status: i.locked!.status,
        number: i.locked!.number,
        competition_id: move.competitionId,
      }));
    }
    return tx.query(
      `SELECT id, status, number, competition_id FROM applications WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [move.items.map((i) => i.id)],
    );
  }

  private async record(tx: EntityManager, move: ApplicationMove, moved: MovedApplication[]): Promise<void> {
    const action = move.action ?? `application.${move.to}`;
    const armOf = new Map(move.items.map((i) => [i.id, i.arm]));
    if (moved.length === 1) {
      const [one] = moved;
      await this.audit.record(tx, move.actor, {
        action,
        entityType: 'application',
        entityId: one.id,
        before: { status: one.from },
        after: { status: move.to, ...(armOf.get(one.id) ? { arm: armOf.get(one.id) } : {}), ...(move.note ?? {}) },
      });
      return;
    }
    // A bulk move (closing scoring, a selection, the draw) is one entry naming every application.
    await this.audit.record(tx, move.actor, {
      action,
      entityType: 'competition',
      entityId: move.competitionId,
      before: { applications: moved.map((m) => ({ id: m.id, number: m.number, status: m.from })) },
      after: {
        status: move.to,
        count: moved.length,
        ...(move.items.some((i) => i.arm)
          ? { arms: moved.map((m) => ({ id: m.id, arm: armOf.get(m.id) ?? null })) }
          : {}),
        ...(move.note ?? {}),
      },
    });
  }

  private async assertOrganizer(tx: EntityManager, move: ApplicationMove): Promise<void> {
    if (move.actor.isAdmin) return;
    if (move.actor.userId && (await this.memberships.hasRole(move.actor.userId, move.competitionId, ['organizer'], tx)))
      return;
    throw new NotFoundAppException('application');
  }
}
