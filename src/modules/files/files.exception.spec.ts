import { hasMessage, translate } from '../../common/i18n/i18n';
import { assertWithinTotal, FilesErrorCode, FilesException, MEGABYTE } from './files.exception';

describe('files exceptions', () => {
  it.each([
    [FilesErrorCode.FILE_TOO_LARGE, 413],
    [FilesErrorCode.FILE_TYPE_REFUSED, 415],
    [FilesErrorCode.FILE_NOT_FOUND, 404],
    [FilesErrorCode.APPLICATION_FILES_TOO_LARGE, 413],
  ])('%s answers HTTP %i', (code, status) => {
    expect(new FilesException(code)).toMatchObject({ code, status });
  });

  it('tells the limit in megabytes', () => {
    expect(FilesException.tooLarge(10 * MEGABYTE).params).toEqual({ limitMb: 10 });
    expect(FilesException.tooLarge(2.5 * MEGABYTE).params).toEqual({ limitMb: 2.5 });
  });

  it('has a Kazakh and a Russian message for every code', () => {
    for (const code of Object.values(FilesErrorCode))
      expect([code, hasMessage(`errors.${code}`)]).toEqual([code, true]);
    expect(translate('kk', 'errors.FILE_TOO_LARGE', { limitMb: 10 })).toContain('10 МБ');
    expect(translate('ru', 'errors.APPLICATION_FILES_TOO_LARGE', { limitMb: 50 })).toContain('50 МБ');
  });
});

describe('assertWithinTotal (50 MB per application)', () => {
  const limit = 50 * MEGABYTE;

  it('lets a file in while the total stays within the limit, up to exactly the limit', () => {
    expect(() => assertWithinTotal(40 * MEGABYTE, 10 * MEGABYTE, limit)).not.toThrow();
    expect(() => assertWithinTotal(0, 0)).not.toThrow();
  });

  it('refuses the byte that passes the limit with 413 APPLICATION_FILES_TOO_LARGE', () => {
    let error: unknown;
    try {
      assertWithinTotal(40 * MEGABYTE, 10 * MEGABYTE + 1, limit);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FilesException);
    expect(error).toMatchObject({
      status: 413,
      code: FilesErrorCode.APPLICATION_FILES_TOO_LARGE,
      params: { limitMb: 50 },
    });
  });

  it('uses 50 MB when no limit is given', () => {
    expect(() => assertWithinTotal(50 * MEGABYTE, 1)).toThrow(FilesException);
  });

  it('rejects sizes that are not sizes (a programming error, not a user error)', () => {
    expect(() => assertWithinTotal(-1, 10, limit)).toThrow(RangeError);
    expect(() => assertWithinTotal(0, Number.NaN, limit)).toThrow(RangeError);
  });
});
