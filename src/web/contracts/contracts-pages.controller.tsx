import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { AppException, CommonErrorCode, NotFoundAppException } from '../../common/errors/app.exception';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember, SignedIn } from '../../modules/access/access.decorators';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import { ContractsService } from '../../modules/contracts/contracts.service';
import {
  ContractActionDto,
  GenerateContractsDto,
  TerminateContractDto,
  UpdateContractDto,
} from '../../modules/contracts/dto/contract.dto';
import { FormErrors, formErrorsFrom } from '../core/forms';
import type { PageContext } from '../core/page-context';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../core/web-request';
import { ContractListPage, ContractPage, contractPath, listPath, NoContractPage, ReasonForm } from './contracts-views';
import { sendDocument, sendStoredFile } from '../../modules/files/download';

const T = 'pages.contracts.';
const LIST_NOTICES = ['sent', 'countersigned', 'terminated', 'revised'] as const;
const CONTRACT_NOTICES = ['signed', 'dates'] as const;

function statusOf(error: unknown): number {
  return error instanceof AppException && error.status < 500 ? error.status : 400;
}

/** Busboy's own errors carry no code: a broken multipart body is the client's (400). */
function brokenMultipart(error: unknown): unknown {
  if (error instanceof AppException || (error instanceof Error && 'code' in error)) return error;
  return new AppException(400, CommonErrorCode.MALFORMED_MULTIPART);
}

/**
 * Contract pages: the organizer generates, sends, countersigns, revises and terminates on
 * the competition's contracts page; the grantee (and the organizers) read a contract,
 * download it in kk or ru, and the grantee uploads the signed copy. The same
 * ContractsService, DTOs and access rules as the API; another person's contract is "not found".
 */
