import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class TerritoryQueryDto {
  @ApiPropertyOptional({ description: 'code of a region: its districts and cities', example: 'ZHT' })
  @IsOptional()
  @Matches(/^[A-Z0-9-]{2,20}$/)
  parent?: string;
}
