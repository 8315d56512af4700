import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { Clock } from '../../common/clock/clock';
import { NotificationsService } from '../notifications/notifications.service';
import { AppException, NotFoundAppException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { Locale, translate } from '../../common/i18n/i18n';
import { MembershipsService } from '../access/memberships.service';
import { AuditService } from '../audit/audit.service';
import { CompetitionsService } from '../competitions/competitions.service';
import { Competition } from '../competitions/entities/competition.entity';
import { aggregate } from './domain/aggregation';
import { rank } from './domain/ranking';
import { maxWeightedTotal, roundForDisplay } from './domain/score-rules';
import { select } from './domain/selection';
import { CloseScoringDto } from './dto/scoring.dto';
import { SelectionResult } from './entities/selection-result.entity';

export interface RankingRow {
  applicationId: string;
  number: string | null;
  title: string | null;
  territoryCode: string | null;
  regionCode: string | null;
  districtCode: string | null;
  nomination: string | null;
  amount: number;
  mean: number;
  median: number;
  zMean: number;
  count: number;
  spread: number;
  disagreement: boolean;
  criterionMeans: number[];
  rank: number;
  tieBrokenBy: null | 'criteria' | 'submission';
}

/** Counted scores: by assigned members who have no live conflict with the application. */
const COUNTED_FROM = `
  FROM commission_scores s
  JOIN commission_assignments x ON x.application_id = s.application_id AND x.member_id = s.member_id`;
const COUNTED_WHERE = `
 WHERE s.competition_id = $1
   AND NOT EXISTS (SELECT 1 FROM commission_conflicts k WHERE k.application_id = s.application_id AND k.member_id = s.member_id AND k.status <> 'dismissed')`;

/** Closing scoring, the ranking, the rule-based selection and the publication of results. */
@Injectable()
export class ResultsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly competitions: CompetitionsService,
    private readonly memberships: MembershipsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly env: EnvironmentVariables,
  ) {}

  /** Refused while an application is below quorum (they are listed), unless forced with a reason. */
  async close(competitionId: string, dto: CloseScoringDto, actor: Actor): Promise<{ belowQuorum: string[] }> {
    return this.db.transaction(async (tx) => {
      const competition = await tx.findOne(Competition, { where: { id: competitionId }, lock: { mode: 'pessimistic_write' } });
      if (!competition) throw new NotFoundAppException('competition');
      if (competition.status !== 'scoring' || competition.scoringClosedAt) throw new AppException(409, 'SCORING_CLOSED');
      const below = await this.belowQuorum(tx, competition);
      if (below.length && !dto.force) throw new AppException(409, 'BELOW_QUORUM', { count: below.length, numbers: below.slice(0, 50).join(', ') });
      if (below.length && !dto.reason?.trim()) throw new AppException(400, 'VALIDATION_FAILED', {}, [{ field: 'reason', code: 'REQUIRED' }]);
      await tx.update(Competition, { id: competitionId }, {
        scoringClosedAt: this.clock.now(),
        scoringForcedReason: below.length ? dto.reason!.trim() : null,
        status: 'results',
        version: competition.version + 1,
      });
      await tx.query(`UPDATE applications SET status = 'scored', version = version + 1 WHERE competition_id = $1 AND status = 'screened_in'`, [competitionId]);
      await this.audit.record(tx, actor, { action: 'scoring.closed', entityType: 'competition', entityId: competitionId, after: { belowQuorum: below, forced: !!dto.force, reason: dto.reason ?? null } });
      return { belowQuorum: below };
    });
  }

  /** Organizers once scoring is closed; everyone once results are published. */
  async ranking(competitionId: string, actor: Actor | null): Promise<RankingRow[]> {
    const competition = await this.competitions.find(competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    const organizer = !!actor && (actor.isAdmin || (await this.memberships.hasRole(actor.userId!, competitionId, ['organizer'])));
    if (!competition.resultsPublishedAt && !(organizer && competition.scoringClosedAt)) throw new NotFoundAppException('ranking');
    return this.compute(this.db.manager, competition);
  }

  /** Applies the rulebook's rule to the ranking; every application gets its reason. Re-runnable until published. */
  async selection(competitionId: string, actor: Actor) {
    return this.db.transaction(async (tx) => {
      const competition = await tx.findOne(Competition, { where: { id: competitionId }, lock: { mode: 'pessimistic_write' } });
      if (!competition) throw new NotFoundAppException('competition');
      if (competition.status !== 'results' || competition.resultsPublishedAt) throw new AppException(409, 'SELECTION_NOT_OPEN');
      const rulebook = this.competitions.rulebookOf(competition);
      const rows = await this.compute(tx, competition);
      const quorum = rulebook.selection.quorum ?? 1;
      const outcome = select(
        rows.map((r) => ({ applicationId: r.applicationId, rank: r.rank, amount: r.amount, regionCode: r.regionCode, districtCode: r.districtCode, nomination: r.nomination, excluded: r.count < quorum ? ('below_quorum' as const) : null })),
        rulebook.selection,
        rulebook.funding,
      );
      const byId = new Map(rows.map((r) => [r.applicationId, r]));
      await tx.delete(SelectionResult, { competitionId });
      await tx.insert(SelectionResult, outcome.map((o) => ({ applicationId: o.applicationId, competitionId, rank: byId.get(o.applicationId)?.rank ?? null, mean: byId.get(o.applicationId)?.mean ?? null, selected: o.selected, reason: o.reason, params: o.params ?? null })));
      const status = rulebook.selection.shortlistForDraw ? 'shortlisted' : 'winner';
      await tx.query(
        `UPDATE applications a SET status = CASE WHEN r.selected THEN $2 ELSE 'not_selected' END, version = a.version + 1
           FROM selection_results r WHERE r.application_id = a.id AND a.competition_id = $1`,
        [competitionId, status],
      );
      await this.audit.record(tx, actor, { action: 'selection.applied', entityType: 'competition', entityId: competitionId, after: { selected: outcome.filter((o) => o.selected).length, of: outcome.length } });
      return outcome.map((o) => ({ ...o, number: byId.get(o.applicationId)?.number ?? null, rank: byId.get(o.applicationId)?.rank ?? null, explanation: this.explain(o.reason, o.params ?? {}, actor.locale) }));
    });
  }

  /** Results and the protocol become public; every applicant is told their result, in their language. */
  async publish(competitionId: string, actor: Actor): Promise<{ told: number }> {
    return this.db.transaction(async (tx) => {
      const competition = await tx.findOne(Competition, { where: { id: competitionId }, lock: { mode: 'pessimistic_write' } });
      if (!competition) throw new NotFoundAppException('competition');
      if (competition.status !== 'results' || competition.resultsPublishedAt) throw new AppException(409, 'SELECTION_NOT_OPEN');
      const outcomes: { application_id: string; selected: boolean; reason: string; params: Record<string, string | number> | null; number: string; user_id: string; email: string; locale: Locale }[] =
        await tx.query(
          `SELECT r.application_id, r.selected, r.reason, r.params, a.number, u.id AS user_id, u.email, u.locale
             FROM selection_results r JOIN applications a ON a.id = r.application_id JOIN users u ON u.id = a.applicant_user_id
            WHERE r.competition_id = $1`,
          [competitionId],
        );
      if (outcomes.length === 0) throw new AppException(409, 'SELECTION_NOT_OPEN');
      for (const o of outcomes) {
        await this.notifications.enqueue(tx, {
          template: 'competition-results',
          recipients: [{ userId: o.user_id, email: o.email, locale: o.locale }],
          payload: {
            competitionTitle: o.locale === 'ru' ? competition.titleRu : competition.titleKk,
            number: o.number,
            selected: o.selected,
            explanation: this.explain(o.reason, o.params ?? {}, o.locale),
            link: `${this.env.PUBLIC_URL}/competitions/${competitionId}/results`,
          },
          competitionId,
          dedupeKey: `competition-results:${o.application_id}`,
        });
      }
      await tx.update(Competition, { id: competitionId }, { resultsPublishedAt: this.clock.now(), version: competition.version + 1 });
      await this.audit.record(tx, actor, { action: 'results.published', entityType: 'competition', entityId: competitionId, after: { told: outcomes.length } });
      return { told: outcomes.length };
    });
  }

  explain(reason: string, params: Record<string, string | number>, locale: Locale): string {
    return translate(locale, `selection.${reason}`, params);
  }

  /** Aggregates in SQL (per-member totals and per-criterion means), ranks and orders in memory. */
  async compute(manager: EntityManager, competition: Competition): Promise<RankingRow[]> {
    const rulebook = this.competitions.rulebookOf(competition);
    const totals: { applicationId: string; memberId: string; total: number }[] = await manager.query(
      `SELECT s.application_id AS "applicationId", s.member_id AS "memberId", s.total ${COUNTED_FROM} ${COUNTED_WHERE}`,
      [competition.id],
    );
    // One pass, one average per array position (in rulebook order): unnesting 540 000 points cost twice as much.
    const meanColumns = rulebook.criteria.map((_, i) => `avg(s.criterion_points[${i + 1}])`).join(', ');
    const criterionMeans: { applicationId: string; means: number[] }[] = await manager.query(
      `SELECT s.application_id AS "applicationId", ARRAY[${meanColumns || 'NULL::numeric'}] AS means ${COUNTED_FROM} ${COUNTED_WHERE} GROUP BY s.application_id`,
      [competition.id],
    );
    const facts: { id: string; number: string | null; title: string | null; territory_code: string | null; parent_code: string | null; nomination: string | null; amount_requested: string; submitted_at: Date; sequence_no: number | null }[] =
      await manager.query(
        `SELECT a.id, a.number, a.title, a.territory_code, t.parent_code, a.nomination, a.amount_requested, a.submitted_at, a.sequence_no
           FROM applications a LEFT JOIN territories t ON t.code = a.territory_code
          WHERE a.competition_id = $1 AND a.status IN ('screened_in', 'scored', 'shortlisted', 'not_selected', 'winner')`,
        [competition.id],
      );
    const aggregates = new Map(aggregate(totals, { maxTotal: maxWeightedTotal(rulebook.criteria) }).map((a) => [a.applicationId, a]));
    const means = new Map(criterionMeans.map((c) => [c.applicationId, c.means.map(Number)]));
    const ranked = rank(
      facts.map((f) => ({ applicationId: f.id, mean: aggregates.get(f.id)?.mean ?? 0, criterionMeans: means.get(f.id) ?? [], submittedAt: f.submitted_at, sequenceNo: f.sequence_no })),
    );
    const byId = new Map(facts.map((f) => [f.id, f]));
    return ranked.map((r) => {
      const f = byId.get(r.applicationId)!;
      const a = aggregates.get(r.applicationId);
      return {
        applicationId: f.id,
        number: f.number,
        title: f.title,
        territoryCode: f.territory_code,
        regionCode: f.parent_code ?? f.territory_code,
        districtCode: f.parent_code ? f.territory_code : null,
        nomination: f.nomination,
        amount: Number(f.amount_requested),
        mean: roundForDisplay(a?.mean ?? 0),
        median: roundForDisplay(a?.median ?? 0),
        zMean: roundForDisplay(a?.zMean ?? 0),
        count: a?.count ?? 0,
        spread: roundForDisplay(a?.spread ?? 0),
        disagreement: a?.disagreement ?? false,
        criterionMeans: (means.get(f.id) ?? []).map(roundForDisplay),
        rank: r.rank,
        tieBrokenBy: r.tieBrokenBy,
      };
    });
  }

  private async belowQuorum(tx: EntityManager, competition: Competition): Promise<string[]> {
    const quorum = this.competitions.rulebookOf(competition).selection.quorum ?? 1;
    const rows: { number: string }[] = await tx.query(
      `SELECT a.number FROM applications a
        WHERE a.competition_id = $1 AND a.status = 'screened_in'
          AND (SELECT count(*) ${COUNTED_FROM} ${COUNTED_WHERE} AND s.application_id = a.id) < $2
        ORDER BY a.sequence_no`,
      [competition.id, quorum],
    );
    return rows.map((r) => r.number);
  }
}
