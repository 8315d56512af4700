import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/http/actor';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { SignedIn } from '../access/access.decorators';
import { IdempotencyInterceptor, IdempotencyTicketOf } from '../idempotency/idempotency.interceptor';
import type { IdempotencyTicket } from '../idempotency/idempotency.service';
import { RecordPaymentDto, TrancheHoldDto } from './dto/payments.dto';
import { PaymentSchedule, PaymentsService, RecordedPayment } from './payments.service';

@ApiTags('payments')
@ApiBearerAuth()
@Controller()
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Get('contracts/:id/payments')
  @SignedIn()
  @ApiOperation({
    summary:
      "A contract's payment schedule: per tranche the planned sum, paid, remaining and status (not_yet, waiting — why, withheld — the reason, due, partly_paid, paid) with its payments; totals. For the organizers and the grantee's people (404 for others)",
  })
  schedule(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<PaymentSchedule> {
    return this.payments.schedule(id, actor);
  }

  @Post('contracts/:id/payments')
  @SignedIn()
  @UseInterceptors(IdempotencyInterceptor)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'same key and body → one payment, same answer' })
  @ApiOperation({
    summary:
      'An organizer records a payment against a tranche of an active contract: never for a tranche that waits for reports or is withheld, never above its remaining sum; the database refuses a total above the contract sum',
  })
  record(
    @Param('id', uuidPipe) id: string,
    @Body() dto: RecordPaymentDto,
    @CurrentActor() actor: Actor,
    @IdempotencyTicketOf() ticket?: IdempotencyTicket,
  ): Promise<RecordedPayment> {
    return this.payments.record(id, dto, actor, ticket);
  }

  @Post('contracts/:id/payments/tranches/:tranche/withhold')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: 'An organizer withholds a tranche, with a reason told to the grantee' })
  withhold(
    @Param('id', uuidPipe) id: string,
    @Param('tranche', ParseIntPipe) tranche: number,
    @Body() dto: TrancheHoldDto,
    @CurrentActor() actor: Actor,
  ): Promise<PaymentSchedule> {
    return this.payments.withhold(id, tranche, dto, actor);
  }

  @Post('contracts/:id/payments/tranches/:tranche/lift')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: "An organizer lifts a tranche's hold, with a reason told to the grantee" })
  lift(
    @Param('id', uuidPipe) id: string,
    @Param('tranche', ParseIntPipe) tranche: number,
    @Body() dto: TrancheHoldDto,
    @CurrentActor() actor: Actor,
  ): Promise<PaymentSchedule> {
    return this.payments.lift(id, tranche, dto, actor);
  }
}
