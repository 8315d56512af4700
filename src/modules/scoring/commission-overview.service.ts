import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundAppException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { ApplicationsService } from '../applications/applications.service';
import { CompetitionsService } from '../competitions/competitions.service';
import { ScoringRounds } from './scoring-rounds.service';

/** A member's conflict with an application is live unless it was a suggestion they dismissed. */
const LIVE_CONFLICT = (assignment: string) =>
  `EXISTS (SELECT 1 FROM commission_conflicts k WHERE k.application_id = ${assignment}.application_id AND k.member_id = ${assignment}.member_id AND k.status <> 'dismissed')`;

/** A person's full name as the profile holds it; null without a profile. */
const FULL_NAME = `NULLIF(concat_ws(' ', p.last_name, p.first_name, p.middle_name), '')`;

/** Competition statuses in which the screening outcome is published and the commission works. */
const BEFORE_COMMISSION = ['draft', 'open', 'closed', 'screening'];

export interface MemberProgress {
  memberId: string;
  /** Full name from the profile; the e-mail only for someone who has no profile yet. */
  name: string;
  assigned: number;
  scored: number;
  conflicts: number;
}

/** What the commission and the organizer read about the commission's work: queues, the list to declare conflicts on, progress. */
@Injectable()
export class CommissionOverview {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly competitions: CompetitionsService,
    private readonly applications: ApplicationsService,
    private readonly rounds: ScoringRounds,
  ) {}

  /** What I must score (with the team and documents to read) and how far I am, plus suggested conflicts waiting for my answer. */
  async myAssignments(competitionId: string, actor: Actor) {
    const rows: ({ applicationId: string; scoreVersion: number | null } & Record<string, unknown>)[] =
      await this.db.query(
        `SELECT a.id AS "applicationId", a.number, a.title, a.territory_code AS "territoryCode", a.direction, a.nomination,
                a.amount_requested::float8 AS "amountRequested", a.answers, a.budget_lines AS "budgetLines",
                s.version AS "scoreVersion", round(s.total::numeric, 2)::float8 AS "myTotal"
           FROM commission_assignments x
           JOIN applications a ON a.id = x.application_id
           LEFT JOIN commission_scores s ON s.application_id = x.application_id AND s.member_id = x.member_id
          WHERE x.competition_id = $1 AND x.member_id = $2 AND NOT ${LIVE_CONFLICT('x')}
          ORDER BY a.sequence_no`,
        [competitionId, actor.userId],
      );
    const summaries = await this.applications.reviewSummaries(rows.map((r) => r.applicationId));
    const items = rows.map((r) => ({ ...r, ...summaries.get(r.applicationId)! }));
    const suggestions = await this.db.query(
      `SELECT k.application_id AS "applicationId", a.number, k.reason FROM commission_conflicts k JOIN applications a ON a.id = k.application_id
        WHERE k.competition_id = $1 AND k.member_id = $2 AND k.status = 'pending'`,
      [competitionId, actor.userId],
    );
    const scored = items.filter((i) => i.scoreVersion !== null).length;
    return { items, progress: { scored, total: items.length }, pendingConflicts: suggestions };
  }

  /**
   * The applications that passed screening, as a commission member needs them to declare
   * conflicts before anything is assigned: number, title, who applies (the organization, or
   * the person), the team's names, and my own conflict if there is one. No answers, budget
   * or documents: those come with an assignment. Empty until the screening is published.
   */
  async applicationsForConflicts(competitionId: string, actor: Actor) {
    const competition = await this.competitions.find(competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    if (BEFORE_COMMISSION.includes(competition.status)) return { items: [] };
    const rows: {
      applicationId: string;
      number: string;
      title: string | null;
      organization: string | null;
      applicantName: string | null;
      conflictSource: string | null;
      conflictStatus: string | null;
      conflictReason: string | null;
    }[] = await this.db.query(
      `SELECT a.id AS "applicationId", a.number, a.title, o.name AS organization, ${FULL_NAME} AS "applicantName",
              k.source AS "conflictSource", k.status AS "conflictStatus", k.reason AS "conflictReason"
         FROM applications a
         LEFT JOIN organizations o ON o.id = a.organization_id
         LEFT JOIN persons p ON p.user_id = a.applicant_user_id
         LEFT JOIN commission_conflicts k ON k.application_id = a.id AND k.member_id = $2
        WHERE a.competition_id = $1 AND a.status NOT IN ('draft', 'submitted', 'withdrawn', 'screened_out')
        ORDER BY a.sequence_no`,
      [competitionId, actor.userId],
    );
    const summaries = await this.applications.reviewSummaries(rows.map((r) => r.applicationId));
    return {
      items: rows.map((r) => ({
        applicationId: r.applicationId,
        number: r.number,
        title: r.title,
        applicant: r.organization ?? r.applicantName,
        organization: r.organization,
        team: summaries.get(r.applicationId)!.team.map(({ lastName, firstName, isLeader }) => ({
          lastName,
          firstName,
          isLeader,
        })),
        myConflict: r.conflictSource
          ? { source: r.conflictSource, status: r.conflictStatus, reason: r.conflictReason }
          : null,
      })),
    };
  }

  /**
   * Every conflict of interest on the competition, as the organizer reads it: who, on which
   * application, declared by the member or suggested by the system, its state (pending,
   * confirmed, dismissed) and the reason (a code for an unanswered suggestion, else the
   * member's words). The organizer sees them; the members decide them.
   */
  async conflicts(competitionId: string): Promise<
    {
      memberId: string;
      memberName: string;
      applicationId: string;
      number: string;
      source: 'declared' | 'suggested';
      status: 'pending' | 'confirmed' | 'dismissed';
      reason: string;
    }[]
  > {
    return this.db.query(
      `SELECT k.member_id AS "memberId", coalesce(${FULL_NAME}, u.email) AS "memberName", k.application_id AS "applicationId",
              a.number, k.source, k.status, k.reason
         FROM commission_conflicts k
         JOIN applications a ON a.id = k.application_id
         JOIN users u ON u.id = k.member_id
         LEFT JOIN persons p ON p.user_id = k.member_id
        WHERE k.competition_id = $1
        ORDER BY a.sequence_no, ${FULL_NAME} NULLS LAST, u.email`,
      [competitionId],
    );
  }

  /**
   * Per application that passed screening: members assigned (no live conflict) and the
   * scores that count (by those members), the figures closing compares with the quorum.
   */
  async applicationProgress(
    competitionId: string,
  ): Promise<{ applicationId: string; number: string; title: string | null; assigned: number; scored: number }[]> {
    return this.db.query(
      `SELECT a.id AS "applicationId", a.number, a.title,
              (SELECT count(*) FROM commission_assignments x
                WHERE x.application_id = a.id AND NOT ${LIVE_CONFLICT('x')})::int AS assigned,
              (SELECT count(*) FROM commission_assignments x
                 JOIN commission_scores s ON s.application_id = x.application_id AND s.member_id = x.member_id
                WHERE x.application_id = a.id AND NOT ${LIVE_CONFLICT('x')})::int AS scored
         FROM applications a
        WHERE a.competition_id = $1 AND a.status NOT IN ('draft', 'submitted', 'withdrawn', 'screened_out')
        ORDER BY a.sequence_no`,
      [competitionId],
    );
  }

  /**
   * Scoring progress per commission member (assigned and scored count only applications the
   * member has no live conflict with), and the applications left with fewer members than
   * the quorum, e.g. after a conflict nobody free could take over.
   */
  async progress(competitionId: string): Promise<{
    quorum: number;
    members: MemberProgress[];
    short: { applicationId: string; number: string; assigned: number }[];
  }> {
    const competition = await this.competitions.find(competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    const quorum = this.rounds.quorum(await this.rounds.of(competitionId), this.competitions.rulebookOf(competition));
    const members: MemberProgress[] = await this.db.query(
      `SELECT m.user_id AS "memberId", coalesce(${FULL_NAME}, u.email) AS name,
              (SELECT count(*) FROM commission_assignments x
                WHERE x.competition_id = m.competition_id AND x.member_id = m.user_id AND NOT ${LIVE_CONFLICT('x')})::int AS assigned,
              (SELECT count(*) FROM commission_assignments x
                 JOIN commission_scores s ON s.application_id = x.application_id AND s.member_id = x.member_id
                WHERE x.competition_id = m.competition_id AND x.member_id = m.user_id AND NOT ${LIVE_CONFLICT('x')})::int AS scored,
              (SELECT count(*) FROM commission_conflicts k
                WHERE k.competition_id = m.competition_id AND k.member_id = m.user_id AND k.status <> 'dismissed')::int AS conflicts
         FROM competition_memberships m
         JOIN users u ON u.id = m.user_id
         LEFT JOIN persons p ON p.user_id = m.user_id
        WHERE m.competition_id = $1 AND m.role = 'commission' AND m.status = 'active'
        ORDER BY ${FULL_NAME} NULLS LAST, u.email`,
      [competitionId],
    );
    const short: { applicationId: string; number: string; assigned: number }[] = await this.db.query(
      `SELECT a.id AS "applicationId", a.number, count(x.member_id)::int AS assigned
         FROM applications a
         LEFT JOIN commission_assignments x ON x.application_id = a.id AND NOT ${LIVE_CONFLICT('x')}
        WHERE a.competition_id = $1 AND a.status = 'screened_in'
          AND EXISTS (SELECT 1 FROM commission_assignments y WHERE y.competition_id = $1)
        GROUP BY a.id
       HAVING count(x.member_id) < $2
        ORDER BY min(a.sequence_no)`,
      [competitionId, quorum],
    );
    return { quorum, members, short };
  }
}
