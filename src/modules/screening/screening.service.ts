import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { localDate } from '../../../libs/kz';
import { Clock } from '../../common/clock/clock';
import { NotFoundAppException, ValidationFailedException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { Locale, translate } from '../../common/i18n/i18n';
import { MembershipsService } from '../access/memberships.service';
import { ApplicationsService } from '../applications/applications.service';
import { checkSubmission } from '../applications/domain/submission-checks';
import { ApplicationLifecycle } from '../applications/application-lifecycle.service';
import type { ApplicationStatus } from '../applications/domain/application-status';
import { AuditService } from '../audit/audit.service';
import { CompetitionsService } from '../competitions/competitions.service';
import type { Competition } from '../competitions/entities/competition.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { TerritoriesService } from '../territories/territories.service';
import { effectivePassed, screeningChecklist } from './domain/screening-rules';
import { BulkScreeningDecisionDto, ScreeningDecisionDto } from './dto/screening.dto';
import { ChecklistLine, ScreeningChecklist } from './entities/screening-checklist.entity';
import { ScreeningErrorCode, ScreeningException } from './screening.exception';

export interface ChecklistView {
  applicationId: string;
  decision: 'screened_in' | 'screened_out' | null;
  decisionComment: string | null;
  publishedAt: string | null;
  version: number;
  lines: (ChecklistLine & { label: string; message: string | null; effective: boolean })[];
}

export interface BulkScreeningResult {
  /** Applications decided by this request. */
  decided: number;
  /** Applications of the competition still without a decision: they need a look. */
  needsReview: number;
}

const SCREENABLE: ApplicationStatus[] = ['submitted', 'screened_in', 'screened_out'];

/** Technical screening (техникалық іріктеу): automatic checklist, organizer's decision, publication. */
@Injectable()
export class ScreeningService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: EnvironmentVariables,
    private readonly clock: Clock,
    private readonly competitions: CompetitionsService,
    private readonly applications: ApplicationsService,
    private readonly territories: TerritoriesService,
    private readonly memberships: MembershipsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly organizations: OrganizationsService,
  ) {}

  /** (Re)computes every submitted application's checklist; the organizer's overrides are kept. */
  async run(competitionId: string, actor: Actor): Promise<{ checked: number; failing: number }> {
    return this.db.transaction(async (tx) => {
      const competition = await this.competitions.lockForMove(tx, competitionId);
      if (competition.status !== 'closed' && competition.status !== 'screening')
        throw new ScreeningException(ScreeningErrorCode.TRANSITION_NOT_ALLOWED, {
          from: competition.status,
          to: 'screening',
        });
      const rulebook = this.competitions.rulebookOf(competition);
      const applications = await this.applications.forScreening(tx, competitionId, SCREENABLE);
      const existing = new Map(
        (await tx.find(ScreeningChecklist, { where: { competitionId } })).map((c) => [c.applicationId, c]),
      );
      const now = this.clock.now();
      let failing = 0;
      for (const { application, members, documentCodes } of applications) {
        const territory = application.territoryCode ? await this.territories.find(application.territoryCode, tx) : null;
        const organization = application.organizationId
          ? await this.organizations.find(application.organizationId, tx)
          : null;
        const submissionDate = localDate(application.submittedAt ?? now, competition.timeZone);
        const lines = screeningChecklist({
          problems: checkSubmission({ rulebook, application, members, documentCodes, territory, submissionDate }),
          hasTeam: rulebook.team !== null,
          organization: organization
            ? { registeredOn: organization.registeredOn, regionCode: organization.regionCode }
            : null,
          requireYearInRegion:
            application.applicantKind === 'host_organization' ||
            competition.templateCode === 'host-organization-selection',
          applicationRegion: territory ? (territory.parentCode ?? territory.code) : null,
          submissionDate,
        });
        const previous = existing.get(application.id);
        for (const line of lines) line.override = previous?.lines.find((l) => l.rule === line.rule)?.override ?? null;
        if (lines.some((l) => !effectivePassed(l))) failing += 1;
        await tx.upsert(
          ScreeningChecklist,
          {
            applicationId: application.id,
            competitionId,
            lines: lines as never,
            checkedAt: now,
            version: (previous?.version ?? 0) + 1,
          },
          ['applicationId'],
        );
      }
      if (competition.status === 'closed') await this.competitions.moveIn(tx, competition, 'screening', actor);
      await this.audit.record(tx, actor, {
        action: 'screening.run',
        entityType: 'competition',
        entityId: competitionId,
        after: { checked: applications.length, failing },
      });
      return { checked: applications.length, failing };
    });
  }

  /** Organizers always; the applicant once results are published; anyone else 404. */
  async get(applicationId: string, actor: Actor): Promise<ChecklistView> {
    const application = await this.applications.load(applicationId, actor, 'read', this.db.manager);
    const checklist = await this.db.getRepository(ScreeningChecklist).findOneBy({ applicationId });
    const organizer =
      actor.isAdmin || (await this.memberships.hasRole(actor.userId!, application.competitionId, ['organizer']));
    if (!checklist || (!organizer && !checklist.publishedAt)) throw new NotFoundAppException('screening');
    return this.view(checklist, actor.locale);
  }

  async decide(applicationId: string, dto: ScreeningDecisionDto, actor: Actor): Promise<ChecklistView> {
    // Who may see it is decided before any row is locked: a missing application and another
    // competition's application answer alike (404), and a stranger cannot hold a lock.
    const competitionId = await this.applications.competitionIdOf(applicationId);
    if (
      !competitionId ||
      !(actor.isAdmin || (await this.memberships.hasRole(actor.userId!, competitionId, ['organizer'])))
    ) {
      throw new NotFoundAppException('screening');
    }
    const saved = await this.db.transaction(async (tx) => {
      const checklist = await tx.findOne(ScreeningChecklist, {
        where: { applicationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!checklist) throw new ScreeningException(ScreeningErrorCode.SCREENING_NOT_RUN);
      const competition = (await this.competitions.find(checklist.competitionId, tx))!;
      if (competition.status !== 'screening')
        throw new ScreeningException(ScreeningErrorCode.TRANSITION_NOT_ALLOWED, {
          from: competition.status,
          to: 'screening',
        });
      const now = this.clock.now();
      const lines = checklist.lines.map((l) => ({ ...l }));
      for (const [i, o] of (dto.overrides ?? []).entries()) {
        const line = lines.find((l) => l.rule === o.rule);
        if (!line)
          throw new ValidationFailedException([{ field: `overrides[${i}].rule`, code: 'RULE_NOT_IN_CHECKLIST' }]);
        if (!o.comment.trim())
          throw new ValidationFailedException([
            { field: `overrides[${i}].comment`, code: 'OVERRIDE_COMMENT_REQUIRED' },
          ]);
        line.override = { passed: o.passed, comment: o.comment.trim(), by: actor.userId!, at: now.toISOString() };
      }
      await this.record(tx, [{ checklist, lines }], dto.decision, dto.comment, actor, {
        overrides: dto.overrides ?? [],
      });
      return tx.findOneByOrFail(ScreeningChecklist, { applicationId });
    });
    return this.view(saved, actor.locale);
  }

  /**
   * Many decisions at once: `accept: 'passing'` screens in every application whose checklist
   * passes (each line as overridden) and that has no decision yet; or one decision for the
   * applications named. Each is recorded as a single decision would be.
   */
  async decideMany(competitionId: string, dto: BulkScreeningDecisionDto, actor: Actor): Promise<BulkScreeningResult> {
    const byPassing = dto.accept === 'passing';
    if (
      byPassing === Boolean(dto.applicationIds || dto.decision) ||
      (!byPassing && !(dto.applicationIds && dto.decision))
    )
      throw new ValidationFailedException([{ field: 'accept', code: 'BULK_DECISION_ONE_WAY' }]);
    return this.db.transaction(async (tx) => {
      // Shared: a publication (which takes the competition for a move) waits until these decisions commit.
      const competition = await this.competitions.findShared(tx, competitionId);
      if (
        !competition ||
        !(actor.isAdmin || (await this.memberships.hasRole(actor.userId!, competitionId, ['organizer'], tx)))
      )
        throw new NotFoundAppException('competition');
      if (competition.status !== 'screening')
        throw new ScreeningException(ScreeningErrorCode.TRANSITION_NOT_ALLOWED, {
          from: competition.status,
          to: 'screening',
        });
      const checklists = await tx.find(ScreeningChecklist, {
        where: { competitionId },
        order: { applicationId: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      if (checklists.length === 0) throw new ScreeningException(ScreeningErrorCode.SCREENING_NOT_RUN);
      let chosen: ScreeningChecklist[];
      if (byPassing) {
        chosen = checklists.filter((c) => !c.decision && c.lines.every(effectivePassed));
      } else {
        const byId = new Map(checklists.map((c) => [c.applicationId, c]));
        chosen = [...new Set(dto.applicationIds)].map((id) => {
          const checklist = byId.get(id);
          if (!checklist) throw new NotFoundAppException('application');
          return checklist;
        });
      }
      const decision = byPassing ? 'screened_in' : dto.decision!;
      await this.record(
        tx,
        chosen.map((checklist) => ({ checklist, lines: checklist.lines })),
        decision,
        dto.comment,
        actor,
        { bulk: byPassing ? 'passing' : 'named' },
      );
      const decided = new Set(chosen.map((c) => c.applicationId));
      return {
        decided: chosen.length,
        needsReview: checklists.filter((c) => !c.decision && !decided.has(c.applicationId)).length,
      };
    });
  }

  /** Stores decisions and moves the applications (one lifecycle entry for them all), each decision audited. */
  private async record(
    tx: EntityManager,
    items: { checklist: ScreeningChecklist; lines: ChecklistLine[] }[],
    decision: 'screened_in' | 'screened_out',
    comment: string | undefined,
    actor: Actor,
    note: Record<string, unknown>,
  ): Promise<void> {
    if (items.length === 0) return;
    const now = this.clock.now();
    for (const { checklist, lines } of items) {
      await tx.update(
        ScreeningChecklist,
        { applicationId: checklist.applicationId },
        {
          lines: lines as never,
          decision,
          decisionComment: comment?.trim() || null,
          decidedBy: actor.userId,
          decidedAt: now,
          version: checklist.version + 1,
        },
      );
    }
    await this.lifecycle.move(tx, {
      competitionId: items[0].checklist.competitionId,
      items: items.map(({ checklist }) => ({ id: checklist.applicationId })),
      to: decision,
      as: 'organizer',
      actor,
      facts: { beforeScreeningPublished: items.every(({ checklist }) => !checklist.publishedAt) },
      unchangedIsFine: true,
    });
    for (const { checklist } of items) {
      await this.audit.record(tx, actor, {
        action: 'screening.decided',
        entityType: 'application',
        entityId: checklist.applicationId,
        before: { decision: checklist.decision, lines: checklist.lines.map((l) => [l.rule, effectivePassed(l)]) },
        after: { decision, comment: comment ?? null, ...note },
      });
    }
  }

  /**
   * The public counts of technical screening, per competition, once its outcome is published
   * (a competition still screening is absent): how many applications passed and how many did not.
   */
  async publishedCounts(competitionIds: string[]): Promise<Map<string, { screenedIn: number; screenedOut: number }>> {
    if (competitionIds.length === 0) return new Map();
    const rows: { id: string; screened_in: number; screened_out: number }[] = await this.db.query(
      `SELECT competition_id AS id,
              count(*) FILTER (WHERE decision = 'screened_in')::int AS screened_in,
              count(*) FILTER (WHERE decision = 'screened_out')::int AS screened_out
         FROM screening_checklists
        WHERE competition_id = ANY($1::uuid[]) AND published_at IS NOT NULL
        GROUP BY competition_id`,
      [competitionIds],
    );
    return new Map(rows.map((r) => [r.id, { screenedIn: r.screened_in, screenedOut: r.screened_out }]));
  }

  /** Tells every applicant the outcome (and, when out, every failed line); opens scoring. */
  async publish(competitionId: string, actor: Actor): Promise<{ published: number }> {
    return this.db.transaction(async (tx) => {
      const competition = await this.competitions.lockForMove(tx, competitionId);
      if (competition.status !== 'screening')
        throw new ScreeningException(ScreeningErrorCode.TRANSITION_NOT_ALLOWED, {
          from: competition.status,
          to: 'scoring',
        });
      const checklists = await tx.find(ScreeningChecklist, { where: { competitionId } });
      const undecided = checklists.filter((c) => !c.decision).length;
      if (undecided > 0 || checklists.length === 0)
        throw new ScreeningException(
          checklists.length ? ScreeningErrorCode.SCREENING_UNDECIDED : ScreeningErrorCode.SCREENING_NOT_RUN,
          { count: undecided },
        );
      const now = this.clock.now();
      await this.tell(tx, competition, checklists);
      await tx.update(ScreeningChecklist, { competitionId }, { publishedAt: now });
      await this.competitions.moveIn(tx, competition, 'scoring', actor);
      await this.audit.record(tx, actor, {
        action: 'screening.published',
        entityType: 'competition',
        entityId: competitionId,
        after: { published: checklists.length },
      });
      return { published: checklists.length };
    });
  }

  private async tell(tx: EntityManager, competition: Competition, checklists: ScreeningChecklist[]): Promise<void> {
    const owners: { application_id: string; number: string | null; user_id: string; email: string; locale: Locale }[] =
      await tx.query(
        `SELECT a.id AS application_id, a.number, u.id AS user_id, u.email, u.locale
         FROM applications a JOIN users u ON u.id = a.applicant_user_id WHERE a.id = ANY($1::uuid[])`,
        [checklists.map((c) => c.applicationId)],
      );
    const ownerOf = new Map(owners.map((o) => [o.application_id, o]));
    for (const checklist of checklists) {
      const owner = ownerOf.get(checklist.applicationId)!;
      const screenedIn = checklist.decision === 'screened_in';
      const failed = this.view(checklist, owner.locale).lines.filter((l) => !l.effective);
      await this.notifications.enqueue(tx, {
        template: 'screening-result',
        recipients: [{ userId: owner.user_id, email: owner.email, locale: owner.locale }],
        payload: {
          competitionTitle: owner.locale === 'ru' ? competition.titleRu : competition.titleKk,
          number: owner.number ?? '',
          screenedIn,
          failedLines: failed.map((l) => `— ${l.label}: ${l.override?.comment ?? l.message ?? ''}`).join('\n'),
          comment: checklist.decisionComment ?? '',
          link: `${this.env.PUBLIC_URL}/applications/${checklist.applicationId}`,
        },
        competitionId: competition.id,
        dedupeKey: `screening-result:${checklist.applicationId}`,
      });
    }
  }

  private view(c: ScreeningChecklist, locale: Locale): ChecklistView {
    return {
      applicationId: c.applicationId,
      decision: c.decision,
      decisionComment: c.decisionComment,
      publishedAt: c.publishedAt?.toISOString() ?? null,
      version: c.version,
      lines: c.lines.map((l) => ({
        ...l,
        label: translate(locale, `screening.rule.${l.rule}`),
        message: l.reason ? translate(locale, `errors.${l.reason.code}`, l.reason.params ?? {}) : null,
        effective: effectivePassed(l),
      })),
    };
  }
}
