import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CodedCheck } from '../../../common/validation/coded-constraint';
import { MEMBERSHIP_ROLES, MembershipRole } from '../../access/domain/membership-roles';
import { passwordProblem } from '../../identity/domain/password-policy';

export class InviteMemberDto {
  @ApiProperty()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: MEMBERSHIP_ROLES })
  @IsIn(MEMBERSHIP_ROLES)
  role: MembershipRole;
}

export class AcceptInvitationDto {
  @ApiProperty()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  token: string;

  @ApiPropertyOptional({ description: 'needed only when no account exists for the invited e-mail yet' })
  @IsOptional()
  @CodedCheck((v) => (typeof v === 'string' ? passwordProblem(v) : 'NOT_STRING'))
  password?: string;

  @ApiPropertyOptional({ enum: ['kk', 'ru'] })
  @IsOptional()
  @IsIn(['kk', 'ru'])
  locale?: 'kk' | 'ru';
}

export class InvitationDto {
  @ApiProperty() id: string;
  @ApiProperty() competitionId: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: MEMBERSHIP_ROLES }) role: MembershipRole;
  @ApiProperty() expiresAt: string;
}

export class AcceptedInvitationDto {
  @ApiProperty() competitionId: string;
  @ApiProperty({ enum: MEMBERSHIP_ROLES }) role: MembershipRole;
  @ApiProperty({ description: 'true when the account was created by accepting' }) accountCreated: boolean;
}

export class MemberViewDto {
  @ApiProperty() userId: string;
  @ApiProperty({ nullable: true, type: String, description: 'from the person profile; null until it is filled' })
  fullName: string | null;
  @ApiProperty() email: string;
  @ApiProperty({ enum: MEMBERSHIP_ROLES }) role: MembershipRole;
  @ApiProperty({ description: 'when the role was granted' }) since: string;
}

export class InviterDto {
  @ApiProperty() userId: string;
  @ApiProperty({ nullable: true, type: String }) fullName: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
}

export class OpenInvitationDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: MEMBERSHIP_ROLES }) role: MembershipRole;
  @ApiProperty() sentAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ description: 'the link no longer works; resending gives a new one' }) expired: boolean;
  @ApiProperty({ type: InviterDto }) invitedBy: InviterDto;
}

export class MembersListDto {
  @ApiProperty({ type: [MemberViewDto] }) members: MemberViewDto[];
  @ApiProperty({ type: [OpenInvitationDto] }) invitations: OpenInvitationDto[];
}
