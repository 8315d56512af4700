import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsObject, Max, Min } from 'class-validator';

/** Links at a time for one project: a class, an event's participants. */
export const MAX_LINKS_PER_REQUEST = 300;

export class CreateSurveyLinksDto {
  @ApiProperty({ minimum: 1, maximum: MAX_LINKS_PER_REQUEST, description: 'how many links: one per participant' })
  @IsInt()
  @Min(1)
  @Max(MAX_LINKS_PER_REQUEST)
  count: number;
}

export class SubmitSurveyDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { overall: 5, usefulness: 4, organization: 4, liked: 'Тренингтер', improve: '' },
    description: 'question code → a whole point 1–5 (scale questions, all required) or text (optional, ≤ 2000)',
  })
  @IsObject()
  answers: Record<string, unknown>;
}
