import { Body, Controller, Get, Patch, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/http/actor';
import { SignedIn } from '../access/access.decorators';
import { PersonDto, UpdateMeDto } from './dto/person.dto';
import { MeView, PeopleService } from './people.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly people: PeopleService) {}

  @Get()
  @SignedIn()
  me(@CurrentActor() actor: Actor): Promise<MeView> {
    return this.people.me(actor.userId!);
  }

  @Patch()
  @SignedIn()
  update(@Body() dto: UpdateMeDto, @CurrentActor() actor: Actor): Promise<MeView> {
    return this.people.setLocale(actor.userId!, dto.locale, actor);
  }

  @Put('person')
  @SignedIn()
  putPerson(@Body() dto: PersonDto, @CurrentActor() actor: Actor): Promise<MeView> {
    return this.people.upsertMyPerson(actor.userId!, dto, actor);
  }
}
