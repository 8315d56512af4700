import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class TerritoryQueryDto {
  @ApiPropertyOptional({
    description: 'a region: its districts and cities; Astana, Almaty or Shymkent: its city districts',
    example: 'PAV',
  })
  @IsOptional()
  @Matches(/^[A-Z0-9-]{2,20}$/)
  parent?: string;
}
