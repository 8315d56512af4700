import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Get, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import { AppException, CommonErrorCode, ValidationFailedException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { SignedIn } from '../../modules/access/access.decorators';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import {
  IdempotencyClaim,
  IdempotencyService,
  IdempotencyTicket,
  requestHash,
} from '../../modules/idempotency/idempotency.service';
import { RecordPaymentDto, TrancheHoldDto } from '../../modules/payments/dto/payments.dto';
import { PaymentsService } from '../../modules/payments/payments.service';
import { FormErrors, formErrorsFrom } from '../core/forms';
import type { PageContext } from '../core/page-context';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../core/web-request';
import { HoldForm, PaymentForm, PaymentsPage, paymentsPath } from './payments-views';

const T = 'pages.payments.';
const NOTICES = ['recorded', 'withheld', 'lifted'] as const;
/** The form's hidden one-time key: a UUID made when the page was rendered. */
const FORM_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How long a repeat (a double click) waits for the first post to finish. */
const WAIT_FOR_FIRST_MS = 20_000;

/** `300 000`, `300000 ₸`: whole tenge as typed; anything else goes as typed for the DTO to refuse. */
function tengeOrText(value: string): number | string | undefined {
  const compact = value.replace(/[\s\u00a0\u202f₸]/g, '');
  if (compact === '') return undefined;
  return /^\d{1,12}$/.test(compact) ? Number(compact) : value;
}

function intOrText(value: string): number | string {
  return /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : value;
}

function statusOf(error: unknown): number {
  return error instanceof AppException && error.status < 500 ? error.status : 400;
}

/**
 * Payments pages (issue 16): `/contracts/:id/payments` shows the parties the schedule — each
 * tranche planned, paid, remaining, its status and why — with the payments made; the
 * organizer records a payment (once per form, even on a double click) and withholds or lifts
 * a tranche with a reason. The same PaymentsService, DTOs and access as the API: another
 * person's contract is "not found".
 */
@WebController()
export class PaymentsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly payments: PaymentsService,
    private readonly competitions: CompetitionsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Get('contracts/:id/payments')
  @SignedIn()
  async show(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const text = NOTICES.includes(notice as never) ? ctx.t(`${T}notice_${notice}`) : null;
    await this.render(request, reply, ctx, id, { notice: text });
  }

  @Post('contracts/:id/payments')
  @SignedIn()
  async record(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const body = request.body as FormBody;
    const form: PaymentForm = {
      tranche: field(body, 'tranche'),
      amount: field(body, 'amount'),
      paidOn: field(body, 'paidOn'),
      reference: field(body, 'reference'),
    };
    const actor = this.pages.actor(request);
    try {
      const formKey = field(body, 'formKey');
      if (!FORM_KEY.test(formKey)) throw new ValidationFailedException([{ field: '', code: 'FORM_EXPIRED' }]);
      const version = field(body, 'version');
      const dto = await validateInput(RecordPaymentDto, {
        tranche: intOrText(form.tranche),
        amount: tengeOrText(form.amount),
        paidOn: form.paidOn || undefined,
        reference: form.reference,
        version: version === '' ? undefined : intOrText(version),
      });
      await this.recordOnce(id, dto, formKey, actor);
      this.pages.redirect(reply, `${paymentsPath(id)}?notice=recorded`);
    } catch (error) {
      if (error instanceof AppException && error.status === 404) throw error;
      const ctx = this.pages.context(request, reply);
      const errors = this.errorsOf(error, ctx);
      await this.render(request, reply, ctx, id, { errors, form }, statusOf(error));
    }
  }

  @Post('contracts/:id/payments/tranches/:tranche/withhold')
  @SignedIn()
  withhold(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Param('tranche', ParseIntPipe) tranche: number,
  ): Promise<void> {
    return this.hold(request, reply, id, tranche, 'withhold');
  }

  @Post('contracts/:id/payments/tranches/:tranche/lift')
  @SignedIn()
  lift(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Param('tranche', ParseIntPipe) tranche: number,
  ): Promise<void> {
    return this.hold(request, reply, id, tranche, 'lift');
  }

  private async hold(
    request: WebRequest,
    reply: WebReply,
    id: string,
    tranche: number,
    action: 'withhold' | 'lift',
  ): Promise<void> {
    const body = request.body as FormBody;
    const reason = field(body, 'reason');
    const actor = this.pages.actor(request);
    try {
      const dto = await validateInput(TrancheHoldDto, { reason, version: intOrText(field(body, 'version')) });
      if (action === 'withhold') await this.payments.withhold(id, tranche, dto, actor);
      else await this.payments.lift(id, tranche, dto, actor);
      this.pages.redirect(reply, `${paymentsPath(id)}?notice=${action === 'withhold' ? 'withheld' : 'lifted'}`);
    } catch (error) {
      if (error instanceof AppException && error.status === 404) throw error;
      const ctx = this.pages.context(request, reply);
      const name = `${action}-${tranche}`;
      const errors =
        error instanceof AppException && error.code === CommonErrorCode.VERSION_CONFLICT
          ? new FormErrors([{ field: '', message: ctx.t(`${T}conflict`) }])
          : formErrorsFrom(error, ctx, (f) => (f === 'reason' ? name : null));
      const failedHold: HoldForm = { tranche, action, reason };
      await this.render(request, reply, ctx, id, { errors, failedHold }, statusOf(error));
    }
  }

  /**
   * One payment per form, as the API's Idempotency-Key gives: the form's key is claimed for
   * this person and the payment stores its answer in its own transaction; a repeat of the same
   * post (a double click) waits for the first and finds it done, recording nothing more.
   */
  private async recordOnce(id: string, dto: RecordPaymentDto, formKey: string, actor: Actor): Promise<void> {
    const userId = actor.userId!;
    const key = `web-payment:${formKey.toLowerCase()}`;
    const hash = requestHash('POST', 'web:/contracts/:id/payments', { id, ...dto });
    const claim = await this.claimWaiting(userId, key, hash);
    if (claim.kind === 'replay') {
      if (claim.status >= 400) {
        const b = (claim.body ?? {}) as { code?: string; params?: Record<string, string | number>; details?: [] };
        throw new AppException(claim.status, b.code ?? CommonErrorCode.CONFLICT, b.params ?? {}, b.details ?? []);
      }
      return;
    }
    const ticket: IdempotencyTicket = { userId, key, successStatus: 201, completedInTransaction: false };
    try {
      await this.payments.record(id, dto, actor, ticket);
    } catch (error) {
      const settle =
        error instanceof AppException && error.status < 500
          ? this.idempotency.complete(userId, key, error.status, {
              code: error.code,
              params: error.params,
              details: error.details,
            })
          : this.idempotency.release(userId, key);
      await settle.catch(() => undefined);
      throw error;
    }
  }

  private async claimWaiting(userId: string, key: string, hash: string): Promise<IdempotencyClaim> {
    const giveUpAt = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      try {
        return await this.idempotency.claim(userId, key, hash);
      } catch (error) {
        const running = error instanceof AppException && error.code === CommonErrorCode.IDEMPOTENCY_IN_FLIGHT;
        if (!running || Date.now() > giveUpAt) throw error;
        await sleep(50);
      }
    }
  }

  private errorsOf(error: unknown, ctx: PageContext): FormErrors {
    if (error instanceof AppException && error.code === CommonErrorCode.VERSION_CONFLICT)
      return new FormErrors([{ field: '', message: ctx.t(`${T}conflict`) }]);
    if (error instanceof AppException && error.details.some((d) => d.code === 'FORM_EXPIRED'))
      return new FormErrors([{ field: '', message: ctx.t(`${T}form_expired`) }]);
    const known = ['tranche', 'amount', 'paidOn', 'reference'];
    return formErrorsFrom(error, ctx, (f) => (known.includes(f) ? f : null));
  }

  private async render(
    request: WebRequest,
    reply: WebReply,
    ctx: PageContext,
    id: string,
    extra: { notice?: string | null; errors?: FormErrors; form?: PaymentForm; failedHold?: HoldForm },
    status = 200,
  ): Promise<void> {
    const schedule = await this.payments.schedule(id, this.pages.actor(request));
    const competition = await this.competitions.find(schedule.competitionId);
    const title = competition ? (ctx.locale === 'ru' ? competition.titleRu : competition.titleKk) : '';
    this.pages.render(
      reply,
      <PaymentsPage ctx={ctx} schedule={schedule} title={{ competition: title }} formKey={randomUUID()} {...extra} />,
      status,
    );
  }
}
