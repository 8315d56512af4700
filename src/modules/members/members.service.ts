import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { Clock } from '../../common/clock/clock';
import { NotFoundAppException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { MembershipsService } from '../access/memberships.service';
import { AuditService } from '../audit/audit.service';
import { CompetitionsService } from '../competitions/competitions.service';
import { PasswordHasher } from '../identity/password-hasher';
import { TokenHasher } from '../identity/token-hasher';
import { UsersService } from '../identity/users.service';
import { NotificationsService } from '../notifications/notifications.service';
import { AcceptedInvitationDto, AcceptInvitationDto, InvitationDto, InviteMemberDto } from './dto/member.dto';
import { Invitation } from './entities/invitation.entity';
import { MembersErrorCode, MembersException } from './members.exception';

const INVITATION_DAYS = 14;

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
  ) {}

  async invite(competitionId: string, dto: InviteMemberDto, actor: Actor): Promise<InvitationDto> {
    return this.db.transaction(async (tx) => {
      const competition = await this.competitions.find(competitionId, tx);
      if (!competition) throw new NotFoundAppException('competition');
      const { token, hash } = this.tokens.issue();
      const now = this.clock.now();
      const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000);
      const invitation = await tx.save(
        tx.create(Invitation, {
          competitionId,
          email: dto.email,
          role: dto.role,
          tokenHash: hash,
          expiresAt,
          invitedBy: actor.userId!,
        }),
      );
      const existing = await this.users.findByEmail(dto.email, tx);
      const locale = existing?.locale ?? actor.locale;
      await this.notifications.enqueue(tx, {
        template: 'competition-invitation',
        recipients: [{ userId: existing?.id ?? null, email: dto.email, locale }],
        payload: {
          link: `${this.env.PUBLIC_URL}/invitations/accept?token=${token}`,
          role: dto.role,
          competitionTitle: locale === 'ru' ? competition.titleRu : competition.titleKk,
          days: INVITATION_DAYS,
        },
        competitionId,
      });
      await this.audit.record(tx, actor, {
        action: 'membership.invited',
        entityType: 'competition',
        entityId: competitionId,
        after: { invitationId: invitation.id, email: dto.email, role: dto.role },
      });
      return { id: invitation.id, competitionId, email: dto.email, role: dto.role, expiresAt: expiresAt.toISOString() };
    });
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
        where: { tokenHash: this.tokens.hash(dto.token), acceptedAt: IsNull(), expiresAt: MoreThan(now) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation) throw new MembersException(MembersErrorCode.INVITATION_INVALID);
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
