import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { AppException, CommonErrorCode, ValidationFailedException } from '../../common/errors/app.exception';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { SignedIn } from '../../modules/access/access.decorators';
import { ApplicationsService } from '../../modules/applications/applications.service';
import { AttachmentsService } from '../../modules/applications/use-cases/attachments/attachments.service';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import { FILE_KINDS, type DocumentRequirement } from '../../modules/competitions/domain/rulebook.types';
import { FilesErrorCode, FilesException } from '../../modules/files/files.exception';
import {
  DEFAULT_MAX_APPLICATION_BYTES,
  DEFAULT_MAX_FILE_BYTES,
  toMegabytes,
} from '../../modules/files/files.exception';
import { fieldId, FormErrors, formErrorsFrom, NO_ERRORS, PostForm } from '../core/forms';
import type { PageContext } from '../core/page-context';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import type { WebReply, WebRequest } from '../core/web-request';
import { ApplicationPage, ApplicationStepPage, isDraft, loadApplicationPage, stepPath } from './application-shell';
import { VIEWABLE_KINDS } from '../../modules/files/content-disposition.util';
import { downloadPath, fileKindName, fileSize, localized } from './application-read-only';
import { sendStoredFile } from '../../modules/files/download';

const T = 'pages.application_submit.';

/** The form field a document's problems are reported at: the check page links to `#f-documents-<code>`. */
export function documentField(code: string): string {
  return `documents.${code}`;
}

/**
 * Busboy's own errors (a body that breaks off, a malformed part header) carry no code: they
 * are the sender's, a 400, as the API's attachments controller answers them.
 */
function brokenMultipart(error: unknown): unknown {
  if (error instanceof AppException || (error instanceof Error && 'code' in error)) return error;
  return new AppException(400, CommonErrorCode.MALFORMED_MULTIPART);
}

function DocumentSection({
  ctx,
  page,
  document,
  errors,
}: {
  ctx: PageContext;
  page: ApplicationPage;
  document: DocumentRequirement;
  errors: FormErrors;
}) {
  const { application } = page;
  const name = documentField(document.code);
  const id = fieldId(name);
  const error = errors.for(name);
  const files = application.documents.filter((f) => f.documentCode === document.code);
  const label = localized(ctx, document.label);
  const kinds = (document.kinds ?? [...FILE_KINDS]).map(fileKindName).join(', ');
  const accept = (document.kinds ?? [...FILE_KINDS]).map((k) => `.${k}${k === 'jpg' ? ',.jpeg' : ''}`).join(',');
  return (
    <section class={`document${error ? ' field--error' : ''}`} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {label}{' '}
        <span class={document.required ? 'tag' : 'tag tag--grey'}>
          {ctx.t(`${T}documents.${document.required ? 'required' : 'optional'}`)}
        </span>
      </h2>
      <p class="hint" id={`${id}-hint`}>
        {ctx.t(`${T}documents.allowed_types`, { types: kinds, fileMb: toMegabytes(DEFAULT_MAX_FILE_BYTES) })}
      </p>
      {files.length === 0 ? (
        <p class="muted">{ctx.t(`${T}documents.none_uploaded`)}</p>
      ) : (
        <ul class="file-list">
          {files.map((f) => (
            <li key={f.id}>
              <a href={downloadPath(application.id, f.id)} title={ctx.t(`${T}documents.download_hint`)}>
                {f.originalName}
              </a>{' '}
              <span class="muted">
                ({ctx.t(`${T}documents.file_facts`, { type: fileKindName(f.fileKind), size: fileSize(ctx, f.size) })})
              </span>
              {isDraft(page) && (
                <PostForm
                  ctx={ctx}
                  action={`/applications/${application.id}/documents/${f.id}/delete`}
                  class="inline-form"
                >
                  {' '}
                  <button type="submit" class="link-button">
                    {ctx.t(`${T}documents.delete`)}
                    <span class="visually-hidden"> {f.originalName}</span>
                  </button>
                </PostForm>
              )}
            </li>
          ))}
        </ul>
      )}
      {isDraft(page) && (
        <PostForm
          ctx={ctx}
          action={`/applications/${application.id}/documents`}
          multipart
          class="upload-form"
          id={`${id}-form`}
        >
          {/* The kind goes first: the service reads it before the file's bytes. */}
          <input type="hidden" name="kind" value={document.code} />
          <div class="field">
            <label for={id}>{ctx.t(`${T}documents.file_label`, { document: label })}</label>
            {error && (
              <p class="field-error" id={`${id}-error`}>
                {error}
              </p>
            )}
            <input
              type="file"
              id={id}
              name="file"
              accept={accept}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ')}
            />
          </div>
          <p
            class="upload-progress"
            hidden
            aria-live="polite"
            data-upload-progress
            data-text={ctx.t(`${T}documents.uploading`, { percent: '¤' })}
          />
          <button type="submit" class="button button--secondary">
            {ctx.t(`${T}documents.upload_button`)}
            <span class="visually-hidden"> {label}</span>
          </button>
        </PostForm>
      )}
    </section>
  );
}

