import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/http/actor';
import { SignedIn } from '../access/access.decorators';
import { AddRepresentativeDto, CreateOrganizationDto, UpdateOrganizationDto } from './dto/organization.dto';
import { OrganizationsService, OrganizationView } from './organizations.service';
import { uuidPipe } from '../../common/validation/uuid.pipe';

const me = (a: Actor) => ({ id: a.userId!, isAdmin: a.isAdmin });

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @SignedIn()
  create(@Body() dto: CreateOrganizationDto, @CurrentActor() actor: Actor): Promise<OrganizationView> {
    return this.organizations.create(dto, actor);
  }

  @Get(':id')
  @SignedIn()
  get(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<OrganizationView> {
    return this.organizations.get(id, me(actor));
  }

  @Patch(':id')
  @SignedIn()
  update(
    @Param('id', uuidPipe) id: string,
    @Body() dto: UpdateOrganizationDto,
    @CurrentActor() actor: Actor,
  ): Promise<OrganizationView> {
    return this.organizations.update(id, dto, me(actor), actor);
  }

  @Post(':id/representatives')
  @SignedIn()
  addRepresentative(
    @Param('id', uuidPipe) id: string,
    @Body() dto: AddRepresentativeDto,
    @CurrentActor() actor: Actor,
  ): Promise<OrganizationView> {
    return this.organizations.addRepresentative(id, dto, me(actor), actor);
  }
}
