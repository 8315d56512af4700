import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { Clock } from '../../common/clock/clock';
import { queryReturning } from '../../common/database/returning';
import { NotFoundAppException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import type { MembershipRole } from '../access/domain/membership-roles';
import { AccessErrorCode, AccessException } from '../access/access.exception';
import { MembershipsService } from '../access/memberships.service';
import { AuditService } from '../audit/audit.service';
import { CompetitionsService } from '../competitions/competitions.service';
import type { Competition } from '../competitions/entities/competition.entity';
import { PasswordHasher } from '../identity/password-hasher';
import { TokenHasher } from '../identity/token-hasher';
import { UsersService } from '../identity/users.service';
import { NotificationsService } from '../notifications/notifications.service';
import { AcceptedInvitationDto, AcceptInvitationDto, InvitationDto, InviteMemberDto } from './dto/member.dto';
import { Invitation } from './entities/invitation.entity';
import { MembersErrorCode, MembersException } from './members.exception';

const INVITATION_DAYS = 14;

/** What an invitation's link says before it is used: who invites whom, to what, and whether it still works. */
export interface InvitationPreview {
  /** Why the link no longer works (already accepted, replaced, revoked, expired, unknown); null while it does. */
  problem: MembersErrorCode | null;
  /** Null only for a link that matches no invitation. */
  invitation: {
    competitionId: string;
    competitionTitle: { kk: string; ru: string };
    /** The competition's zone, for the expiry as people read it. */
    timeZone: string;
    email: string;
    role: MembershipRole;
    expiresAt: string;
    inviter: { kk: string; ru: string };
    /** The account of the invited e-mail (accepting attaches the role to it), or null: accepting creates one. */
    accountUserId: string | null;
  } | null;
}

export interface MembersView {
  members: { userId: string; fullName: string | null; email: string; role: MembershipRole; since: string }[];
  invitations: {
    id: string;
    email: string;
    role: MembershipRole;
    sentAt: string;
    expiresAt: string;
    expired: boolean;
    invitedBy: { userId: string; fullName: string | null; email: string | null };
  }[];
}

/** "Фамилия Имя Отчество" as the person entered it; null without a profile. */
function fullName(last: string | null, first: string | null, middle: string | null): string | null {
  return last || first ? [last, first, middle].filter(Boolean).join(' ') : null;
}

/**
 * Why an invitation's link no longer works, or null while it does. `now` null: whether an
 * organizer may still resend or revoke it (an expired one may be resent).
 */
function settledProblem(invitation: Invitation, now: Date | null): MembersErrorCode | null {
  if (invitation.acceptedAt) return MembersErrorCode.INVITATION_ALREADY_ACCEPTED;
  if (invitation.replacedBy) return MembersErrorCode.INVITATION_REPLACED;
  if (invitation.revokedAt) return MembersErrorCode.INVITATION_REVOKED;
  if (now && invitation.expiresAt <= now) return MembersErrorCode.INVITATION_EXPIRED;
  return null;
}

/** Organizers invite organizers, commission members and mentors by e-mail. */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: EnvironmentVariables,
    private readonly clock: Clock,
    private readonly competitions: CompetitionsService,
    private readonly memberships: MembershipsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly tokens: TokenHasher,
    private readonly passwords: PasswordHasher,
    private readonly users: UsersService,
  ) {
    this.competitions.onDraftDeleted((tx, competitionId) => this.removeInvitationsOf(tx, competitionId));
  }

  async invite(competitionId: string, dto: InviteMemberDto, actor: Actor): Promise<InvitationDto> {
    return this.db.transaction(async (tx) => {
      const competition = await this.competitions.find(competitionId, tx);
      if (!competition) throw new NotFoundAppException('competition');
      const invitation = await this.send(tx, competition, { email: dto.email, role: dto.role }, actor);
      await this.audit.record(tx, actor, {
        action: 'membership.invited',
        entityType: 'competition',
        entityId: competitionId,
        after: { invitationId: invitation.id, email: dto.email, role: dto.role },
      });
      return {
        id: invitation.id,
        competitionId,
        email: dto.email,
        role: dto.role,
        expiresAt: invitation.expiresAt.toISOString(),
      };
    });
  }

  /** A new invitation row with a fresh token, and the e-mail carrying its link. */
  private async send(
    tx: EntityManager,
    competition: Competition,
    to: { email: string; role: MembershipRole },
    actor: Actor,
  ): Promise<Invitation> {
    const { token, hash } = this.tokens.issue();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000);
    const invitation = await tx.save(
      tx.create(Invitation, {
        competitionId: competition.id,
        email: to.email,
        role: to.role,
        tokenHash: hash,
        expiresAt,
        invitedBy: actor.userId!,
      }),
    );
    const existing = await this.users.findByEmail(to.email, tx);
    // Someone without an account has told us no language yet: the invitation comes in both.
    const locale = existing?.locale ?? actor.locale;
    await this.notifications.enqueue(tx, {
      template: 'competition-invitation',
      recipients: [{ userId: existing?.id ?? null, email: to.email, locale }],
      payload: {
        link: `${this.env.PUBLIC_URL}/invitations/accept?token=${token}`,
        role: to.role,
        competitionTitle: { kk: competition.titleKk, ru: competition.titleRu },
        days: INVITATION_DAYS,
        inviter: await this.inviterName(tx, actor.userId),
        bothLanguages: !existing,
      },
      competitionId: competition.id,
    });
    return invitation;
  }

  /** Who invites, as the invitation names them: their full name, else "the competition's organizer". */
  private async inviterName(tx: EntityManager, userId: string | null): Promise<{ kk: string; ru: string }> {
    const [person]: { name: string | null }[] = await tx.query(
      `SELECT nullif(concat_ws(' ', p.last_name, p.first_name, p.middle_name), '') AS name FROM persons p WHERE p.user_id = $1`,
      [userId],
    );
    if (person?.name) return { kk: person.name, ru: person.name };
    return { kk: 'Конкурс ұйымдастырушысы', ru: 'Организатор конкурса' };
  }

  /** Active members (name from their person profile) and the invitations nobody has accepted yet. */
  async list(competitionId: string, actor: Actor): Promise<MembersView> {
    await this.assertOrganizer(competitionId, actor, this.db.manager);
    const now = this.clock.now();
    const members: {
      user_id: string;
      email: string;
      role: MembershipRole;
      since: Date;
      last_name: string | null;
      first_name: string | null;
      middle_name: string | null;
    }[] = await this.db.query(
      `SELECT m.user_id, u.email, m.role, m.created_at AS since, p.last_name, p.first_name, p.middle_name
         FROM competition_memberships m
         JOIN users u ON u.id = m.user_id
         LEFT JOIN persons p ON p.user_id = m.user_id
        WHERE m.competition_id = $1 AND m.status = 'active'
        ORDER BY m.role, p.last_name NULLS LAST, p.first_name, u.email`,
      [competitionId],
    );
    const invitations: (Invitation & {
      inviter_email: string | null;
      inviter_last_name: string | null;
      inviter_first_name: string | null;
      inviter_middle_name: string | null;
    })[] = await this.db
      .getRepository(Invitation)
      .createQueryBuilder('i')
      .leftJoin('users', 'u', 'u.id = i.invited_by')
      .leftJoin('persons', 'p', 'p.user_id = i.invited_by')
      .select([
        'i.id AS id',
        'i.email AS email',
        'i.role AS role',
        'i.expires_at AS "expiresAt"',
        'i.created_at AS "createdAt"',
        'i.invited_by AS "invitedBy"',
        'u.email AS inviter_email',
        'p.last_name AS inviter_last_name',
        'p.first_name AS inviter_first_name',
        'p.middle_name AS inviter_middle_name',
      ])
      .where('i.competition_id = :competitionId', { competitionId })
      .andWhere('i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.replaced_by IS NULL')
      .orderBy('i.created_at', 'DESC')
      .addOrderBy('i.id')
      .getRawMany();
    return {
      members: members.map((m) => ({
        userId: m.user_id,
        fullName: fullName(m.last_name, m.first_name, m.middle_name),
        email: m.email,
        role: m.role,
        since: new Date(m.since).toISOString(),
      })),
      invitations: invitations.map((i) => ({
        id: i.id,
        email: i.email,
        role: i.role,
        sentAt: new Date(i.createdAt).toISOString(),
        expiresAt: new Date(i.expiresAt).toISOString(),
        expired: new Date(i.expiresAt) <= now,
        invitedBy: {
          userId: i.invitedBy,
          fullName: fullName(i.inviter_last_name, i.inviter_first_name, i.inviter_middle_name),
          email: i.inviter_email,
        },
      })),
    };
  }

  /** A new link by a new e-mail (also for an expired invitation); the old link stops working. */
  async resend(competitionId: string, invitationId: string, actor: Actor): Promise<InvitationDto> {
    return this.db.transaction(async (tx) => {
      const competition = await this.assertOrganizer(competitionId, actor, tx);
      const old = await this.pending(tx, competitionId, invitationId);
      const invitation = await this.send(tx, competition, { email: old.email, role: old.role }, actor);
      await tx.update(Invitation, { id: old.id }, { replacedBy: invitation.id });
      await this.audit.record(tx, actor, {
        action: 'membership.invitation_resent',
        entityType: 'competition',
        entityId: competitionId,
        before: { invitationId: old.id, expiresAt: old.expiresAt.toISOString() },
        after: { invitationId: invitation.id, email: old.email, role: old.role },
      });
      return {
        id: invitation.id,
        competitionId,
        email: invitation.email,
        role: invitation.role,
        expiresAt: invitation.expiresAt.toISOString(),
      };
    });
  }

  /** The link stops working; whoever follows it is told the invitation was withdrawn. */
  async revoke(competitionId: string, invitationId: string, actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.assertOrganizer(competitionId, actor, tx);
      const invitation = await this.pending(tx, competitionId, invitationId);
      await tx.update(Invitation, { id: invitation.id }, { revokedAt: this.clock.now(), revokedBy: actor.userId });
      await this.audit.record(tx, actor, {
        action: 'membership.invitation_revoked',
        entityType: 'competition',
        entityId: competitionId,
        before: { invitationId: invitation.id, email: invitation.email, role: invitation.role },
      });
    });
  }

  /** Another organizer's competition, or one that does not exist, is "not found" alike. */
  private async assertOrganizer(competitionId: string, actor: Actor, manager: EntityManager): Promise<Competition> {
    const competition = await this.competitions.find(competitionId, manager);
    if (
      !competition ||
      !(
        actor.isAdmin ||
        (actor.userId && (await this.memberships.hasRole(actor.userId, competitionId, ['organizer'], manager)))
      )
    )
      throw new NotFoundAppException('competition');
    return competition;
  }

  /** An invitation of this competition still waiting for its invitee, locked; 404 for any other, 409 once settled. */
  private async pending(tx: EntityManager, competitionId: string, invitationId: string): Promise<Invitation> {
    const invitation = await tx.findOne(Invitation, {
      where: { id: invitationId, competitionId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!invitation) throw new NotFoundAppException('invitation');
    const settled = settledProblem(invitation, null);
    if (settled) throw new MembersException(settled, 409);
    return invitation;
  }

  /** Invitations go with a deleted draft competition; their links then answer "invalid". */
  private async removeInvitationsOf(tx: EntityManager, competitionId: string): Promise<Record<string, unknown>> {
    const removed = await queryReturning<{ email: string; role: string }>(
      tx,
      `DELETE FROM competition_invitations WHERE competition_id = $1 RETURNING email, role`,
      [competitionId],
    );
    return { invitations: removed };
  }

  /**
   * Reads an invitation by its link's token without using it: the page shows who invites whom
   * to which competition, or why the link no longer works, before anyone accepts.
   */
  async preview(token: string): Promise<InvitationPreview> {
    const invalid: InvitationPreview = { problem: MembersErrorCode.INVITATION_INVALID, invitation: null };
    if (typeof token !== 'string' || token.length < 16 || token.length > 200) return invalid;
    const manager = this.db.manager;
    const invitation = await manager.findOneBy(Invitation, { tokenHash: this.tokens.hash(token) });
    if (!invitation) return invalid;
    const competition = await this.competitions.find(invitation.competitionId, manager);
    if (!competition) return invalid;
    return {
      problem: settledProblem(invitation, this.clock.now()),
      invitation: {
        competitionId: competition.id,
        competitionTitle: { kk: competition.titleKk, ru: competition.titleRu },
        timeZone: competition.timeZone,
        email: invitation.email,
        role: invitation.role,
        expiresAt: invitation.expiresAt.toISOString(),
        inviter: await this.inviterName(manager, invitation.invitedBy),
        accountUserId: (await this.users.findByEmail(invitation.email, manager))?.id ?? null,
      },
    };
  }

  /**
   * The token proves the invitee reads that mailbox: it attaches the role to the account of
   * that e-mail, creating the account (already verified) if there is none.
   */
  async accept(dto: AcceptInvitationDto, actor: Actor): Promise<AcceptedInvitationDto> {
    const passwordHash = dto.password ? await this.passwords.hash(dto.password) : null;
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const invitation = await tx.findOne(Invitation, {
        where: { tokenHash: this.tokens.hash(dto.token) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation) throw new MembersException(MembersErrorCode.INVITATION_INVALID);
      const settled = settledProblem(invitation, now);
      if (settled) throw new MembersException(settled);
      let user = await this.users.findByEmail(invitation.email, tx);
      const accountCreated = !user;
      if (!user) {
        if (!passwordHash) throw new MembersException(MembersErrorCode.PASSWORD_NEEDED);
        user = await this.users.createVerified(tx, {
          email: invitation.email,
          passwordHash,
          locale: dto.locale ?? actor.locale,
        });
      }
      // The link proves the invitee reads the mailbox, not that whoever registered this address did:
      // an unverified account may be someone else's. The role waits until the account is verified.
      if (!accountCreated && !user.emailVerifiedAt) throw new AccessException(AccessErrorCode.EMAIL_NOT_VERIFIED);
      await tx.update(Invitation, { id: invitation.id }, { acceptedAt: now, acceptedBy: user.id });
      await this.memberships.grant(tx, {
        competitionId: invitation.competitionId,
        userId: user.id,
        role: invitation.role,
        invitedBy: invitation.invitedBy,
      });
      await this.audit.record(
        tx,
        { ...actor, userId: user.id },
        {
          action: 'membership.accepted',
          entityType: 'competition',
          entityId: invitation.competitionId,
          after: { invitationId: invitation.id, userId: user.id, role: invitation.role, accountCreated },
        },
      );
      return { competitionId: invitation.competitionId, role: invitation.role, accountCreated };
    });
  }
}