function DocumentsPage({
  ctx,
  page,
  errors = NO_ERRORS,
  notice,
}: {
  ctx: PageContext;
  page: ApplicationPage;
  errors?: FormErrors;
  notice?: string | null;
}) {
  const { application, rulebook } = page;
  const used = application.documents.reduce((sum, f) => sum + f.size, 0);
  const labels = Object.fromEntries(
    rulebook.documents.map((d) => [documentField(d.code), localized(ctx, d.label)] as const),
  );
  return (
    <ApplicationStepPage
      ctx={ctx}
      page={page}
      step="documents"
      title={ctx.t(`${T}documents.title`)}
      errors={errors}
      labels={labels}
      notice={notice}
      scripts={isDraft(page) ? ['upload-progress.js'] : undefined}
    >
      {rulebook.documents.length === 0 ? (
        <p>{ctx.t(`${T}documents.no_documents`)}</p>
      ) : (
        <>
          {isDraft(page) ? (
            <>
              <p>{ctx.t(`${T}documents.intro`)}</p>
              <p class="hint">
                {ctx.t(`${T}documents.limits`, {
                  fileMb: toMegabytes(DEFAULT_MAX_FILE_BYTES),
                  totalMb: toMegabytes(DEFAULT_MAX_APPLICATION_BYTES),
                  used: fileSize(ctx, used),
                })}
              </p>
            </>
          ) : (
            <p>{ctx.t(`${T}documents.read_only`)}</p>
          )}
          {rulebook.documents.map((d) => (
            <DocumentSection key={d.code} ctx={ctx} page={page} document={d} errors={errors} />
          ))}
        </>
      )}
      {isDraft(page) && (
        <p>
          <a class="button" href={stepPath(application.id, 'check')}>
            {ctx.t(`${T}documents.continue`)}
          </a>
        </p>
      )}
    </ApplicationStepPage>
  );
}

const NOTICES = ['uploaded', 'removed'] as const;

/**
 * The documents step: what the rulebook asks for, what is attached, an upload form per
 * document. Files go through the attachments service the API uses (type from the bytes,
 * OOXML inspection, per-file and per-application limits, nothing kept from a refused file).
 */
@WebController('applications')
export class ApplicationDocumentsController {
  constructor(
    private readonly pages: WebPages,
    private readonly applications: ApplicationsService,
    private readonly competitions: CompetitionsService,
    private readonly attachments: AttachmentsService,
  ) {}

  @Get(':id/documents')
  @SignedIn()
  async show(
    @Param('id', uuidPipe) id: string,
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const page = await this.load(id, request);
    const ctx = this.pages.context(request, reply);
    const text = NOTICES.includes(notice as never) ? ctx.t(`${T}documents.notice_${notice}`) : null;
    this.pages.render(reply, <DocumentsPage ctx={ctx} page={page} notice={text} />);
  }

