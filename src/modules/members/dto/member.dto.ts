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
