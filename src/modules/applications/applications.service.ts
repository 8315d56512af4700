import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ageOn, localDate, normalizeKzPhone, parseIin } from '../../../libs/kz';
import { Clock } from '../../common/clock/clock';
import { AppException, CommonErrorCode, NotFoundAppException } from '../../common/errors/app.exception';
import type { Actor, AuthenticatedUser } from '../../common/http/actor';
import { Page, pageOf, PageQueryDto } from '../../common/pagination/pagination';
import { MembershipsService } from '../access/memberships.service';
import { AuditService } from '../audit/audit.service';
import { CompetitionsService } from '../competitions/competitions.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { armEntitlements, ArmEntitlements } from '../allocation/domain/arm-entitlements';
import { ApplicationsErrorCode, ApplicationsException } from './applications.exception';
import {
  ApplicationAccessFacts,
  canEditApplication,
  canReadApplication,
  canReviewApplication,
} from './applications.policy';
import { applicantStatus, dependsOnPublication } from './domain/applicant-status';
import { priceBudget } from './domain/budget';
import { BudgetDto, CreateApplicationDto, TeamDto, UpdateApplicationDto } from './dto/application.dto';
import type { ApplicationStatus } from './domain/application-status';
import { Application } from './entities/application.entity';
import { ApplicationMember } from './entities/application-member.entity';
import { Attachment } from './entities/attachment.entity';
import { OutcomePublications } from './outcome-publications';

/** A team member as a commission member reads them; `age` on the day of submission (today for a draft). */
export type TeamMemberView = Pick<ApplicationMember, 'lastName' | 'firstName' | 'gender' | 'isLeader'> & {
  age: number;
};

/** The owner's, organizers' and admins' view adds the IIN, birth date and contacts; a commission member never gets them. */
type TeamMemberFullView = TeamMemberView &
  Pick<ApplicationMember, 'iin' | 'birthDate' | 'phone' | 'email' | 'educationStatus'>;

/** A document in the application's list; the file itself is at GET /attachments/:id. */
export interface ApplicationDocumentView {
  id: string;
  documentCode: string;
  fileKind: string;
  size: number;
  originalName: string;
}

export type ApplicationView = Omit<Application, 'sequenceNo'> & {
  /** What the draw's arm entitles the team to; null outside a draw. */
  entitlements: ArmEntitlements | null;
  team: (TeamMemberView | TeamMemberFullView)[];
  documents: ApplicationDocumentView[];
};

/** What a commission member reads about a team and its documents, for the lists they work from. */
export interface ReviewSummary {
  team: Pick<TeamMemberView, 'lastName' | 'firstName' | 'isLeader' | 'age'>[];
  documents: ApplicationDocumentView[];
}

const me = (a: Actor): AuthenticatedUser => ({ id: a.userId!, isAdmin: a.isAdmin });

