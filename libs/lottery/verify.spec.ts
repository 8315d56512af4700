import { computePoolHash } from './pool-hash.util';
import { DrawRecord, verifyDrawRecord } from './verify';
import { buildDrawnRecord } from '../../test/support/lottery-test-vector';

function tampered(change: (record: DrawRecord) => void): DrawRecord {
  const record = buildDrawnRecord();
  change(record);
  return record;
}

function find(record: DrawRecord, applicationNumber: string) {
  return record.assignments!.find((a) => a.applicationNumber === applicationNumber)!;
}

describe('verifyDrawRecord', () => {
  it('accepts the honest record of the test vector, in any assignment order, ignoring extra fields', () => {
    expect(verifyDrawRecord(buildDrawnRecord())).toEqual({ ok: true });
    const reordered = tampered((r) => r.assignments!.reverse());
    expect(verifyDrawRecord({ ...reordered, balanceUrl: '/x', pool: [...reordered.pool].reverse() })).toEqual({
      ok: true,
    });
    expect(verifyDrawRecord(JSON.parse(JSON.stringify(buildDrawnRecord())))).toEqual({ ok: true });
  });

  it('catches a seed that does not match the commitment', () => {
    const verdict = verifyDrawRecord(tampered((r) => (r.seed = 'ff'.repeat(32))));
    expect(verdict).toMatchObject({ ok: false, code: 'COMMITMENT_MISMATCH' });
    expect(!verdict.ok && verdict.problem).toMatch(/seed does not match the commitment/);
  });

  it('catches a pool entry changed after the hash was published', () => {
    const verdict = verifyDrawRecord(tampered((r) => (r.pool[2] = { applicationNumber: 'YC-0011', stratum: 'ALM' })));
    expect(verdict).toMatchObject({ ok: false, code: 'POOL_HASH_MISMATCH' });
    expect(!verdict.ok && verdict.problem).toMatch(/pool hash does not match the published pool/);
  });

  it('names the first application whose arm was swapped', () => {
    const verdict = verifyDrawRecord(
      tampered((r) => {
        find(r, 'YC-0004').arm = 'A';
        find(r, 'YC-0001').arm = 'C';
      }),
    );
    expect(verdict).toEqual({
      ok: false,
      code: 'ASSIGNMENT_MISMATCH',
      problem: 'assignment of YC-0001: record says C, recomputed A',
    });
    const single = verifyDrawRecord(tampered((r) => (find(r, 'YC-0004').arm = 'A')));
    expect(single).toMatchObject({ problem: 'assignment of YC-0004: record says A, recomputed C' });
  });

  it('catches a wrong stratum on an assignment', () => {
    const verdict = verifyDrawRecord(tampered((r) => (find(r, 'YC-0005').stratum = 'ALM')));
    expect(verdict).toMatchObject({ ok: false, code: 'ASSIGNMENT_MISMATCH' });
    expect(!verdict.ok && verdict.problem).toContain('YC-0005');
  });

  it('names a missing assignment', () => {
    const verdict = verifyDrawRecord(
      tampered((r) => (r.assignments = r.assignments!.filter((a) => a.applicationNumber !== 'YC-0008'))),
    );
    expect(verdict).toEqual({
      ok: false,
      code: 'ASSIGNMENT_MISSING',
      problem: 'assignment of YC-0008: missing from the record, recomputed C',
    });
  });

  it('names an assignment of an application outside the pool, and a doubled one', () => {
    const outside = verifyDrawRecord(
      tampered((r) => r.assignments!.push({ applicationNumber: 'YC-0099', stratum: 'ALM', arm: 'B' })),
    );
    expect(outside).toMatchObject({ ok: false, code: 'ASSIGNMENT_EXTRA' });
    expect(!outside.ok && outside.problem).toContain('YC-0099');
    const doubled = verifyDrawRecord(tampered((r) => r.assignments!.push({ ...find(r, 'YC-0002') })));
    expect(doubled).toMatchObject({ ok: false, code: 'ASSIGNMENT_EXTRA' });
    expect(!doubled.ok && doubled.problem).toContain('YC-0002');
  });

  it('catches a pool swapped together with its hash, through the assignments', () => {
    const verdict = verifyDrawRecord(
      tampered((r) => {
        r.pool = r.pool.map((e) => (e.applicationNumber === 'YC-0003' ? { ...e, applicationNumber: 'YC-0011' } : e));
        r.poolHash = computePoolHash(r.pool);
      }),
    );
    expect(verdict.ok).toBe(false);
    expect(verdict).toMatchObject({ code: expect.stringMatching(/^ASSIGNMENT_/) });
  });

  it('catches changed public entropy', () => {
    const verdict = verifyDrawRecord(tampered((r) => (r.publicEntropy = '07 12 33 41 46')));
    expect(verdict).toMatchObject({ ok: false, code: expect.stringMatching(/^ASSIGNMENT_/) });
  });

  it('reports a prepared record as not drawn', () => {
    const prepared = tampered((r) => {
      r.status = 'prepared';
      r.seed = null;
      r.publicEntropy = null;
      r.drawnAt = null;
      r.assignments = null;
    });
    const verdict = verifyDrawRecord(prepared);
    expect(verdict).toMatchObject({ ok: false, code: 'NOT_DRAWN' });
    expect(!verdict.ok && verdict.problem).toContain('"prepared"');
    expect(verifyDrawRecord({ ...buildDrawnRecord(), seed: null })).toMatchObject({ code: 'NOT_DRAWN' });
  });

  it.each([
    ['not an object', [1, 2]],
    ['an unknown version', { ...buildDrawnRecord(), version: 2 }],
    ['no pool', { ...buildDrawnRecord(), pool: undefined }],
    ['a short seed', { ...buildDrawnRecord(), seed: 'abc' }],
    ['a bad weight', { ...buildDrawnRecord(), arms: [{ code: 'A', weight: -1 }] }],
    ['an assignment without arm', { ...buildDrawnRecord(), assignments: [{ applicationNumber: 'YC-0001' }] }],
    ['a duplicated pool entry', tampered((r) => r.pool.push({ ...r.pool[0] }))],
  ])('reports %s as malformed without throwing', (_label, record) => {
    expect(verifyDrawRecord(record)).toMatchObject({ ok: false, code: 'MALFORMED' });
  });
});
