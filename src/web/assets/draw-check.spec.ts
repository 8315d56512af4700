import fc from 'fast-check';
import { webcrypto } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { createContext, runInContext } from 'vm';
import { DrawRecord, verifyDrawRecord as verifyOnServer } from '../../../libs/lottery/verify';
import { computePoolHash } from '../../../libs/lottery/pool-hash.util';
import { DrawAssignment, DrawInput } from '../../../libs/lottery/lottery.types';
import { STRATA, entriesArb, inputArb, seedArb } from '../../../test/support/lottery-arbitraries';
import {
  TEST_VECTOR_COMMITMENT,
  TEST_VECTOR_INPUT,
  TEST_VECTOR_LINES,
  TEST_VECTOR_POOL_HASH,
  buildDrawnRecord,
} from '../../../test/support/lottery-test-vector';
import { DrawCheckVerdict, verifyDrawRecord } from './draw-check';
import kk from '../../i18n/pages/draw.kk.json';
import ru from '../../i18n/pages/draw.ru.json';

const SCRIPT = readFileSync(join(__dirname, 'draw-check.js'), 'utf8');
const subtle = webcrypto.subtle;
const CODES = [
  'MALFORMED',
  'NOT_DRAWN',
  'COMMITMENT_MISMATCH',
  'POOL_HASH_MISMATCH',
  'ASSIGNMENT_MISMATCH',
  'ASSIGNMENT_MISSING',
  'ASSIGNMENT_EXTRA',
] as const;

/** The assignment exactly as LOTTERY.md prints it, not as libs/lottery computes it. */
function documentedAssignments(): DrawAssignment[] {
  return TEST_VECTOR_LINES.flatMap((line) => {
    const [stratum, rest] = line.split(': ');
    return rest.split(', ').map((pair) => {
      const [applicationNumber, arm] = pair.split(' ');
      return { applicationNumber, stratum, arm };
    });
  });
}

/** The test vector's record written from LOTTERY.md's text alone. */
function documentedRecord(): DrawRecord {
  return {
    ...buildDrawnRecord(),
    poolHash: TEST_VECTOR_POOL_HASH,
    commitment: TEST_VECTOR_COMMITMENT,
    assignments: documentedAssignments(),
  };
}

function tampered(change: (record: DrawRecord) => void, input: DrawInput = TEST_VECTOR_INPUT): DrawRecord {
  const record = buildDrawnRecord(input);
  change(record);
  return record;
}

function find(record: DrawRecord, applicationNumber: string): DrawAssignment {
  return record.assignments!.find((a) => a.applicationNumber === applicationNumber)!;
}

