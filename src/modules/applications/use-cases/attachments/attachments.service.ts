import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ValidationFailedException } from '../../../../common/errors/app.exception';
import type { Actor } from '../../../../common/http/actor';
import { AuditService } from '../../../audit/audit.service';
import { CompetitionsService } from '../../../competitions/competitions.service';
import { attachmentContentDisposition, storedFileName } from '../../../files/content-disposition.util';
import { FILE_KIND_MIME, FileKind } from '../../../files/file-kind.util';
import { FileStorageService } from '../../../files/file-storage.service';
import {
  assertWithinTotal,
  DEFAULT_MAX_APPLICATION_BYTES,
  DEFAULT_MAX_FILE_BYTES,
  FilesException,
} from '../../../files/files.exception';
import { ApplicationsErrorCode, ApplicationsException } from '../../applications.exception';
import { ApplicationsService } from '../../applications.service';
import { Application } from '../../entities/application.entity';
import { Attachment } from '../../entities/attachment.entity';

export interface AttachmentView {
  id: string;
  documentCode: string;
  fileKind: string;
  size: number;
  sha256: string;
  originalName: string;
  createdAt: string;
}

export interface Download {
  stream: Readable;
  kind: FileKind;
  contentType: string;
  contentDisposition: string;
  /** The same name for showing in the browser (PDF and images only; see VIEWABLE_KINDS). */
  inlineDisposition: string;
  size: number;
}

/** Documents attached to an application: checked by content, stored by the files module. */
@Injectable()
export class AttachmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly applications: ApplicationsService,
    private readonly competitions: CompetitionsService,
    private readonly files: FileStorageService,
    private readonly audit: AuditService,
  ) {}

  async upload(
    applicationId: string,
    input: { documentCode: string; originalName: string; stream: Readable },
    actor: Actor,
  ): Promise<AttachmentView> {
    const application = await this.applications.load(applicationId, actor, 'edit', this.db.manager);
    if (application.status !== 'draft') throw new ApplicationsException(ApplicationsErrorCode.NOT_A_DRAFT);
    const competition = (await this.competitions.find(application.competitionId))!;
    const document = this.competitions.rulebookOf(competition).documents.find((d) => d.code === input.documentCode);
    if (!document) throw new ValidationFailedException([{ field: 'kind', code: 'NOT_ALLOWED_VALUE' }]);
    const used = await this.totalSize(applicationId);
    const remaining = DEFAULT_MAX_APPLICATION_BYTES - used;
    if (remaining <= 0) assertWithinTotal(used, 1, DEFAULT_MAX_APPLICATION_BYTES);
    const stored = await this.files
      .store(input.stream, { maxBytes: Math.min(DEFAULT_MAX_FILE_BYTES, remaining) })
      .catch((err: unknown) => {
        // Under the per-file limit but over what the application has left: say which limit it was.
        if (err instanceof FilesException && err.status === 413 && remaining < DEFAULT_MAX_FILE_BYTES)
          assertWithinTotal(used, remaining + 1, DEFAULT_MAX_APPLICATION_BYTES);
        throw err;
      });
    try {
      if (document.kinds && !document.kinds.includes(stored.kind as never)) throw FilesException.typeRefused();
      return await this.db.transaction(async (tx) => {
        // Re-checked under a lock on the application: two parallel uploads cannot both fit the cap.
        await tx.findOne(Application, { where: { id: applicationId }, lock: { mode: 'pessimistic_write' } });
        const [{ total }] = await tx.query(
          `SELECT COALESCE(sum(size), 0)::bigint AS total FROM attachments WHERE application_id = $1`,
          [applicationId],
        );
        assertWithinTotal(Number(total), stored.size, DEFAULT_MAX_APPLICATION_BYTES);
        const saved = await tx.save(
          tx.create(Attachment, {
            applicationId,
            documentCode: input.documentCode,
            fileKind: stored.kind,
            storageKey: stored.storageKey,
            sha256: stored.sha256,
            size: stored.size,
            originalName: storedFileName(input.originalName),
            uploadedBy: actor.userId!,
          }),
        );
        await this.audit.record(tx, actor, {
          action: 'application.attachment_added',
          entityType: 'application',
          entityId: applicationId,
          after: { attachmentId: saved.id, documentCode: input.documentCode, sha256: stored.sha256, size: stored.size },
        });
        return this.view(saved);
      });
    } catch (err) {
      await this.files.remove(stored.storageKey).catch(() => undefined);
      throw err;
    }
  }

  /** For whoever may read the application, including the commission members who score it. */
  async list(applicationId: string, actor: Actor): Promise<AttachmentView[]> {
    await this.applications.loadForReview(applicationId, actor);
    const rows = await this.db
      .getRepository(Attachment)
      .find({ where: { applicationId }, order: { createdAt: 'ASC' } });
    return rows.map((r) => this.view(r));
  }

  /** Only through here, for those who may read the application (commission members who score it too); 404 for anyone else. */
  async download(id: string, actor: Actor): Promise<Download> {
    const attachment = await this.db.getRepository(Attachment).findOneBy({ id });
    if (!attachment) throw FilesException.notFound();
    await this.applications.loadForReview(attachment.applicationId, actor).catch(() => {
      throw FilesException.notFound();
    });
    const kind = attachment.fileKind as FileKind;
    return {
      stream: await this.files.open(attachment.storageKey),
      kind,
      contentType: FILE_KIND_MIME[kind],
      contentDisposition: attachmentContentDisposition(attachment.originalName, kind),
      inlineDisposition: attachmentContentDisposition(attachment.originalName, kind, 'inline'),
      size: attachment.size,
    };
  }

  async remove(id: string, actor: Actor): Promise<void> {
    const attachment = await this.db.getRepository(Attachment).findOneBy({ id });
    if (!attachment) throw FilesException.notFound();
    const application = await this.applications
      .load(attachment.applicationId, actor, 'edit', this.db.manager)
      .catch(() => {
        throw FilesException.notFound();
      });
    if (application.status !== 'draft') throw new ApplicationsException(ApplicationsErrorCode.NOT_A_DRAFT);
    await this.db.transaction(async (tx) => {
      await tx.delete(Attachment, { id });
      await this.audit.record(tx, actor, {
        action: 'application.attachment_removed',
        entityType: 'application',
        entityId: application.id,
        before: { attachmentId: id },
      });
    });
    await this.files.remove(attachment.storageKey).catch(() => undefined);
  }

  private async totalSize(applicationId: string): Promise<number> {
    const [{ total }] = await this.db.query(
      `SELECT COALESCE(sum(size), 0)::bigint AS total FROM attachments WHERE application_id = $1`,
      [applicationId],
    );
    return Number(total);
  }

  private view(a: Attachment): AttachmentView {
    return {
      id: a.id,
      documentCode: a.documentCode,
      fileKind: a.fileKind,
      size: a.size,
      sha256: a.sha256,
      originalName: a.originalName,
      createdAt: a.createdAt.toISOString(),
    };
  }
}
