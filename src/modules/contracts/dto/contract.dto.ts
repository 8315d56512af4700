import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { squeezeSpaces } from '../../../common/validation/person-fields';

export class GenerateContractsDto {
  @ApiPropertyOptional({
    type: [String],
    description: 'the winners to generate for; every winner of the competition without a contract when absent',
  })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  applicationIds?: string[];
}

/** Optional optimistic check on every step: the contract's `version` as read; a stale one is 409. */
export class ContractActionDto {
  @ApiPropertyOptional({ description: "the contract's version as read; a stale one is refused with 409" })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class UpdateContractDto extends ContractActionDto {
  @ApiPropertyOptional({ description: "the project's first day (YYYY-MM-DD)" })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  startsOn?: string;

  @ApiPropertyOptional({ description: "the project's last day (YYYY-MM-DD); the reports are due 10 days after" })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  endsOn?: string;
}

/** Terminating, or replacing a sent contract by a new revision, says why. */
export class TerminateContractDto extends ContractActionDto {
  @ApiProperty({ minLength: 3, maxLength: 1000, description: 'why: told to the parties and kept in the audit log' })
  @Transform(squeezeSpaces)
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;
}

export class DocumentQueryDto {
  @ApiPropertyOptional({ enum: ['kk', 'ru'], description: 'the language of the document; Kazakh by default' })
  @IsOptional()
  @IsIn(['kk', 'ru'])
  lang?: 'kk' | 'ru';
}