describe('draw-check.js verifyDrawRecord — the LOTTERY.md test vector', () => {
  it('confirms the record LOTTERY.md prints, with the counts per arm', async () => {
    expect(await verifyDrawRecord(documentedRecord(), subtle)).toEqual({
      ok: true,
      counts: { applications: 10, strata: 3, arms: { A: 2, B: 4, C: 4 } },
    });
  });

  it('recomputes exactly the printed assignment: any other arm for any application is named', async () => {
    const codes = TEST_VECTOR_INPUT.arms.map((arm) => arm.code);
    for (const printed of documentedAssignments()) {
      for (const other of codes.filter((code) => code !== printed.arm)) {
        const record = documentedRecord();
        find(record, printed.applicationNumber).arm = other;
        expect(await verifyDrawRecord(record, subtle)).toEqual({
          ok: false,
          code: 'ASSIGNMENT_MISMATCH',
          params: { applicationNumber: printed.applicationNumber, expected: printed.arm, published: other },
        });
      }
    }
  });

  it('accepts the assignments in any order, a shuffled pool, extra fields and upper-case hex', async () => {
    const record = documentedRecord();
    const verdict = await verifyDrawRecord(
      {
        ...record,
        balanceUrl: '/x',
        pool: [...record.pool].reverse(),
        assignments: [...record.assignments!].reverse(),
        commitment: record.commitment.toUpperCase(),
        seed: record.seed!.toUpperCase(),
      },
      subtle,
    );
    expect(verdict.ok).toBe(true);
  });

  it('uses the Web Crypto it is given, and the global one when none is', async () => {
    let signed = 0;
    const counting = {
      digest: subtle.digest.bind(subtle),
      importKey: subtle.importKey.bind(subtle),
      sign: (...args: Parameters<webcrypto.SubtleCrypto['sign']>) => {
        signed += 1;
        return subtle.sign(...args);
      },
    } as webcrypto.SubtleCrypto;
    expect((await verifyDrawRecord(documentedRecord(), counting)).ok).toBe(true);
    expect(signed).toBeGreaterThan(0);
    expect((await verifyDrawRecord(documentedRecord())).ok).toBe(true);
  });

  it('reads the stream as uint64_be counters and rejects words at or above floor(2^32 / n) * n', async () => {
    // A stream whose first word, 0xFFFFFFFF, must be rejected by uniform(3) (limit 2^32 - 1); the
    // rest are chosen words. Rejection is too rare to meet in real draws, so the stream is faked.
    const requested: string[] = [];
    const faked = {
      digest: subtle.digest.bind(subtle),
      importKey: subtle.importKey.bind(subtle),
      sign: async (_algorithm: unknown, _key: unknown, data: Uint8Array) => {
        requested.push(Buffer.from(data).toString('hex'));
        const block = new DataView(new ArrayBuffer(32));
        if (requested.length === 1) [0xffffffff, 2].forEach((word, i) => block.setUint32(i * 4, word));
        return block.buffer;
      },
    } as unknown as webcrypto.SubtleCrypto;
    const input: DrawInput = {
      ...TEST_VECTOR_INPUT,
      entries: ['YC-0001', 'YC-0002', 'YC-0003'].map((applicationNumber) => ({ applicationNumber, stratum: 'ALM' })),
    };
    const record = buildDrawnRecord(input);
    // Members [1, 2, 3]: uniform(3) rejects 0xFFFFFFFF, takes 2 (no swap); uniform(2) takes 0 → [2, 1, 3].
    // perm [0, 1, 2] with words 0, 0 → [1, 2, 0]; quotas 1, 1, 1: A 2, B 1, C 3.
    record.assignments = [
      { applicationNumber: 'YC-0002', stratum: 'ALM', arm: 'A' },
      { applicationNumber: 'YC-0001', stratum: 'ALM', arm: 'B' },
      { applicationNumber: 'YC-0003', stratum: 'ALM', arm: 'C' },
    ];
    expect(await verifyDrawRecord(record, faked)).toMatchObject({ ok: true });
    expect(requested.slice(0, 3)).toEqual(['0000000000000000', '0000000000000001', '0000000000000002']);
  });
});

