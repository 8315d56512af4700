import fc from 'fast-check';
import { makeAdmin, signUp, tokenFromOutbox } from '../support/accounts';
import { MINIMAL_PDF, openCompetition } from '../support/competitions';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Property-based fuzzing of every operation the OpenAPI document lists, as an anonymous
 * caller, an applicant with a draft and an organizer of an open competition: generated
 * bodies (random JSON, the documented properties holding wrong types, deep nesting, huge
 * numbers, NaN-ish strings, NUL and lone surrogates, lists for objects and objects for
 * lists), query strings and path parameters (random, NUL, overlong, not UUIDs). Any 5xx
 * fails the test, naming the operation, the caller and the request.
 *
 * Bounded and repeatable: FUZZ_RUNS requests in all (spread over the operations), from the
 * fixed FUZZ_SEED. Raise FUZZ_RUNS for a longer hunt: `FUZZ_RUNS=20000 npx jest … fuzz`.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 13_2026);
/** Only the operations whose `METHOD /path` contains this, to replay a failure. */
const ONLY = process.env.FUZZ_ONLY;
const DAY = 24 * 3600 * 1000;

/** Long generated strings, readable in a report. */
const shorten = (text: string) => (text.length > 120 ? `${text.slice(0, 60)}…(${text.length} chars)` : text);

type Caller = 'anonymous' | 'applicant' | 'organizer';

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  query: { name: string; schema: Schema }[];
  json?: Schema;
  multipart: boolean;
}

interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** What was sent, readable: the generated value before it was encoded. */
  shown: unknown;
}

// ---------------------------------------------------------------- the OpenAPI document

function operationsOf(doc: {
  paths: Record<string, Record<string, any>>;
  components?: { schemas?: Record<string, Schema> };
}): { operations: Operation[]; resolve: (s: Schema | undefined) => Schema } {
  const schemas = doc.components?.schemas ?? {};
  const resolve = (s: Schema | undefined): Schema => {
    let schema = s ?? {};
    for (let i = 0; schema.$ref && i < 10; i++) schema = schemas[schema.$ref.split('/').pop()!] ?? {};
    if (schema.allOf) {
      const parts = schema.allOf.map(resolve);
      return { type: 'object', properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})) };
    }
    return schema;
  };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = (op.parameters ?? []) as { name: string; in: string; schema?: Schema }[];
      const content = (op.requestBody?.content ?? {}) as Record<string, { schema?: Schema }>;
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        json: content['application/json'] ? resolve(content['application/json'].schema) : undefined,
        multipart: Boolean(content['multipart/form-data']),
      });
    }
  }
  return { operations, resolve };
}

// ---------------------------------------------------------------- values

/** Raw JSON number tokens JSON.stringify cannot write; spliced into the body text. */
const RAW_NUMBERS = ['1e400', '-1e400', '123456789012345678901234567890', '-0.0', '1E-400', '9007199254740993'];
const rawMarker = (token: string) => `\u0001raw:${token}\u0001`;

const NASTY_STRINGS = [
  '',
  ' ',
  'NaN',
  '-NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x1F',
  '1_000',
  '١٢٣',
  'null',
  'true',
  '[]',
  '{}',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ud83d',
  '\u202egpj.exe',
  '../../etc/passwd',
  "' OR 1=1 --",
  '%00',
  '%',
  '__proto__',
  'constructor',
  'x'.repeat(5000),
  '9'.repeat(400),
  '2026-02-30',
  '0000-00-00T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-20T00:00:00Z',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-4fff-bfff-ffffffffffff',
];
const NASTY_NUMBERS = [
  0,
  -1,
  -0,
  0.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 63,
  5e-324,
  1e21,
];

/** The value now and then (one time in six), else null: for what would spoil most requests if always there. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary, weight: 1 });

const anyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
);

/** Nested 20 to 60 levels deep, objects and lists in turn. */
const deep = fc.integer({ min: 20, max: 60 }).map((n) => {
  let value: unknown = 'x';
  for (let i = 0; i < n; i++) value = i % 2 ? [value] : { a: value };
  return value;
});

const nasty: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: anyString, weight: 4 },
  { arbitrary: fc.constantFrom(...NASTY_NUMBERS), weight: 2 },
  { arbitrary: fc.constantFrom(...RAW_NUMBERS.map(rawMarker)), weight: 1 },
  { arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  { arbitrary: fc.constantFrom<unknown>([], {}, [[]], [{}], [null], { 0: {} }), weight: 2 },
  { arbitrary: deep, weight: 1 },
);

interface Known {
  ids: string[];
}

