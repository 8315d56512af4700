import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { formatLocalDateTime, toZonedIso } from '../../../libs/kz';
import { Clock } from '../../common/clock/clock';
import {
  AppException,
  CommonErrorCode,
  NotFoundAppException,
  ValidationFailedException,
} from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { translate } from '../../common/i18n/i18n';
import { Page, pageOf } from '../../common/pagination/pagination';
import type { MembershipRole } from '../access/domain/membership-roles';
import { AccessErrorCode, AccessException } from '../access/access.exception';
import { MembershipsService } from '../access/memberships.service';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { TerritoriesService, TerritoryView } from '../territories/territories.service';
import { COMPETITION_TEMPLATES, CompetitionTemplate } from './domain/competition-templates';
import { DistrictProposal, districtWarnings, proposeFromDistricts } from './domain/district-proposal';
import { canTransition, closingProblems } from './domain/competition-status';
import type { Rulebook } from './domain/rulebook.types';
import { validateRulebook } from './domain/rulebook.validation';
import {
  CompetitionListQueryDto,
  CreateCompetitionDto,
  MyCompetitionsQueryDto,
  UpdateCompetitionDto,
} from './dto/competition.dto';
import { Competition, CompetitionStatus } from './entities/competition.entity';
import { CompetitionsErrorCode, CompetitionsException } from './competitions.exception';

export interface CompetitionView {
  id: string;
  templateCode: string;
  title: { kk: string; ru: string };
  description: { kk: string; ru: string } | null;
  status: CompetitionStatus;
  timeZone: string;
  submissionDeadline: string | null;
  /** The same instant in the competition's zone, e.g. 2026-12-20T18:00:00+05:00. */
  submissionDeadlineLocal: string | null;
  openedAt: string | null;
  closedAt: string | null;
  rulebook: Rulebook;
  counts: { received: number; byTerritory: { code: string; count: number }[] };
  version: number;
  /** The organization that runs it; null until the organizer names one. */
  organizerOrganizationId: string | null;
}

/** A competition in the public lists of the home page: its view without counts by territory, with the number received. */
export type CompetitionSummary = Omit<CompetitionView, 'counts' | 'version'> & { received: number };

/** A competition in my list: what the public list shows, plus my roles in it. */
export type MyCompetitionView = Omit<CompetitionView, 'rulebook' | 'counts'> & { myRoles: MembershipRole[] };

/** What the territory in scope implies for the numbers of a competition (GET /competitions/:id/proposals). */
export interface CompetitionProposals {
  oneWinnerPer: 'district' | 'region' | null;
  /** The districts and cities (city districts of Astana, Almaty, Shymkent) the scope covers. */
  territories: TerritoryView[];
  /** Scope codes that name no territory: opening refuses them. */
  unknownTerritories: string[];
  /** Under one winner per district: one winner per district or city, one grant each; else null. */
  proposed: DistrictProposal | null;
  current: { winners: number | null; totalFund: number | null; amountCap: number | null };
  /** What opening would refuse until the organizer fixes the numbers or confirms them. */
  warnings: { field: string; code: string; params?: Record<string, string | number>; message: string }[];
}

/** Competition life: from a template, edited in draft, opened, deadline extended, closed. */
@Injectable()
export class CompetitionsService {
  private readonly draftRemovers: ((tx: EntityManager, competitionId: string) => Promise<Record<string, unknown>>)[] =
    [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: EnvironmentVariables,
    private readonly clock: Clock,
    private readonly memberships: MembershipsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly territories: TerritoriesService,
    private readonly organizations: OrganizationsService,
  ) {}

  templates(): readonly CompetitionTemplate[] {
    return COMPETITION_TEMPLATES;
  }

  find(id: string, manager: EntityManager = this.db.manager): Promise<Competition | null> {
    return manager.findOneBy(Competition, { id });
  }

  /** A competition anyone may see: everything but drafts. */
  findPublished(id: string): Promise<Competition | null> {
    return this.db.getRepository(Competition).findOneBy({ id, status: Not('draft') });
  }

  rulebookOf(competition: Pick<Competition, 'rulebook'>): Rulebook {
    return competition.rulebook as unknown as Rulebook;
  }

