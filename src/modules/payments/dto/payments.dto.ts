import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { squeezeSpaces } from '../../../common/validation/person-fields';

/** A payment made under a contract, against one tranche (API.md: `{tranche, amount, paidOn, reference}`). */
export class RecordPaymentDto {
  @ApiProperty({ minimum: 1, description: "the tranche's 1-based number in the contract's schedule" })
  @IsInt()
  @Min(1)
  tranche: number;

  @ApiProperty({ minimum: 1, description: 'integer tenge; never above what the tranche or the contract still needs' })
  @IsInt()
  @Min(1)
  amount: number;

  @ApiProperty({ example: '2026-07-15', description: 'the day the money left (YYYY-MM-DD), not after today' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  paidOn: string;

  @ApiProperty({ maxLength: 100, description: "the payment order's number" })
  @Transform(squeezeSpaces)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  reference: string;

  @ApiPropertyOptional({ description: "the schedule's `version` as read; a stale one is refused with 409" })
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}

/** Withhold a tranche, or lift the hold: why, told to the grantee and kept in the audit log. */
export class TrancheHoldDto {
  @ApiProperty({ minLength: 3, maxLength: 1000 })
  @Transform(squeezeSpaces)
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;

  @ApiProperty({ description: "the schedule's `version` as read; a stale one is refused with 409" })
  @IsInt()
  @Min(0)
  version: number;
}