/** A value for a documented schema: usually of the documented kind (so validation goes deeper), often not. */
function valueFor(
  schema: Schema,
  resolve: (s: Schema | undefined) => Schema,
  known: Known,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const choices: fc.WeightedArbitrary<unknown>[] = [{ arbitrary: nasty, weight: 2 }];
  if (s.enum?.length) choices.push({ arbitrary: fc.constantFrom(...s.enum), weight: 3 });
  if (s.type === 'string') {
    const typed =
      s.format === 'uuid'
        ? fc.oneof(fc.constantFrom(...known.ids), fc.uuid())
        : s.format === 'date-time'
          ? fc.date({ noInvalidDate: true }).map((d) => d.toISOString())
          : fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...known.ids));
    choices.push({ arbitrary: typed, weight: 3 });
  }
  if (s.type === 'integer' || s.type === 'number')
    choices.push({
      arbitrary: fc.oneof(fc.integer({ min: -5, max: 1_000_000 }), fc.constantFrom(...NASTY_NUMBERS)),
      weight: 3,
    });
  if (s.type === 'boolean') choices.push({ arbitrary: fc.boolean(), weight: 3 });
  if (depth < 3 && (s.type === 'object' || s.properties)) {
    const object = objectFor(s, resolve, known, depth + 1);
    choices.push({ arbitrary: object, weight: 4 }, { arbitrary: fc.array(object, { maxLength: 2 }), weight: 1 });
  }
  if (depth < 3 && s.type === 'array') {
    const item = valueFor(s.items ?? {}, resolve, known, depth + 1);
    choices.push(
      { arbitrary: fc.array(item, { maxLength: 4 }), weight: 4 },
      { arbitrary: fc.dictionary(fc.constantFrom('0', '1', 'x'), item, { maxKeys: 2 }), weight: 1 },
    );
  }
  return fc.oneof(...choices);
}

function objectFor(
  schema: Schema,
  resolve: (s: Schema | undefined) => Schema,
  known: Known,
  depth = 0,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(resolve(schema).properties ?? {});
  const record = fc.record(
    Object.fromEntries(properties.map(([name, s]) => [name, valueFor(s, resolve, known, depth)])),
    { requiredKeys: [] },
  );
  // Now and then a property nobody documented, or a prototype-polluting one.
  return fc
    .tuple(record, sometimes(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'extra', '\u0000'), nasty)))
    .map(([r, extra]) => (extra ? { ...r, [extra[0]]: extra[1] } : r));
}

// ---------------------------------------------------------------- encoding

/** Percent-encodes any JavaScript string, a lone surrogate included (as the bytes a careless client would send). */
function encode(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}

function jsonText(value: unknown): string {
  let text = JSON.stringify(value) ?? 'null';
  for (const token of RAW_NUMBERS) text = text.split(JSON.stringify(rawMarker(token))).join(token);
  return text;
}

