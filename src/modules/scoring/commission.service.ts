import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { NotFoundAppException, ValidationFailedException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { AuditService } from '../audit/audit.service';
import { CompetitionsService } from '../competitions/competitions.service';
import type { Competition } from '../competitions/entities/competition.entity';
import { queryReturning } from '../../common/database/returning';
import { assign } from './domain/assignment';
import { checkScores, roundForDisplay, weightedTotal } from './domain/score-rules';
import { AssignDto, DeclareConflictDto, PutScoresDto, ResolveSuggestionDto } from './dto/scoring.dto';
import { CommissionAssignment } from './entities/assignment.entity';
import { CommissionConflict } from './entities/conflict.entity';
import { CommissionScore } from './entities/score.entity';
import { ScoringRounds } from './scoring-rounds.service';
import { ScoringErrorCode, ScoringException } from './scoring.exception';

/** A member is kept off an application while a conflict is declared, confirmed or only suggested. */
const BLOCKING = `EXISTS (SELECT 1 FROM commission_conflicts k WHERE k.application_id = $1 AND k.member_id = $2 AND k.status <> 'dismissed')`;

/** The commission's work: conflicts of interest, who scores what, and each member's own scores. */
@Injectable()
export class CommissionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly competitions: CompetitionsService,
    private readonly audit: AuditService,
    private readonly rounds: ScoringRounds,
  ) {}

  /** Before or during scoring; once scoring is closed the scores are frozen and this is a 409. */
  async declareConflict(competitionId: string, dto: DeclareConflictDto, actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.assertApplicationIn(tx, competitionId, dto.applicationId);
      await this.openCompetition(tx, competitionId);
      await tx.upsert(
        CommissionConflict,
        {
          applicationId: dto.applicationId,
          memberId: actor.userId!,
          competitionId,
          source: 'declared',
          status: 'confirmed',
          reason: dto.reason,
        },
        ['applicationId', 'memberId'],
      );
      // Never counted on it: a score already given goes away, and so does the assignment.
      await tx.delete(CommissionScore, { applicationId: dto.applicationId, memberId: actor.userId! });
      await this.audit.record(tx, actor, {
        action: 'commission.conflict_declared',
        entityType: 'application',
        entityId: dto.applicationId,
        after: { reason: dto.reason },
      });
      await this.replaceOnConflict(tx, competitionId, dto.applicationId, actor);
    });
  }

  async resolveSuggestion(competitionId: string, dto: ResolveSuggestionDto, actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.openCompetition(tx, competitionId);
      const suggestion = await tx.findOne(CommissionConflict, {
        where: { applicationId: dto.applicationId, memberId: actor.userId!, competitionId, source: 'suggested' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!suggestion) throw new NotFoundAppException('conflict');
      // A suggestion is decided once: the same decision again (a double click, a retry) changes
      // nothing and records nothing; turning a decision around is refused.
      const decided = dto.confirm ? 'confirmed' : 'dismissed';
      if (suggestion.status === decided) return;
      if (suggestion.status !== 'pending') {
        throw new ScoringException(ScoringErrorCode.CONFLICT_ALREADY_DECIDED, { status: suggestion.status });
      }
      await tx.update(
        CommissionConflict,
        { applicationId: dto.applicationId, memberId: actor.userId! },
        { status: dto.confirm ? 'confirmed' : 'dismissed', reason: dto.reason },
      );
      if (dto.confirm) await tx.delete(CommissionScore, { applicationId: dto.applicationId, memberId: actor.userId! });
      await this.audit.record(tx, actor, {
        action: dto.confirm ? 'commission.conflict_confirmed' : 'commission.conflict_dismissed',
        entityType: 'application',
        entityId: dto.applicationId,
        before: { reason: suggestion.reason },
        after: { reason: dto.reason },
      });
      if (dto.confirm) await this.replaceOnConflict(tx, competitionId, dto.applicationId, actor);
    });
  }

  /**
   * Suggests likely conflicts (the member's IIN in the team, the member representing the
   * applying organization), then assigns every screened-in application to Q members, or to
   * all of them, balancing the load.
   */
  async assign(
    competitionId: string,
    dto: AssignDto,
    actor: Actor,
  ): Promise<{ assignments: number; short: { applicationId: string; available: number }[] }> {
    return this.db.transaction(async (tx) => {
      const competition = await this.scoringCompetition(tx, competitionId);
      await tx.query(
        `INSERT INTO commission_conflicts (application_id, member_id, competition_id, source, status, reason)
         SELECT DISTINCT a.id, m.user_id, a.competition_id, 'suggested', 'pending', x.reason
           FROM applications a
           JOIN competition_memberships m ON m.competition_id = a.competition_id AND m.role = 'commission' AND m.status = 'active'
           JOIN LATERAL (
             SELECT 'team_member' AS reason WHERE EXISTS (
               SELECT 1 FROM application_members am JOIN persons p ON p.iin = am.iin WHERE am.application_id = a.id AND p.user_id = m.user_id)
             UNION ALL
             SELECT 'organization_representative' WHERE EXISTS (
               SELECT 1 FROM organization_representatives r WHERE r.organization_id = a.organization_id AND r.user_id = m.user_id)
           ) x ON true
          WHERE a.competition_id = $1 AND a.status = 'screened_in'
         ON CONFLICT (application_id, member_id) DO NOTHING`,
        [competitionId],
      );
      const applications: { id: string }[] = await tx.query(
        `SELECT id FROM applications WHERE competition_id = $1 AND status = 'screened_in' ORDER BY sequence_no`,
        [competitionId],
      );
      const members: { user_id: string }[] = await tx.query(
        `SELECT user_id FROM competition_memberships WHERE competition_id = $1 AND role = 'commission' AND status = 'active' ORDER BY user_id`,
        [competitionId],
      );
      const conflicts: { applicationId: string; memberId: string }[] = await tx.query(
        `SELECT application_id AS "applicationId", member_id AS "memberId" FROM commission_conflicts WHERE competition_id = $1 AND status <> 'dismissed'`,
        [competitionId],
      );
      const quorum = dto.quorum ?? null;
      const result = assign(
        applications.map((a) => a.id),
        members.map((m) => m.user_id),
        conflicts,
        quorum,
      );
      await tx.delete(CommissionAssignment, { competitionId });
      for (let i = 0; i < result.assignments.length; i += 1000) {
        await tx.insert(
          CommissionAssignment,
          result.assignments.slice(i, i + 1000).map((a) => ({ ...a, competitionId })),
        );
      }
      const round = await this.rounds.of(competitionId, tx);
      const quorumBefore = this.rounds.quorum(round, this.competitions.rulebookOf(competition));
      if (quorum !== null && quorum !== round.assignedQuorum) {
        // The organizer's own decision on how many scores each application needs; the rulebook stays as published.
        await this.rounds.save(tx, competitionId, { assignedQuorum: quorum });
        await this.audit.record(tx, actor, {
          action: 'scoring.quorum_set',
          entityType: 'competition',
          entityId: competitionId,
          before: { quorum: quorumBefore },
          after: { quorum },
        });
      }
      await this.audit.record(tx, actor, {
        action: 'commission.assigned',
        entityType: 'competition',
        entityId: competitionId,
        after: { quorum, assignments: result.assignments.length, short: result.short.length },
      });
      return { assignments: result.assignments.length, short: result.short };
    });
  }

  /** Only the member's own scores, only on an application assigned to them and not conflicted. */
  async myScores(
    applicationId: string,
    actor: Actor,
  ): Promise<{ scores: CommissionScore['scores']; total: number | null; version: number }> {
    await this.assertAssigned(this.db.manager, applicationId, actor.userId!);
    const score = await this.db.getRepository(CommissionScore).findOneBy({ applicationId, memberId: actor.userId! });
    // People read totals to two decimals; the exact total stays in the database for the ranking.
    return {
      scores: score?.scores ?? [],
      total: score ? roundForDisplay(score.total) : null,
      version: score?.version ?? 0,
    };
  }

  async putScores(
    applicationId: string,
    dto: PutScoresDto,
    actor: Actor,
  ): Promise<{ scores: CommissionScore['scores']; total: number; version: number }> {
    return this.db.transaction(async (tx) => {
      const competitionId = await this.assertAssigned(tx, applicationId, actor.userId!);
      const competition = await this.scoringCompetition(tx, competitionId);
      const criteria = this.competitions.rulebookOf(competition).criteria;
      const problems = checkScores(criteria, dto.scores);
      if (problems.length) throw new ValidationFailedException(problems);
      const ordered = criteria.map((c) => dto.scores.find((s) => s.criterion === c.code)!);
      const total = weightedTotal(criteria, ordered);
      const scores = ordered.map((s) => ({
        criterion: s.criterion,
        points: s.points,
        ...(s.comment?.trim() ? { comment: s.comment.trim() } : {}),
      }));
      const values = { scores: scores as never, total, criterionPoints: ordered.map((s) => s.points) };
      const next = dto.version + 1;
      // A row count is the truth about a write: an insert that met an existing score wrote nothing.
      const moved =
        dto.version === 0
          ? (
              await queryReturning(
                tx,
                `INSERT INTO commission_scores (application_id, member_id, competition_id, version, scores, total, criterion_points)
                 VALUES ($1, $2, $3, 1, $4::jsonb, $5, $6::double precision[]) ON CONFLICT (application_id, member_id) DO NOTHING RETURNING application_id`,
                [applicationId, actor.userId, competitionId, JSON.stringify(scores), total, values.criterionPoints],
              )
            ).length
          : await tx
              .createQueryBuilder()
              .update(CommissionScore)
              .set({ ...values, version: next })
              .where('application_id = :applicationId AND member_id = :memberId AND version = :version', {
                applicationId,
                memberId: actor.userId,
                version: dto.version,
              })
              .execute()
              .then((r) => r.affected ?? 0);
      if (!moved) throw new ScoringException(ScoringErrorCode.VERSION_CONFLICT);
      await this.audit.record(tx, actor, {
        action: 'commission.scored',
        entityType: 'application',
        entityId: applicationId,
        after: { total, version: next },
      });
      return { scores, total: roundForDisplay(total), version: next };
    });
  }

  /**
   * A member found conflicted after assignment leaves that application only: the least-loaded
   * active commission member who is neither assigned to it nor conflicted takes the place
   * (ties to the lower id, as in the assignment). No other assignment moves, so no scored
   * work is lost. With nobody free the application stays short; the organizer sees it in
   * the scoring progress. Nothing happens for a member who was not assigned.
   */
  private async replaceOnConflict(
    tx: EntityManager,
    competitionId: string,
    applicationId: string,
    actor: Actor,
  ): Promise<void> {
    const removed = await queryReturning(
      tx,
      `DELETE FROM commission_assignments WHERE application_id = $1 AND member_id = $2 RETURNING member_id`,
      [applicationId, actor.userId],
    );
    if (removed.length === 0) return;
    // Two members leaving one application at once must not both pick the same replacement.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`commission-replace:${applicationId}`]);
    const [replacement]: { user_id: string }[] = await tx.query(
      `SELECT m.user_id FROM competition_memberships m
        WHERE m.competition_id = $1 AND m.role = 'commission' AND m.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM commission_assignments x WHERE x.application_id = $2 AND x.member_id = m.user_id)
          AND NOT EXISTS (SELECT 1 FROM commission_conflicts k WHERE k.application_id = $2 AND k.member_id = m.user_id AND k.status <> 'dismissed')
        ORDER BY (SELECT count(*) FROM commission_assignments y
                   WHERE y.competition_id = $1 AND y.member_id = m.user_id
                     AND NOT EXISTS (SELECT 1 FROM commission_conflicts c
                                      WHERE c.application_id = y.application_id AND c.member_id = y.member_id AND c.status <> 'dismissed')),
                 m.user_id
        LIMIT 1`,
      [competitionId, applicationId],
    );
    if (replacement)
      await tx.insert(CommissionAssignment, { applicationId, memberId: replacement.user_id, competitionId });
    await this.audit.record(tx, actor, {
      action: 'commission.member_replaced',
      entityType: 'application',
      entityId: applicationId,
      before: { memberId: actor.userId },
      after: { memberId: replacement?.user_id ?? null, short: !replacement },
    });
  }

  /** A competition in scoring, share-locked so that closing waits for this write (and this write sees a close). */
  private async scoringCompetition(tx: EntityManager, competitionId: string): Promise<Competition> {
    const competition = await this.openCompetition(tx, competitionId);
    if (competition.status !== 'scoring') throw new ScoringException(ScoringErrorCode.SCORING_CLOSED);
    return competition;
  }

  /** Share-locks the competition; 409 once scoring is closed: the scores and conflicts are frozen. */
  private async openCompetition(tx: EntityManager, competitionId: string): Promise<Competition> {
    const competition = await this.competitions.findShared(tx, competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    if ((await this.rounds.of(competitionId, tx)).closedAt) throw new ScoringException(ScoringErrorCode.SCORING_CLOSED);
    return competition;
  }

  private async assertApplicationIn(tx: EntityManager, competitionId: string, applicationId: string): Promise<void> {
    const [row] = await tx.query(
      `SELECT 1 FROM applications WHERE id = $1 AND competition_id = $2 AND status NOT IN ('draft', 'withdrawn')`,
      [applicationId, competitionId],
    );
    if (!row) throw new NotFoundAppException('application');
  }

  /** 404 for an application the member is not assigned or is conflicted on: it is not theirs to see. */
  private async assertAssigned(manager: EntityManager, applicationId: string, memberId: string): Promise<string> {
    const [row] = await manager.query(
      `SELECT competition_id FROM commission_assignments WHERE application_id = $1 AND member_id = $2 AND NOT ${BLOCKING}`,
      [applicationId, memberId],
    );
    if (!row) throw new NotFoundAppException('application');
    return row.competition_id;
  }
}
