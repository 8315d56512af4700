import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
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
  @ValidateNested({ each: true })
  @Type(() => ScreeningOverrideDto)
  overrides?: ScreeningOverrideDto[];
}
