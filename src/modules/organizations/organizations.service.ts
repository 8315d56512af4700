import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { AppException, CommonErrorCode, NotFoundAppException } from '../../common/errors/app.exception';
import type { Actor, AuthenticatedUser } from '../../common/http/actor';
import { localDate } from '../../../libs/kz';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../identity/users.service';
import { TerritoriesService } from '../territories/territories.service';
import { AddRepresentativeDto, CreateOrganizationDto, UpdateOrganizationDto } from './dto/organization.dto';
import { Organization } from './entities/organization.entity';
import { OrganizationRepresentative } from './entities/organization-representative.entity';
import { OrganizationsErrorCode, OrganizationsException } from './organizations.exception';
import { canActForOrganization } from './organizations.policy';

export type OrganizationView = Omit<Organization, 'createdBy'> & {
  representatives: { userId: string; email: string }[];
};

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly territories: TerritoriesService,
  ) {}

  async create(dto: CreateOrganizationDto, actor: Actor): Promise<OrganizationView> {
    const region = await this.territories.find(dto.regionCode);
    if (!region || (region.kind !== 'region' && region.kind !== 'city_republican')) {
      throw new OrganizationsException(OrganizationsErrorCode.REGION_UNKNOWN, 'regionCode');
    }
    if (dto.registeredOn > localDate(this.clock.now())) {
      throw new OrganizationsException(OrganizationsErrorCode.REGISTERED_IN_FUTURE, 'registeredOn');
    }
    const id = await this.db.transaction(async (tx) => {
      const inserted = await tx
        .createQueryBuilder()
        .insert()
        .into(Organization)
        .values({
          ...dto,
          address: dto.address ?? null,
          headName: dto.headName ?? null,
          accountantName: dto.accountantName ?? null,
          createdBy: actor.userId!,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const orgId = (inserted.raw as { id: string }[])[0]?.id;
      if (!orgId) throw new OrganizationsException(OrganizationsErrorCode.BIN_TAKEN);
      await tx.insert(OrganizationRepresentative, {
        organizationId: orgId,
        userId: actor.userId!,
        addedBy: actor.userId,
      });
      await this.audit.record(tx, actor, {
        action: 'organization.created',
        entityType: 'organization',
        entityId: orgId,
        after: dto,
      });
      return orgId;
    });
    return this.view(id, this.db.manager);
  }

  async get(id: string, user: AuthenticatedUser): Promise<OrganizationView> {
    await this.assertCanAct(id, user, this.db.manager);
    return this.view(id, this.db.manager);
  }

  /** Organizations the user represents. */
  async mine(userId: string): Promise<Pick<Organization, 'id' | 'bin' | 'name' | 'kind' | 'regionCode'>[]> {
    return this.db
      .createQueryBuilder(Organization, 'o')
      .innerJoin(OrganizationRepresentative, 'r', 'r.organization_id = o.id')
      .where('r.user_id = :userId', { userId })
      .select(['o.id AS id', 'o.bin AS bin', 'o.name AS name', 'o.kind AS kind', 'o.region_code AS "regionCode"'])
      .orderBy('o.name')
      .getRawMany();
  }

  /** True if the user represents the organization; for other modules' policies. */
  async isRepresentative(
    organizationId: string,
    userId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<boolean> {
    return manager.getRepository(OrganizationRepresentative).exists({ where: { organizationId, userId } });
  }

  async update(
    id: string,
    dto: UpdateOrganizationDto,
    user: AuthenticatedUser,
    actor: Actor,
  ): Promise<OrganizationView> {
    await this.db.transaction(async (tx) => {
      const before = await this.assertCanAct(id, user, tx);
      const { version, ...changes } = dto;
      // Conditional on the version read: two editors cannot overwrite each other silently.
      const result = await tx
        .createQueryBuilder()
        .update(Organization)
        .set({ ...changes, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id, version })
        .execute();
      if (!result.affected) throw new AppException(409, CommonErrorCode.VERSION_CONFLICT);
      await this.audit.record(tx, actor, {
        action: 'organization.updated',
        entityType: 'organization',
        entityId: id,
        before,
        after: changes,
      });
    });
    return this.view(id, this.db.manager);
  }

  async addRepresentative(
    id: string,
    dto: AddRepresentativeDto,
    user: AuthenticatedUser,
    actor: Actor,
  ): Promise<OrganizationView> {
    await this.db.transaction(async (tx) => {
      await this.assertCanAct(id, user, tx);
      const added = await this.users.findByEmail(dto.email, tx);
      if (!added) throw new OrganizationsException(OrganizationsErrorCode.REPRESENTATIVE_NOT_REGISTERED, 'email');
      const inserted = await tx
        .createQueryBuilder()
        .insert()
        .into(OrganizationRepresentative)
        .values({ organizationId: id, userId: added.id, addedBy: actor.userId })
        .orIgnore()
        .returning('user_id')
        .execute();
      // Already a representative: nothing was written, so nothing is recorded as added.
      if ((inserted.raw as unknown[]).length === 0) return;
      await this.audit.record(tx, actor, {
        action: 'organization.representative_added',
        entityType: 'organization',
        entityId: id,
        after: { userId: added.id },
      });
    });
    return this.view(id, this.db.manager);
  }

  /** The organization as registered, for other modules' checks (no access decision here). */
  find(id: string, manager: EntityManager = this.db.manager): Promise<Organization | null> {
    return manager.findOneBy(Organization, { id });
  }

  private async assertCanAct(id: string, user: AuthenticatedUser, manager: EntityManager): Promise<Organization> {
    const org = await manager.findOneBy(Organization, { id });
    const reps = org ? await manager.findBy(OrganizationRepresentative, { organizationId: id }) : [];
    if (
      !org ||
      !canActForOrganization(
        user,
        reps.map((r) => r.userId),
      )
    )
      throw new NotFoundAppException('organization');
    return org;
  }

  private async view(id: string, manager: EntityManager): Promise<OrganizationView> {
    const { createdBy: _c, ...org } = await manager.findOneByOrFail(Organization, { id });
    const representatives: { userId: string; email: string }[] = await manager.query(
      `SELECT r.user_id AS "userId", u.email FROM organization_representatives r JOIN users u ON u.id = r.user_id
        WHERE r.organization_id = $1 ORDER BY r.created_at`,
      [id],
    );
    return { ...org, representatives };
  }
}
