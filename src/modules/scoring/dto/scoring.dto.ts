import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { NestedList } from '../../../common/validation/nested';

export class DeclareConflictDto {
  @ApiProperty()
  @IsUUID('4')
  applicationId: string;

  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;
}

export class ResolveSuggestionDto {
  @ApiProperty()
  @IsUUID('4')
  applicationId: string;

  @ApiProperty({ description: 'true: it is a conflict; false: dismiss the suggestion' })
  @IsBoolean()
  confirm: boolean;

  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;
}

export class AssignDto {
  @ApiPropertyOptional({
    description: 'scores per application; without it every member scores every application',
    minimum: 1,
    maximum: 50,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  quorum?: number;
}

export class CriterionScoreDto {
  @ApiProperty()
  @Matches(/^[a-z0-9_]{1,60}$/)
  criterion: string;

  @ApiProperty()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  points: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class PutScoresDto {
  @ApiProperty({ type: [CriterionScoreDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @NestedList(() => CriterionScoreDto)
  scores: CriterionScoreDto[];

  @ApiProperty({ description: '0 for the first save, then the version you read; a stale one gets 409' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  version: number;
}

export class CloseScoringDto {
  @ApiPropertyOptional({ description: 'close although some applications are below quorum' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
