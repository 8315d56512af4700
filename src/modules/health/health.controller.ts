import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor } from '../../common/http/actor';
import { Public } from '../access/access.decorators';
import { HealthReport, HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary:
      'ok, degraded (Redis or SMTP away) or down (503, the database is away); administrators also get each check',
  })
  async check(
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HealthReport | Pick<HealthReport, 'status'>> {
    const report = await this.health.check();
    if (report.status === 'down') void reply.status(503);
    // Which dependency is down, how slow it is and its error text help an attacker time an
    // attack; a load balancer needs only the status and the code.
    return actor.isAdmin ? report : { status: report.status };
  }
}
