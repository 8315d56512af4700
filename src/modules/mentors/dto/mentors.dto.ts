import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsCalendarDate, IsIin } from '../../../common/validation/kz.validators';
import { MEETING_MINUTES } from '../domain/mentoring-rules';

export class AssignMentorDto {
  @ApiProperty({ description: 'the mentor: an invited mentor of the competition, or a winner of a mentor selection' })
  @IsUUID('4')
  mentorUserId: string;

  @ApiProperty({
    type: [String],
    description: 'every team of this mentor in this competition (arms A and C); an empty list frees the mentor here',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('4', { each: true })
  applicationIds: string[];
}

export class LogMeetingDto {
  @ApiProperty({ example: '2026-03-14', description: 'the day of the meeting, not after today (competition zone)' })
  @IsCalendarDate()
  heldOn: string;

  @ApiProperty({ minimum: MEETING_MINUTES.min, maximum: MEETING_MINUTES.max, description: 'duration in minutes' })
  @IsInt()
  @Min(MEETING_MINUTES.min)
  @Max(MEETING_MINUTES.max)
  minutes: number;

  @ApiProperty({ minLength: 3, maxLength: 300 })
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  topic: string;

  @ApiProperty({ type: [String], description: 'IINs of the team members present' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsIin({ each: true })
  attendeeIins: string[];
}

export class MonthQueryDto {
  @ApiPropertyOptional({ example: '2026-03', description: 'a calendar month; this month by default' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/)
  month?: string;
}
