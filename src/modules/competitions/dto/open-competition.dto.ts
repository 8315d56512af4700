import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

/** `POST /competitions/:id/open`: no body, or the organizer's confirmation of the warnings. */
export class OpenCompetitionDto {
  @ApiPropertyOptional({
    description:
      'open although the winners or the fund disagree with the districts in scope ' +
      '(the refusal lists the numbers; GET /competitions/:id/proposals shows them beforehand)',
    example: true,
  })
  @IsOptional()
  @IsBoolean()
  acknowledgeWarnings?: boolean;
}
