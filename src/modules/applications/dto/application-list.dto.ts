import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination';
import { APPLICATION_STATUSES } from '../domain/application-status';

export class ApplicationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsIn([...APPLICATION_STATUSES])
  status?: string;

  @ApiPropertyOptional({ description: 'a territory or its region' })
  @IsOptional()
  @Matches(/^[A-Z0-9-]{2,20}$/)
  territoryCode?: string;

  @ApiPropertyOptional({ description: 'number, title, applicant e-mail or full name contains' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
