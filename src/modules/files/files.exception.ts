import { AppException } from '../../common/errors/app.exception';

export enum FilesErrorCode {
  FILE_TOO_LARGE = 'FILE_TOO_LARGE',
  FILE_TYPE_REFUSED = 'FILE_TYPE_REFUSED',
  FILE_NOT_FOUND = 'FILE_NOT_FOUND',
  APPLICATION_FILES_TOO_LARGE = 'APPLICATION_FILES_TOO_LARGE',
  FILE_MACROS_REFUSED = 'FILE_MACROS_REFUSED',
  FILE_EMBEDDED_OBJECT_REFUSED = 'FILE_EMBEDDED_OBJECT_REFUSED',
  FILE_EXTERNAL_LINK_REFUSED = 'FILE_EXTERNAL_LINK_REFUSED',
  FILE_ARCHIVE_TOO_LARGE = 'FILE_ARCHIVE_TOO_LARGE',
  FILE_NOT_A_CLEAN_DOCUMENT = 'FILE_NOT_A_CLEAN_DOCUMENT',
}

const STATUS: Readonly<Record<FilesErrorCode, number>> = {
  [FilesErrorCode.FILE_TOO_LARGE]: 413,
  [FilesErrorCode.FILE_TYPE_REFUSED]: 415,
  [FilesErrorCode.FILE_NOT_FOUND]: 404,
  [FilesErrorCode.APPLICATION_FILES_TOO_LARGE]: 413,
  [FilesErrorCode.FILE_MACROS_REFUSED]: 415,
  [FilesErrorCode.FILE_EMBEDDED_OBJECT_REFUSED]: 415,
  [FilesErrorCode.FILE_EXTERNAL_LINK_REFUSED]: 415,
  [FilesErrorCode.FILE_ARCHIVE_TOO_LARGE]: 415,
  [FilesErrorCode.FILE_NOT_A_CLEAN_DOCUMENT]: 415,
};

export const MEGABYTE = 1024 * 1024;
export const DEFAULT_MAX_FILE_BYTES = 10 * MEGABYTE;
/** The rulebook's cap on everything attached to one application. */
export const DEFAULT_MAX_APPLICATION_BYTES = 50 * MEGABYTE;

/** Limits are shown to people in megabytes, e.g. "10" or "2.5". */
export function toMegabytes(bytes: number): number {
  return Math.round((bytes / MEGABYTE) * 10) / 10;
}

export class FilesException extends AppException {
  constructor(code: FilesErrorCode, params: Record<string, string | number> = {}) {
    super(STATUS[code], code, params);
  }

  static tooLarge(limitBytes: number): FilesException {
    return new FilesException(FilesErrorCode.FILE_TOO_LARGE, { limitMb: toMegabytes(limitBytes) });
  }

  static typeRefused(code: FilesErrorCode = FilesErrorCode.FILE_TYPE_REFUSED): FilesException {
    return new FilesException(code);
  }

  /** Also used for malformed storage keys: a caller learns nothing about the disk. */
  static notFound(): FilesException {
    return new FilesException(FilesErrorCode.FILE_NOT_FOUND);
  }
}

/**
 * Throws APPLICATION_FILES_TOO_LARGE when adding `incoming` bytes to the `currentTotal`
 * already attached would pass `limit`. The caller checks before storing when the size is
 * known (Content-Length) and again with the stored size, inside the transaction that saves
 * the attachment row, so two parallel uploads cannot both slip under the cap.
 */
export function assertWithinTotal(currentTotal: number, incoming: number, limit = DEFAULT_MAX_APPLICATION_BYTES): void {
  for (const value of [currentTotal, incoming, limit]) {
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`file sizes must be non-negative numbers, got ${value}`);
  }
  if (currentTotal + incoming > limit) {
    throw new FilesException(FilesErrorCode.APPLICATION_FILES_TOO_LARGE, { limitMb: toMegabytes(limit) });
  }
}