describe('draw-check.js verifyDrawRecord — tampered records', () => {
  it('names the application whose arm was swapped, and the first one in pool order of several', async () => {
    expect(
      await verifyDrawRecord(
        tampered((r) => (find(r, 'YC-0006').arm = 'C')),
        subtle,
      ),
    ).toEqual({
      ok: false,
      code: 'ASSIGNMENT_MISMATCH',
      params: { applicationNumber: 'YC-0006', expected: 'B', published: 'C' },
    });
    const two = tampered((r) => {
      find(r, 'YC-0009').arm = 'A';
      find(r, 'YC-0004').arm = 'A';
    });
    expect(await verifyDrawRecord(two, subtle)).toMatchObject({ params: { applicationNumber: 'YC-0004' } });
  });

  it('names an application put in the wrong stratum', async () => {
    expect(
      await verifyDrawRecord(
        tampered((r) => (find(r, 'YC-0005').stratum = 'ALM')),
        subtle,
      ),
    ).toEqual({
      ok: false,
      code: 'ASSIGNMENT_MISMATCH',
      params: { applicationNumber: 'YC-0005', expected: 'C (KAR)', published: 'C (ALM)' },
    });
  });

  it('catches a pool entry added or removed after the hash was published', async () => {
    const added = tampered((r) => r.pool.push({ applicationNumber: 'YC-0011', stratum: 'KAR' }));
    const removed = tampered((r) => r.pool.splice(3, 1));
    for (const record of [added, removed]) {
      const verdict = await verifyDrawRecord(record, subtle);
      expect(verdict).toEqual({
        ok: false,
        code: 'POOL_HASH_MISMATCH',
        params: { computed: computePoolHash(record.pool), published: TEST_VECTOR_POOL_HASH },
      });
    }
  });

  it('catches a pool changed together with its hash, through the assignments', async () => {
    const record = tampered((r) => {
      r.pool = r.pool.filter((e) => e.applicationNumber !== 'YC-0003');
      r.poolHash = computePoolHash(r.pool);
    });
    const verdict = await verifyDrawRecord(record, subtle);
    expect(verdict).toMatchObject({ ok: false, code: expect.stringMatching(/^ASSIGNMENT_/) });
  });

  it('catches a changed seed, and a changed public entropy', async () => {
    const seed = 'ff'.repeat(32);
    expect(
      await verifyDrawRecord(
        tampered((r) => (r.seed = seed)),
        subtle,
      ),
    ).toEqual({
      ok: false,
      code: 'COMMITMENT_MISMATCH',
      params: {
        computed: buildDrawnRecord({ ...TEST_VECTOR_INPUT, seed }).commitment,
        published: TEST_VECTOR_COMMITMENT,
      },
    });
    const entropy = await verifyDrawRecord(
      tampered((r) => (r.publicEntropy = '07 12 33 41 46')),
      subtle,
    );
    expect(entropy).toMatchObject({ ok: false, code: expect.stringMatching(/^ASSIGNMENT_/) });
  });

  it('names a missing assignment with the arm it should have', async () => {
    const record = tampered((r) => (r.assignments = r.assignments!.filter((a) => a.applicationNumber !== 'YC-0008')));
    expect(await verifyDrawRecord(record, subtle)).toEqual({
      ok: false,
      code: 'ASSIGNMENT_MISSING',
      params: { applicationNumber: 'YC-0008', expected: 'C' },
    });
  });

  it('names an assignment of an application outside the pool, and a doubled one', async () => {
    const outside = tampered((r) => r.assignments!.push({ applicationNumber: 'YC-0099', stratum: 'ALM', arm: 'B' }));
    expect(await verifyDrawRecord(outside, subtle)).toEqual({
      ok: false,
      code: 'ASSIGNMENT_EXTRA',
      params: { applicationNumber: 'YC-0099', published: 'B' },
    });
    const doubled = tampered((r) => r.assignments!.push({ ...find(r, 'YC-0002') }));
    expect(await verifyDrawRecord(doubled, subtle)).toEqual({
      ok: false,
      code: 'ASSIGNMENT_EXTRA',
      params: { applicationNumber: 'YC-0002', published: 'B' },
    });
  });

  it('says a prepared record has not been drawn yet', async () => {
    const prepared = tampered((r) => {
      r.status = 'prepared';
      r.seed = null;
      r.publicEntropy = null;
      r.drawnAt = null;
      r.assignments = null;
    });
    expect(await verifyDrawRecord(prepared, subtle)).toEqual({
      ok: false,
      code: 'NOT_DRAWN',
      params: { status: 'prepared' },
    });
    expect(await verifyDrawRecord({ ...buildDrawnRecord(), publicEntropy: null }, subtle)).toMatchObject({
      code: 'NOT_DRAWN',
    });
  });

  it.each<[string, unknown, string]>([
    ['null', null, 'record'],
    ['a string', 'garbage', 'record'],
    ['an array', [1, 2], 'record'],
    ['an unknown version', { ...buildDrawnRecord(), version: 2 }, 'version'],
    ['no status', { ...buildDrawnRecord(), status: undefined }, 'status'],
    ['a short seed', { ...buildDrawnRecord(), seed: 'abc' }, 'seed'],
    ['a numeric entropy', { ...buildDrawnRecord(), publicEntropy: 7 }, 'publicEntropy'],
    ['a lone surrogate in the entropy', { ...buildDrawnRecord(), publicEntropy: 'a\uD800' }, 'publicEntropy'],
    ['a commitment that is not hex', { ...buildDrawnRecord(), commitment: 'zz'.repeat(32) }, 'commitment'],
    ['no pool hash', { ...buildDrawnRecord(), poolHash: undefined }, 'poolHash'],
    ['no pool', { ...buildDrawnRecord(), pool: undefined }, 'pool'],
    ['no arms', { ...buildDrawnRecord(), arms: [] }, 'arms'],
    ['a bad weight', { ...buildDrawnRecord(), arms: [{ code: 'A', weight: -1 }] }, 'arms[0].weight'],
    [
      'a doubled arm',
      {
        ...buildDrawnRecord(),
        arms: [
          { code: 'A', weight: 1 },
          { code: 'A', weight: 1 },
        ],
      },
      'arms[1].code',
    ],
    ['an empty pool', { ...buildDrawnRecord(), pool: [] }, 'pool'],
    ['a non-ASCII stratum', tampered((r) => (r.pool[4].stratum = 'ҚАР')), 'pool[4].stratum'],
    ['a duplicated pool entry', tampered((r) => r.pool.push({ ...r.pool[0] })), 'pool[10].applicationNumber'],
    [
      'an assignment without arm',
      { ...buildDrawnRecord(), assignments: [{ applicationNumber: 'YC-0001' }] },
      'assignments[0]',
    ],
  ])('reports %s as MALFORMED, naming the field, without throwing', async (_label, record, field) => {
    expect(await verifyDrawRecord(record, subtle)).toEqual({ ok: false, code: 'MALFORMED', params: { field } });
    expect(verifyOnServer(record)).toMatchObject({ ok: false, code: 'MALFORMED' });
  });
});

