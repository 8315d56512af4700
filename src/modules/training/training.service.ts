import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { localDate } from '../../../libs/kz';
import { Clock } from '../../common/clock/clock';
import { AppException, CommonErrorCode, NotFoundAppException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import type { ArmEntitlement, DrawArm } from '../competitions/domain/rulebook.types';
import { MembershipsService } from '../access/memberships.service';
import { AllocationService } from '../allocation/allocation.service';
import { AuditService } from '../audit/audit.service';
import { CompetitionsService } from '../competitions/competitions.service';
import { entitlementsOf } from './domain/compliance-rules';
import type { CreateTrainingSessionDto, MarkAttendanceDto } from './dto/training.dto';
import { TrainingErrorCode, TrainingException } from './training.exception';

export interface TrainingSessionView {
  id: string;
  competitionId: string;
  heldOn: string;
  minutes: number;
  topic: string;
  online: boolean;
  place: string | null;
  /** Held: on or before today in the competition's zone; attendance is marked only then. */
  held: boolean;
  present: number;
  version: number;
}

export interface TraineeTeam {
  applicationId: string;
  number: string | null;
  title: string | null;
  arm: string;
  members: { iin: string; lastName: string; firstName: string; isLeader: boolean }[];
}

export interface TrainingOverview {
  competitionId: string;
  title: { kk: string; ru: string };
  timeZone: string;
  today: string;
  /** Arms whose teams are trained (the rulebook's `entitles`). */
  trainingArms: string[];
  /** Teams of those arms, with their members: who may be marked present. */
  teams: TraineeTeam[];
  sessions: TrainingSessionView[];
}

export interface TrainingSessionDetail {
  session: TrainingSessionView;
  teams: TraineeTeam[];
  /** IINs marked present. */
  attendeeIins: string[];
}

export interface CreatedSession {
  session: TrainingSessionView;
  /** The same day and topic was created before (a form sent twice): nothing new saved. */
  alreadyCreated: boolean;
}

export interface MarkedAttendance extends TrainingSessionDetail {
  changed: boolean;
}

interface CompetitionRow {
  id: string;
  title_kk: string;
  title_ru: string;
  time_zone: string;
}

interface SessionRow {
  id: string;
  competition_id: string;
  held_on: string;
  minutes: number;
  topic: string;
  online: boolean;
  place: string | null;
  version: number;
  present: number;
}

const SESSION_SQL = `
  SELECT s.id, s.competition_id, to_char(s.held_on, 'YYYY-MM-DD') AS held_on, s.minutes, s.topic, s.online, s.place,
         s.version, (SELECT count(*)::int FROM training_attendance ta WHERE ta.session_id = s.id) AS present
    FROM training_sessions s`;

/**
 * Training (оқыту / обучение) of the draw's training arms: the organizers plan sessions and
 * mark, per session, who of the teams came. Each change of a checklist is audited; a
 * checklist from a stale page is refused (409), the same list sent twice changes nothing.
 */
@Injectable()
export class TrainingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly memberships: MembershipsService,
    private readonly competitions: CompetitionsService,
    private readonly allocation: AllocationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async overview(competitionId: string, actor: Actor): Promise<TrainingOverview> {
    await this.assertOrganizer(this.db.manager, competitionId, actor);
    const competition = await this.competition(this.db.manager, competitionId);
    const today = localDate(this.clock.now(), competition.time_zone);
    const arms = await this.armsOf(competitionId);
    const trainingArms = armsWith(arms, 'training');
    const rows: SessionRow[] = await this.db.query(
      `${SESSION_SQL} WHERE s.competition_id = $1 ORDER BY s.held_on DESC, s.created_at DESC`,
      [competitionId],
    );
    return {
      competitionId,
      title: { kk: competition.title_kk, ru: competition.title_ru },
      timeZone: competition.time_zone,
      today,
      trainingArms,
      teams: await this.teams(this.db.manager, competitionId, trainingArms),
      sessions: rows.map((r) => sessionView(r, today)),
    };
  }

  /** A new session; the same day and topic again answers the session created before. */
  async createSession(competitionId: string, dto: CreateTrainingSessionDto, actor: Actor): Promise<CreatedSession> {
    return this.db.transaction(async (tx) => {
      await this.assertOrganizer(tx, competitionId, actor);
      const competition = await this.competition(tx, competitionId);
      if (armsWith(await this.armsOf(competitionId), 'training').length === 0)
        throw new TrainingException(TrainingErrorCode.NO_TRAINING_IN_RULES);
      const place = dto.place?.trim().replace(/\s+/g, ' ') || null;
      if (!dto.online && !place) throw new TrainingException(TrainingErrorCode.TRAINING_PLACE_REQUIRED);
      const topic = dto.topic.trim().replace(/\s+/g, ' ');
      const today = localDate(this.clock.now(), competition.time_zone);
      const [inserted]: { id: string }[] = await tx.query(
        `INSERT INTO training_sessions (competition_id, held_on, minutes, topic, online, place, created_by, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1)
         ON CONFLICT (competition_id, held_on, topic) DO NOTHING RETURNING id`,
        [competitionId, dto.heldOn, dto.minutes, topic, dto.online, place, actor.userId],
      );
      const [row]: SessionRow[] = await tx.query(
        `${SESSION_SQL} WHERE s.competition_id = $1 AND s.held_on = $2 AND s.topic = $3`,
        [competitionId, dto.heldOn, topic],
      );
      if (inserted) {
        await this.audit.record(tx, actor, {
          action: 'training.session_created',
          entityType: 'competition',
          entityId: competitionId,
          after: { sessionId: inserted.id, heldOn: dto.heldOn, minutes: dto.minutes, topic, online: dto.online, place },
        });
      }
      return { session: sessionView(row, today), alreadyCreated: !inserted };
    });
  }

  async session(competitionId: string, sessionId: string, actor: Actor): Promise<TrainingSessionDetail> {
    await this.assertOrganizer(this.db.manager, competitionId, actor);
    return this.detail(this.db.manager, competitionId, sessionId);
  }

  /**
   * Sets who was present at a held session to exactly `attendeeIins` (members of the
   * training arms' teams). Refused whole, nothing saved, for a stranger, a session not yet
   * held or a stale version; the same list again changes nothing and records nothing.
   */
  async markAttendance(
    competitionId: string,
    sessionId: string,
    dto: MarkAttendanceDto,
    actor: Actor,
  ): Promise<MarkedAttendance> {
    return this.db.transaction(async (tx) => {
      await this.assertOrganizer(tx, competitionId, actor);
      const competition = await this.competition(tx, competitionId);
      const [locked]: { id: string; held_on: string; version: number }[] = await tx.query(
        `SELECT id, to_char(held_on, 'YYYY-MM-DD') AS held_on, version FROM training_sessions
          WHERE id = $1 AND competition_id = $2 FOR UPDATE`,
        [sessionId, competitionId],
      );
      if (!locked) throw new NotFoundAppException('training_session');
      const today = localDate(this.clock.now(), competition.time_zone);
      if (locked.held_on > today)
        throw new TrainingException(TrainingErrorCode.SESSION_NOT_YET_HELD, { heldOn: locked.held_on });
      const teams = await this.teams(tx, competitionId, armsWith(await this.armsOf(competitionId), 'training'));
      const teamOf = new Map(teams.flatMap((t) => t.members.map((m) => [m.iin, t.applicationId] as const)));
      const strangers = dto.attendeeIins.filter((iin) => !teamOf.has(iin));
      if (strangers.length > 0) {
        const [first, ...rest] = strangers.map(
          (iin) => new TrainingException(TrainingErrorCode.ATTENDEE_NOT_IN_TRAINING, { iin }),
        );
        throw new TrainingException(TrainingErrorCode.ATTENDEE_NOT_IN_TRAINING, first.params, rest);
      }
      const before: string[] = (
        await tx.query(`SELECT iin FROM training_attendance WHERE session_id = $1`, [sessionId])
      ).map((r: { iin: string }) => r.iin);
      const wanted = new Set(dto.attendeeIins);
      const added = dto.attendeeIins.filter((iin) => !before.includes(iin));
      const removed = before.filter((iin) => !wanted.has(iin));
      if (added.length === 0 && removed.length === 0) {
        // The same list again (a double submit, or a page re-sent): nothing to record.
        return { ...(await this.detail(tx, competitionId, sessionId)), changed: false };
      }
      if (locked.version !== dto.version) throw new AppException(409, CommonErrorCode.VERSION_CONFLICT);
      if (removed.length > 0)
        await tx.query(`DELETE FROM training_attendance WHERE session_id = $1 AND iin = ANY($2::text[])`, [
          sessionId,
          removed,
        ]);
      for (const iin of added)
        await tx.query(
          `INSERT INTO training_attendance (session_id, iin, application_id, marked_by) VALUES ($1, $2, $3, $4)`,
          [sessionId, iin, teamOf.get(iin), actor.userId],
        );
      await tx.query(`UPDATE training_sessions SET version = version + 1, updated_at = now() WHERE id = $1`, [
        sessionId,
      ]);
      await this.audit.record(tx, actor, {
        action: 'training.attendance_marked',
        entityType: 'competition',
        entityId: competitionId,
        before: { sessionId, present: before.length, version: locked.version },
        after: { sessionId, present: wanted.size, added: added.length, removed: removed.length },
      });
      return { ...(await this.detail(tx, competitionId, sessionId)), changed: true };
    });
  }

  /** The draw's arms as published (or, before a draw, as the rulebook has them). */
  async armsOf(competitionId: string): Promise<DrawArm[]> {
    const record = await this.allocation.record(competitionId).catch(() => null);
    if (record) return record.arms as DrawArm[];
    const competition = await this.competitions.find(competitionId);
    return competition ? (this.competitions.rulebookOf(competition).draw?.arms ?? []) : [];
  }

  private async detail(manager: EntityManager, competitionId: string, sessionId: string) {
    const competition = await this.competition(manager, competitionId);
    const [row]: SessionRow[] = await manager.query(`${SESSION_SQL} WHERE s.id = $1 AND s.competition_id = $2`, [
      sessionId,
      competitionId,
    ]);
    if (!row) throw new NotFoundAppException('training_session');
    const present: { iin: string }[] = await manager.query(
      `SELECT iin FROM training_attendance WHERE session_id = $1 ORDER BY iin`,
      [sessionId],
    );
    return {
      session: sessionView(row, localDate(this.clock.now(), competition.time_zone)),
      teams: await this.teams(manager, competitionId, armsWith(await this.armsOf(competitionId), 'training')),
      attendeeIins: present.map((p) => p.iin),
    };
  }

  private async teams(manager: EntityManager, competitionId: string, arms: string[]): Promise<TraineeTeam[]> {
    if (arms.length === 0) return [];
    const rows: {
      id: string;
      number: string | null;
      title: string | null;
      arm: string;
      iin: string | null;
      last_name: string | null;
      first_name: string | null;
      is_leader: boolean | null;
    }[] = await manager.query(
      `SELECT a.id, a.number, a.title, a.arm, m.iin, m.last_name, m.first_name, m.is_leader
         FROM applications a
         LEFT JOIN application_members m ON m.application_id = a.id AND m.active
        WHERE a.competition_id = $1 AND a.arm = ANY($2::text[])
        ORDER BY a.arm, a.number, m.position`,
      [competitionId, arms],
    );
    const teams = new Map<string, TraineeTeam>();
    for (const r of rows) {
      const team = teams.get(r.id) ?? {
        applicationId: r.id,
        number: r.number,
        title: r.title,
        arm: r.arm,
        members: [],
      };
      if (r.iin)
        team.members.push({
          iin: r.iin,
          lastName: r.last_name ?? '',
          firstName: r.first_name ?? '',
          isLeader: !!r.is_leader,
        });
      teams.set(r.id, team);
    }
    return [...teams.values()];
  }

  private async competition(manager: EntityManager, id: string): Promise<CompetitionRow> {
    const [row]: CompetitionRow[] = await manager.query(
      `SELECT id, title_kk, title_ru, time_zone FROM competitions WHERE id = $1`,
      [id],
    );
    if (!row) throw new NotFoundAppException('competition');
    return row;
  }

  async isOrganizer(manager: EntityManager, competitionId: string, actor: Actor): Promise<boolean> {
    if (actor.isAdmin) return true;
    return !!actor.userId && this.memberships.hasRole(actor.userId, competitionId, ['organizer'], manager);
  }

  private async assertOrganizer(manager: EntityManager, competitionId: string, actor: Actor): Promise<void> {
    if (!(await this.isOrganizer(manager, competitionId, actor))) throw new NotFoundAppException('competition');
  }
}

/** The codes of the arms that give this entitlement. */
export function armsWith(arms: readonly DrawArm[], entitlement: ArmEntitlement): string[] {
  return arms.filter((a) => entitlementsOf(arms, a.code).includes(entitlement)).map((a) => a.code);
}

function sessionView(r: SessionRow, today: string): TrainingSessionView {
  return {
    id: r.id,
    competitionId: r.competition_id,
    heldOn: r.held_on,
    minutes: r.minutes,
    topic: r.topic,
    online: r.online,
    place: r.place,
    held: r.held_on <= today,
    present: r.present,
    version: r.version,
  };
}
