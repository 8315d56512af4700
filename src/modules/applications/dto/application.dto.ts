import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  IsArray,
} from 'class-validator';
import { NestedList } from '../../../common/validation/nested';
import { ErrorFieldNames } from '../../../common/validation/error-field-names';
import { IinField, PersonNameField, squeezeSpaces } from '../../../common/validation/person-fields';
import { IsIin, IsKzPhone } from '../../../common/validation/kz.validators';
import type { EducationStatus } from '../../identity/entities/person.entity';
import { APPLICANT_KINDS, ApplicantKind } from '../entities/application.entity';
import { MAX_BUDGET_LINES } from '../domain/budget';

const trim = squeezeSpaces;

/** The person profile's education statuses (a Record so that a status added there must be added here). */
const EDUCATION: Record<EducationStatus, true> = {
  school_leaver: true,
  college_student: true,
  university_student: true,
  college_graduate: true,
  university_graduate: true,
  other: true,
};
const EDUCATION_STATUSES = Object.keys(EDUCATION) as EducationStatus[];

export class CreateApplicationDto {
  @ApiProperty({ enum: APPLICANT_KINDS })
  @IsIn(APPLICANT_KINDS)
  applicantKind: ApplicantKind;

  @ApiPropertyOptional({ description: 'the NGO applying, or the host organization applying for a group' })
  @IsOptional()
  @IsUUID('4')
  organizationId?: string;
}

/** A draft may be saved incomplete or not yet valid (people fill it over days); submit checks it all. */
export class UpdateApplicationDto {
  @ApiProperty({ description: 'the version you read; a stale one gets 409' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version: number;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ example: 'ZHT-TDK' })
  @IsOptional()
  @Matches(/^[A-Z0-9-]{2,20}$/)
  territoryCode?: string;

  @ApiPropertyOptional({ example: 'ecology_landscaping' })
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,40}$/)
  direction?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,40}$/)
  nomination?: string;

  @ApiPropertyOptional({ description: "answers to the rulebook's form fields, by field key", type: Object })
  @IsOptional()
  @IsObject()
  answers?: Record<string, unknown>;
}

export class TeamMemberDto {
  @IinField()
  iin: string;

  @PersonNameField()
  lastName: string;

  @PersonNameField()
  firstName: string;

  @ApiProperty({ example: '+7 701 234 56 78' })
  @IsKzPhone()
  phone: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({
    enum: EDUCATION_STATUSES,
    nullable: true,
    description:
      'decides the social stipend (26 000 ₸ school leavers and students, 61 000 ₸ graduates); absent or null: not stated',
  })
  @IsOptional()
  @IsIn(EDUCATION_STATUSES)
  educationStatus?: EducationStatus | null;
}

@ErrorFieldNames({ members: 'team' })
export class TeamDto {
  @ApiProperty({ description: 'IIN of the leader; must be one of the members' })
  @Transform(trim)
  @IsIin()
  leaderIin: string;

  @ApiProperty({ type: [TeamMemberDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @NestedList(() => TeamMemberDto)
  members: TeamMemberDto[];
}

export class BudgetLineDto {
  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  item: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity: number;

  @ApiProperty({ minimum: 0, description: 'integer tenge' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  unitCost: number;
}

@ErrorFieldNames({ lines: 'budget.lines' })
export class BudgetDto {
  @ApiProperty({ type: [BudgetLineDto] })
  @IsArray()
  @ArrayMaxSize(MAX_BUDGET_LINES)
  @NestedList(() => BudgetLineDto)
  lines: BudgetLineDto[];
}
