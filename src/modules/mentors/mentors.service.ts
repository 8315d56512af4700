import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { localDate } from '../../../libs/kz';
import { Clock } from '../../common/clock/clock';
import { NotFoundAppException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { queryReturning } from '../../common/database/returning';
import { MembershipsService } from '../access/memberships.service';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import {
  checkLoad,
  isBehind,
  mayHaveMentor,
  MEETINGS_PER_MONTH,
  meetingProblems,
  MENTOR_LIMITS,
  monthBounds,
  monthOf,
} from './domain/mentoring-rules';
import type { AssignMentorDto, LogMeetingDto } from './dto/mentors.dto';
import { MentorsErrorCode, MentorsException } from './mentors.exception';

/** Where a mentor comes from: invited to the competition, or a winner of a mentor selection. */
export type MentorSource = 'invitation' | 'mentor_selection';

export interface MentorCandidate {
  userId: string;
  fullName: string | null;
  email: string;
  source: MentorSource;
  /** Projects and people the mentor carries now, in every competition. */
  projects: number;
  people: number;
}

export interface MentoredTeamRow {
  applicationId: string;
  number: string | null;
  title: string | null;
  arm: string;
  status: string;
  people: number;
  mentor: { userId: string; fullName: string | null; email: string } | null;
  meetingsThisMonth: number;
  /** Has a mentor and fewer than the month's required meetings. */
  behind: boolean;
}

export interface MentorsOverview {
  competitionId: string;
  month: string;
  required: number;
  limits: { projects: number; people: number };
  mentors: MentorCandidate[];
  teams: MentoredTeamRow[];
}

export interface AssignmentResult {
  mentorUserId: string;
  applicationIds: string[];
  projects: number;
  people: number;
  changed: boolean;
}

export interface TeamMember {
  iin: string;
  lastName: string;
  firstName: string;
  isLeader: boolean;
}

export interface MeetingView {
  id: string;
  applicationId: string;
  heldOn: string;
  minutes: number;
  topic: string;
  attendeeIins: string[];
  createdAt: string;
}

export interface MentorTeam {
  applicationId: string;
  competitionId: string;
  competitionTitle: { kk: string; ru: string };
  timeZone: string;
  number: string | null;
  title: string | null;
  arm: string;
  members: TeamMember[];
  month: string;
  meetingsThisMonth: number;
  required: number;
  behind: boolean;
  /** Today in the competition's zone: the latest day a meeting may be logged for. */
  today: string;
}

export interface TeamMentoring {
  mentor: { fullName: string | null; email: string } | null;
  meetings: MeetingView[];
  meetingsThisMonth: number;
  required: number;
}

export interface LoggedMeeting {
  meeting: MeetingView;
  /** The same team, day and topic was logged before (a form sent twice): nothing new saved. */
  alreadyLogged: boolean;
}

interface CompetitionRow {
  id: string;
  title_kk: string;
  title_ru: string;
  time_zone: string;
}

interface MeetingRow {
  id: string;
  application_id: string;
  held_on: string;
  minutes: number;
  topic: string;
  attendee_iins: string[];
  created_at: Date;
}

const MEETING_COLUMNS = `id, application_id, to_char(held_on, 'YYYY-MM-DD') AS held_on, minutes, topic, attendee_iins, created_at`;

function meetingView(r: MeetingRow): MeetingView {
  return {
    id: r.id,
    applicationId: r.application_id,
    heldOn: r.held_on,
    minutes: r.minutes,
    topic: r.topic,
    attendeeIins: r.attendee_iins,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

function fullName(lastName: string | null, firstName: string | null): string | null {
  return lastName ? `${lastName} ${firstName ?? ''}`.trim() : null;
}

/** The winners of a mentor selection run by the same organizer (organization, or an organizer in common). */
const SELECTED_MENTORS_SQL = `
  SELECT DISTINCT a.applicant_user_id AS user_id, 'mentor_selection'::text AS source
    FROM applications a
    JOIN competitions s ON s.id = a.competition_id AND s.template_code = 'mentor-selection'
    JOIN competitions c ON c.id = $1
   WHERE a.status IN ('winner', 'contracted', 'reporting', 'completed')
     AND ((s.organizer_organization_id IS NOT NULL AND s.organizer_organization_id = c.organizer_organization_id)
          OR EXISTS (SELECT 1 FROM competition_memberships o1
                       JOIN competition_memberships o2 ON o2.user_id = o1.user_id AND o2.competition_id = c.id
                                                      AND o2.role = 'organizer' AND o2.status = 'active'
                      WHERE o1.competition_id = s.id AND o1.role = 'organizer' AND o1.status = 'active'))`;

/**
 * Mentors (тәлімгер) of arm A and C teams: the organizer assigns them within the limits
 * (2 projects, 10 people; the database has the last word under concurrency), the mentor
 * logs meetings, the organizer sees who is behind this month.
 */
@Injectable()
export class MentorsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly memberships: MembershipsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly env: EnvironmentVariables,
  ) {}

  /** The organizer's view: who may mentor, with their load, and every arm A and C team with this month's meetings. */
  async overview(competitionId: string, actor: Actor, month?: string): Promise<MentorsOverview> {
    await this.assertOrganizer(this.db.manager, competitionId, actor);
    const competition = await this.competition(this.db.manager, competitionId);
    const chosen = month ?? monthOf(localDate(this.clock.now(), competition.time_zone));
    const { from, to } = monthBounds(chosen);
    const rows: {
      id: string;
      number: string | null;
      title: string | null;
      arm: string;
      status: string;
      people: number;
      mentor_user_id: string | null;
      mentor_email: string | null;
      last_name: string | null;
      first_name: string | null;
      meetings: number;
    }[] = await this.db.query(
      `SELECT a.id, a.number, a.title, a.arm, a.status,
              (SELECT count(*)::int FROM application_members am WHERE am.application_id = a.id AND am.active) AS people,
              x.mentor_user_id, mu.email AS mentor_email, mp.last_name, mp.first_name,
              (SELECT count(*)::int FROM mentor_meetings mm
                WHERE mm.application_id = a.id AND mm.held_on >= $2::date AND mm.held_on < $3::date) AS meetings
         FROM applications a
         LEFT JOIN mentor_assignments x ON x.application_id = a.id
         LEFT JOIN users mu ON mu.id = x.mentor_user_id
         LEFT JOIN persons mp ON mp.user_id = x.mentor_user_id
        WHERE a.competition_id = $1 AND a.arm IN ('A', 'C')
        ORDER BY a.arm, a.number`,
      [competitionId, from, to],
    );
    const teams = rows
      .filter((r) => r.mentor_user_id || mayHaveMentor(r.arm, r.status))
      .map((r) => ({
        applicationId: r.id,
        number: r.number,
        title: r.title,
        arm: r.arm,
        status: r.status,
        people: r.people,
        mentor: r.mentor_user_id
          ? { userId: r.mentor_user_id, fullName: fullName(r.last_name, r.first_name), email: r.mentor_email ?? '' }
          : null,
        meetingsThisMonth: r.meetings,
        behind: !!r.mentor_user_id && isBehind(r.meetings),
      }));
    return {
      competitionId,
      month: chosen,
      required: MEETINGS_PER_MONTH,
      limits: { ...MENTOR_LIMITS },
      mentors: await this.candidates(this.db.manager, competitionId),
      teams,
    };
  }

  /**
   * Sets a mentor's teams in this competition to exactly `applicationIds` (an empty list
   * frees the mentor here). A team another mentor had moves to this one. Refused whole,
   * nothing saved, when a team is not in arm A or C, or the mentor would carry more than 2
   * projects or 10 people in all.
   */
  async assign(competitionId: string, dto: AssignMentorDto, actor: Actor): Promise<AssignmentResult> {
    try {
      return await this.db.transaction((tx) => this.assignIn(tx, competitionId, dto, actor));
    } catch (error) {
      throw this.limitRefusal(error) ?? error;
    }
  }

  private async assignIn(
    tx: EntityManager,
    competitionId: string,
    dto: AssignMentorDto,
    actor: Actor,
  ): Promise<AssignmentResult> {
    await this.assertOrganizer(tx, competitionId, actor);
    const competition = await this.competition(tx, competitionId);
    const [candidate] = await this.candidates(tx, competitionId, dto.mentorUserId);
    if (!candidate) throw new MentorsException(MentorsErrorCode.NOT_A_MENTOR);
    const wanted = [...new Set(dto.applicationIds)];
    const apps: {
      id: string;
      number: string | null;
      title: string | null;
      arm: string | null;
      status: string;
      competition_id: string;
    }[] =
      wanted.length === 0
        ? []
        : await tx.query(
            `SELECT id, number, title, arm, status, competition_id FROM applications
              WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
            [wanted],
          );
    if (apps.length !== wanted.length || apps.some((a) => a.competition_id !== competitionId)) {
      throw new NotFoundAppException('application');
    }
    const current: { application_id: string; people: number }[] = await tx.query(
      `SELECT application_id, people FROM mentor_assignments
        WHERE mentor_user_id = $1 AND competition_id = $2 ORDER BY application_id FOR UPDATE`,
      [dto.mentorUserId, competitionId],
    );
    const currentIds = new Set(current.map((c) => c.application_id));
    const adding = apps.filter((a) => !currentIds.has(a.id));
    const removing = current.filter((c) => !wanted.includes(c.application_id));
    const refused = adding.filter((a) => !mayHaveMentor(a.arm, a.status));
    if (refused.length > 0) {
      const [first, ...rest] = refused.map(
        (a) => new MentorsException(MentorsErrorCode.NOT_MENTORED_ARM, { number: a.number ?? a.id }),
      );
      throw new MentorsException(MentorsErrorCode.NOT_MENTORED_ARM, first.params, rest);
    }
    if (adding.length === 0 && removing.length === 0) {
      const load = await this.loadOf(tx, dto.mentorUserId, false);
      return { mentorUserId: dto.mentorUserId, applicationIds: [...currentIds], ...load, changed: false };
    }
    // The mentor's counter row, locked: a concurrent assignment of the same mentor waits here
    // and then counts what this one saved. The CHECK on that row stays the final word.
    const load = await this.loadOf(tx, dto.mentorUserId, true);
    const sizes: { application_id: string; people: number }[] =
      adding.length === 0
        ? []
        : await tx.query(
            `SELECT application_id, count(*)::int AS people FROM application_members
              WHERE application_id = ANY($1::uuid[]) AND active GROUP BY application_id`,
            [adding.map((a) => a.id)],
          );
    const peopleOf = new Map(sizes.map((s) => [s.application_id, s.people]));
    const after = {
      projects: load.projects - removing.length + adding.length,
      people:
        load.people -
        removing.reduce((sum, r) => sum + r.people, 0) +
        adding.reduce((sum, a) => sum + (peopleOf.get(a.id) ?? 0), 0),
    };
    const problem = checkLoad(after);
    if (problem) throw new MentorsException(MentorsErrorCode[problem.code], problem.params);

    if (removing.length > 0) {
      await tx.query(`DELETE FROM mentor_assignments WHERE application_id = ANY($1::uuid[])`, [
        removing.map((r) => r.application_id),
      ]);
    }
    const takenFrom =
      adding.length === 0
        ? []
        : await queryReturning<{ application_id: string; mentor_user_id: string }>(
            tx,
            `DELETE FROM mentor_assignments WHERE application_id = ANY($1::uuid[]) RETURNING application_id, mentor_user_id`,
            [adding.map((a) => a.id)],
          );
    for (const a of adding) {
      await tx.query(
        `INSERT INTO mentor_assignments (competition_id, application_id, mentor_user_id, people, assigned_by)
         VALUES ($1, $2, $3, $4, $5)`,
        [competitionId, a.id, dto.mentorUserId, peopleOf.get(a.id) ?? 0, actor.userId],
      );
    }
    // A winner of the mentor selection becomes this competition's mentor: the role opens the mentor's pages.
    if (candidate.source === 'mentor_selection') {
      await this.memberships.grant(tx, {
        competitionId,
        userId: dto.mentorUserId,
        role: 'mentor',
        invitedBy: actor.userId,
      });
    }
    await this.audit.record(tx, actor, {
      action: 'mentor.assignment_changed',
      entityType: 'competition',
      entityId: competitionId,
      before: {
        mentorUserId: dto.mentorUserId,
        applicationIds: [...currentIds].sort(),
        projects: load.projects,
        people: load.people,
      },
      after: {
        mentorUserId: dto.mentorUserId,
        applicationIds: [...wanted].sort(),
        source: candidate.source,
        projects: after.projects,
        people: after.people,
        ...(takenFrom.length
          ? { takenFrom: takenFrom.map((t) => ({ applicationId: t.application_id, mentorUserId: t.mentor_user_id })) }
          : {}),
      },
    });
    if (adding.length > 0) await this.tellMentor(tx, competition, dto.mentorUserId, adding);
    return { mentorUserId: dto.mentorUserId, applicationIds: [...wanted], ...after, changed: true };
  }

  private async tellMentor(
    tx: EntityManager,
    competition: CompetitionRow,
    mentorUserId: string,
    teams: { number: string | null; title: string | null }[],
  ): Promise<void> {
    const [user]: { email: string; locale: 'kk' | 'ru' }[] = await tx.query(
      `SELECT email, locale FROM users WHERE id = $1`,
      [mentorUserId],
    );
    if (!user) return;
    await this.notifications.enqueue(tx, {
      template: 'mentor-assigned',
      recipients: [{ userId: mentorUserId, email: user.email, locale: user.locale }],
      payload: {
        competitionTitle: user.locale === 'ru' ? competition.title_ru : competition.title_kk,
        teams: teams.map((t) => `${t.number ?? ''} ${t.title ?? ''}`.trim()).join('\n'),
        count: teams.length,
        required: MEETINGS_PER_MONTH,
        link: `${this.env.PUBLIC_URL}/mentor`,
      },
      competitionId: competition.id,
    });
  }

  /** The load row of a mentor (zeros when none), locked for the rest of the transaction if asked. */
  private async loadOf(
    tx: EntityManager,
    mentorUserId: string,
    lock: boolean,
  ): Promise<{ projects: number; people: number }> {
    if (lock) {
      await tx.query(`INSERT INTO mentor_loads (mentor_user_id) VALUES ($1) ON CONFLICT DO NOTHING`, [mentorUserId]);
    }
    const [row]: { projects: number; people: number }[] = await tx.query(
      `SELECT projects, people FROM mentor_loads WHERE mentor_user_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [mentorUserId],
    );
    return row ?? { projects: 0, people: 0 };
  }

  /** The database's CHECK on a mentor's load, as the same refusal the service gives. */
  private limitRefusal(error: unknown): MentorsException | undefined {
    if (!(error instanceof QueryFailedError)) return undefined;
    const driver = error.driverError as { code?: string; constraint?: string };
    if (driver.code !== '23514') return undefined;
    if (driver.constraint === 'chk_mentor_load_projects')
      return new MentorsException(MentorsErrorCode.MENTOR_PROJECT_LIMIT, {
        max: MENTOR_LIMITS.projects,
        count: MENTOR_LIMITS.projects + 1,
      });
    if (driver.constraint === 'chk_mentor_load_people')
      return new MentorsException(MentorsErrorCode.MENTOR_PEOPLE_LIMIT, {
        max: MENTOR_LIMITS.people,
        count: MENTOR_LIMITS.people + 1,
      });
    return undefined;
  }

  /** My teams as a mentor, in every competition, with this month's meetings (each competition's zone). */
  async myTeams(actor: Actor): Promise<MentorTeam[]> {
    if (!actor.userId) return [];
    const rows: TeamRow[] = await this.db.query(
      `${TEAM_SQL} WHERE x.mentor_user_id = $1 ORDER BY c.created_at, a.number`,
      [actor.userId],
    );
    return Promise.all(rows.map((r) => this.teamOf(this.db.manager, r)));
  }

  /** One of my teams with its meetings; another's team (or none) is 404. */
  async myTeam(applicationId: string, actor: Actor): Promise<{ team: MentorTeam; meetings: MeetingView[] }> {
    const [row]: TeamRow[] = await this.db.query(`${TEAM_SQL} WHERE x.application_id = $1 AND x.mentor_user_id = $2`, [
      applicationId,
      actor.userId,
    ]);
    if (!row) throw new NotFoundAppException('application');
    return {
      team: await this.teamOf(this.db.manager, row),
      meetings: await this.meetingsOf(this.db.manager, applicationId),
    };
  }

  /** The meetings of a team: for its mentor, the competition's organizers, and the team's applicant. */
  async meetings(applicationId: string, actor: Actor): Promise<MeetingView[]> {
    const [app]: { competition_id: string; applicant_user_id: string; mentor_user_id: string | null }[] =
      await this.db.query(
        `SELECT a.competition_id, a.applicant_user_id, x.mentor_user_id
           FROM applications a LEFT JOIN mentor_assignments x ON x.application_id = a.id WHERE a.id = $1`,
        [applicationId],
      );
    const allowed =
      !!app &&
      (actor.isAdmin ||
        (!!actor.userId &&
          (app.applicant_user_id === actor.userId ||
            app.mentor_user_id === actor.userId ||
            (await this.memberships.hasRole(actor.userId, app.competition_id, ['organizer'])))));
    if (!allowed) throw new NotFoundAppException('application');
    return this.meetingsOf(this.db.manager, applicationId);
  }

  /**
   * A team's mentor (null until one is assigned) and its meetings, this month's count against
   * the rule: for the team's applicant, its mentor and the competition's organizers, as meetings().
   */
  async teamMentoring(applicationId: string, actor: Actor): Promise<TeamMentoring> {
    const meetings = await this.meetings(applicationId, actor);
    const [row]: { email: string; last_name: string | null; first_name: string | null; time_zone: string }[] =
      await this.db.query(
        `SELECT u.email, p.last_name, p.first_name, c.time_zone
           FROM mentor_assignments x
           JOIN users u ON u.id = x.mentor_user_id
           LEFT JOIN persons p ON p.user_id = x.mentor_user_id
           JOIN applications a ON a.id = x.application_id
           JOIN competitions c ON c.id = a.competition_id
          WHERE x.application_id = $1`,
        [applicationId],
      );
    if (!row) return { mentor: null, meetings, meetingsThisMonth: 0, required: MEETINGS_PER_MONTH };
    const { from, to } = monthBounds(monthOf(localDate(this.clock.now(), row.time_zone)));
    return {
      mentor: { fullName: fullName(row.last_name, row.first_name), email: row.email },
      meetings,
      meetingsThisMonth: meetings.filter((m) => m.heldOn >= from && m.heldOn < to).length,
      required: MEETINGS_PER_MONTH,
    };
  }

  /**
   * The assigned mentor logs a meeting. Not after today (the competition's zone), only
   * people of the team present; the same team, day and topic again is the same meeting
   * (a double submit): it is answered, not saved twice.
   */
  async logMeeting(applicationId: string, dto: LogMeetingDto, actor: Actor): Promise<LoggedMeeting> {
    return this.db.transaction(async (tx) => {
      const [row]: (TeamRow & { competition_id: string })[] = await tx.query(
        `${TEAM_SQL} WHERE x.application_id = $1 AND x.mentor_user_id = $2 FOR UPDATE OF x`,
        [applicationId, actor.userId],
      );
      if (!row) throw new NotFoundAppException('application');
      const members = await this.membersOf(tx, applicationId);
      const today = localDate(this.clock.now(), row.time_zone);
      const problems = meetingProblems({
        heldOn: dto.heldOn,
        today,
        attendeeIins: dto.attendeeIins,
        teamIins: members.map((m) => m.iin),
      });
      if (problems.length > 0) {
        const [first, ...rest] = problems.map((p) => new MentorsException(MentorsErrorCode[p.code], p.params));
        throw new MentorsException(MentorsErrorCode[problems[0].code], first.params, rest);
      }
      const topic = dto.topic.trim().replace(/\s+/g, ' ');
      const order = new Map(members.map((m, i) => [m.iin, i]));
      const attendees = [...dto.attendeeIins].sort((a, b) => order.get(a)! - order.get(b)!);
      const [inserted]: MeetingRow[] = await tx.query(
        `INSERT INTO mentor_meetings (competition_id, application_id, mentor_user_id, held_on, minutes, topic, attendee_iins)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (application_id, held_on, topic) DO NOTHING
         RETURNING ${MEETING_COLUMNS}`,
        [row.competition_id, applicationId, actor.userId, dto.heldOn, dto.minutes, topic, attendees],
      );
      if (!inserted) {
        const [existing]: MeetingRow[] = await tx.query(
          `SELECT ${MEETING_COLUMNS} FROM mentor_meetings WHERE application_id = $1 AND held_on = $2 AND topic = $3`,
          [applicationId, dto.heldOn, topic],
        );
        return { meeting: meetingView(existing), alreadyLogged: true };
      }
      await this.audit.record(tx, actor, {
        action: 'mentor.meeting_logged',
        entityType: 'application',
        entityId: applicationId,
        after: { meetingId: inserted.id, heldOn: dto.heldOn, minutes: dto.minutes, topic, attendees: attendees.length },
      });
      return { meeting: meetingView(inserted), alreadyLogged: false };
    });
  }

  private async teamOf(manager: EntityManager, r: TeamRow): Promise<MentorTeam> {
    const today = localDate(this.clock.now(), r.time_zone);
    const month = monthOf(today);
    const { from, to } = monthBounds(month);
    const [{ n }]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM mentor_meetings WHERE application_id = $1 AND held_on >= $2::date AND held_on < $3::date`,
      [r.id, from, to],
    );
    return {
      applicationId: r.id,
      competitionId: r.competition_id,
      competitionTitle: { kk: r.title_kk, ru: r.title_ru },
      timeZone: r.time_zone,
      number: r.number,
      title: r.title,
      arm: r.arm,
      members: await this.membersOf(manager, r.id),
      month,
      meetingsThisMonth: n,
      required: MEETINGS_PER_MONTH,
      behind: isBehind(n),
      today,
    };
  }

  private async membersOf(manager: EntityManager, applicationId: string): Promise<TeamMember[]> {
    const rows: { iin: string; last_name: string; first_name: string; is_leader: boolean }[] = await manager.query(
      `SELECT iin, last_name, first_name, is_leader FROM application_members
        WHERE application_id = $1 AND active ORDER BY position`,
      [applicationId],
    );
    return rows.map((m) => ({ iin: m.iin, lastName: m.last_name, firstName: m.first_name, isLeader: m.is_leader }));
  }

  private async meetingsOf(manager: EntityManager, applicationId: string): Promise<MeetingView[]> {
    const rows: MeetingRow[] = await manager.query(
      `SELECT ${MEETING_COLUMNS} FROM mentor_meetings WHERE application_id = $1 ORDER BY held_on DESC, created_at DESC`,
      [applicationId],
    );
    return rows.map(meetingView);
  }

  /** Who may mentor in this competition (or that one person), with their load. */
  private async candidates(manager: EntityManager, competitionId: string, userId?: string): Promise<MentorCandidate[]> {
    const rows: {
      user_id: string;
      source: MentorSource;
      email: string;
      last_name: string | null;
      first_name: string | null;
      projects: number | null;
      people: number | null;
    }[] = await manager.query(
      `WITH everyone AS (
         SELECT user_id, min(source) AS source FROM (
           SELECT m.user_id, 'invitation'::text AS source FROM competition_memberships m
            WHERE m.competition_id = $1 AND m.role = 'mentor' AND m.status = 'active'
           UNION ALL ${SELECTED_MENTORS_SQL}) x
          WHERE $2::uuid IS NULL OR user_id = $2::uuid
          GROUP BY user_id)
       SELECT e.user_id, e.source, u.email, p.last_name, p.first_name, l.projects, l.people
         FROM everyone e
         JOIN users u ON u.id = e.user_id
         LEFT JOIN persons p ON p.user_id = e.user_id
         LEFT JOIN mentor_loads l ON l.mentor_user_id = e.user_id
        ORDER BY p.last_name NULLS LAST, p.first_name, u.email`,
      [competitionId, userId ?? null],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      fullName: fullName(r.last_name, r.first_name),
      email: r.email,
      source: r.source,
      projects: r.projects ?? 0,
      people: r.people ?? 0,
    }));
  }

  private async competition(manager: EntityManager, id: string): Promise<CompetitionRow> {
    const [row]: CompetitionRow[] = await manager.query(
      `SELECT id, title_kk, title_ru, time_zone FROM competitions WHERE id = $1`,
      [id],
    );
    if (!row) throw new NotFoundAppException('competition');
    return row;
  }

  private async assertOrganizer(manager: EntityManager, competitionId: string, actor: Actor): Promise<void> {
    if (actor.isAdmin) return;
    if (actor.userId && (await this.memberships.hasRole(actor.userId, competitionId, ['organizer'], manager))) return;
    throw new NotFoundAppException('competition');
  }
}

interface TeamRow {
  id: string;
  competition_id: string;
  number: string | null;
  title: string | null;
  arm: string;
  title_kk: string;
  title_ru: string;
  time_zone: string;
}

const TEAM_SQL = `
  SELECT a.id, a.competition_id, a.number, a.title, a.arm, c.title_kk, c.title_ru, c.time_zone
    FROM mentor_assignments x
    JOIN applications a ON a.id = x.application_id
    JOIN competitions c ON c.id = a.competition_id`;