  /**
   * Admins, and people already organizing a competition (the grantee NGO's staff). Anyone else
   * is told how one becomes an organizer: an administrator, or an organizer's invitation.
   */
  async assertCanCreate(actor: Actor): Promise<void> {
    if (actor.isAdmin) return;
    if ((await this.memberships.competitionsWhere(actor.userId!, 'organizer')).length > 0) return;
    throw new AccessException(AccessErrorCode.ORGANIZER_ROLE_NEEDED);
  }

  async create(dto: CreateCompetitionDto, actor: Actor): Promise<CompetitionView> {
    await this.assertCanCreate(actor);
    const template = COMPETITION_TEMPLATES.find((t) => t.code === dto.templateCode);
    if (!template) throw new ValidationFailedException([{ field: 'templateCode', code: 'TEMPLATE_UNKNOWN' }]);
    const rulebook = this.mergedRulebook(template.rulebook, dto.rulebook, dto.submissionDeadline ?? null);
    if (dto.organizerOrganizationId) await this.assertMayRunFor(dto.organizerOrganizationId, actor);
    const id = await this.db.transaction(async (tx) => {
      const saved = await tx.save(
        tx.create(Competition, {
          templateCode: template.code,
          titleKk: dto.title.kk,
          titleRu: dto.title.ru,
          descriptionKk: dto.description?.kk ?? template.description.kk,
          descriptionRu: dto.description?.ru ?? template.description.ru,
          rulebook: rulebook as unknown as Record<string, unknown>,
          submissionDeadline: dto.submissionDeadline ? new Date(dto.submissionDeadline) : null,
          numberPrefix: rulebook.numberPrefix,
          timeZone: this.env.DEFAULT_TIME_ZONE,
          organizerOrganizationId: dto.organizerOrganizationId ?? null,
          createdBy: actor.userId!,
        }),
      );
      await this.memberships.grant(tx, {
        competitionId: saved.id,
        userId: actor.userId!,
        role: 'organizer',
        invitedBy: actor.userId,
      });
      await this.audit.record(tx, actor, {
        action: 'competition.created',
        entityType: 'competition',
        entityId: saved.id,
        after: { templateCode: template.code, title: dto.title },
      });
      return saved.id;
    });
    return this.view(id, actor, true);
  }

