import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { formatTenge, localDate } from '../../../libs/kz';
import { NotFoundAppException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { hasMessage, Locale, translate } from '../../common/i18n/i18n';
import { MembershipsService } from '../access/memberships.service';
import { CompetitionsService } from '../competitions/competitions.service';
import type { Rulebook } from '../competitions/domain/rulebook.types';
import { buildProtocolDocx } from '../documents/protocol.builder';
import type { ProtocolModel } from '../documents/protocol.model';
import { ResultsService } from './results.service';
import { ScoringRounds } from './scoring-rounds.service';

/**
 * The protocol (хаттама) the commission signs: members, conflicts, every score, the
 * ranking, the rule and the decision. Members' comments are never in it.
 */
@Injectable()
export class ProtocolService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly competitions: CompetitionsService,
    private readonly memberships: MembershipsService,
    private readonly results: ResultsService,
    private readonly rounds: ScoringRounds,
  ) {}

  async build(competitionId: string, locale: Locale, actor: Actor | null): Promise<Buffer> {
    const competition = await this.competitions.find(competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    const round = await this.rounds.of(competitionId);
    const organizer =
      !!actor && (actor.isAdmin || (await this.memberships.hasRole(actor.userId!, competitionId, ['organizer'])));
    if (!round.resultsPublishedAt && !(organizer && round.closedAt)) throw new NotFoundAppException('protocol');
    const rulebook = this.competitions.rulebookOf(competition);
    const nameOf = `COALESCE(p.last_name || ' ' || p.first_name, u.email)`;
    const members: { id: string; name: string; scored: boolean }[] = await this.db.query(
      `SELECT m.user_id AS id, ${nameOf} AS name,
              EXISTS (SELECT 1 FROM commission_scores s WHERE s.competition_id = m.competition_id AND s.member_id = m.user_id) AS scored
         FROM competition_memberships m JOIN users u ON u.id = m.user_id LEFT JOIN persons p ON p.user_id = u.id
        WHERE m.competition_id = $1 AND m.role = 'commission' AND m.status = 'active' ORDER BY name`,
      [competitionId],
    );
    const conflicts: { member: string; number: string; reason: string }[] = await this.db.query(
      `SELECT ${nameOf} AS member, a.number, k.reason FROM commission_conflicts k
         JOIN applications a ON a.id = k.application_id JOIN users u ON u.id = k.member_id LEFT JOIN persons p ON p.user_id = u.id
        WHERE k.competition_id = $1 AND k.status <> 'dismissed' ORDER BY a.sequence_no`,
      [competitionId],
    );
    const scores: { number: string; member: string; total: number; points: number[] }[] = await this.db.query(
      `SELECT a.number, ${nameOf} AS member, s.total, s.criterion_points AS points
         FROM commission_scores s JOIN commission_assignments x ON x.application_id = s.application_id AND x.member_id = s.member_id
         JOIN applications a ON a.id = s.application_id JOIN users u ON u.id = s.member_id LEFT JOIN persons p ON p.user_id = u.id
        WHERE s.competition_id = $1
          AND NOT EXISTS (SELECT 1 FROM commission_conflicts k WHERE k.application_id = s.application_id AND k.member_id = s.member_id AND k.status <> 'dismissed')
        ORDER BY a.sequence_no`,
      [competitionId],
    );
    const decisions: {
      number: string;
      selected: boolean;
      reason: string;
      params: Record<string, string | number> | null;
    }[] = await this.db.query(
      `SELECT a.number, r.selected, r.reason, r.params FROM selection_results r JOIN applications a ON a.id = r.application_id
        WHERE r.competition_id = $1 ORDER BY r.rank NULLS LAST, a.sequence_no`,
      [competitionId],
    );
    const applicants: { id: string; applicant: string; territory: string | null }[] = await this.db.query(
      `SELECT a.id, COALESCE(o.name, ${nameOf}) AS applicant, ${locale === 'ru' ? 't.name_ru' : 't.name_kk'} AS territory
         FROM applications a JOIN users u ON u.id = a.applicant_user_id LEFT JOIN persons p ON p.user_id = u.id
         LEFT JOIN organizations o ON o.id = a.organization_id LEFT JOIN territories t ON t.code = a.territory_code
        WHERE a.competition_id = $1`,
      [competitionId],
    );
    const who = new Map(applicants.map((a) => [a.id, a]));
    const ranking = await this.results.snapshot(this.db.manager, competitionId);
    const model: ProtocolModel = {
      locale,
      competition: { title: locale === 'ru' ? competition.titleRu : competition.titleKk, organizer: '' },
      date: localDate(round.closedAt!, competition.timeZone).split('-').reverse().join('.'),
      members: members.map((m) => ({ name: m.name, role: 'member' as const, present: m.scored })),
      conflicts: conflicts.map((c) => ({
        memberName: c.member,
        applicationNumber: c.number,
        reason: conflictReason(locale, c.reason),
      })),
      criteria: rulebook.criteria.map((c) => ({
        code: c.code,
        label: c.label[locale],
        weight: c.weight,
        maxPoints: c.maxPoints,
      })),
      scores: scores.map((s) => ({
        applicationNumber: s.number,
        memberName: s.member,
        total: s.total,
        perCriterion: s.points,
      })),
      ranking: ranking.map((r) => ({
        rank: r.rank,
        applicationNumber: r.number ?? '',
        applicant: who.get(r.applicationId)?.applicant ?? '',
        territory: who.get(r.applicationId)?.territory ?? r.territoryCode ?? '',
        mean: r.mean,
        median: r.median,
        count: r.count,
        disagreement: r.disagreement,
        ...(rulebook.funding ? { amount: r.amount } : {}),
      })),
      selectionRule: selectionRuleSentence(rulebook, locale, this.rounds.quorum(round, rulebook)),
      decision: decisions.map((d) => ({
        applicationNumber: d.number,
        selected: d.selected,
        reason: this.results.explain(d.reason, d.params ?? {}, locale),
      })),
      ...(round.forcedReason ? { quorumNote: round.forcedReason } : {}),
    };
    return buildProtocolDocx(model);
  }
}

/** Suggested conflicts carry a code; declared ones the member's own words. */
function conflictReason(locale: Locale, reason: string): string {
  return hasMessage(`conflict.${reason}`) ? translate(locale, `conflict.${reason}`) : reason;
}

/** The rule in one sentence, as the protocol states it. */
export function selectionRuleSentence(rb: Rulebook, locale: Locale, quorum = rb.selection.quorum): string {
  const parts: string[] = [];
  const s = rb.selection;
  if (s.shortlistForDraw) parts.push(translate(locale, 'rule.shortlist'));
  if (s.winners) parts.push(translate(locale, 'rule.winners', { n: s.winners }));
  if (s.perNomination) parts.push(translate(locale, 'rule.per_nomination', { n: s.perNomination }));
  if (s.oneWinnerPer === 'district') parts.push(translate(locale, 'rule.one_per_district'));
  if (s.oneWinnerPer === 'region') parts.push(translate(locale, 'rule.one_per_region'));
  if (s.capsByRegion && rb.funding?.perRegionFund)
    parts.push(translate(locale, 'rule.region_fund', { amount: formatTenge(rb.funding.perRegionFund, locale) }));
  if (s.useTotalFund && rb.funding?.totalFund)
    parts.push(translate(locale, 'rule.total_fund', { amount: formatTenge(rb.funding.totalFund, locale) }));
  if (quorum) parts.push(translate(locale, 'rule.quorum', { n: quorum }));
  parts.push(translate(locale, 'rule.tie_break'));
  return parts.join('; ');
}
