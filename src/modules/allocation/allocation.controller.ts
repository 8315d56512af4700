import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DrawRecord } from '../../../libs/lottery';
import { Actor, CurrentActor } from '../../common/http/actor';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember, Public } from '../access/access.decorators';
import { AllocationService } from './allocation.service';
import { CancelDrawDto, PrepareDrawDto, RunDrawDto } from './dto/draw.dto';

@ApiTags('draw')
@Controller()
export class AllocationController {
  constructor(private readonly allocation: AllocationService) {}

  @Post('competitions/:id/draw/prepare')
  @CompetitionMember(['organizer'])
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({ summary: 'Freeze the pool and publish the commitment (SHA-256 of a secret seed)' })
  prepare(
    @Param('id', uuidPipe) id: string,
    @Body() dto: PrepareDrawDto,
    @CurrentActor() actor: Actor,
  ): Promise<DrawRecord> {
    return this.allocation.prepare(id, dto, actor);
  }

  @Post('competitions/:id/draw/cancel')
  @CompetitionMember(['organizer'])
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a prepared draw with a reason; it stays visible in the record' })
  cancel(@Param('id', uuidPipe) id: string, @Body() dto: CancelDrawDto, @CurrentActor() actor: Actor) {
    return this.allocation.cancel(id, dto, actor);
  }

  @Post('competitions/:id/draw')
  @CompetitionMember(['organizer'])
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({ summary: 'Draw once: assignments computed, seed revealed; a second draw is 409' })
  run(@Param('id', uuidPipe) id: string, @Body() dto: RunDrawDto, @CurrentActor() actor: Actor): Promise<DrawRecord> {
    return this.allocation.run(id, dto, actor);
  }

  @Get('public/draws/:competitionId')
  @Public()
  @ApiOperation({ summary: 'The published draw record (LOTTERY.md), verifiable with `npm run draw:verify`' })
  record(@Param('competitionId', uuidPipe) id: string): Promise<DrawRecord> {
    return this.allocation.record(id);
  }

  @Get('public/draws/:competitionId/balance')
  @Public()
  @ApiOperation({
    summary:
      'Per arm: applications, people, shares of women / vulnerable / with disabilities, mean age, strata; standardized differences',
  })
  balance(@Param('competitionId', uuidPipe) id: string) {
    return this.allocation.balance(id);
  }
}
