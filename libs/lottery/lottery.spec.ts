import { createHash, createHmac } from 'crypto';
import {
  DrawInputProblemCode as Code,
  DrawRandomStream,
  LotteryInputError,
  computeCommitment,
  computePoolHash,
  computeQuotas,
  deriveDrawKey,
  draw,
  sortEntries,
  validateDrawInput,
} from './index';
import { DrawAssignment, DrawInput } from './lottery.types';
import {
  TEST_VECTOR_COMMITMENT,
  TEST_VECTOR_INPUT,
  TEST_VECTOR_LINES,
  TEST_VECTOR_POOL_HASH,
} from '../../test/support/lottery-test-vector';

/** Renders assignments the way LOTTERY.md prints the test vector. */
function toLines(assignments: DrawAssignment[]): string[] {
  const lines: string[] = [];
  let current = '';
  let parts: string[] = [];
  for (const item of assignments) {
    if (item.stratum !== current && parts.length > 0) {
      lines.push(`${current}: ${parts.join(', ')}`);
      parts = [];
    }
    current = item.stratum;
    parts.push(`${item.applicationNumber} ${item.arm}`);
  }
  if (parts.length > 0) lines.push(`${current}: ${parts.join(', ')}`);
  return lines;
}

function withInput(patch: Partial<DrawInput>): DrawInput {
  return { ...TEST_VECTOR_INPUT, ...patch };
}

describe('draw — the LOTTERY.md test vector', () => {
  const result = draw(TEST_VECTOR_INPUT);

  it('reproduces poolHash and commitment', () => {
    expect(result.poolHash).toBe(TEST_VECTOR_POOL_HASH);
    expect(result.commitment).toBe(TEST_VECTOR_COMMITMENT);
    expect(computePoolHash(TEST_VECTOR_INPUT.entries)).toBe(TEST_VECTOR_POOL_HASH);
    expect(computeCommitment(TEST_VECTOR_INPUT.seed)).toBe(TEST_VECTOR_COMMITMENT);
  });

  it('reproduces every assignment in the published order', () => {
    expect(toLines(result.assignments)).toEqual(TEST_VECTOR_LINES);
    expect(result.assignments).toHaveLength(10);
  });

  it('does not depend on the order the entries are given in, nor on seed hex case', () => {
    const reversed = draw(withInput({ entries: [...TEST_VECTOR_INPUT.entries].reverse() }));
    const upper = draw(withInput({ seed: TEST_VECTOR_INPUT.seed.toUpperCase() }));
    expect(reversed).toEqual(result);
    expect(upper).toEqual(result);
  });

  it('leaves the caller input untouched', () => {
    const input = structuredClone(TEST_VECTOR_INPUT);
    draw(input);
    expect(input).toEqual(TEST_VECTOR_INPUT);
  });
});

describe('sortEntries and computePoolHash', () => {
  it('sorts by code unit, not by locale', () => {
    const sorted = sortEntries([
      { stratum: 'b', applicationNumber: 'x' },
      { stratum: 'B', applicationNumber: 'x' },
      { stratum: 'A', applicationNumber: 'YC-9' },
      { stratum: 'A', applicationNumber: 'YC-10' },
      { stratum: 'A', applicationNumber: 'yc-1' },
    ]);
    expect(sorted.map((e) => `${e.stratum}/${e.applicationNumber}`)).toEqual([
      'A/YC-10',
      'A/YC-9',
      'A/yc-1',
      'B/x',
      'b/x',
    ]);
  });

  it('hashes the joined lines without a trailing newline', () => {
    const entries = [
      { stratum: 'KAR', applicationNumber: '2' },
      { stratum: 'ALM', applicationNumber: '1' },
    ];
    const expected = createHash('sha256').update('ALM\t1\nKAR\t2').digest('hex');
    expect(computePoolHash(entries)).toBe(expected);
  });

  it('refuses a seed that is not 64 hex characters', () => {
    expect(() => computeCommitment('00'.repeat(31) + 'zz')).toThrow(TypeError);
  });
});

