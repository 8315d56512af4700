import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsCalendarDate } from '../../../common/validation/kz.validators';
import { NestedList, NestedObject } from '../../../common/validation/nested';
import { squeezeSpaces } from '../../../common/validation/person-fields';
import { ACTIVITY_OUTCOMES, ActivityOutcome, REPORT_ATTACHMENT_KINDS } from '../domain/report-content';
import { REPORT_KINDS, REPORT_STATUSES } from '../domain/report-status';

const TEXT = 5000;
const LINE_TEXT = 1000;
/** Integer tenge: a line of a small grant never comes near a billion. */
const MAX_TENGE = 1_000_000_000;
const MAX_FIGURE = 100_000_000;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ReportActivityDto {
  @ApiProperty({ maxLength: 300, description: 'the activity (іс-шара / мероприятие)' })
  @Transform(squeezeSpaces)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiProperty({ description: 'in the approved plan (true) or done beyond it (false)' })
  @IsBoolean()
  planned: boolean;

  @ApiProperty({ enum: ACTIVITY_OUTCOMES, description: 'done, partly done, or not done (then say why in `result`)' })
  @IsIn(ACTIVITY_OUTCOMES)
  outcome: ActivityOutcome;

  @ApiPropertyOptional({ description: 'when it was held, YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  heldOn?: string | null;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @Transform(squeezeSpaces)
  @IsString()
  @MaxLength(300)
  place?: string | null;

  @ApiPropertyOptional({ minimum: 0, description: 'how many people took part' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_FIGURE)
  participants?: number | null;

  @ApiPropertyOptional({ maxLength: LINE_TEXT, description: 'what it achieved, or why it was not (fully) done' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(LINE_TEXT)
  result?: string | null;
}

export class IndicatorValueDto {
  @ApiProperty({ description: "one of the contract's indicators (`reporting.indicators[].code`)" })
  @IsString()
  @MaxLength(40)
  code: string;

  @ApiProperty({ minimum: 0, description: 'planned value' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_FIGURE)
  plan: number;

  @ApiProperty({ minimum: 0, description: 'achieved value' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_FIGURE)
  fact: number;

  @ApiPropertyOptional({ maxLength: LINE_TEXT, description: 'why the fact differs from the plan' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(LINE_TEXT)
  comment?: string | null;
}

export class BeneficiariesDto {
  @ApiProperty({ minimum: 0, description: 'direct beneficiaries (people)' })
  @IsInt()
  @Min(0)
  direct: number;

  @ApiProperty({ minimum: 0, description: 'indirect beneficiaries (e.g. reached through the media)' })
  @IsInt()
  @Min(0)
  indirect: number;
}

export class SpentLineDto {
  @ApiProperty({ minimum: 0, description: "the approved budget's line, 0-based (`budget[line]` of the contract)" })
  @IsInt()
  @Min(0)
  line: number;

  @ApiProperty({ minimum: 0, description: 'spent on the line in this period, integer tenge' })
  @IsInt()
  @Min(0)
  @Max(MAX_TENGE)
  spent: number;

  @ApiPropertyOptional({
    maxLength: LINE_TEXT,
    description: "why the line is over its approved sum beyond the rulebook's tolerance (needed to submit then)",
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(LINE_TEXT)
  justification?: string | null;
}

export class SectionAnswerDto {
  @ApiProperty({ description: 'the section the organizer commented on' })
  @IsString()
  @MaxLength(40)
  section: string;

  @ApiProperty({ maxLength: LINE_TEXT, description: "the grantee's answer, shown beside the comment" })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(LINE_TEXT)
  answer: string;
}

/**
 * The whole content of a report (PUT replaces it): the programmatic report's fields or the
 * financial report's, never both; the `version` as read (a stale one is 409).
 */
export class SaveReportDto {
  @ApiProperty({ description: "the report's version as read; a stale one is refused with 409" })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ maxLength: TEXT, description: 'programmatic: what was done, in a few paragraphs' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(TEXT)
  summary?: string | null;

  @ApiPropertyOptional({ type: [ReportActivityDto], description: 'programmatic: activities planned and done' })
  @IsOptional()
  @NestedList(() => ReportActivityDto)
  @ArrayMaxSize(100)
  activities?: ReportActivityDto[];

  @ApiPropertyOptional({
    type: [IndicatorValueDto],
    description: "programmatic: the rulebook's indicators, plan and fact",
  })
  @IsOptional()
  @NestedList(() => IndicatorValueDto)
  @ArrayMaxSize(30)
  indicators?: IndicatorValueDto[];

  @ApiPropertyOptional({ maxLength: TEXT, description: 'programmatic: deviations from the plan and why' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(TEXT)
  deviations?: string | null;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object' },
    description:
      'programmatic: the participants, each `{kind: "person", iin?, fullName?, gender?, birthDate?, facts?}` (with an ' +
      'IIN the birth date, age band and gender come from it) or `{kind: "count", count, gender, ageBand, category}`; ' +
      'checked and stored by the final report (report_participants), a broken row is VALIDATION_FAILED at ' +
      '`participants[i].field`',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  participants?: unknown[];

  @ApiPropertyOptional({ type: BeneficiariesDto, description: 'programmatic: direct and indirect beneficiaries' })
  @IsOptional()
  @NestedObject(() => BeneficiariesDto)
  beneficiaries?: BeneficiariesDto;

  @ApiPropertyOptional({
    type: [SpentLineDto],
    description: 'financial: spent this period per approved budget line (a line not listed spent nothing)',
  })
  @IsOptional()
  @NestedList(() => SpentLineDto)
  @ArrayMaxSize(200)
  lines?: SpentLineDto[];

  @ApiPropertyOptional({
    type: [SectionAnswerDto],
    description: "answers to the organizer's comments of the last return, per section",
  })
  @IsOptional()
  @NestedList(() => SectionAnswerDto)
  @ArrayMaxSize(20)
  answers?: SectionAnswerDto[];
}

/** Submit, accept: the report's version as read (optional); a stale one is 409. */
export class ReportActionDto {
  @ApiPropertyOptional({ description: "the report's version as read; a stale one is refused with 409" })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class SectionCommentDto {
  @ApiProperty({
    description:
      'programmatic: summary, activities, indicators, participants, beneficiaries, attachments; financial: lines, ' +
      'receipts, justifications, attachments',
  })
  @IsString()
  @MaxLength(40)
  section: string;

  @ApiProperty({ maxLength: LINE_TEXT })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(LINE_TEXT)
  comment: string;
}

export class ReturnReportDto extends ReportActionDto {
  @ApiPropertyOptional({ maxLength: TEXT, description: 'what to change, in general (or comment per section)' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(TEXT)
  comment?: string;

  @ApiPropertyOptional({ type: [SectionCommentDto], description: 'comments per section, answered in the resubmission' })
  @IsOptional()
  @NestedList(() => SectionCommentDto)
  @ArrayMaxSize(20)
  sections?: SectionCommentDto[];
}

export class ChangeDueDateDto extends ReportActionDto {
  @ApiProperty({ description: 'the new due date, YYYY-MM-DD (in the competition’s zone)' })
  @IsCalendarDate()
  dueOn: string;

  @ApiProperty({
    minLength: 3,
    maxLength: LINE_TEXT,
    description: 'why: told to the grantee and kept in the audit log',
  })
  @Transform(squeezeSpaces)
  @IsString()
  @MinLength(3)
  @MaxLength(LINE_TEXT)
  reason: string;
}

export class AllowLateDto extends ReportActionDto {
  @ApiProperty({ description: 'a first submission is accepted until this day, YYYY-MM-DD; after the due date' })
  @IsCalendarDate()
  until: string;

  @ApiProperty({
    minLength: 3,
    maxLength: LINE_TEXT,
    description: 'why: told to the grantee and kept in the audit log',
  })
  @Transform(squeezeSpaces)
  @IsString()
  @MinLength(3)
  @MaxLength(LINE_TEXT)
  reason: string;
}

export class AttachmentFieldsDto {
  @ApiProperty({ enum: REPORT_ATTACHMENT_KINDS })
  @IsIn(REPORT_ATTACHMENT_KINDS)
  kind: (typeof REPORT_ATTACHMENT_KINDS)[number];

  @ApiPropertyOptional({ description: 'receipts: the approved budget line (0-based) it proves' })
  @IsOptional()
  @IsInt()
  @Min(0)
  budgetLine?: number;
}

export class CompetitionReportsQueryDto {
  @ApiPropertyOptional({ enum: REPORT_STATUSES })
  @IsOptional()
  @IsIn(REPORT_STATUSES)
  status?: (typeof REPORT_STATUSES)[number];

  @ApiPropertyOptional({ enum: REPORT_KINDS })
  @IsOptional()
  @IsIn(REPORT_KINDS)
  kind?: (typeof REPORT_KINDS)[number];

  @ApiPropertyOptional({ description: 'only reports past their due date and not submitted (true)' })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}