describe('draw-check.js verifyDrawRecord — agrees with libs/lottery/verify.ts', () => {
  type Tamper = 'none' | 'arm' | 'stratum' | 'drop' | 'add' | 'double' | 'seed' | 'entropy' | 'pool' | 'poolAndHash';
  const tampers: Tamper[] = [
    'none',
    'arm',
    'stratum',
    'drop',
    'add',
    'double',
    'seed',
    'entropy',
    'pool',
    'poolAndHash',
  ];

  function apply(record: DrawRecord, tamper: Tamper, pick: number, otherSeed: string): void {
    const assignments = record.assignments!;
    const target = assignments[pick % assignments.length];
    const codes = record.arms.map((arm) => arm.code);
    if (tamper === 'arm') target.arm = codes[(codes.indexOf(target.arm) + 1) % codes.length];
    if (tamper === 'stratum') target.stratum = `${target.stratum}X`;
    if (tamper === 'drop') assignments.splice(pick % assignments.length, 1);
    if (tamper === 'add') assignments.push({ applicationNumber: `NEW-${pick}`, stratum: 'ALM', arm: codes[0] });
    if (tamper === 'double') assignments.push({ ...target });
    if (tamper === 'seed') record.seed = otherSeed;
    if (tamper === 'entropy') record.publicEntropy = `${record.publicEntropy}!`;
    if (tamper === 'pool' || tamper === 'poolAndHash') {
      record.pool.push({ applicationNumber: `NEW-${pick}`, stratum: STRATA[pick % STRATA.length] });
    }
    if (tamper === 'poolAndHash') record.poolHash = computePoolHash(record.pool);
  }

  function summary(verdict: DrawCheckVerdict | ReturnType<typeof verifyOnServer>): string {
    return verdict.ok ? 'ok' : verdict.code;
  }

  it('gives the same verdict on random honest and tampered records (200 runs)', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        inputArb(entriesArb(1, 150)),
        fc.constantFrom(...tampers),
        fc.nat(),
        seedArb,
        async (input, tamper, pick, otherSeed) => {
          fc.pre(!input.entries.some((e) => e.applicationNumber === `NEW-${pick}`));
          fc.pre(tamper !== 'seed' || otherSeed !== input.seed);
          const record = buildDrawnRecord(input);
          apply(record, tamper, pick, otherSeed);
          const expected = verifyOnServer(structuredClone(record));
          const verdict = await verifyDrawRecord(record, subtle);
          expect(summary(verdict)).toBe(summary(expected));
          if (verdict.ok) {
            expect(verdict.counts.applications).toBe(input.entries.length);
            expect(verdict.counts.strata).toBe(new Set(input.entries.map((e) => e.stratum)).size);
          } else if ('applicationNumber' in verdict.params && !expected.ok) {
            expect(expected.problem).toContain(verdict.params.applicationNumber);
          }
          seen.set(`${tamper}:${summary(verdict)}`, (seen.get(`${tamper}:${summary(verdict)}`) ?? 0) + 1);
        },
      ),
      { numRuns: 200 },
    );
    // The runs exercised both sides: honest records pass, and several kinds of failure were met.
    expect([...seen.keys()].filter((key) => key.startsWith('none:'))).toEqual(['none:ok']);
    const failures = new Set([...seen.keys()].map((key) => key.split(':')[1]).filter((code) => code !== 'ok'));
    expect(failures.size).toBeGreaterThanOrEqual(4);
  });

  it('verifies a draw of 5 000 applications over 20 strata and 3 weighted arms in well under a second', async () => {
    const input: DrawInput = {
      seed: TEST_VECTOR_INPUT.seed,
      publicEntropy: 'beacon 2026-06-03 15:00',
      arms: [
        { code: 'A', weight: 2 },
        { code: 'B', weight: 1 },
        { code: 'C', weight: 1 },
      ],
      entries: Array.from({ length: 5000 }, (_, i) => ({
        applicationNumber: `YC1-2026-${String(i + 1).padStart(4, '0')}`,
        stratum: `R${String(i % 20).padStart(2, '0')}`,
      })),
    };
    const record = buildDrawnRecord(input);
    await verifyDrawRecord(record, subtle); // warm-up: the first Web Crypto call pays one-off costs
    const started = performance.now();
    const verdict = await verifyDrawRecord(record, subtle);
    const elapsed = performance.now() - started;
    expect(verdict).toMatchObject({ ok: true, counts: { applications: 5000, strata: 20 } });
    expect(elapsed).toBeLessThan(1000);
  });
});

