import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { localDate } from '../../../libs/kz';
import { Clock } from '../../common/clock/clock';
import { NotFoundAppException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import type { ArmEntitlement, LocalizedText } from '../competitions/domain/rulebook.types';
import { AllocationService } from '../allocation/allocation.service';
import { CompetitionsService } from '../competitions/competitions.service';
import {
  entitlementsOf,
  GRANT_CONTRACT_STATES,
  grantReceived,
  MENTOR_RULE,
  mentorReceived,
  percentOf,
  TRAINING_RULE,
  trainingReceived,
} from './domain/compliance-rules';
import { TrainingService } from './training.service';

export interface EntitlementCount {
  /** The arm entitles its teams to it. */
  entitled: boolean;
  /** Drawn applications of the arm that received it (counted for every arm: a team may get what its arm does not give). */
  received: number;
  /** received / applications, in percent to a tenth; null for an arm without applications. */
  percent: number | null;
}

export interface ArmCompliance {
  arm: string;
  meaning: LocalizedText | null;
  entitles: ArmEntitlement[];
  /** Drawn applications in the arm. */
  applications: number;
  grant: EntitlementCount & { paidInFull: number };
  training: EntitlementCount;
  mentor: EntitlementCount;
}

export interface ApplicationCompliance {
  applicationId: string;
  number: string;
  title: string | null;
  arm: string;
  status: string;
  entitles: ArmEntitlement[];
  grant: {
    received: boolean;
    contractStatus: string | null;
    amount: number | null;
    paid: number;
    payments: number;
    paidInFull: boolean;
  };
  training: {
    received: boolean;
    members: number;
    membersAttending: number;
    membersNeeded: number;
    sessionsNeeded: number;
  };
  mentor: { received: boolean; assigned: boolean; meetings: number; fullMonths: number; monthsBehind: string[] };
}

export interface ArmsComplianceTable {
  competitionId: string;
  title: LocalizedText;
  /** Whether the draw is published (the table is public from then on). */
  drawn: boolean;
  drawnAt: string | null;
  /** The day the table is computed for, in the competition's zone. */
  asOf: string;
  rules: {
    grant: { contractStates: string[]; minimumPayments: number };
    training: { sessionShare: number; teamShare: number; sessionsHeld: number; sessionsPlanned: number };
    mentor: { meetingsPerMonth: number };
  };
  arms: ArmCompliance[];
  /** Per application: for the competition's organizers only (absent from the public table). */
  applications?: ApplicationCompliance[];
}

/**
 * Assigned versus received per arm (issue 16, deliverable 6): for every drawn application
 * whether it got what its arm entitles it to — the grant (contract in force and paid), the
 * training (attended), the mentor (meetings held) — counted per arm for the programme's
 * evaluation. Public once the draw is published, with counts only; the organizers also see
 * each application. Computed from live data on purpose: it follows the programme as it runs.
 */
@Injectable()
export class ArmsComplianceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly competitions: CompetitionsService,
    private readonly allocation: AllocationService,
    private readonly training: TrainingService,
    private readonly clock: Clock,
  ) {}

  async table(competitionId: string, actor: Actor): Promise<ArmsComplianceTable> {
    const competition = await this.competitions.find(competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    const organizer = await this.training.isOrganizer(this.db.manager, competitionId, actor);
    const record = await this.allocation.record(competitionId).catch(() => null);
    const drawn = record?.status === 'drawn';
    // Like every unpublished outcome: before the draw, the public does not learn there is one.
    if (!organizer && !drawn) throw new NotFoundAppException('draw');
    const rulebook = this.competitions.rulebookOf(competition);
    const arms = await this.training.armsOf(competitionId);
    const today = localDate(this.clock.now(), competition.timeZone);

    const apps: { id: string; number: string; title: string | null; arm: string; status: string }[] =
      await this.db.query(
        `SELECT id, number, title, arm, status FROM applications
          WHERE competition_id = $1 AND arm IS NOT NULL ORDER BY arm, number`,
        [competitionId],
      );
    const [{ held, planned }]: { held: number; planned: number }[] = await this.db.query(
      `SELECT count(*) FILTER (WHERE held_on <= $2::date)::int AS held, count(*)::int AS planned
         FROM training_sessions WHERE competition_id = $1`,
      [competitionId, today],
    );
    const attendance: { application_id: string; attended: number }[] = await this.db.query(
      `SELECT m.application_id,
              (SELECT count(*)::int FROM training_attendance ta JOIN training_sessions s ON s.id = ta.session_id
                WHERE ta.iin = m.iin AND ta.application_id = m.application_id AND s.held_on <= $2::date) AS attended
         FROM application_members m JOIN applications a ON a.id = m.application_id
        WHERE a.competition_id = $1 AND a.arm IS NOT NULL AND m.active`,
      [competitionId, today],
    );
    const grants: { application_id: string; status: string; amount: string; paid: string; payments: number }[] =
      await this.db.query(
        `SELECT c.application_id, c.status, c.amount, COALESCE(sum(p.amount), 0) AS paid, count(p.id)::int AS payments
           FROM contracts c LEFT JOIN contract_payments p ON p.contract_id = c.id
          WHERE c.competition_id = $1
          GROUP BY c.id`,
        [competitionId],
      );
    const mentors: { application_id: string; assigned_at: Date }[] = await this.db.query(
      `SELECT application_id, assigned_at FROM mentor_assignments WHERE competition_id = $1`,
      [competitionId],
    );
    const meetings: { application_id: string; held_on: string }[] = await this.db.query(
      `SELECT application_id, to_char(held_on, 'YYYY-MM-DD') AS held_on FROM mentor_meetings WHERE competition_id = $1`,
      [competitionId],
    );

    const attendedOf = groupBy(attendance, (r) => r.application_id);
    const grantOf = new Map(grants.map((g) => [g.application_id, g]));
    const mentorOf = new Map(
      mentors.map((m) => [m.application_id, localDate(new Date(m.assigned_at), competition.timeZone)]),
    );
    const meetingsOf = groupBy(meetings, (m) => m.application_id);

    const rows: ApplicationCompliance[] = apps.map((a) => {
      const g = grantOf.get(a.id);
      const grantFacts = {
        contractStatus: g?.status ?? null,
        amount: g ? Number(g.amount) : null,
        paid: g ? Number(g.paid) : 0,
        payments: g?.payments ?? 0,
      };
      const training = trainingReceived(
        held,
        (attendedOf.get(a.id) ?? []).map((r) => r.attended),
      );
      const mentor = mentorReceived(
        mentorOf.get(a.id) ?? null,
        (meetingsOf.get(a.id) ?? []).map((m) => m.held_on),
        today,
      );
      return {
        applicationId: a.id,
        number: a.number,
        title: a.title,
        arm: a.arm,
        status: a.status,
        entitles: entitlementsOf(arms, a.arm),
        grant: { ...grantFacts, ...grantReceived(grantFacts) },
        training: {
          received: training.received,
          members: training.members,
          membersAttending: training.membersAttending,
          membersNeeded: training.membersNeeded,
          sessionsNeeded: training.sessionsNeeded,
        },
        mentor,
      };
    });

    const codes = [...arms.map((a) => a.code), ...apps.map((a) => a.arm)].filter((c, i, all) => all.indexOf(c) === i);
    const count = (inArm: ApplicationCompliance[], entitles: ArmEntitlement[], e: ArmEntitlement): EntitlementCount => {
      const received = inArm.filter((r) => r[e].received).length;
      return { entitled: entitles.includes(e), received, percent: percentOf(received, inArm.length) };
    };
    const table: ArmsComplianceTable = {
      competitionId,
      title: { kk: competition.titleKk, ru: competition.titleRu },
      drawn,
      drawnAt: drawn && record?.drawnAt ? record.drawnAt : null,
      asOf: today,
      rules: {
        grant: { contractStates: [...GRANT_CONTRACT_STATES], minimumPayments: 1 },
        training: { ...TRAINING_RULE, sessionsHeld: held, sessionsPlanned: planned },
        mentor: { ...MENTOR_RULE },
      },
      arms: codes.map((code) => {
        const inArm = rows.filter((r) => r.arm === code);
        const entitles = entitlementsOf(arms, code);
        return {
          arm: code,
          meaning: rulebook.draw?.armMeaning[code] ?? null,
          entitles,
          applications: inArm.length,
          grant: { ...count(inArm, entitles, 'grant'), paidInFull: inArm.filter((r) => r.grant.paidInFull).length },
          training: count(inArm, entitles, 'training'),
          mentor: count(inArm, entitles, 'mentor'),
        };
      }),
    };
    return organizer ? { ...table, applications: rows } : table;
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}