@WebController()
export class ContractsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly contracts: ContractsService,
    private readonly competitions: CompetitionsService,
  ) {}

  // --- organizer ------------------------------------------------------------------------

  @Get('organizer/competitions/:id/contracts')
  @CompetitionMember(['organizer'])
  async list(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') notice?: string,
    @Query('created') created?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    let text: string | null = null;
    if (notice === 'generated') text = ctx.t(`${T}notice_generated`, { count: Number(created) || 0 });
    else if (LIST_NOTICES.includes(notice as never)) text = ctx.t(`${T}notice_${notice}`);
    await this.renderList(request, reply, ctx, id, { notice: text });
  }

  @Post('organizer/competitions/:id/contracts/generate')
  @CompetitionMember(['organizer'])
  async generate(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    const ctx = this.pages.context(request, reply);
    try {
      const dto = await validateInput(GenerateContractsDto, {});
      const result = await this.contracts.generate(id, dto, this.pages.actor(request));
      return this.pages.redirect(reply, `${listPath(id)}?notice=generated&created=${result.created}`);
    } catch (error) {
      const errors = formErrorsFrom(error, ctx, () => null);
      await this.renderList(request, reply, ctx, id, { errors }, statusOf(error));
    }
  }

  @Post('organizer/competitions/:id/contracts/:contractId/send')
  @CompetitionMember(['organizer'])
  send(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Param('contractId', uuidPipe) contractId: string,
  ) {
    return this.step(request, reply, id, contractId, 'sent', async (actor) =>
      this.contracts.send(contractId, await validateInput(ContractActionDto, {}), actor),
    );
  }

  @Post('organizer/competitions/:id/contracts/:contractId/countersign')
  @CompetitionMember(['organizer'])
  countersign(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Param('contractId', uuidPipe) contractId: string,
  ) {
    return this.step(request, reply, id, contractId, 'countersigned', async (actor) =>
      this.contracts.countersign(contractId, await validateInput(ContractActionDto, {}), actor),
    );
  }

  @Post('organizer/competitions/:id/contracts/:contractId/terminate')
  @CompetitionMember(['organizer'])
  terminate(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Param('contractId', uuidPipe) contractId: string,
  ) {
    const reason = field(request.body as FormBody, 'reason');
    return this.step(
      request,
      reply,
      id,
      contractId,
      'terminated',
      async (actor) =>
        this.contracts.terminate(contractId, await validateInput(TerminateContractDto, { reason }), actor),
      { contractId, action: 'terminate', reason },
    );
  }

  @Post('organizer/competitions/:id/contracts/:contractId/revise')
  @CompetitionMember(['organizer'])
  revise(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Param('contractId', uuidPipe) contractId: string,
  ) {
    const reason = field(request.body as FormBody, 'reason');
    return this.step(
      request,
      reply,
      id,
      contractId,
      'revised',
      async (actor) => this.contracts.revise(contractId, await validateInput(TerminateContractDto, { reason }), actor),
      { contractId, action: 'revise', reason },
    );
  }

  /**
   * One organizer step on one contract of this competition: done → back to the list with a
   * notice; refused → the list again with the service's message (beside the reason field
   * when it was about the reason), the typed reason kept, and the service's status.
   */
  private async step(
    request: WebRequest,
    reply: WebReply,
    competitionId: string,
    contractId: string,
    notice: (typeof LIST_NOTICES)[number],
    run: (actor: ReturnType<WebPages['actor']>) => Promise<unknown>,
    failed?: ReasonForm,
  ): Promise<void> {
    const actor = this.pages.actor(request);
    const ctx = this.pages.context(request, reply);
    // A contract of another competition is "not found" here, whatever else the organizer runs.
    const contract = await this.contracts.get(contractId, actor);
    if (contract.competitionId !== competitionId || contract.role !== 'organizer')
      throw new NotFoundAppException('contract');
    try {
      await run(actor);
      return this.pages.redirect(reply, `${listPath(competitionId)}?notice=${notice}`);
    } catch (error) {
      const at = failed ? `${failed.action}-${contractId}` : '';
      const errors = formErrorsFrom(error, ctx, (f) => (f === 'reason' ? at : null));
      await this.renderList(request, reply, ctx, competitionId, { errors, failed }, statusOf(error));
    }
  }

  private async renderList(
    request: WebRequest,
    reply: WebReply,
    ctx: PageContext,
    competitionId: string,
    extra: { notice?: string | null; errors?: FormErrors; failed?: ReasonForm },
    status = 200,
  ): Promise<void> {
    const actor = this.pages.actor(request);
    const competition = await this.competitions.find(competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    const contracts = await this.contracts.list(competitionId, actor);
    const title = ctx.locale === 'ru' ? competition.titleRu : competition.titleKk;
    this.pages.render(
      reply,
      <ContractListPage ctx={ctx} competition={{ id: competitionId, title }} contracts={contracts} {...extra} />,
      status,
    );
  }

  // --- the parties ----------------------------------------------------------------------

  @Get('contracts/:id')
  @SignedIn()
  async show(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const contract = await this.contracts.get(id, this.pages.actor(request));
    const text = CONTRACT_NOTICES.includes(notice as never) ? ctx.t(`${T}notice_${notice}`) : null;
    this.pages.render(reply, <ContractPage ctx={ctx} contract={contract} notice={text} />);
  }

  @Get('contracts/:id/document.docx')
  @SignedIn()
  async document(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('lang') lang?: string,
  ): Promise<void> {
    const locale = lang === 'ru' ? 'ru' : 'kk';
    const { buffer, fileName } = await this.contracts.document(id, locale, this.pages.actor(request));
    sendDocument(reply, { kind: 'docx', fileName, body: buffer, cache: 'private' });
  }

  @Get('contracts/:id/signed-copy')
  @SignedIn()
  async signedCopy(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    const file = await this.contracts.signedCopy(id, this.pages.actor(request));
    sendStoredFile(reply, file);
  }

  /** A draft's dates (organizer): saved → the contract page with a notice; refused → beside the dates, as typed. */
  @Post('contracts/:id/dates')
  @SignedIn()
  async dates(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const actor = this.pages.actor(request);
    const body = request.body as FormBody;
    const typed = { startsOn: field(body, 'startsOn'), endsOn: field(body, 'endsOn') };
    try {
      const version = Number(field(body, 'version'));
      const dto = await validateInput(UpdateContractDto, {
        startsOn: typed.startsOn,
        endsOn: typed.endsOn,
        ...(Number.isInteger(version) && version > 0 ? { version } : {}),
      });
      await this.contracts.update(id, dto, actor);
      this.pages.redirect(reply, `${contractPath(id)}?notice=dates`);
    } catch (error) {
      if (error instanceof AppException && error.status === 404) throw error;
      const ctx = this.pages.context(request, reply);
      const contract = await this.contracts.get(id, actor);
      const ordered = error instanceof AppException && error.code === 'CONTRACT_DATES_ORDER';
      let errors = formErrorsFrom(error, ctx, (f) => (f === 'startsOn' || f === 'endsOn' ? f : null));
      if (ordered) errors = new FormErrors(errors.items.map((e) => ({ ...e, field: 'endsOn' })));
      this.pages.render(
        reply,
        <ContractPage ctx={ctx} contract={contract} errors={errors} typedDates={typed} />,
        statusOf(error),
      );
    }
  }

  /** Multipart: the CSRF token came in the query (the guard read it); the file in `file`. */
  @Post('contracts/:id/signed-copy')
  @SignedIn()
  async upload(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const actor = this.pages.actor(request);
    try {
      const part = await request.file().catch((error: unknown) => {
        throw brokenMultipart(error);
      });
      if (!part || !part.filename) {
        part?.file.resume();
        throw new AppException(400, CommonErrorCode.VALIDATION_FAILED, {}, [{ field: 'file', code: 'REQUIRED' }]);
      }
      await this.contracts
        .uploadSignedCopy(id, { originalName: part.filename, stream: part.file }, actor)
        .catch((error: unknown) => {
          part.file.resume();
          throw error === part.file.errored ? brokenMultipart(error) : error;
        });
      this.pages.redirect(reply, `${contractPath(id)}?notice=signed`);
    } catch (error) {
      // Another's contract, or none: the "not found" page, never a form.
      if (error instanceof AppException && error.status === 404) throw error;
      const ctx = this.pages.context(request, reply);
      const contract = await this.contracts.get(id, actor);
      // Beside the file input while there is one (the contract awaits the signature); else for the whole page.
      const at = contract.role === 'grantee' && contract.status === 'sent' ? 'file' : '';
      let errors = new FormErrors(formErrorsFrom(error, ctx, () => at).items.map((e) => ({ ...e, field: at })));
      if (error instanceof AppException && error.details.some((d) => d.field === 'file' && d.code === 'REQUIRED'))
        errors = new FormErrors([{ field: at, message: ctx.t(`${T}choose_file`) }]);
      this.pages.render(reply, <ContractPage ctx={ctx} contract={contract} errors={errors} />, statusOf(error));
    }
  }

  /** From the applicant's application page: its contract, or a page saying there is none yet. */
  @Get('applications/:id/contract')
  @SignedIn()
  async ofApplication(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    const ctx = this.pages.context(request, reply);
    const contract = await this.contracts.forApplication(id, this.pages.actor(request));
    if (contract) return this.pages.redirect(reply, contractPath(contract.id));
    this.pages.render(reply, <NoContractPage ctx={ctx} applicationId={id} />);
  }
}