  /**
   * In draft everything may change. Once open only the deadline, and only later: the rules
   * applicants read must not move under them, but more time hurts nobody.
   */
  async update(id: string, dto: UpdateCompetitionDto, actor: Actor): Promise<CompetitionView> {
    await this.db.transaction(async (tx) => {
      const before = await tx.findOne(Competition, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw new NotFoundAppException('competition');
      if (before.version !== dto.version) throw new AppException(409, CommonErrorCode.VERSION_CONFLICT);
      const deadline = dto.submissionDeadline ? new Date(dto.submissionDeadline) : undefined;
      if (before.status === 'draft') {
        if (dto.organizerOrganizationId) await this.assertMayRunFor(dto.organizerOrganizationId, actor, tx);
        const rulebook = this.mergedRulebook(
          this.rulebookOf(before),
          dto.rulebook,
          dto.submissionDeadline ?? before.submissionDeadline?.toISOString() ?? null,
        );
        await tx.update(
          Competition,
          { id },
          {
            ...(dto.title ? { titleKk: dto.title.kk, titleRu: dto.title.ru } : {}),
            ...(dto.description ? { descriptionKk: dto.description.kk, descriptionRu: dto.description.ru } : {}),
            ...(deadline ? { submissionDeadline: deadline } : {}),
            ...(dto.organizerOrganizationId ? { organizerOrganizationId: dto.organizerOrganizationId } : {}),
            rulebook: rulebook as never,
            numberPrefix: rulebook.numberPrefix,
            version: before.version + 1,
          },
        );
      } else {
        if (
          before.status !== 'open' ||
          dto.title ||
          dto.description ||
          dto.rulebook ||
          dto.organizerOrganizationId ||
          !deadline
        ) {
          throw new CompetitionsException(CompetitionsErrorCode.COMPETITION_LOCKED);
        }
        if (!before.submissionDeadline || deadline <= before.submissionDeadline) {
          throw new ValidationFailedException([{ field: 'submissionDeadline', code: 'DEADLINE_NOT_LATER' }]);
        }
        const rulebook = {
          ...this.rulebookOf(before),
          deadlines: { ...this.rulebookOf(before).deadlines, submissionDeadline: deadline.toISOString() },
        };
        await tx.update(
          Competition,
          { id },
          { submissionDeadline: deadline, rulebook: rulebook as never, version: before.version + 1 },
        );
        await this.tellDraftOwners(tx, before, deadline);
      }
      await this.audit.record(tx, actor, {
        action: before.status === 'draft' ? 'competition.updated' : 'competition.deadline_extended',
        entityType: 'competition',
        entityId: id,
        before: { submissionDeadline: before.submissionDeadline, title: { kk: before.titleKk, ru: before.titleRu } },
        after: { ...dto, version: undefined },
      });
    });
    return this.view(id, actor, true);
  }

  async open(id: string, actor: Actor, options: { acknowledgeWarnings?: boolean } = {}): Promise<CompetitionView> {
    await this.transition(id, 'open', actor, async (tx, competition) => {
      const now = this.clock.now();
      if (!competition.submissionDeadline)
        throw new ValidationFailedException([{ field: 'submissionDeadline', code: 'DEADLINE_REQUIRED' }]);
      if (competition.submissionDeadline <= now)
        throw new ValidationFailedException([{ field: 'submissionDeadline', code: 'DEADLINE_IN_PAST' }]);
      const problems = validateRulebook(competition.rulebook);
      if (problems.length)
        throw new ValidationFailedException(problems.map((p) => ({ ...p, field: `rulebook.${p.field}` })));
      await this.checkTerritoryNumbers(tx, competition, actor, options.acknowledgeWarnings === true);
      // Numbers come from a sequence of its own, so concurrent submits never wait on each other for one.
      await tx.query(`CREATE SEQUENCE IF NOT EXISTS "application_no_${competition.id.replace(/-/g, '')}" START 1`);
      return { openedAt: now };
    });
    return this.view(id, actor, true);
  }

  /**
   * What the territory in scope implies, for an organizer preparing a competition: the
   * districts and cities it covers and, under "one winner per district (city)", the number of
   * winners and the fund they call for, next to the rulebook's own numbers and the warnings
   * opening would give (in the caller's language).
   */
  async proposals(id: string, actor: Actor): Promise<CompetitionProposals> {
    const competition = await this.find(id);
    if (!competition) throw new NotFoundAppException('competition');
    const rulebook = this.rulebookOf(competition);
    const { units, unknown } = await this.territories.unitsInScope(rulebook.territory.scope);
    const warnings = districtWarnings(rulebook, units.length);
    return {
      oneWinnerPer: rulebook.selection.oneWinnerPer ?? null,
      territories: units,
      unknownTerritories: unknown,
      proposed: proposeFromDistricts(rulebook, units.length),
      current: {
        winners: rulebook.selection.winners ?? null,
        totalFund: rulebook.funding?.totalFund ?? null,
        amountCap: rulebook.funding?.amountCap ?? null,
      },
      warnings: warnings.map((w) => ({
        ...w,
        message: translate(actor.locale, `errors.${w.code}`, w.params),
      })),
    };
  }

  /**
   * Opening checks the territory: every code in scope must exist, and under "one winner per
   * district" the winners and the fund must agree with the districts in scope unless the
   * organizer confirms them; a confirmation is recorded with the numbers it accepted.
   */
  private async checkTerritoryNumbers(
    tx: EntityManager,
    competition: Competition,
    actor: Actor,
    acknowledged: boolean,
  ): Promise<void> {
    const rulebook = this.rulebookOf(competition);
    const { units, unknown } = await this.territories.unitsInScope(rulebook.territory.scope, tx);
    if (unknown.length > 0) {
      throw new ValidationFailedException(
        unknown.map((code) => ({
          field: `rulebook.territory.scope[${rulebook.territory.scope.indexOf(code)}]`,
          code: 'TERRITORY_UNKNOWN',
          params: { code },
        })),
      );
    }
    const warnings = districtWarnings(rulebook, units.length);
    if (warnings.length === 0) return;
    if (!acknowledged) {
      throw new CompetitionsException(CompetitionsErrorCode.OPENING_NEEDS_CONFIRMATION, {}, warnings);
    }
    await this.audit.record(tx, actor, {
      action: 'competition.opening_warnings_confirmed',
      entityType: 'competition',
      entityId: competition.id,
      after: { warnings: warnings.map((w) => ({ code: w.code, params: w.params })) },
    });
  }

  /** Intake ends at the announced deadline, never before: applicants plan to the last day. */
  async close(id: string, actor: Actor): Promise<CompetitionView> {
    await this.transition(id, 'closed', actor, async (_tx, competition) => {
      const now = this.clock.now();
      if (competition.status === 'open' && closingProblems(this.rulebookOf(competition), now).length > 0) {
        const deadline = competition.submissionDeadline;
        throw new CompetitionsException(CompetitionsErrorCode.DEADLINE_NOT_PASSED, {
          deadline: deadline ? formatLocalDateTime(deadline, actor.locale, competition.timeZone) : '',
        });
      }
      return { closedAt: now };
    });
    return this.view(id, actor, true);
  }

  async list(query: CompetitionListQueryDto): Promise<Page<Omit<CompetitionView, 'rulebook' | 'counts' | 'version'>>> {
    const where = query.status
      ? { status: query.status as CompetitionStatus }
      : { status: Not('draft' as CompetitionStatus) };
    const [rows, total] = await this.db.getRepository(Competition).findAndCount({
      where,
      order: { submissionDeadline: 'DESC', createdAt: 'DESC' },
      take: query.pageSize,
      skip: (query.page - 1) * query.pageSize,
    });
    return pageOf(
      rows.map((c) => {
        const { rulebook: _r, counts: _c, version: _v, ...rest } = this.shape(c, { received: 0, byTerritory: [] });
        return rest;
      }),
      total,
      query,
    );
  }

  /**
   * The home page's lists, for anyone: `open` — accepting applications now (deadline ahead),
   * nearest deadline first; `past` — every other published one (intake over, decided,
   * cancelled), the most recently closed first. Drafts never. Each with its rulebook (what it
   * gives, where) and the number of applications received (submitted, not withdrawn).
   */
  async listPublic(
    which: 'open' | 'past',
    query: { page: number; pageSize: number },
  ): Promise<Page<CompetitionSummary>> {
    const qb = this.db.getRepository(Competition).createQueryBuilder('c');
    const now = this.clock.now();
    if (which === 'open') {
      qb.where("c.status = 'open' AND c.submission_deadline > :now", { now })
        .orderBy('c.submission_deadline', 'ASC')
        .addOrderBy('c.created_at', 'DESC');
    } else {
      qb.where("c.status NOT IN ('draft', 'open') OR (c.status = 'open' AND NOT (c.submission_deadline > :now))", {
        now,
      })
        .orderBy('COALESCE(c.closed_at, c.submission_deadline)', 'DESC', 'NULLS LAST')
        .addOrderBy('c.created_at', 'DESC');
    }
    const [rows, total] = await qb
      .addOrderBy('c.id')
      .take(query.pageSize)
      .skip((query.page - 1) * query.pageSize)
      .getManyAndCount();
    const received: { id: string; count: number }[] = rows.length
      ? await this.db.query(
          `SELECT competition_id AS id, count(*)::int AS count FROM applications
            WHERE competition_id = ANY($1::uuid[]) AND status NOT IN ('draft', 'withdrawn') GROUP BY competition_id`,
          [rows.map((c) => c.id)],
        )
      : [];
    const counts = new Map(received.map((r) => [r.id, r.count]));
    return pageOf(
      rows.map((c) => {
        const { counts: _c, version: _v, ...rest } = this.shape(c, { received: 0, byTerritory: [] });
        return { ...rest, received: counts.get(c.id) ?? 0 };
      }),
      total,
      query,
    );
  }

  /**
   * The competitions where I hold a role, with my roles: drafts only where I organize (a
   * commission member invited early sees it once it opens). Nearest deadline last, drafts first.
   */
  async listMine(actor: Actor, query: MyCompetitionsQueryDto): Promise<Page<MyCompetitionView>> {
    const roles = new Map<string, MembershipRole[]>();
    for (const r of await this.memberships.rolesOf(actor.userId!)) {
      if (query.role && r.role !== query.role) continue;
      roles.set(r.competitionId, [...(roles.get(r.competitionId) ?? []), r.role]);
    }
    const ids = [...roles.keys()];
    const organizing = ids.filter((id) => roles.get(id)!.includes('organizer'));
    if (ids.length === 0) return pageOf([], 0, query);
    const qb = this.db
      .getRepository(Competition)
      .createQueryBuilder('c')
      .where('c.id IN (:...ids)', { ids })
      .andWhere(organizing.length ? "(c.status <> 'draft' OR c.id IN (:...organizing))" : "c.status <> 'draft'", {
        organizing,
      });
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    const [rows, total] = await qb
      .orderBy('c.submission_deadline', 'DESC', 'NULLS FIRST')
      .addOrderBy('c.created_at', 'DESC')
      .addOrderBy('c.id')
      .take(query.pageSize)
      .skip((query.page - 1) * query.pageSize)
      .getManyAndCount();
    return pageOf(
      rows.map((c) => {
        const { rulebook: _r, counts: _c, ...rest } = this.shape(c, { received: 0, byTerritory: [] });
        return { ...rest, myRoles: [...roles.get(c.id)!].sort() };
      }),
      total,
      query,
    );
  }

  /**
   * Other modules remove what they keep about a competition when its draft is deleted (the
   * members module: invitations), in the same transaction; what each returns goes into the audit entry.
   */
  onDraftDeleted(remover: (tx: EntityManager, competitionId: string) => Promise<Record<string, unknown>>): void {
    this.draftRemovers.push(remover);
  }

  /** A draft (nobody can apply to it yet) may go, with its roles and invitations; once opened it stays for the record. */
  async remove(id: string, actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      const competition = await this.lockForMove(tx, id);
      if (
        !actor.isAdmin &&
        !(actor.userId && (await this.memberships.hasRole(actor.userId, competition.id, ['organizer'], tx)))
      ) {
        throw new NotFoundAppException('competition');
      }
      if (competition.status !== 'draft') throw new CompetitionsException(CompetitionsErrorCode.COMPETITION_NOT_DRAFT);
      const removed: Record<string, unknown> = {};
      for (const remover of this.draftRemovers) Object.assign(removed, await remover(tx, id));
      removed.memberships = await this.memberships.removeAllIn(tx, id);
      await tx.delete(Competition, { id });
      await this.audit.record(tx, actor, {
        action: 'competition.deleted',
        entityType: 'competition',
        entityId: id,
        before: {
          status: competition.status,
          templateCode: competition.templateCode,
          title: { kk: competition.titleKk, ru: competition.titleRu },
          ...removed,
        },
      });
    });
  }

  /** Drafts are visible to their organizers and admins only; to anyone else they do not exist. */
  async view(id: string, actor: Actor | null, isOrganizerKnown = false): Promise<CompetitionView> {
    const competition = await this.find(id);
    if (!competition) throw new NotFoundAppException('competition');
    if (competition.status === 'draft' && !isOrganizerKnown) {
      const allowed =
        actor?.isAdmin || (actor?.userId && (await this.memberships.hasRole(actor.userId, id, ['organizer'])));
      if (!allowed) throw new NotFoundAppException('competition');
    }
    const byTerritory: { code: string; count: string }[] = await this.db.query(
      `SELECT territory_code AS code, count(*) AS count FROM applications
        WHERE competition_id = $1 AND status NOT IN ('draft', 'withdrawn') GROUP BY territory_code ORDER BY territory_code`,
      [id],
    );
    const counts = {
      received: byTerritory.reduce((s, r) => s + Number(r.count), 0),
      byTerritory: byTerritory.map((r) => ({ code: r.code, count: Number(r.count) })),
    };
    return this.shape(competition, counts);
  }

  private shape(c: Competition, counts: CompetitionView['counts']): CompetitionView {
    return {
      id: c.id,
      templateCode: c.templateCode,
      title: { kk: c.titleKk, ru: c.titleRu },
      description:
        c.descriptionKk !== null && c.descriptionRu !== null ? { kk: c.descriptionKk, ru: c.descriptionRu } : null,
      status: c.status,
      timeZone: c.timeZone,
      submissionDeadline: c.submissionDeadline?.toISOString() ?? null,
      submissionDeadlineLocal: c.submissionDeadline ? toZonedIso(c.submissionDeadline, c.timeZone) : null,
      openedAt: c.openedAt?.toISOString() ?? null,
      closedAt: c.closedAt?.toISOString() ?? null,
      rulebook: this.rulebookOf(c),
      counts,
      version: c.version,
      organizerOrganizationId: c.organizerOrganizationId,
    };
  }

  /** An organizer names an organization they represent; an admin any. Anyone else's is "not found". */
  private async assertMayRunFor(organizationId: string, actor: Actor, manager?: EntityManager): Promise<void> {
    const org = await this.organizations.find(organizationId, manager);
    const allowed =
      !!org && (actor.isAdmin || (await this.organizations.isRepresentative(organizationId, actor.userId!, manager)));
    if (!allowed) throw new NotFoundAppException('organization');
  }

  /** The organization that runs the competition, as its documents and e-mails name it; null when none is set. */
  async organizerOf(
    competition: Pick<Competition, 'organizerOrganizationId'>,
  ): Promise<{ name: string; bin: string; address: string | null } | null> {
    if (!competition.organizerOrganizationId) return null;
    const org = await this.organizations.find(competition.organizerOrganizationId);
    return org ? { name: org.name, bin: org.bin, address: org.address } : null;
  }

  private mergedRulebook(
    base: Rulebook,
    overrides: Record<string, unknown> | undefined,
    deadline: string | null,
  ): Rulebook {
    const merged = {
      ...base,
      ...(overrides ?? {}),
      deadlines: { ...base.deadlines, submissionDeadline: deadline },
    } as Rulebook;
    const problems = validateRulebook(merged);
    if (problems.length)
      throw new ValidationFailedException(problems.map((p) => ({ ...p, field: `rulebook.${p.field}` })));
    return merged;
  }

  private async transition(
    id: string,
    to: CompetitionStatus,
    actor: Actor,
    apply: (tx: EntityManager, c: Competition) => Promise<Partial<Competition>>,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const competition = await this.lockForMove(tx, id);
      await this.moveIn(tx, competition, to, actor, await apply(tx, competition));
    });
  }

  /**
   * The competition, share-locked until the caller's transaction ends: work that must not
   * overlap a move (a score saved while scoring closes) holds this, a move waits for it.
   */
  async findShared(tx: EntityManager, id: string): Promise<Competition | null> {
    return tx.findOne(Competition, { where: { id }, lock: { mode: 'pessimistic_read' } });
  }

  /** The competition, locked until the caller's transaction ends: a move reads it first. */
  async lockForMove(tx: EntityManager, id: string): Promise<Competition> {
    const competition = await tx.findOne(Competition, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!competition) throw new NotFoundAppException('competition');
    return competition;
  }

  /**
   * The only writer of `competitions.status`: checks the table of domain/competition-status
   * and that the actor organizes the competition, bumps the version and records the move,
   * in the caller's transaction. Pass the competition as `lockForMove` returned it.
   */
  async moveIn(
    tx: EntityManager,
    competition: Competition,
    to: CompetitionStatus,
    actor: Actor,
    changes: Partial<Competition> = {},
  ): Promise<void> {
    if (
      !actor.isAdmin &&
      !(actor.userId && (await this.memberships.hasRole(actor.userId, competition.id, ['organizer'], tx)))
    ) {
      throw new NotFoundAppException('competition');
    }
    if (!canTransition(competition.status, to))
      throw new CompetitionsException(CompetitionsErrorCode.TRANSITION_NOT_ALLOWED, { from: competition.status, to });
    const moved = await tx.update(Competition, { id: competition.id, version: competition.version }, {
      ...changes,
      status: to,
      version: competition.version + 1,
    } as never);
    if (!moved.affected) throw new AppException(409, CommonErrorCode.VERSION_CONFLICT);
    await this.audit.record(tx, actor, {
      action: `competition.${to}`,
      entityType: 'competition',
      entityId: competition.id,
      before: { status: competition.status },
      after: { status: to },
    });
    Object.assign(competition, changes, { status: to, version: competition.version + 1 });
  }

  private async tellDraftOwners(tx: EntityManager, competition: Competition, deadline: Date): Promise<void> {
    const owners: { id: string; email: string; locale: 'kk' | 'ru'; application_id: string }[] = await tx.query(
      `SELECT u.id, u.email, u.locale, a.id AS application_id FROM applications a JOIN users u ON u.id = a.applicant_user_id
        WHERE a.competition_id = $1 AND a.status = 'draft'`,
      [competition.id],
    );
    for (const owner of owners) {
      await this.notifications.enqueue(tx, {
        template: 'deadline-extended',
        recipients: [{ userId: owner.id, email: owner.email, locale: owner.locale }],
        payload: {
          competitionTitle: owner.locale === 'ru' ? competition.titleRu : competition.titleKk,
          deadline: formatLocalDateTime(deadline, owner.locale, competition.timeZone),
          link: `${this.env.PUBLIC_URL}/applications/${owner.application_id}`,
        },
        competitionId: competition.id,
        dedupeKey: `deadline-extended:${competition.id}:${deadline.toISOString()}`,
      });
    }
  }
}
