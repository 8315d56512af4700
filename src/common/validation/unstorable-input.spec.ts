import { AppException } from '../errors/app.exception';
import {
  findUnstorableInput,
  findUnstorableRequestPart,
  MAX_INPUT_DEPTH,
  refuseUnstorableInput,
} from './unstorable-input';

/** What Fastify's query-string parser returns: a dictionary whose prototype has no prototype. */
function queryObject(entries: Record<string, unknown>): Record<string, unknown> {
  const Empty = function () {} as unknown as { new (): Record<string, unknown>; prototype: object };
  Empty.prototype = Object.create(null) as object;
  return Object.assign(new Empty(), entries);
}

describe('findUnstorableInput', () => {
  it('names the field holding a NUL or a lone surrogate, in any kind of plain container', () => {
    expect(findUnstorableInput({ title: { kk: 'a\u0000' } })).toEqual({ field: 'title.kk', code: 'INVALID_FORMAT' });
    expect(findUnstorableInput({ lines: [{ item: '\ud800' }] })).toEqual({
      field: 'lines[0].item',
      code: 'INVALID_FORMAT',
    });
    expect(findUnstorableInput(queryObject({ q: '\u0000' }), 'query')).toEqual({ field: 'q', code: 'INVALID_FORMAT' });
    expect(findUnstorableInput(Object.assign(Object.create(null) as object, { id: 'x\u0000' }))).toEqual({
      field: 'id',
      code: 'INVALID_FORMAT',
    });
    expect(findUnstorableInput('a\u0000', 'id')).toEqual({ field: 'id', code: 'INVALID_FORMAT' });
    expect(findUnstorableInput({ ['k\u0000']: 1 })).toEqual({ field: 'body', code: 'INVALID_FORMAT' });
  });

  it('lets valid text through, surrogate pairs (emoji) and Kazakh letters included', () => {
    expect(findUnstorableInput({ title: 'Қазақстан 🇰🇿', list: ['ә', 1, null, true] })).toBeNull();
    expect(findUnstorableInput(queryObject({ q: 'abc', page: '2' }))).toBeNull();
  });

  it('refuses nesting deeper than the limit, named by the top-level field', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < MAX_INPUT_DEPTH + 1; i++) deep = [deep];
    expect(findUnstorableInput({ answers: deep })).toEqual({ field: 'answers', code: 'INVALID_FORMAT' });
  });

  it('does not walk Buffers or class instances', () => {
    expect(findUnstorableInput(Buffer.from([0, 0xed, 0xa0, 0x80]))).toBeNull();
  });
});

describe('refuseUnstorableInput (the request hook)', () => {
  const request = (parts: Partial<Record<'headers' | 'params' | 'query' | 'body', unknown>>) =>
    ({ headers: {}, params: {}, query: queryObject({}), body: undefined, ...parts }) as never;

  it('covers headers, params, the query string and the body', () => {
    expect(findUnstorableRequestPart(request({ headers: { 'x-note': 'a\u0000' } }))?.field).toBe('x-note');
    expect(findUnstorableRequestPart(request({ params: { id: '\u0000' } }))?.field).toBe('id');
    expect(findUnstorableRequestPart(request({ query: queryObject({ q: '\u0000' }) }))?.field).toBe('q');
    expect(findUnstorableRequestPart(request({ body: { a: ['\udfff'] } }))?.field).toBe('a[0]');
    expect(findUnstorableRequestPart(request({ body: '\u0000' }))?.field).toBe('body');
  });

  it('fails the request with a 400 VALIDATION_FAILED, or lets it through', () => {
    const done = jest.fn();
    refuseUnstorableInput(request({ query: queryObject({ q: '\u0000' }) }), undefined, done);
    const error = done.mock.calls[0][0] as AppException;
    expect(error).toBeInstanceOf(AppException);
    expect([error.status, error.code, error.details]).toEqual([
      400,
      'VALIDATION_FAILED',
      [{ field: 'q', code: 'INVALID_FORMAT' }],
    ]);
    const ok = jest.fn();
    refuseUnstorableInput(request({ query: queryObject({ q: 'ok' }) }), undefined, ok);
    expect(ok).toHaveBeenCalledWith(undefined);
  });
});