describe('validateDrawInput and LotteryInputError', () => {
  const cases: Array<[string, Partial<DrawInput>, Code]> = [
    ['a short seed', { seed: 'abcd' }, Code.INVALID_SEED],
    ['a non-hex seed', { seed: 'g'.repeat(64) }, Code.INVALID_SEED],
    ['an empty pool', { entries: [] }, Code.EMPTY_POOL],
    [
      'a duplicate application',
      { entries: [...TEST_VECTOR_INPUT.entries, { applicationNumber: 'YC-0001', stratum: 'KAR' }] },
      Code.DUPLICATE_APPLICATION,
    ],
    [
      'a non-ASCII number',
      { entries: [{ applicationNumber: 'ЖС-1', stratum: 'ALM' }] },
      Code.INVALID_APPLICATION_NUMBER,
    ],
    [
      'a tab in a number',
      { entries: [{ applicationNumber: 'YC\t1', stratum: 'ALM' }] },
      Code.INVALID_APPLICATION_NUMBER,
    ],
    ['an empty number', { entries: [{ applicationNumber: '', stratum: 'ALM' }] }, Code.INVALID_APPLICATION_NUMBER],
    ['a newline in a stratum', { entries: [{ applicationNumber: 'YC-1', stratum: 'AL\nM' }] }, Code.INVALID_STRATUM],
    ['a non-ASCII stratum', { entries: [{ applicationNumber: 'YC-1', stratum: 'Алматы' }] }, Code.INVALID_STRATUM],
    ['no arms', { arms: [] }, Code.NO_ARMS],
    [
      'duplicate arm codes',
      {
        arms: [
          { code: 'A', weight: 1 },
          { code: 'A', weight: 2 },
        ],
      },
      Code.DUPLICATE_ARM,
    ],
    ['a zero weight', { arms: [{ code: 'A', weight: 0 }] }, Code.INVALID_WEIGHT],
    ['a fractional weight', { arms: [{ code: 'A', weight: 1.5 }] }, Code.INVALID_WEIGHT],
    ['an unsafe weight', { arms: [{ code: 'A', weight: 2 ** 53 }] }, Code.INVALID_WEIGHT],
    ['a lone surrogate in the entropy', { publicEntropy: 'x\uD800' }, Code.INVALID_PUBLIC_ENTROPY],
  ];

  it.each(cases)('reports %s', (_label, patch, code) => {
    const input = withInput(patch);
    expect(validateDrawInput(input).map((p) => p.code)).toEqual([code]);
    let thrown: unknown;
    try {
      draw(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LotteryInputError);
    expect((thrown as LotteryInputError).code).toBe(code);
  });

  it('lists every problem at once and accepts an empty stratum', () => {
    const problems = validateDrawInput({ seed: 'x', publicEntropy: null, arms: [], entries: [] });
    expect(problems.map((p) => p.code)).toEqual([
      Code.INVALID_SEED,
      Code.INVALID_PUBLIC_ENTROPY,
      Code.NO_ARMS,
      Code.EMPTY_POOL,
    ]);
    expect(validateDrawInput(withInput({ entries: [{ applicationNumber: 'YC-1', stratum: '' }] }))).toEqual([]);
  });
});

describe('computeQuotas', () => {
  const equal = [
    { code: 'A', weight: 1 },
    { code: 'B', weight: 1 },
    { code: 'C', weight: 1 },
  ];

  it('gives leftovers by the shuffled arm order when remainders tie', () => {
    expect(computeQuotas(1, equal, [2, 0, 1])).toEqual([0, 0, 1]);
    expect(computeQuotas(2, equal, [1, 2, 0])).toEqual([0, 1, 1]);
    expect(computeQuotas(3, equal, [1, 2, 0])).toEqual([1, 1, 1]);
  });

  it('prefers the larger remainder over the shuffled order', () => {
    // 5 * 2/4 = 2.5, 5 * 1/4 = 1.25 each: A takes the leftover even when it comes last in perm.
    const arms = [
      { code: 'A', weight: 2 },
      { code: 'B', weight: 1 },
      { code: 'C', weight: 1 },
    ];
    expect(computeQuotas(5, arms, [1, 2, 0])).toEqual([3, 1, 1]);
  });

  it('stays exact with weights near 2^53', () => {
    const arms = [
      { code: 'A', weight: Number.MAX_SAFE_INTEGER },
      { code: 'B', weight: 1 },
    ];
    expect(computeQuotas(3, arms, [1, 0])).toEqual([3, 0]);
  });
});

describe('DrawRandomStream', () => {
  const key = deriveDrawKey(TEST_VECTOR_INPUT.seed, '', TEST_VECTOR_POOL_HASH);

  /** The stream written the slow, obvious way, to check the lazy reader against. */
  function referenceWords(count: number): number[] {
    const bytes: number[] = [];
    for (let counter = 0; bytes.length < count * 4; counter++) {
      const message = Buffer.alloc(8);
      message.writeBigUInt64BE(BigInt(counter));
      bytes.push(...createHmac('sha256', key).update(message).digest());
    }
    const words: number[] = [];
    for (let i = 0; i < count; i++) {
      const [a, b, c, d] = bytes.slice(i * 4, i * 4 + 4);
      words.push(a * 2 ** 24 + b * 2 ** 16 + c * 2 ** 8 + d);
    }
    return words;
  }

  it('reads the HMAC blocks as big-endian words across block boundaries', () => {
    const stream = new DrawRandomStream(key);
    const words = Array.from({ length: 40 }, () => stream.nextUint32());
    expect(words).toEqual(referenceWords(40));
    expect(stream.blocksUsed).toBe(5);
  });

  it('rejects words at or above the limit instead of folding them with modulo', () => {
    // n = 2^31 + 1 makes the limit 2^31 + 1, so about half of all words are rejected.
    const n = 2 ** 31 + 1;
    const words = referenceWords(64);
    const expected = words.filter((x) => x < n).map((x) => x % n);
    const stream = new DrawRandomStream(key);
    const drawn: number[] = [];
    while (drawn.length < expected.length) drawn.push(stream.uniform(n));
    expect(drawn).toEqual(expected);
    expect(expected.length).toBeLessThan(64);
  });

  it('consumes one word even for uniform(1) and handles n = 2^32', () => {
    const stream = new DrawRandomStream(key);
    expect(stream.uniform(1)).toBe(0);
    expect(stream.uniform(2 ** 32)).toBe(referenceWords(2)[1]);
    expect(() => stream.uniform(0)).toThrow(RangeError);
  });
});
