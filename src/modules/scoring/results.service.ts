import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { formatTenge } from '../../../libs/kz';
import { Clock } from '../../common/clock/clock';
import { NotificationsService } from '../notifications/notifications.service';
import { NotFoundAppException, ValidationFailedException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { Locale, translate } from '../../common/i18n/i18n';
import { MembershipsService } from '../access/memberships.service';
import { AuditService } from '../audit/audit.service';
import { CompetitionsService } from '../competitions/competitions.service';
import type { Competition } from '../competitions/entities/competition.entity';
import { ApplicationLifecycle } from '../applications/application-lifecycle.service';
import { aggregate } from './domain/aggregation';
import { rank } from './domain/ranking';
import { maxWeightedTotal, roundForDisplay } from './domain/score-rules';
import { select } from './domain/selection';
import { CloseScoringDto } from './dto/scoring.dto';
import { RankingEntry } from './entities/ranking-entry.entity';
import { SelectionResult } from './entities/selection-result.entity';
import { ScoringRounds } from './scoring-rounds.service';
import { ScoringErrorCode, ScoringException } from './scoring.exception';

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

/** One application in the published results: what the public ranking shows, with its outcome. Nothing about people. */
export interface PublishedResultRow {
  rank: number;
  number: string | null;
  title: string | null;
  territoryCode: string | null;
  nomination: string | null;
  amount: number;
  mean: number;
  /** Commission scores counted. */
  scores: number;
  /** Selected (a winner) or shortlisted for the draw. */
  selected: boolean;
  /** `selection.<reason>`: selected, shortlisted, district_taken… */
  reason: string | null;
}

/** One application's published result: its place and mean in the frozen ranking, the selection's decision and reason. */
export interface PublishedOutcome {
  rank: number | null;
  mean: number | null;
  /** Commission scores counted. */
  scores: number;
  selected: boolean;
  /** `selection.<reason>` in the catalogue (selected, shortlisted, district_taken…), with its `params`. */
  reason: string;
  params: Record<string, string | number>;
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
    private readonly lifecycle: ApplicationLifecycle,
    private readonly rounds: ScoringRounds,
  ) {}

  /**
   * Freezes the scores and stores the ranking as it stands (the snapshot every later reading
   * is served from). Refused while an application is below quorum (they are listed), unless
   * forced with a reason: that waiver is its own audited decision, the rulebook is untouched.
   */
  async close(competitionId: string, dto: CloseScoringDto, actor: Actor): Promise<{ belowQuorum: string[] }> {
    return this.db.transaction(async (tx) => {
      const competition = await this.competitions.lockForMove(tx, competitionId);
      const round = await this.rounds.of(competitionId, tx);
      if (competition.status !== 'scoring' || round.closedAt)
        throw new ScoringException(ScoringErrorCode.SCORING_CLOSED);
      const quorum = this.rounds.quorum(round, this.competitions.rulebookOf(competition));
      const below = await this.belowQuorum(tx, competitionId, quorum);
      if (below.length && !dto.force)
        throw new ScoringException(ScoringErrorCode.BELOW_QUORUM, {
          count: below.length,
          numbers: below.slice(0, 50).join(', '),
        });
      if (below.length && !dto.reason?.trim())
        throw new ValidationFailedException([{ field: 'reason', code: 'REQUIRED' }]);
      const ranking = await this.compute(tx, competition);
      for (let i = 0; i < ranking.length; i += 1000) {
        await tx.insert(
          RankingEntry,
          ranking.slice(i, i + 1000).map((entry, j) => ({
            competitionId,
            applicationId: entry.applicationId,
            position: i + j + 1,
            entry: entry as never,
          })),
        );
      }
      const forcedReason = below.length ? dto.reason!.trim() : null;
      await this.rounds.save(tx, competitionId, {
        closedAt: this.clock.now(),
        closedBy: actor.userId,
        forcedReason,
        belowQuorum: below,
      });
      await this.competitions.moveIn(tx, competition, 'results', actor);
      await this.lifecycle.move(tx, {
        competitionId,
        items: ranking.map((r) => ({ id: r.applicationId })),
        to: 'scored',
        as: 'system',
        actor,
        action: 'scoring.applications_scored',
      });
      await this.audit.record(tx, actor, {
        action: 'scoring.closed',
        entityType: 'competition',
        entityId: competitionId,
        after: { ranked: ranking.length, quorum, belowQuorum: below, forced: !!dto.force, reason: forcedReason },
      });
      if (forcedReason) {
        await this.audit.record(tx, actor, {
          action: 'scoring.quorum_waived',
          entityType: 'competition',
          entityId: competitionId,
          before: { quorum },
          after: { belowQuorum: below, reason: forcedReason },
        });
      }
      return { belowQuorum: below };
    });
  }

  /**
   * Organizers once scoring is closed; everyone once results are published. Always the
   * snapshot taken at close. Before that "not yet" is its own answer (409 RESULTS_NOT_YET):
   * to organizers, scoring is still open; to anyone else, the results are not published yet
   * (a draft competition does not exist for them: 404).
   */
  async ranking(competitionId: string, actor: Actor | null): Promise<RankingRow[]> {
    const competition = await this.competitions.find(competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    const round = await this.rounds.of(competitionId);
    const organizer =
      !!actor && (actor.isAdmin || (await this.memberships.hasRole(actor.userId!, competitionId, ['organizer'])));
    if (round.resultsPublishedAt || (organizer && round.closedAt)) return this.snapshot(this.db.manager, competitionId);
    if (organizer) throw new ScoringException(ScoringErrorCode.RESULTS_NOT_YET);
    if (competition.status === 'draft') throw new NotFoundAppException('ranking');
    throw new ScoringException(ScoringErrorCode.RESULTS_NOT_YET, {}, 'unpublished');
  }

  /**
   * What anyone may read once the results are published: the frozen ranking with each
   * application's outcome; null before publication (and for a competition that does not exist).
   */
  async publishedResults(competitionId: string): Promise<{ publishedAt: string; rows: PublishedResultRow[] } | null> {
    const round = await this.rounds.of(competitionId);
    if (!round.resultsPublishedAt) return null;
    const ranking = await this.snapshot(this.db.manager, competitionId);
    const outcomes: { application_id: string; selected: boolean; reason: string }[] = await this.db.query(
      `SELECT application_id, selected, reason FROM selection_results WHERE competition_id = $1`,
      [competitionId],
    );
    const outcome = new Map(outcomes.map((o) => [o.application_id, o]));
    return {
      publishedAt: round.resultsPublishedAt.toISOString(),
      rows: ranking.map((r) => ({
        rank: r.rank,
        number: r.number,
        title: r.title,
        territoryCode: r.territoryCode,
        nomination: r.nomination,
        amount: r.amount,
        mean: r.mean,
        scores: r.count,
        selected: outcome.get(r.applicationId)?.selected ?? false,
        reason: outcome.get(r.applicationId)?.reason ?? null,
      })),
    };
  }

  /** For lists of competitions: per competition whose results are published, when, how many ranked and selected. */
  async publishedSummaries(
    competitionIds: string[],
  ): Promise<Map<string, { publishedAt: string; ranked: number; selected: number }>> {
    if (competitionIds.length === 0) return new Map();
    const rows: { id: string; published_at: Date; ranked: number; selected: number }[] = await this.db.query(
      `SELECT r.competition_id AS id, r.results_published_at AS published_at,
              (SELECT count(*)::int FROM ranking_entries e WHERE e.competition_id = r.competition_id) AS ranked,
              (SELECT count(*)::int FROM selection_results s WHERE s.competition_id = r.competition_id AND s.selected) AS selected
         FROM scoring_rounds r
        WHERE r.competition_id = ANY($1::uuid[]) AND r.results_published_at IS NOT NULL`,
      [competitionIds],
    );
    return new Map(
      rows.map((r) => [r.id, { publishedAt: r.published_at.toISOString(), ranked: r.ranked, selected: r.selected }]),
    );
  }

  /** The ranking stored when scoring closed, in its order. */
  async snapshot(manager: EntityManager, competitionId: string): Promise<RankingRow[]> {
    const rows: { entry: RankingRow }[] = await manager.query(
      `SELECT entry FROM ranking_entries WHERE competition_id = $1 ORDER BY position`,
      [competitionId],
    );
    return rows.map((r) => r.entry);
  }

  /**
   * Applies the rulebook's rule to the frozen ranking; every application gets its reason.
   * Re-runnable until published: the previous outcome goes back to `scored` first, which
   * the lifecycle refuses once a team has been drawn into an arm.
   */
  async selection(competitionId: string, actor: Actor) {
    return this.db.transaction(async (tx) => {
      const competition = await this.competitions.lockForMove(tx, competitionId);
      const round = await this.rounds.of(competitionId, tx);
      if (competition.status !== 'results' || round.resultsPublishedAt)
        throw new ScoringException(ScoringErrorCode.SELECTION_NOT_OPEN);
      const rulebook = this.competitions.rulebookOf(competition);
      const rows = await this.snapshot(tx, competitionId);
      const quorum = this.rounds.quorum(round, rulebook);
      const outcome = select(
        rows.map((r) => ({
          applicationId: r.applicationId,
          rank: r.rank,
          amount: r.amount,
          regionCode: r.regionCode,
          districtCode: r.districtCode,
          nomination: r.nomination,
          excluded: r.count < quorum ? ('below_quorum' as const) : null,
        })),
        { ...rulebook.selection, quorum },
        rulebook.funding,
      );
      const byId = new Map(rows.map((r) => [r.applicationId, r]));
      const previous: { application_id: string }[] = await tx.query(
        `SELECT application_id FROM selection_results WHERE competition_id = $1`,
        [competitionId],
      );
      const facts = { beforeResultsPublished: true };
      await this.lifecycle.move(tx, {
        competitionId,
        items: previous.map((p) => ({ id: p.application_id })),
        to: 'scored',
        as: 'organizer',
        actor,
        facts,
        unchangedIsFine: true,
        action: 'selection.reset',
      });
      await tx.delete(SelectionResult, { competitionId });
      await tx.insert(
        SelectionResult,
        outcome.map((o) => ({
          applicationId: o.applicationId,
          competitionId,
          rank: byId.get(o.applicationId)?.rank ?? null,
          mean: byId.get(o.applicationId)?.mean ?? null,
          selected: o.selected,
          reason: o.reason,
          params: o.params ?? null,
        })),
      );
      const chosen = rulebook.selection.shortlistForDraw ? 'shortlisted' : 'winner';
      await this.lifecycle.move(tx, {
        competitionId,
        items: outcome.filter((o) => o.selected).map((o) => ({ id: o.applicationId })),
        to: chosen,
        as: 'organizer',
        actor,
        action: 'selection.selected',
      });
      await this.lifecycle.move(tx, {
        competitionId,
        items: outcome.filter((o) => !o.selected).map((o) => ({ id: o.applicationId })),
        to: 'not_selected',
        as: 'organizer',
        actor,
        action: 'selection.not_selected',
      });
      await this.audit.record(tx, actor, {
        action: 'selection.applied',
        entityType: 'competition',
        entityId: competitionId,
        after: { selected: outcome.filter((o) => o.selected).length, of: outcome.length },
      });
      return outcome.map((o) => ({
        ...o,
        number: byId.get(o.applicationId)?.number ?? null,
        rank: byId.get(o.applicationId)?.rank ?? null,
        explanation: this.explain(o.reason, o.params ?? {}, actor.locale),
      }));
    });
  }

  /**
   * The selection as last applied (published or not): per application, selected or not and
   * its reason with the reason's parameters. Empty before the first selection.
   */
  async selectionOutcomes(
    competitionId: string,
  ): Promise<Map<string, { selected: boolean; reason: string; params: Record<string, string | number> }>> {
    const rows: {
      application_id: string;
      selected: boolean;
      reason: string;
      params: Record<string, string | number> | null;
    }[] = await this.db.query(
      `SELECT application_id, selected, reason, params FROM selection_results WHERE competition_id = $1`,
      [competitionId],
    );
    return new Map(
      rows.map((r) => [r.application_id, { selected: r.selected, reason: r.reason, params: r.params ?? {} }]),
    );
  }

  /** Results and the protocol become public; every applicant is told their result, in their language. */
  async publish(competitionId: string, actor: Actor): Promise<{ told: number }> {
    return this.db.transaction(async (tx) => {
      const competition = await this.competitions.lockForMove(tx, competitionId);
      const round = await this.rounds.of(competitionId, tx);
      if (competition.status !== 'results' || round.resultsPublishedAt)
        throw new ScoringException(ScoringErrorCode.SELECTION_NOT_OPEN);
      const outcomes: {
        application_id: string;
        selected: boolean;
        reason: string;
        params: Record<string, string | number> | null;
        number: string;
        amount: number;
        user_id: string;
        email: string;
        locale: Locale;
      }[] = await tx.query(
        `SELECT r.application_id, r.selected, r.reason, r.params, a.number, a.amount_requested::float8 AS amount, u.id AS user_id, u.email, u.locale
             FROM selection_results r JOIN applications a ON a.id = r.application_id JOIN users u ON u.id = a.applicant_user_id
            WHERE r.competition_id = $1`,
        [competitionId],
      );
      if (outcomes.length === 0) throw new ScoringException(ScoringErrorCode.SELECTION_NOT_OPEN);
      for (const o of outcomes) {
        await this.notifications.enqueue(tx, {
          template: 'competition-results',
          recipients: [{ userId: o.user_id, email: o.email, locale: o.locale }],
          payload: {
            competitionTitle: o.locale === 'ru' ? competition.titleRu : competition.titleKk,
            number: o.number,
            selected: o.selected,
            shortlisted: o.selected && o.reason === 'shortlisted',
            amount:
              o.selected && this.competitions.rulebookOf(competition).funding ? formatTenge(o.amount, o.locale) : '',
            explanation: this.explain(o.reason, o.params ?? {}, o.locale),
            link: `${this.env.PUBLIC_URL}/competitions/${competitionId}/results`,
          },
          competitionId,
          dedupeKey: `competition-results:${o.application_id}`,
        });
      }
      await this.rounds.save(tx, competitionId, { resultsPublishedAt: this.clock.now() });
      await this.audit.record(tx, actor, {
        action: 'results.published',
        entityType: 'competition',
        entityId: competitionId,
        after: { told: outcomes.length },
      });
      return { told: outcomes.length };
    });
  }

  /**
   * One application's result once published (its place in the ranking, the commission's mean,
   * whether it was selected and why), or null before. Public once published, as the ranking
   * and the protocol are; the caller decides who may see the application itself.
   */
  async publishedOutcome(competitionId: string, applicationId: string): Promise<PublishedOutcome | null> {
    const round = await this.rounds.of(competitionId);
    if (!round.resultsPublishedAt) return null;
    const [row]: {
      selected: boolean;
      reason: string;
      params: Record<string, string | number> | null;
      entry: RankingRow | null;
    }[] = await this.db.query(
      `SELECT r.selected, r.reason, r.params, e.entry
           FROM selection_results r
           LEFT JOIN ranking_entries e ON e.competition_id = r.competition_id AND e.application_id = r.application_id
          WHERE r.competition_id = $1 AND r.application_id = $2`,
      [competitionId, applicationId],
    );
    if (!row) return null;
    return {
      rank: row.entry?.rank ?? null,
      mean: row.entry?.mean ?? null,
      scores: row.entry?.count ?? 0,
      selected: row.selected,
      reason: row.reason,
      params: row.params ?? {},
    };
  }

  explain(reason: string, params: Record<string, string | number>, locale: Locale): string {
    return translate(locale, `selection.${reason}`, params);
  }

  /**
   * The live ranking of the screened-in applications: aggregates in SQL (per-member totals
   * and per-criterion means), ranks and orders in memory. Only closing scoring calls it;
   * everything after reads the snapshot it stored.
   */
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
    const facts: {
      id: string;
      number: string | null;
      title: string | null;
      territory_code: string | null;
      parent_code: string | null;
      nomination: string | null;
      amount_requested: string;
      submitted_at: Date;
      sequence_no: number | null;
    }[] = await manager.query(
      `SELECT a.id, a.number, a.title, a.territory_code, t.parent_code, a.nomination, a.amount_requested, a.submitted_at, a.sequence_no
           FROM applications a LEFT JOIN territories t ON t.code = a.territory_code
          WHERE a.competition_id = $1 AND a.status = 'screened_in'`,
      [competition.id],
    );
    const aggregates = new Map(
      aggregate(totals, { maxTotal: maxWeightedTotal(rulebook.criteria) }).map((a) => [a.applicationId, a]),
    );
    const means = new Map(criterionMeans.map((c) => [c.applicationId, c.means.map(Number)]));
    const ranked = rank(
      facts.map((f) => ({
        applicationId: f.id,
        mean: aggregates.get(f.id)?.mean ?? 0,
        criterionMeans: means.get(f.id) ?? [],
        submittedAt: f.submitted_at,
        sequenceNo: f.sequence_no,
      })),
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

  private async belowQuorum(tx: EntityManager, competitionId: string, quorum: number): Promise<string[]> {
    const rows: { number: string }[] = await tx.query(
      `SELECT a.number FROM applications a
        WHERE a.competition_id = $1 AND a.status = 'screened_in'
          AND (SELECT count(*) ${COUNTED_FROM} ${COUNTED_WHERE} AND s.application_id = a.id) < $2
        ORDER BY a.sequence_no`,
      [competitionId, quorum],
    );
    return rows.map((r) => r.number);
  }
}
