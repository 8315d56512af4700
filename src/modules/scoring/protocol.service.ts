import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { formatTenge } from '../../../libs/kz';
import { NotFoundAppException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { hasMessage, Locale, translate } from '../../common/i18n/i18n';
import { MembershipsService } from '../access/memberships.service';
import { CompetitionsService } from '../competitions/competitions.service';
import { fill } from '../documents/protocol-texts.util';
import type { Rulebook } from '../competitions/domain/rulebook.types';
import { buildProtocolDocx } from '../documents/protocol.builder';
import { formatLongDate } from '../documents/protocol-format.util';
import type { DocumentOrganizer, ProtocolModel } from '../documents/protocol.model';
import { protocolTexts } from '../documents/protocol-texts.util';
import { buildScoreSheetDocx } from '../documents/score-sheet.builder';
import { ProtocolMeetings } from './protocol-meeting.service';
import { ResultsService } from './results.service';
import { ScoringRounds } from './scoring-rounds.service';
import { ScoringErrorCode, ScoringException } from './scoring.exception';

/** Full name as documents print it, from the person profile; never an e-mail address. */
const FULL_NAME = `NULLIF(concat_ws(' ', p.last_name, p.first_name, p.middle_name), '')`;

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
    private readonly meetings: ProtocolMeetings,
  ) {}

  async build(competitionId: string, locale: Locale, actor: Actor | null): Promise<Buffer> {
    const competition = await this.competitions.find(competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    const round = await this.rounds.of(competitionId);
    if (!round.resultsPublishedAt) {
      const organizer =
        !!actor && (actor.isAdmin || (await this.memberships.hasRole(actor.userId!, competitionId, ['organizer'])));
      if (!organizer) throw new NotFoundAppException('protocol');
      // "Not yet" is its own answer for the organizer: the protocol exists once scoring closes.
      if (!round.closedAt) throw new ScoringException(ScoringErrorCode.RESULTS_NOT_YET);
    }
    const rulebook = this.competitions.rulebookOf(competition);
    const meeting = await this.meetings.of(competitionId);
    const t = protocolTexts(locale);
    const people: { id: string; name: string | null; position: string | null; scored: boolean }[] = await this.db.query(
      `SELECT u.id, ${FULL_NAME} AS name, p.position,
              EXISTS (SELECT 1 FROM commission_scores s WHERE s.competition_id = $1 AND s.member_id = u.id) AS scored
         FROM users u LEFT JOIN persons p ON p.user_id = u.id
        WHERE u.id IN (SELECT m.user_id FROM competition_memberships m
                        WHERE m.competition_id = $1 AND m.role = 'commission' AND m.status = 'active')
           OR u.id = $2
        ORDER BY p.last_name NULLS LAST, p.first_name, u.created_at`,
      [competitionId, meeting?.secretaryUserId ?? null],
    );
    const names = new Map(people.map((m, i) => [m.id, m.name ?? fill(t.members.unnamed, { n: i + 1 })]));
    const nameOf = (userId: string) => names.get(userId) ?? fill(t.members.unnamed, { n: names.size + 1 });
    const roleOf = (userId: string) =>
      userId === meeting?.chairUserId ? 'chair' : userId === meeting?.secretaryUserId ? 'secretary' : 'member';
    const conflicts: { member_id: string; number: string; reason: string }[] = await this.db.query(
      `SELECT k.member_id, a.number, k.reason FROM commission_conflicts k JOIN applications a ON a.id = k.application_id
        WHERE k.competition_id = $1 AND k.status <> 'dismissed' ORDER BY a.sequence_no`,
      [competitionId],
    );
    const scores: { number: string; member_id: string; total: number; points: number[] }[] = await this.db.query(
      `SELECT a.number, s.member_id, s.total, s.criterion_points AS points
         FROM commission_scores s JOIN commission_assignments x ON x.application_id = s.application_id AND x.member_id = s.member_id
         JOIN applications a ON a.id = s.application_id
        WHERE s.competition_id = $1
          AND NOT EXISTS (SELECT 1 FROM commission_conflicts k WHERE k.application_id = s.application_id AND k.member_id = s.member_id AND k.status <> 'dismissed')
        ORDER BY a.sequence_no`,
      [competitionId],
    );
    const decisions: {
      application_id: string;
      number: string;
      selected: boolean;
      reason: string;
      params: Record<string, string | number> | null;
    }[] = await this.db.query(
      `SELECT r.application_id, a.number, r.selected, r.reason, r.params FROM selection_results r JOIN applications a ON a.id = r.application_id
        WHERE r.competition_id = $1 ORDER BY r.rank NULLS LAST, a.sequence_no`,
      [competitionId],
    );
    const applicants = await this.applicants(competitionId, locale);
    const who = new Map(applicants.map((a) => [a.id, a]));
    const ranking = await this.results.snapshot(this.db.manager, competitionId);
    const organizerOrg = await this.competitions.organizerOf(competition);
    const model: ProtocolModel = {
      locale,
      competition: {
        title: locale === 'ru' ? competition.titleRu : competition.titleKk,
        organizer: organizerOrg?.name ?? '',
        ...(meeting ? { number: meeting.number } : {}),
      },
      ...(organizerOrg ? { organizerDetails: details(organizerOrg) } : {}),
      ...(meeting ? { date: formatLongDate(meeting.heldOn, locale), place: meeting.place } : {}),
      members: people.map((m) => ({
        name: nameOf(m.id),
        ...(m.position ? { position: m.position } : {}),
        role: roleOf(m.id),
        // Without a recorded meeting, those who scored are taken as the commission that met.
        present: meeting ? meeting.attendeeUserIds.includes(m.id) || m.id === meeting.secretaryUserId : m.scored,
      })),
      conflicts: conflicts.map((c) => ({
        memberName: nameOf(c.member_id),
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
        memberName: nameOf(s.member_id),
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
      decision: decisions.map((d) => {
        const a = who.get(d.application_id);
        return {
          applicationNumber: d.number,
          selected: d.selected,
          reason: this.results.explain(d.reason, d.params ?? {}, locale),
          title: a?.title ?? '',
          applicant: a?.applicant ?? '',
          ...(rulebook.funding && d.selected && a ? { amount: a.amount } : {}),
        };
      }),
      ...(round.forcedReason ? { quorumNote: round.forcedReason } : {}),
    };
    return buildProtocolDocx(model);
  }

  /**
   * One member's scores to print and sign: the member's own after scoring closes; an
   * organizer's (or an admin's) for any member of the commission.
   */
  async scoreSheet(competitionId: string, memberId: string, locale: Locale): Promise<Buffer> {
    const competition = await this.competitions.find(competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    const [member]: { name: string | null; position: string | null }[] = await this.db.query(
      `SELECT ${FULL_NAME} AS name, p.position FROM competition_memberships m LEFT JOIN persons p ON p.user_id = m.user_id
        WHERE m.competition_id = $1 AND m.user_id = $2 AND m.role = 'commission'`,
      [competitionId, memberId],
    );
    if (!member) throw new NotFoundAppException('member');
    const round = await this.rounds.of(competitionId);
    if (!round.closedAt) throw new ScoringException(ScoringErrorCode.RESULTS_NOT_YET);
    const rulebook = this.competitions.rulebookOf(competition);
    const scored: { application_id: string; number: string; total: number; points: number[] }[] = await this.db.query(
      `SELECT s.application_id, a.number, s.total, s.criterion_points AS points
         FROM commission_scores s JOIN applications a ON a.id = s.application_id
        WHERE s.competition_id = $1 AND s.member_id = $2
          AND NOT EXISTS (SELECT 1 FROM commission_conflicts k WHERE k.application_id = s.application_id AND k.member_id = s.member_id AND k.status <> 'dismissed')
        ORDER BY a.sequence_no`,
      [competitionId, memberId],
    );
    const conflicts: { number: string }[] = await this.db.query(
      `SELECT a.number FROM commission_conflicts k JOIN applications a ON a.id = k.application_id
        WHERE k.competition_id = $1 AND k.member_id = $2 AND k.status <> 'dismissed' ORDER BY a.sequence_no`,
      [competitionId, memberId],
    );
    const who = new Map((await this.applicants(competitionId, locale)).map((a) => [a.id, a]));
    const meeting = await this.meetings.of(competitionId);
    const organizer = await this.competitions.organizerOf(competition);
    return buildScoreSheetDocx({
      locale,
      organizer: organizer ? { name: organizer.name, ...details(organizer) } : null,
      competitionTitle: locale === 'ru' ? competition.titleRu : competition.titleKk,
      member: {
        name: member.name ?? protocolTexts(locale).signatures.blankName,
        ...(member.position ? { position: member.position } : {}),
      },
      ...(meeting ? { date: formatLongDate(meeting.heldOn, locale) } : {}),
      criteria: rulebook.criteria.map((c) => ({ label: c.label[locale], weight: c.weight, maxPoints: c.maxPoints })),
      rows: scored.map((s) => ({
        applicationNumber: s.number,
        title: who.get(s.application_id)?.title ?? '',
        applicant: who.get(s.application_id)?.applicant ?? '',
        points: rulebook.criteria.map((_, i) => s.points[i] ?? null),
        total: s.total,
      })),
      conflicts: conflicts.map((c) => c.number),
    });
  }

  /** Who applied, as documents name them: the organization, else the initiative group with its leader's full name. */
  private async applicants(
    competitionId: string,
    locale: Locale,
  ): Promise<{ id: string; title: string; applicant: string; territory: string | null; amount: number }[]> {
    const rows: {
      id: string;
      title: string | null;
      organization: string | null;
      leader: string | null;
      person: string | null;
      territory: string | null;
      amount: string | number;
    }[] = await this.db.query(
      `SELECT a.id, a.title, o.name AS organization, ${FULL_NAME} AS person,
              (SELECT concat_ws(' ', m.last_name, m.first_name) FROM application_members m
                WHERE m.application_id = a.id AND m.is_leader ORDER BY m.position LIMIT 1) AS leader,
              ${locale === 'ru' ? 't.name_ru' : 't.name_kk'} AS territory, a.amount_requested AS amount
         FROM applications a LEFT JOIN persons p ON p.user_id = a.applicant_user_id
         LEFT JOIN organizations o ON o.id = a.organization_id LEFT JOIN territories t ON t.code = a.territory_code
        WHERE a.competition_id = $1 AND a.number IS NOT NULL`,
      [competitionId],
    );
    const t = protocolTexts(locale);
    return rows.map((r) => ({
      id: r.id,
      title: r.title ?? '',
      applicant: r.organization ?? (r.leader ? fill(t.decision.groupLeader, { name: r.leader }) : (r.person ?? '')),
      territory: r.territory,
      amount: Number(r.amount),
    }));
  }
}

function details(org: { bin?: string | null; address?: string | null }): Omit<DocumentOrganizer, 'name'> {
  return { ...(org.bin ? { bin: org.bin } : {}), ...(org.address ? { address: org.address } : {}) };
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
