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

  /** Idempotent: granting a role someone already has changes nothing. */
  async grant(
    manager: EntityManager,
    input: { competitionId: string; userId: string; role: MembershipRole; invitedBy: string | null },
  ): Promise<Membership> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(Membership)
      .values({ ...input, status: 'active' })
      .orIgnore()
      .execute();
    return manager.findOneByOrFail(Membership, {
      competitionId: input.competitionId,
      userId: input.userId,
      role: input.role,
    });
  }
}
