import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CodedCheck } from '../../../common/validation/coded-constraint';
import { isMonth, Month } from '../domain/stipends';

/** `?month=YYYY-MM`: the month of the register; anything else is refused as MONTH_FORMAT. */
export class StipendMonthQueryDto {
  @ApiProperty({ example: '2026-07', description: 'the calendar month of the register, YYYY-MM' })
  @CodedCheck((value) => (value === undefined || value === '' ? 'REQUIRED' : isMonth(value) ? null : 'MONTH_FORMAT'))
  month: Month;
}

/** The register as XLSX: the month, and the document's language (the caller's when absent). */
export class StipendRegisterQueryDto extends StipendMonthQueryDto {
  @ApiPropertyOptional({ enum: ['kk', 'ru'], description: "the document's language; the caller's by default" })
  @IsOptional()
  @IsIn(['kk', 'ru'])
  lang?: 'kk' | 'ru';
}
