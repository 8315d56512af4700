import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const FINAL_REPORT_FORMATS = ['json', 'docx', 'xlsx'] as const;
export type FinalReportFormat = (typeof FINAL_REPORT_FORMATS)[number];

/** `?format=json|docx|xlsx&lang=kk|ru`: JSON by default; a document in the caller's language by default. */
export class FinalReportQueryDto {
  @ApiPropertyOptional({ enum: FINAL_REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(FINAL_REPORT_FORMATS)
  format?: FinalReportFormat;

  @ApiPropertyOptional({ enum: ['kk', 'ru'], description: "the document's language; the caller's by default" })
  @IsOptional()
  @IsIn(['kk', 'ru'])
  lang?: 'kk' | 'ru';
}
