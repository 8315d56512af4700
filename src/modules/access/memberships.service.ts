import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { queryReturning } from '../../common/database/returning';
import { Membership, MembershipRole } from './entities/membership.entity';

/** Reads and writes per-competition roles; other modules call this, never the repository. */
@Injectable()
export class MembershipsService {
  constructor(@InjectRepository(Membership) private readonly memberships: Repository<Membership>) {}

  /** Pass the caller's transaction manager when inside one: a second pooled connection can starve the pool. */
  async hasRole(
    userId: string,
    competitionId: string,
    roles: MembershipRole[],
    manager?: EntityManager,
  ): Promise<boolean> {
    const repository = manager ? manager.getRepository(Membership) : this.memberships;
    return repository.exists({
      where: { userId, competitionId, role: In(roles), status: 'active' },
    });
  }

  async competitionsWhere(userId: string, role: MembershipRole): Promise<string[]> {
    const rows = await this.memberships.find({
      select: { competitionId: true },
      where: { userId, role, status: 'active' },
    });
    return rows.map((r) => r.competitionId);
  }

  /** Every active role of a person, with the competition and since when. */
  async rolesOf(userId: string): Promise<{ competitionId: string; role: MembershipRole; since: Date }[]> {
    const rows = await this.memberships.find({
      select: { competitionId: true, role: true, createdAt: true },
      where: { userId, status: 'active' },
    });
    return rows.map((r) => ({ competitionId: r.competitionId, role: r.role, since: r.createdAt }));
  }

  /** Removes every role in a competition (a draft being deleted); returns what was removed, for the audit. */
  async removeAllIn(
    manager: EntityManager,
    competitionId: string,
  ): Promise<{ userId: string; role: MembershipRole; status: string }[]> {
    const removed = await queryReturning<{ user_id: string; role: MembershipRole; status: string }>(
      manager,
      `DELETE FROM competition_memberships WHERE competition_id = $1 RETURNING user_id, role, status`,
      [competitionId],
    );
    return removed.map((r) => ({ userId: r.user_id, role: r.role, status: r.status }));
  }

  /**
   * Idempotent: granting a role someone already has changes nothing, and a role held before
   * but no longer active is active again. An insert that met the old row is never taken
   * for a grant while the role stays off.
   */
  async grant(
    manager: EntityManager,
    input: { competitionId: string; userId: string; role: MembershipRole; invitedBy: string | null },
  ): Promise<Membership> {
    await manager.query(
      `INSERT INTO competition_memberships (competition_id, user_id, role, status, invited_by)
       VALUES ($1, $2, $3, 'active', $4)
       ON CONFLICT (competition_id, user_id, role)
       DO UPDATE SET status = 'active', invited_by = EXCLUDED.invited_by WHERE competition_memberships.status <> 'active'`,
      [input.competitionId, input.userId, input.role, input.invitedBy],
    );
    return manager.findOneByOrFail(Membership, {
      competitionId: input.competitionId,
      userId: input.userId,
      role: input.role,
    });
  }
}