/** Drafts: create, fill over days, read. Submission and withdrawal live in use-cases/submit-application. */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly competitions: CompetitionsService,
    private readonly organizations: OrganizationsService,
    private readonly memberships: MembershipsService,
    private readonly clock: Clock,
    private readonly publications: OutcomePublications,
  ) {}

  async createDraft(competitionId: string, dto: CreateApplicationDto, actor: Actor): Promise<ApplicationView> {
    const competition = await this.competitions.findPublished(competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    if (competition.status !== 'open') throw new ApplicationsException(ApplicationsErrorCode.COMPETITION_NOT_OPEN);
    const allowed = this.competitions.rulebookOf(competition).applicantKinds;
    if (!allowed.includes(dto.applicantKind)) {
      throw new ApplicationsException(
        ApplicationsErrorCode.APPLICANT_KIND_NOT_ALLOWED,
        { allowed: allowed.join(', ') },
        'applicantKind',
      );
    }
    const needsOrganization = dto.applicantKind === 'ngo' || dto.applicantKind === 'host_organization';
    if (needsOrganization && !dto.organizationId)
      throw new ApplicationsException(ApplicationsErrorCode.ORGANIZATION_REQUIRED, {}, 'organizationId');
    if (dto.organizationId && !(await this.organizations.isRepresentative(dto.organizationId, actor.userId!))) {
      throw new ApplicationsException(ApplicationsErrorCode.NOT_REPRESENTATIVE, {}, 'organizationId');
    }
    const id = await this.db.transaction(async (tx) => {
      const saved = await tx.save(
        tx.create(Application, {
          competitionId,
          applicantUserId: actor.userId!,
          applicantKind: dto.applicantKind,
          organizationId: needsOrganization ? dto.organizationId! : null,
        }),
      );
      await this.audit.record(tx, actor, {
        action: 'application.draft_created',
        entityType: 'application',
        entityId: saved.id,
        after: dto,
      });
      return saved.id;
    });
    return this.view(id, this.db.manager);
  }

  /**
   * Owners, organizers, admins; and the commission members who score it, without the team's IINs
   * and contacts. The owner and their organization read an outcome only once it is published.
   */
  async get(id: string, actor: Actor): Promise<ApplicationView> {
    const { application, asReviewer, asApplicant } = await this.loadForReview(id, actor);
    const view = await this.view(id, this.db.manager, application);
    if (asApplicant) return (await this.asTheApplicantSees([view]))[0];
    if (!asReviewer) return view;
    return {
      ...view,
      team: view.team.map(({ lastName, firstName, gender, isLeader, age }) => ({
        lastName,
        firstName,
        gender,
        isLeader,
        age,
      })),
    };
  }

  async update(id: string, dto: UpdateApplicationDto, actor: Actor): Promise<ApplicationView> {
    await this.db.transaction(async (tx) => {
      const before = await this.loadDraft(id, actor, tx);
      const { version, ...changes } = dto;
      const result = await tx
        .createQueryBuilder()
        .update(Application)
        .set({ ...changes, version: () => 'version + 1' } as never)
        .where('id = :id AND version = :version', { id, version })
        .execute();
      if (!result.affected) throw new AppException(409, CommonErrorCode.VERSION_CONFLICT);
      await this.audit.record(tx, actor, {
        action: 'application.draft_updated',
        entityType: 'application',
        entityId: id,
        before: pick(before, Object.keys(changes)),
        after: changes,
      });
    });
    return this.view(id, this.db.manager);
  }

  /** Replaces the team. Ages and team size are checked at submission; the IINs themselves now. */
  async putTeam(id: string, dto: TeamDto, actor: Actor): Promise<ApplicationView> {
    const iins = dto.members.map((m) => m.iin);
    const duplicate = iins.findIndex((iin, i) => iins.indexOf(iin) !== i);
    if (duplicate >= 0)
      throw new ApplicationsException(ApplicationsErrorCode.DUPLICATE_MEMBER, {}, `team[${duplicate}].iin`);
    if (!iins.includes(dto.leaderIin))
      throw new ApplicationsException(ApplicationsErrorCode.LEADER_NOT_IN_TEAM, {}, 'leaderIin');
    await this.db.transaction(async (tx) => {
      const application = await this.loadDraft(id, actor, tx);
      await tx.delete(ApplicationMember, { applicationId: id });
      const rows = dto.members.map((m, position) => {
        const parsed = parseIin(m.iin);
        const phone = normalizeKzPhone(m.phone);
        if (!parsed.ok) throw new ApplicationsException(parsed.code as never, {}, `team[${position}].iin`);
        return {
          applicationId: id,
          competitionId: application.competitionId,
          iin: parsed.iin,
          lastName: m.lastName,
          firstName: m.firstName,
          phone: phone.ok ? phone.e164 : null,
          email: m.email ?? null,
          birthDate: parsed.birthDate,
          gender: parsed.sex,
          isLeader: parsed.iin === dto.leaderIin,
          educationStatus: m.educationStatus ?? null,
          position,
          active: false,
        };
      });
      await tx.insert(ApplicationMember, rows);
      await tx.increment(Application, { id }, 'version', 1);
      await this.audit.record(tx, actor, {
        action: 'application.team_set',
        entityType: 'application',
        entityId: id,
        after: { size: rows.length, leaderIin: dto.leaderIin },
      });
    });
    return this.view(id, this.db.manager);
  }

  async putBudget(id: string, dto: BudgetDto, actor: Actor): Promise<ApplicationView> {
    const { lines, total } = priceBudget(dto.lines);
    await this.db.transaction(async (tx) => {
      await this.loadDraft(id, actor, tx);
      await tx.update(Application, { id }, {
        budgetLines: lines,
        amountRequested: total,
        version: () => 'version + 1',
      } as never);
      await this.audit.record(tx, actor, {
        action: 'application.budget_set',
        entityType: 'application',
        entityId: id,
        after: { lines: lines.length, total },
      });
    });
    return this.view(id, this.db.manager);
  }

  /** The applicant's own and their organizations' applications, each outcome only once published. */
  async listMine(actor: Actor, query: PageQueryDto): Promise<Page<Record<string, unknown>>> {
    const rows: (Record<string, unknown> & {
      competitionId: string;
      status: string;
      arm: string | null;
      total: string;
    })[] = await this.db.query(
      `SELECT a.id, a.competition_id AS "competitionId", c.title_kk AS "competitionTitleKk", c.title_ru AS "competitionTitleRu",
              a.status, a.number, a.title, a.submitted_at AS "submittedAt", a.updated_at AS "updatedAt", a.arm,
              count(*) OVER () AS total
         FROM applications a JOIN competitions c ON c.id = a.competition_id
        WHERE a.applicant_user_id = $1
           OR a.organization_id IN (SELECT organization_id FROM organization_representatives WHERE user_id = $1)
        ORDER BY a.updated_at DESC LIMIT $2 OFFSET $3`,
      [actor.userId, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return pageOf(
      (await this.asTheApplicantSees(rows)).map(({ total: _t, arm: _a, ...r }) => r),
      rows[0] ? Number(rows[0].total) : 0,
      query,
    );
  }

  /**
   * The statuses as the applicant may read them (domain/applicant-status): what the screening and
   * scoring modules have published is asked once for all the competitions these belong to.
   */
  private async asTheApplicantSees<T extends { competitionId: string; status: string; arm: string | null }>(
    applications: T[],
  ): Promise<T[]> {
    const pending = applications.filter((a) => dependsOnPublication(a.status));
    if (pending.length === 0) return applications;
    const published = await this.publications.of(pending.map((a) => a.competitionId));
    return applications.map((a) =>
      dependsOnPublication(a.status)
        ? { ...a, status: applicantStatus(a.status, published.get(a.competitionId)!, a.arm) }
        : a,
    );
  }

  /** Loads an application the actor may act on, or 404 as if it did not exist. */
  async load(
    id: string,
    actor: Actor,
    need: 'read' | 'edit',
    manager: EntityManager,
    lock = false,
  ): Promise<Application> {
    const application = await manager.findOne(Application, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!application) throw new NotFoundAppException('application');
    const facts = await this.accessFacts(application, actor, need, manager);
    const allowed = need === 'read' ? canReadApplication(me(actor), facts) : canEditApplication(me(actor), facts);
    if (!allowed) throw new NotFoundAppException('application');
    return application;
  }

  /**
   * The application, its documents list and its files: whoever may read it, plus the
   * commission members who score it (`asReviewer`); 404 for anyone else.
   */
  async loadForReview(
    id: string,
    actor: Actor,
    manager: EntityManager = this.db.manager,
  ): Promise<{ application: Application; asReviewer: boolean; asApplicant: boolean }> {
    const application = await manager.findOneBy(Application, { id });
    if (!application) throw new NotFoundAppException('application');
    const facts = await this.accessFacts(application, actor, 'read', manager);
    if (canReadApplication(me(actor), facts)) {
      // Admins and the competition's organizers read it as it is, even an application of their own.
      const asApplicant = !actor.isAdmin && !facts.organizesCompetition;
      return { application, asReviewer: false, asApplicant };
    }
    const scoresApplication = await this.scoresApplication(application, actor.userId!, manager);
    if (!canReviewApplication(me(actor), { ...facts, scoresApplication }))
      throw new NotFoundAppException('application');
    return { application, asReviewer: true, asApplicant: false };
  }

  private async accessFacts(
    application: Application,
    actor: Actor,
    need: 'read' | 'edit',
    manager: EntityManager,
  ): Promise<ApplicationAccessFacts> {
    return {
      applicantUserId: application.applicantUserId,
      // On the caller's connection: inside a transaction a second pooled connection could wait forever.
      representsOrganization: application.organizationId
        ? await this.organizations.isRepresentative(application.organizationId, actor.userId!, manager)
        : false,
      organizesCompetition:
        need === 'read' &&
        (await this.memberships.hasRole(actor.userId!, application.competitionId, ['organizer'], manager)),
    };
  }

  /**
   * Assigned by the organizer and not conflicted (a declared, confirmed or still pending
   * conflict keeps a member away), and still an active commission member. The scoring
   * module writes these tables; this only reads them, as it cannot be imported from here.
   */
  private async scoresApplication(application: Application, userId: string, manager: EntityManager): Promise<boolean> {
    const [assigned] = await manager.query(
      `SELECT 1 FROM commission_assignments x
        WHERE x.application_id = $1 AND x.member_id = $2
          AND NOT EXISTS (SELECT 1 FROM commission_conflicts k
                           WHERE k.application_id = x.application_id AND k.member_id = x.member_id AND k.status <> 'dismissed')`,
      [application.id, userId],
    );
    return !!assigned && this.memberships.hasRole(userId, application.competitionId, ['commission'], manager);
  }

  private async loadDraft(id: string, actor: Actor, tx: EntityManager): Promise<Application> {
    const application = await this.load(id, actor, 'edit', tx, true);
    if (application.status !== 'draft') throw new ApplicationsException(ApplicationsErrorCode.NOT_A_DRAFT);
    return application;
  }

  /** The competition an application belongs to, or null when there is no such application. No access decision here. */
  async competitionIdOf(id: string, manager: EntityManager = this.db.manager): Promise<string | null> {
    const [row] = await manager.query(`SELECT competition_id FROM applications WHERE id = $1`, [id]);
    return row?.competition_id ?? null;
  }

  /** Every application of a competition in these statuses, with its team and document codes, for screening. */
  async forScreening(
    tx: EntityManager,
    competitionId: string,
    statuses: readonly ApplicationStatus[],
  ): Promise<{ application: Application; members: ApplicationMember[]; documentCodes: string[] }[]> {
    const applications = await tx.find(Application, {
      where: { competitionId, status: In([...statuses]) },
      order: { sequenceNo: 'ASC' },
    });
    const ids = applications.map((a) => a.id);
    const members = ids.length
      ? await tx.find(ApplicationMember, { where: { applicationId: In(ids) }, order: { position: 'ASC' } })
      : [];
    const documents: { application_id: string; codes: string[] }[] = ids.length
      ? await tx.query(
          `SELECT application_id, array_agg(document_code) AS codes FROM attachments WHERE application_id = ANY($1::uuid[]) GROUP BY application_id`,
          [ids],
        )
      : [];
    const codesOf = new Map(documents.map((d) => [d.application_id, d.codes]));
    return applications.map((application) => ({
      application,
      members: members.filter((m) => m.applicationId === application.id),
      documentCodes: codesOf.get(application.id) ?? [],
    }));
  }

  /** `loaded`: the row as the caller has just read it on the same connection, not read twice. */
  async view(id: string, manager: EntityManager, loaded?: Application): Promise<ApplicationView> {
    const { sequenceNo: _s, ...application } = loaded ?? (await manager.findOneByOrFail(Application, { id }));
    const ageDate = await this.ageDate(application, manager);
    const team = await manager.find(ApplicationMember, {
      where: { applicationId: id },
      order: { position: 'ASC' },
      select: {
        iin: true,
        lastName: true,
        firstName: true,
        phone: true,
        email: true,
        birthDate: true,
        gender: true,
        isLeader: true,
        educationStatus: true,
      },
    });
    const documents = await this.documentsOf([id], manager);
    return {
      ...application,
      entitlements: armEntitlements(application.arm),
      team: team.map((m) => ({ ...m, age: ageOn(m.birthDate, ageDate) })),
      documents: documents.get(id) ?? [],
    };
  }

  /**
   * Team (names, ages) and documents of several applications at once, for the commission's
   * lists. No IINs or contacts: a commission member reads what they score, not how to reach people.
   */
  async reviewSummaries(ids: string[], manager: EntityManager = this.db.manager): Promise<Map<string, ReviewSummary>> {
    const summaries = new Map<string, ReviewSummary>(ids.map((id) => [id, { team: [], documents: [] }]));
    if (ids.length === 0) return summaries;
    const members: {
      application_id: string;
      last_name: string;
      first_name: string;
      is_leader: boolean;
      birth_date: string;
      submitted_at: Date | null;
      time_zone: string;
    }[] = await manager.query(
      `SELECT m.application_id, m.last_name, m.first_name, m.is_leader, to_char(m.birth_date, 'YYYY-MM-DD') AS birth_date,
              a.submitted_at, c.time_zone
         FROM application_members m
         JOIN applications a ON a.id = m.application_id
         JOIN competitions c ON c.id = a.competition_id
        WHERE m.application_id = ANY($1::uuid[])
        ORDER BY m.application_id, m.position`,
      [ids],
    );
    const now = this.clock.now();
    for (const m of members) {
      summaries.get(m.application_id)!.team.push({
        lastName: m.last_name,
        firstName: m.first_name,
        isLeader: m.is_leader,
        age: ageOn(m.birth_date, localDate(m.submitted_at ?? now, m.time_zone)),
      });
    }
    for (const [id, documents] of await this.documentsOf(ids, manager)) summaries.get(id)!.documents = documents;
    return summaries;
  }

  private async documentsOf(ids: string[], manager: EntityManager): Promise<Map<string, ApplicationDocumentView[]>> {
    const rows = await manager.find(Attachment, {
      where: { applicationId: In(ids) },
      order: { createdAt: 'ASC', id: 'ASC' },
      select: { id: true, applicationId: true, documentCode: true, fileKind: true, size: true, originalName: true },
    });
    const byApplication = new Map<string, ApplicationDocumentView[]>();
    for (const { applicationId, ...document } of rows)
      byApplication.set(applicationId, [...(byApplication.get(applicationId) ?? []), document]);
    return byApplication;
  }

  /** Ages are counted as the rules counted them: on the day of submission in the competition's zone; today for a draft. */
  private async ageDate(application: Pick<Application, 'competitionId' | 'submittedAt'>, manager: EntityManager) {
    const competition = await this.competitions.find(application.competitionId, manager);
    return localDate(application.submittedAt ?? this.clock.now(), competition?.timeZone);
  }
}

function pick(source: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, (source as Record<string, unknown>)[k]]));
}
