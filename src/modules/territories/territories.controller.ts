import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../access/access.decorators';
import { TerritoryQueryDto } from './dto/territory-query.dto';
import { TerritoriesService, TerritoryView } from './territories.service';

@ApiTags('territories')
@Controller('territories')
export class TerritoriesController {
  constructor(private readonly territories: TerritoriesService) {}

  @Get()
  @Public()
  list(@Query() query: TerritoryQueryDto): Promise<TerritoryView[]> {
    return this.territories.list(query.parent);
  }
}
