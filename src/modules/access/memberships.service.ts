import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
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
