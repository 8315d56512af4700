import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsCalendarDate, IsIin } from '../../../common/validation/kz.validators';
import { squeezeSpaces } from '../../../common/validation/person-fields';
import {
  AGE_BANDS,
  type AgeBand,
  COUNT_GENDERS,
  type CountGender,
  MAX_BENEFICIARIES,
  MAX_COUNT_PER_ROW,
  REPORT_CATEGORIES,
  type ReportCategory,
  SOCIAL_FACTS,
  type SocialFact,
} from '../domain/participants';

const isPerson = (row: ParticipantRowDto) => row.kind === 'person';
const isCount = (row: ParticipantRowDto) => row.kind === 'count';

/**
 * One participant row in a request body (a report's list). The field rules here give the
 * API's per-field codes in kk/ru; the rules across fields (an IIN that disagrees with the
 * birth date or gender; a person without an IIN needs a name and gender) are checked by
 * ParticipantsService.replaceForReport (domain/participants checkParticipantRows) the same way.
 */
export class ParticipantRowDto {
  @ApiProperty({ enum: ['person', 'count'], description: 'a named person, or a tally of people' })
  @IsIn(['person', 'count'])
  kind: 'person' | 'count';

  @ApiPropertyOptional({ description: 'person: 12 digits; birth date and gender then come from it' })
  @ValidateIf((row: ParticipantRowDto) => isPerson(row) && row.iin !== undefined && row.iin !== null && row.iin !== '')
  @Transform(squeezeSpaces)
  @IsIin()
  iin?: string | null;

  @ApiPropertyOptional({ maxLength: 300, description: 'person: needed without an IIN' })
  @ValidateIf((row: ParticipantRowDto) => isPerson(row) && (!row.iin || row.fullName != null))
  @Transform(squeezeSpaces)
  @IsString()
  @MaxLength(300)
  fullName?: string | null;

  @ApiPropertyOptional({
    enum: COUNT_GENDERS,
    description: 'person: male or female, needed without an IIN; count: also unknown',
  })
  @ValidateIf((row: ParticipantRowDto) => isCount(row) || !row.iin || row.gender != null)
  @IsIn(COUNT_GENDERS)
  gender?: CountGender | null;

  @ApiPropertyOptional({ description: 'person: YYYY-MM-DD (from the IIN when there is one)' })
  @IsOptional()
  @IsCalendarDate()
  birthDate?: string | null;

  @ApiPropertyOptional({ enum: SOCIAL_FACTS, isArray: true, description: 'person: what the list says of them' })
  @IsOptional()
  @IsIn(SOCIAL_FACTS, { each: true })
  facts?: SocialFact[];

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_COUNT_PER_ROW, description: 'count: how many people' })
  @ValidateIf(isCount)
  @IsInt()
  @Min(1)
  @Max(MAX_COUNT_PER_ROW)
  count?: number;

  @ApiPropertyOptional({ enum: AGE_BANDS, description: 'count: their age band' })
  @ValidateIf(isCount)
  @IsIn(AGE_BANDS)
  ageBand?: AgeBand;

  @ApiPropertyOptional({ enum: REPORT_CATEGORIES, description: 'count: their one column of the social table' })
  @ValidateIf(isCount)
  @IsIn(REPORT_CATEGORIES)
  category?: ReportCategory;
}

export class BeneficiariesDto {
  @ApiProperty({ minimum: 0, description: 'direct beneficiaries, people' })
  @IsInt()
  @Min(0)
  @Max(MAX_BENEFICIARIES)
  direct: number;

  @ApiProperty({ minimum: 0, description: 'indirect beneficiaries (e.g. reached through the media), people' })
  @IsInt()
  @Min(0)
  @Max(MAX_BENEFICIARIES)
  indirect: number;
}