/** A multipart body as browsers (and attackers) send it; the file name's bytes as given. */
function multipart(parts: { name: string; filename?: string; type?: string; value: Buffer }[], boundary: string) {
  return Buffer.concat([
    ...parts.flatMap((p) => [
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`),
      p.filename === undefined
        ? Buffer.alloc(0)
        : Buffer.concat([Buffer.from('; filename="'), Buffer.from(p.filename), Buffer.from('"')]),
      Buffer.from(p.type ? `\r\nContent-Type: ${p.type}` : ''),
      Buffer.from('\r\n\r\n'),
      p.value,
      Buffer.from('\r\n'),
    ]),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
}

// ---------------------------------------------------------------- requests

function requestFor(
  op: Operation,
  resolve: (s: Schema | undefined) => Schema,
  known: Known,
): fc.Arbitrary<FuzzRequest> {
  const pathValue = fc.oneof(
    { arbitrary: fc.constantFrom(...known.ids), weight: 6 },
    { arbitrary: fc.uuid(), weight: 1 },
    { arbitrary: anyString, weight: 2 },
    { arbitrary: fc.constant('a'.repeat(3000)), weight: 1 },
  );
  const params = fc.tuple(...op.pathParams.map(() => pathValue));
  const query = fc.tuple(
    fc.tuple(
      ...op.query.map((q) =>
        fc.option(fc.oneof(valueFor(q.schema, resolve, known), fc.array(anyString, { minLength: 2, maxLength: 3 }))),
      ),
    ),
    sometimes(fc.tuple(anyString, anyString)),
  );
  const headers = fc
    .tuple(
      sometimes(fc.constantFrom('kk', 'ru', 'en', '*', '', 'kk;q=0.5, ru', 'x'.repeat(300), 'ru\u0000')),
      sometimes(fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 80 }), fc.uuid())),
    )
    .map(([language, key]) => ({
      ...(language === null ? {} : { 'accept-language': language }),
      ...(key === null ? {} : { 'idempotency-key': key }),
    }));
  const jsonBody: fc.Arbitrary<{ text?: string; shown: unknown; type?: string }> = fc.oneof(
    {
      arbitrary: (op.json ? objectFor(op.json, resolve, known) : fc.constant({})).map((v) => ({
        text: jsonText(v),
        shown: v,
      })),
      weight: 6,
    },
    { arbitrary: nasty.map((v) => ({ text: jsonText(v), shown: v })), weight: 2 },
    {
      arbitrary: fc
        .constantFrom('{', '{"a":', '[1,]', '{"a":1}{"b":2}', '\u0000', '"\\ud800"', '{"__proto__":{"x":1}}', 'nul')
        .map((text) => ({ text, shown: text })),
      weight: 1,
    },
    { arbitrary: fc.constant({ shown: 'no body' }), weight: 1 },
    {
      arbitrary: fc.string({ maxLength: 50 }).map((text) => ({ text, shown: text, type: 'text/plain' })),
      weight: 1,
    },
  );
  const uploadBody = fc
    .record({
      kind: fc.option(fc.oneof(fc.constantFrom('personal_data_consent', 'income', 'disability'), anyString)),
      kindAfterFile: fc.boolean(),
      filename: fc.option(
        fc.oneof(anyString, fc.constantFrom('келісім.pdf', 'a\u0000.pdf', '\ud800.pdf', 'x'.repeat(1000))),
      ),
      rawName: fc.option(fc.uint8Array({ minLength: 1, maxLength: 20 })),
      fileType: fc.option(fc.constantFrom('application/pdf', 'image/png', 'text/plain', '', 'a\u0000b')),
      content: fc.oneof(
        fc.constant(MINIMAL_PDF),
        fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
        fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(b)])),
        fc.constant(Buffer.from('PK\u0003\u0004broken zip')),
      ),
      extra: fc.option(fc.tuple(anyString, anyString)),
      brokenBoundary: fc.boolean(),
    })
    .map((u) => {
      const boundary = 'fuzz0boundary';
      const parts: { name: string; filename?: string; type?: string; value: Buffer }[] = [];
      const kind = u.kind === null ? [] : [{ name: 'kind', value: Buffer.from(u.kind) }];
      const filename = u.rawName ? Buffer.from(u.rawName).toString('latin1') : (u.filename ?? undefined);
      const file = { name: 'file', filename, type: u.fileType ?? undefined, value: u.content };
      if (!u.kindAfterFile) parts.push(...kind);
      parts.push(file);
      if (u.kindAfterFile) parts.push(...kind);
      if (u.extra) parts.push({ name: u.extra[0].replace(/"/g, ''), value: Buffer.from(u.extra[1]) });
      const body = multipart(parts, boundary);
      return {
        payload: u.brokenBoundary ? body.subarray(0, Math.floor(body.length / 2)) : body,
        type: `multipart/form-data; boundary=${boundary}`,
        shown: { ...u, content: `${u.content.length} bytes` },
      };
    });
  const body = op.multipart
    ? fc.oneof(
        { arbitrary: uploadBody, weight: 4 },
        { arbitrary: jsonBody.map((b) => ({ payload: b.text, type: b.type, shown: b.shown })), weight: 1 },
      )
    : jsonBody.map((b) => ({ payload: b.text, type: b.type, shown: b.shown }));
  const hasBody = !['GET', 'DELETE'].includes(op.method);
  return fc
    .tuple(
      params,
      query,
      headers,
      hasBody ? body : fc.constant({ payload: undefined, type: undefined, shown: undefined }),
    )
    .map(([values, [queryValues, extraQuery], headerValues, b]) => {
      let path = op.path;
      op.pathParams.forEach((name, i) => (path = path.replace(`{${name}}`, encode(values[i]))));
      const pairs: string[] = [];
      op.query.forEach((q, i) => {
        const v = queryValues[i];
        if (v === null || v === undefined) return;
        for (const item of Array.isArray(v) ? v : [v]) {
          pairs.push(`${encode(q.name)}=${encode(typeof item === 'string' ? item : jsonText(item))}`);
        }
      });
      if (extraQuery) pairs.push(`${encode(extraQuery[0])}=${encode(extraQuery[1])}`);
      const headers: Record<string, string> = { ...headerValues };
      if (b.payload !== undefined) headers['content-type'] = b.type ?? 'application/json';
      return {
        method: op.method,
        url: pairs.length ? `${path}?${pairs.join('&')}` : path,
        headers,
        payload: b.payload,
        shown: { params: values, query: queryValues, extraQuery, headers: headerValues, body: b.shown },
      };
    });
}

// ---------------------------------------------------------------- the test

describe('fuzzing every operation of the OpenAPI document', () => {
  let t: TestApp;
  const tokens: Partial<Record<Caller, string>> = {};
  const known: Known = { ids: [] };

  beforeAll(async () => {
    t = await createTestApp({ API_DOCS: 'public', ...(process.env.FUZZ_VERBOSE ? { LOG_LEVEL: 'error' } : {}) });
    const admin = await makeAdmin(t, await signUp(t, 'fuzz-admin'));
    const organizer = await signUp(t, 'fuzz-organizer');
    const applicant = await signUp(t, 'fuzz-applicant');
    const competition = await openCompetition(
      t,
      admin.accessToken,
      'youth-micro-projects',
      new Date(Date.now() + 20 * DAY),
    );
    const invited = await t.call('POST', `/competitions/${competition.id}/members`, {
      token: admin.accessToken,
      body: { email: organizer.email, role: 'organizer' },
    });
    expect(invited.status).toBe(201);
    const accepted = await t.call('POST', '/invitations/accept', {
      body: { token: await tokenFromOutbox(t, organizer.email, 'competition-invitation') },
    });
    expect(accepted.status).toBe(200);
    const draft = await t.call('POST', `/competitions/${competition.id}/applications`, {
      token: applicant.accessToken,
      body: { applicantKind: 'initiative_group' },
    });
    expect(draft.status).toBe(201);
    tokens.applicant = applicant.accessToken;
    tokens.organizer = organizer.accessToken;
    known.ids = [competition.id, draft.body.id, applicant.userId, organizer.userId];
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers no 5xx to anything, as anyone', async () => {
    const docs = await t.app.inject({ method: 'GET', url: '/docs-json' });
    expect(docs.statusCode).toBe(200);
    const { operations, resolve } = operationsOf(docs.json());
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.some((op) => op.multipart)).toBe(true);

    const perOperation = Math.max(3, Math.ceil(RUNS / operations.length));
    const failures: string[] = [];
    const statuses = new Map<string, number>();
    for (const [index, op] of operations.entries()) {
      if (ONLY && !`${op.method} ${op.path}`.includes(ONLY)) continue;
      let broken = '';
      const property = fc.asyncProperty(
        fc.constantFrom<Caller>('anonymous', 'applicant', 'organizer'),
        // An upload needs a multipart body: weigh them by running the route as often as two others.
        requestFor(op, resolve, known),
        async (caller, request) => {
          const headers = { ...request.headers };
          if (caller !== 'anonymous') headers.authorization = `Bearer ${tokens[caller]}`;
          const res = await t.app.inject({
            method: request.method as never,
            url: request.url,
            headers,
            payload: request.payload,
          });
          const tally = `${op.method} ${op.path} ${caller} ${res.statusCode}`;
          statuses.set(tally, (statuses.get(tally) ?? 0) + 1);
          if (res.statusCode < 500) return true;
          broken = `${res.statusCode} ${res.body.slice(0, 300)}`;
          if (process.env.FUZZ_VERBOSE)
            process.stdout.write(`${broken}\n${JSON.stringify(request.shown)?.slice(0, 3000)}\n`);
          return false;
        },
      );
      const details = await fc.check(property, {
        // One seed per operation, so that operations do not all get the same sequence of choices.
        seed: SEED + index,
        numRuns: op.multipart ? perOperation * 2 : perOperation,
        endOnFailure: true,
      });
      if (details.failed) {
        const [caller, request] = details.counterexample ?? [];
        failures.push(
          [
            `${op.method} ${op.path} as ${caller} → ${broken}`,
            `  ${request?.method} ${shorten(request?.url ?? '')}`,
            `  sent: ${JSON.stringify(request?.shown, (_key, value: unknown) => (typeof value === 'string' ? shorten(value) : value))}`,
            `  replay: FUZZ_SEED=${SEED} (seed ${SEED + index}, run ${details.numRuns}, path ${details.counterexamplePath})`,
            details.errorInstance ? `  error: ${String(details.errorInstance)}` : '',
          ].join('\n'),
        );
      }
    }
    if (process.env.FUZZ_VERBOSE) {
      const byStatus = new Map<string, number>();
      for (const [k, n] of statuses) byStatus.set(k.split(' ').pop()!, (byStatus.get(k.split(' ').pop()!) ?? 0) + n);
      process.stdout.write(
        `${[...statuses].map(([k, n]) => `${k} ×${n}`).join('\n')}\n${JSON.stringify([...byStatus])}\n`,
      );
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
