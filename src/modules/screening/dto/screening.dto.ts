import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { NestedList } from '../../../common/validation/nested';
import { SCREENING_RULES } from '../domain/screening-rules';

export class ScreeningOverrideDto {
  @ApiProperty({ enum: SCREENING_RULES })
  @IsIn(SCREENING_RULES)
  rule: string;

  @ApiProperty()
  @IsBoolean()
  passed: boolean;

  @ApiProperty({ maxLength: 2000, description: 'why the automatic verdict is overridden' })
  @IsString()
  @MaxLength(2000)
  comment: string;
}

export class ScreeningDecisionDto {
  @ApiProperty({ enum: ['screened_in', 'screened_out'] })
  @IsIn(['screened_in', 'screened_out'])
  decision: 'screened_in' | 'screened_out';

  @ApiPropertyOptional({ maxLength: 2000, description: 'shown to the applicant' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({ type: [ScreeningOverrideDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @NestedList(() => ScreeningOverrideDto)
  overrides?: ScreeningOverrideDto[];
}

/** Either `{accept: 'passing'}` or `{applicationIds, decision}`. */
export class BulkScreeningDecisionDto {
  @ApiPropertyOptional({
    enum: ['passing'],
    description: 'screen in every application whose checklist passes and that has no decision yet',
  })
  @IsOptional()
  @IsIn(['passing'])
  accept?: 'passing';

  @ApiPropertyOptional({ type: [String], description: 'with `decision`: the applications to decide' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  applicationIds?: string[];

  @ApiPropertyOptional({ enum: ['screened_in', 'screened_out'] })
  @IsOptional()
  @IsIn(['screened_in', 'screened_out'])
  decision?: 'screened_in' | 'screened_out';

  @ApiPropertyOptional({ maxLength: 2000, description: 'shown to each applicant' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