/* ---------- the page wiring, in a bare script context with a minimal stand-in DOM ---------- */

class FakeElement {
  hidden = false;
  textContent = '';
  disabled = false;
  files: Array<{ text(): Promise<string> }> = [];
  readonly attributes = new Map<string, string>();
  readonly listeners = new Map<string, Array<() => void>>();

  constructor(readonly id: string) {}

  set innerHTML(_value: string) {
    throw new Error(`innerHTML written on #${this.id}`);
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }
  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  fire(type: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener();
  }
}

type FetchCall = { url: string; init: unknown };

const CHECK_PREFIX = 'pages.draw.check.';

/** The server's messages for the script: pages.draw.check.<key> without the prefix. */
function messagesOf(catalogue: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(catalogue)
      .filter(([key]) => key.startsWith(CHECK_PREFIX))
      .map(([key, text]) => [key.slice(CHECK_PREFIX.length), text] as const),
  );
}

/** The check's own keys of a page catalogue (the draw page's other texts live in the same file). */
function checkKeys(catalogue: Record<string, string>): string[] {
  return Object.keys(catalogue).filter((key) => key.startsWith(CHECK_PREFIX));
}

function loadPage(options: {
  respond?: (url: string) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;
  withCrypto?: boolean;
  messages?: Record<string, string>;
  /** The data-messages attribute as written, when a test wants it broken or absent. */
  messagesAttribute?: string | null;
}) {
  const ids = ['draw-check', 'draw-check-run', 'draw-check-file', 'draw-check-result'];
  const elements = new Map(ids.map((id) => [id, new FakeElement(id)]));
  const section = elements.get('draw-check')!;
  section.hidden = true;
  section.setAttribute('data-record-url', '/api/v1/public/draws/c0ffee00-0000-4000-8000-000000000001');
  const attribute =
    options.messagesAttribute !== undefined
      ? options.messagesAttribute
      : JSON.stringify(options.messages ?? messagesOf(kk));
  if (attribute !== null) section.setAttribute('data-messages', attribute);
  const calls: FetchCall[] = [];
  const warnings: string[] = [];
  const context = createContext({
    document: {
      readyState: 'complete',
      getElementById: (id: string) => elements.get(id) ?? null,
      addEventListener: () => undefined,
    },
    fetch: (url: string, init: unknown) => {
      calls.push({ url, init });
      return options.respond ? options.respond(url) : Promise.reject(new TypeError('Failed to fetch'));
    },
    crypto: options.withCrypto === false ? {} : { subtle },
    TextEncoder,
    console: { warn: (text: string) => warnings.push(text) },
  });
  runInContext(SCRIPT, context);
  const result = elements.get('draw-check-result')!;
  return {
    section,
    result,
    calls,
    warnings,
    button: elements.get('draw-check-run')!,
    file: elements.get('draw-check-file')!,
    /** Waits until the result carries an outcome, as a user waits for the ✓ or ✗. */
    async outcome(): Promise<string> {
      for (let i = 0; i < 500 && !result.getAttribute('data-outcome'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return result.getAttribute('data-outcome') ?? 'none';
    },
  };
}

function json(body: unknown, status = 200) {
  return () => Promise.resolve({ ok: status < 400, status, text: () => Promise.resolve(JSON.stringify(body)) });
}

describe('draw-check.js on the page', () => {
  it('has a message for every code and every page text, in both languages, with the same placeholders', () => {
    const keys = ['button', 'file', 'note', 'checking', 'ok', 'unreadable', ...CODES].map(
      (k) => `pages.draw.check.${k}`,
    );
    expect(checkKeys(kk).sort()).toEqual([...keys].sort());
    expect(checkKeys(ru).sort()).toEqual([...keys].sort());
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of keys) {
      expect(placeholders(ru[key as keyof typeof ru])).toEqual(placeholders(kk[key as keyof typeof kk]));
    }
  });

  it("reads the texts from the section's data-messages attribute; without readable ones it shows the codes, never fails", async () => {
    const record = tampered((r) => (find(r, 'YC-0006').arm = 'C'));
    for (const messagesAttribute of ['{"ASSIGNMENT_MISMATCH": "', '["not", "an object"]', null]) {
      const page = loadPage({ respond: json(record), messagesAttribute });
      expect(page.section.hidden).toBe(false);
      page.button.fire('click');
      expect(await page.outcome()).toBe('mismatch');
      expect(page.result.textContent).toBe('✗ ASSIGNMENT_MISMATCH');
    }
  });

  it('stays hidden without Web Crypto, and shows itself when it is there', () => {
    expect(loadPage({ withCrypto: false }).section.hidden).toBe(true);
    expect(loadPage({}).section.hidden).toBe(false);
  });

  it('re-fetches the record without cache and says ✓ with the counts', async () => {
    const page = loadPage({ respond: json(documentedRecord()) });
    page.button.fire('click');
    expect(page.result.textContent).toBe(kk['pages.draw.check.checking']);
    expect(await page.outcome()).toBe('ok');
    expect(page.calls).toEqual([
      {
        url: '/api/v1/public/draws/c0ffee00-0000-4000-8000-000000000001',
        init: expect.objectContaining({ cache: 'no-store' }),
      },
    ]);
    expect(page.result.textContent).toMatch(/^✓ Жеребе расталды: .* 10 өтінімнің бәрі .*: A — 2, B — 4, C — 4\.$/);
  });

  it('names the first mismatch in the chosen language, as plain text', async () => {
    const record = tampered((r) => (find(r, 'YC-0006').arm = 'C'));
    const page = loadPage({ respond: json(record), messages: messagesOf(ru) });
    page.button.fire('click');
    expect(await page.outcome()).toBe('mismatch');
    expect(page.result.textContent).toBe('✗ Группа заявки YC-0006 не совпадает: в протоколе — C, при пересчёте — B.');
  });

  it('fills placeholders with text only: markup in a record or a template is never interpreted', async () => {
    const record = tampered((r) => r.assignments!.push({ applicationNumber: '<img src=x>', stratum: 'ALM', arm: 'A' }));
    const page = loadPage({
      respond: json(record),
      messages: { ASSIGNMENT_EXTRA: '<b>{applicationNumber}</b> {nope}' },
    });
    page.button.fire('click');
    expect(await page.outcome()).toBe('mismatch');
    expect(page.result.textContent).toBe('✗ <b><img src=x></b> ');
  });

  it('checks a saved file: a good one ✓, a file that is not JSON MALFORMED', async () => {
    const page = loadPage({});
    page.file.files = [{ text: () => Promise.resolve(`\uFEFF${JSON.stringify(documentedRecord())}`) }];
    page.file.fire('change');
    expect(await page.outcome()).toBe('ok');
    expect(page.calls).toEqual([]);

    page.file.files = [{ text: () => Promise.resolve('{"version": 1, "pool": [') }];
    page.file.fire('change');
    expect(page.result.getAttribute('data-outcome')).toBeNull();
    expect(await page.outcome()).toBe('mismatch');
    expect(page.result.textContent).toBe(
      '✗ Бұл жарамды жеребе хаттамасы емес, оны тексеру мүмкін емес (қате орны: JSON).',
    );
  });

  it('says a prepared draw cannot be checked yet', async () => {
    const prepared = { ...buildDrawnRecord(), status: 'prepared', seed: null, publicEntropy: null, assignments: null };
    const page = loadPage({ respond: json(prepared) });
    page.button.fire('click');
    expect(await page.outcome()).toBe('mismatch');
    expect(page.result.textContent).toBe(`✗ ${kk['pages.draw.check.NOT_DRAWN']}`);
  });

  it('tells an unreachable or failing server apart from a bad draw', async () => {
    const offline = loadPage({});
    offline.button.fire('click');
    expect(await offline.outcome()).toBe('error');
    expect(offline.result.textContent).toBe('✗ Хаттаманы жүктеу мүмкін болмады. Байланысты тексеріп, қайталаңыз.');
    expect(offline.warnings).toEqual(['draw check: Failed to fetch']);

    const missing = loadPage({ respond: json({ code: 'NOT_FOUND' }, 404), messages: messagesOf(ru) });
    missing.button.fire('click');
    expect(await missing.outcome()).toBe('error');
    expect(missing.result.textContent).toBe('✗ Не удалось загрузить протокол. Проверьте соединение и повторите.');
    expect(missing.warnings).toEqual(['draw check: HTTP 404']);
  });

  it('shows only the latest check when a slow fetch ends after a file check', async () => {
    let release: () => void = () => undefined;
    const slow = tampered((r) => (find(r, 'YC-0001').arm = 'B'));
    const page = loadPage({
      respond: () =>
        new Promise((resolve) => {
          release = () => resolve({ ok: true, status: 200, text: () => Promise.resolve(JSON.stringify(slow)) });
        }),
    });
    page.button.fire('click');
    page.file.files = [{ text: () => Promise.resolve(JSON.stringify(documentedRecord())) }];
    page.file.fire('change');
    expect(await page.outcome()).toBe('ok');
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(page.result.getAttribute('data-outcome')).toBe('ok');
    expect(page.result.textContent.startsWith('✓ ')).toBe(true);
  });
});
