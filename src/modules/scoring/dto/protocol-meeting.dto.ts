import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate } from '../../../common/validation/kz.validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value);

/** The commission meeting the protocol records, as the organizer enters it. */
export class ProtocolMeetingDto {
  @ApiProperty({ example: '7', maxLength: 40, description: "the protocol's number, as the organization numbers them" })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  number: string;

  @ApiProperty({ example: '2026-07-15', description: 'the day the commission met (local date)' })
  @IsCalendarDate()
  heldOn: string;

  @ApiProperty({ example: 'Павлодар қ., Торайғыров к-сі, 64, 2-кеңсе', maxLength: 300 })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  place: string;

  @ApiProperty({ description: 'a commission member of this competition with a person profile' })
  @IsUUID()
  chairUserId: string;

  @ApiProperty({ description: "a commission member or one of the competition's organizers, with a person profile" })
  @IsUUID()
  secretaryUserId: string;

  @ApiProperty({ type: [String], description: 'commission members present (the chair counts as present anyway)' })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  attendeeUserIds: string[];
}
