import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { NestedObject } from '../../../common/validation/nested';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** An empty form field is "not given". */
const blankIsAbsent = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

export class PrizeTextDto {
  @ApiProperty({ maxLength: 300, example: 'Ноутбук' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  kk: string;

  @ApiProperty({ maxLength: 300, example: 'Ноутбук' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  ru: string;
}

/** Records a winner's award, or changes it (then with the version read). */
export class SaveAwardDto {
  @ApiProperty({ description: 'a winner of the published selection' })
  @IsUUID()
  applicationId: string;

  @ApiPropertyOptional({ minimum: 1, description: 'where the rulebook ranks by place: 1 to the number of winners' })
  @Transform(blankIsAbsent)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  place?: number;

  @ApiPropertyOptional({ description: "a nomination code of the rulebook (the application's own when left out)" })
  @Transform(blankIsAbsent)
  @IsOptional()
  @IsString()
  @MaxLength(40)
  nomination?: string;

  @ApiProperty({ type: PrizeTextDto })
  @NestedObject(() => PrizeTextDto)
  prize: PrizeTextDto;

  @ApiPropertyOptional({ description: 'whole tenge', minimum: 0 })
  @Transform(blankIsAbsent)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000_000)
  amount?: number;

  @ApiPropertyOptional({ description: 'the version read, to change an award already recorded (a stale one is 409)' })
  @Transform(blankIsAbsent)
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}

/** The multipart handover's fields besides the scan (sent before the file). */
export class HandoverDto {
  @ApiProperty({ example: '2026-11-20', description: 'the day the prize was handed over (not in the future)' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  handedOverOn: string;
}
