import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsUUID,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { NestedObject } from '../../../common/validation/nested';
import { PageQueryDto } from '../../../common/pagination/pagination';
import { MEMBERSHIP_ROLES, MembershipRole } from '../../access/domain/membership-roles';
import { COMPETITION_STATUSES, CompetitionStatus } from '../domain/competition-status';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class LocalizedTitleDto {
  @ApiProperty({ maxLength: 300 })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  kk: string;

  @ApiProperty({ maxLength: 300 })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  ru: string;
}

export class LocalizedDescriptionDto {
  @ApiProperty({ maxLength: 20000 })
  @IsString()
  @MaxLength(20000)
  kk: string;

  @ApiProperty({ maxLength: 20000 })
  @IsString()
  @MaxLength(20000)
  ru: string;
}

export class CreateCompetitionDto {
  @ApiProperty({ example: 'mini-grants-district', description: 'GET /competition-templates lists them' })
  @Matches(/^[a-z0-9-]{2,40}$/)
  templateCode: string;

  @ApiProperty({ type: LocalizedTitleDto })
  @NestedObject(() => LocalizedTitleDto)
  title: LocalizedTitleDto;

  @ApiPropertyOptional({ type: LocalizedDescriptionDto })
  @IsOptional()
  @NestedObject(() => LocalizedDescriptionDto)
  description?: LocalizedDescriptionDto;

  @ApiPropertyOptional({ example: '2026-12-20T18:00:00+05:00', description: 'instant with offset; stored in UTC' })
  @IsOptional()
  @IsISO8601({ strict: true })
  submissionDeadline?: string;

  @ApiPropertyOptional({
    description: "parts of the template's rulebook to replace (top-level keys); validated whole",
    type: Object,
  })
  @IsOptional()
  @IsObject()
  rulebook?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'the organization that runs it (you must represent it); named on every document and e-mail',
  })
  @IsOptional()
  @IsUUID()
  organizerOrganizationId?: string;
}

export class UpdateCompetitionDto {
  @ApiProperty({ description: 'the version you read; a stale one gets 409' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version: number;

  @ApiPropertyOptional({ type: LocalizedTitleDto })
  @IsOptional()
  @NestedObject(() => LocalizedTitleDto)
  title?: LocalizedTitleDto;

  @ApiPropertyOptional({ type: LocalizedDescriptionDto })
  @IsOptional()
  @NestedObject(() => LocalizedDescriptionDto)
  description?: LocalizedDescriptionDto;

  @ApiPropertyOptional({ description: 'once the competition is open, only a later deadline is accepted' })
  @IsOptional()
  @IsISO8601({ strict: true })
  submissionDeadline?: string;

  @ApiPropertyOptional({ type: Object })
  @IsOptional()
  @IsObject()
  rulebook?: Record<string, unknown>;

  @ApiPropertyOptional({
    description:
      'the organization that runs it (you must represent it; draft only); named on every document and e-mail',
  })
  @IsOptional()
  @IsUUID()
  organizerOrganizationId?: string;
}

export class CompetitionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ['open', 'closed', 'screening', 'scoring', 'results', 'contracting', 'implementation', 'completed'],
  })
  @IsOptional()
  @IsIn(['open', 'closed', 'screening', 'scoring', 'results', 'contracting', 'implementation', 'completed'])
  status?: string;
}

export class MyCompetitionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MEMBERSHIP_ROLES, description: 'only where I hold this role' })
  @IsOptional()
  @IsIn(MEMBERSHIP_ROLES)
  role?: MembershipRole;

  @ApiPropertyOptional({ enum: COMPETITION_STATUSES })
  @IsOptional()
  @IsIn(COMPETITION_STATUSES)
  status?: CompetitionStatus;
}
