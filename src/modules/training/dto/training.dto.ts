import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsCalendarDate, IsIin } from '../../../common/validation/kz.validators';

/** A session's length in minutes: a quarter of an hour to a working day. */
export const SESSION_MINUTES = { min: 15, max: 600 } as const;

export class CreateTrainingSessionDto {
  @ApiProperty({ example: '2026-07-14', description: 'the day of the session (a planned one may be ahead)' })
  @IsCalendarDate()
  heldOn: string;

  @ApiProperty({ minimum: SESSION_MINUTES.min, maximum: SESSION_MINUTES.max, description: 'duration in minutes' })
  @IsInt()
  @Min(SESSION_MINUTES.min)
  @Max(SESSION_MINUTES.max)
  minutes: number;

  @ApiProperty({ minLength: 3, maxLength: 300, description: 'the topic, as the organizer writes it (kk or ru)' })
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  topic: string;

  @ApiProperty({ description: 'held online (then `place` may name the platform)' })
  @IsBoolean()
  online: boolean;

  @ApiPropertyOptional({ maxLength: 300, description: 'the address; required unless online' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  place?: string;
}

export class MarkAttendanceDto {
  @ApiProperty({
    type: [String],
    description:
      'IINs of everyone present: members of teams whose arm includes training. The whole list: whoever is left out is marked absent',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsIin({ each: true })
  attendeeIins: string[];

  @ApiProperty({ description: "the session's version as read; a stale one is refused with 409" })
  @IsInt()
  @Min(1)
  version: number;
}