  /** Multipart: the CSRF token came in the query (the guard read it); the kind, then the file. */
  @Post(':id/documents')
  @SignedIn()
  async upload(@Param('id', uuidPipe) id: string, @Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const actor = this.pages.actor(request);
    let documentCode = '';
    try {
      const part = await request.file().catch((error: unknown) => {
        throw brokenMultipart(error);
      });
      if (!part) throw new ValidationFailedException([{ field: 'file', code: 'REQUIRED' }]);
      const kindField = part.fields.kind as { value?: unknown } | undefined;
      documentCode = typeof kindField?.value === 'string' ? kindField.value : '';
      if (!/^[a-z0-9_]{1,60}$/.test(documentCode) || !part.filename) {
        part.file.resume();
        throw new ValidationFailedException([
          documentCode ? { field: 'file', code: 'REQUIRED' } : { field: 'kind', code: 'REQUIRED' },
        ]);
      }
      await this.attachments
        .upload(id, { documentCode, originalName: part.filename, stream: part.file }, actor)
        .catch((error: unknown) => {
          throw error === part.file.errored ? brokenMultipart(error) : error;
        });
      const next = `/applications/${id}/documents?notice=uploaded#${fieldId(documentField(documentCode))}`;
      this.pages.redirectAfterUpload(request, reply, next);
    } catch (error) {
      // Another's application, or none: the "not found" page, never a form.
      if (error instanceof AppException && error.status === 404) throw error;
      const page = await this.load(id, request);
      const ctx = this.pages.context(request, reply);
      const known = page.rulebook.documents.some((d) => d.code === documentCode);
      const at = known ? documentField(documentCode) : '';
      // Every refusal of an upload (type, size, the application's total) belongs to its document's field.
      let errors = new FormErrors(formErrorsFrom(error, ctx, () => at).items.map((e) => ({ ...e, field: at })));
      if (error instanceof ValidationFailedException && error.details.some((d) => d.field === 'file')) {
        errors = new FormErrors([{ field: at, message: ctx.t(`${T}documents.choose_file`) }]);
      }
      // The general message lists every type the site takes; this document may take fewer.
      const document = page.rulebook.documents.find((d) => d.code === documentCode);
      if (document && error instanceof AppException && error.code === FilesErrorCode.FILE_TYPE_REFUSED) {
        const types = (document.kinds ?? [...FILE_KINDS]).map(fileKindName).join(', ');
        errors = new FormErrors([{ field: at, message: ctx.t(`${T}documents.type_refused`, { types }) }]);
      }
      const status = error instanceof AppException ? error.status : 400;
      this.pages.render(reply, <DocumentsPage ctx={ctx} page={page} errors={errors} />, status);
    }
  }

  /** The file, through the attachments service's access check; only one of this application's. */
  @Get(':id/documents/:attachmentId')
  @SignedIn()
  async download(
    @Param('id', uuidPipe) id: string,
    @Param('attachmentId', uuidPipe) attachmentId: string,
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Query('view') view?: string,
  ): Promise<void> {
    const actor = this.pages.actor(request);
    const listed = await this.attachments.list(id, actor);
    if (!listed.some((a) => a.id === attachmentId)) throw FilesException.notFound();
    const file = await this.attachments.download(attachmentId, actor);
    // `?view=1`: a PDF or an image opens in the browser's own viewer (checked by its bytes on
    // upload, served with its type and nosniff, and nothing of this site may run inside it).
    const inline = view === '1' && VIEWABLE_KINDS.includes(file.kind);
    if (inline) {
      void reply.header(
        'content-security-policy',
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'",
      );
    }
    sendStoredFile(reply, file, inline ? file.inlineDisposition : file.contentDisposition);
  }

  @Post(':id/documents/:attachmentId/delete')
  @SignedIn()
  async remove(
    @Param('id', uuidPipe) id: string,
    @Param('attachmentId', uuidPipe) attachmentId: string,
    @Req() request: WebRequest,
    @Res() reply: WebReply,
  ): Promise<void> {
    const page = await this.load(id, request);
    if (!page.application.documents.some((d) => d.id === attachmentId)) throw FilesException.notFound();
    try {
      await this.attachments.remove(attachmentId, this.pages.actor(request));
      this.pages.redirect(reply, `/applications/${id}/documents?notice=removed`);
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, () => '');
      const status = error instanceof AppException ? error.status : 400;
      this.pages.render(reply, <DocumentsPage ctx={ctx} page={await this.load(id, request)} errors={errors} />, status);
    }
  }

  private load(id: string, request: WebRequest): Promise<ApplicationPage> {
    return loadApplicationPage(
      { applications: this.applications, competitions: this.competitions },
      id,
      this.pages.actor(request),
    );
  }
}
