import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { attachmentContentDisposition } from './content-disposition.util';
import { FILE_KIND_MIME } from './file-kind.util';

/**
 * The two kinds of download the API and the pages answer with, each always with the same
 * headers: a document made on request (protocol, score sheet, journal, register, contract,
 * awards documents, final report) and a file someone stored (an application's attachment, a
 * report's file, a signed copy, a transfer act's scan).
 */

/** How long a made document may be kept: not at all (someone's own), or revalidated (public, e.g. a published list). */
export type DocumentCache = 'private' | 'shared';

const CACHE_CONTROL: Record<DocumentCache, string> = { private: 'private, no-store', shared: 'no-cache' };

/**
 * A document made on request as an attachment named `fileName` (extension included). A name
 * we make of ASCII letters, digits, '-', '_' and '.' is sent as it is; any other is made safe
 * (see attachmentContentDisposition). Every document says how it may be cached: most name people
 * (a journal, a register, a report) and are `private`.
 */
export function sendDocument(
  reply: FastifyReply,
  document: { kind: 'docx' | 'xlsx'; fileName: string; body: Buffer; cache: DocumentCache },
): void {
  const disposition = /^[\w.-]+$/.test(document.fileName)
    ? `attachment; filename="${document.fileName}"`
    : attachmentContentDisposition(document.fileName, document.kind);
  void reply.header('content-type', FILE_KIND_MIME[document.kind]).header('content-disposition', disposition);
  if (document.cache) void reply.header('cache-control', CACHE_CONTROL[document.cache]);
  void reply.send(document.body);
}

/** A stored file as the files module serves it: the kind detected from its content, its safe name, its bytes. */
export interface StoredDownload {
  stream: Readable;
  contentType: string;
  size: number;
  /** `attachment; filename…`: always a download. */
  contentDisposition: string;
}

/**
 * A stored file to the one person allowed to read it: its detected type, never sniffed, never
 * cached; a download unless `disposition` says otherwise (an inline view of a PDF or an image).
 */
export function sendStoredFile(reply: FastifyReply, file: StoredDownload, disposition = file.contentDisposition): void {
  void reply
    .header('content-type', file.contentType)
    .header('content-disposition', disposition)
    .header('content-length', String(file.size))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file.stream);
}
