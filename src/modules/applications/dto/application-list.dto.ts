import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination';

export class ApplicationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsIn([
    'draft',
    'submitted',
    'withdrawn',
    'screened_in',
    'screened_out',
    'scored',
    'shortlisted',
    'not_selected',
    'allocated',
    'winner',
    'contracted',
    'reporting',
    'completed',
    'terminated',
  ])
  status?: string;

  @ApiPropertyOptional({ description: 'a territory or its region' })
  @IsOptional()
  @Matches(/^[A-Z0-9-]{2,20}$/)
  territoryCode?: string;

  @ApiPropertyOptional({ description: 'number, title or applicant e-mail contains' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
