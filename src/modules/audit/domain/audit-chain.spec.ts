import { canonicalJson, chainHash, ChainRow, GENESIS_HASH, verifyChain } from './audit-chain';

function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i += 1) {
    const content = {
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      actorId: null,
      actorIp: '127.0.0.1',
      requestId: `r${i}`,
      action: 'test.action',
      entityType: 'thing',
      entityId: String(i),
      summary: { after: { n: i, nested: { b: 1, a: 2 } } },
    };
    const hash = chainHash(prev, content);
    rows.push({ ...content, id: String(i), prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('audit chain', () => {
  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
  });

  it('accepts an intact chain', () => {
    expect(verifyChain(chain(5))).toMatchObject({ ok: true, checked: 5 });
  });

  it('names the first row whose content was edited', () => {
    const rows = chain(5);
    rows[2].summary = { after: { n: 999 } };
    expect(verifyChain(rows)).toMatchObject({ ok: false, brokenAt: '3', reason: 'hash_mismatch', checked: 2 });
  });

  it('names the row after a deleted one', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verifyChain(rows)).toMatchObject({ ok: false, brokenAt: '3', reason: 'prev_hash_mismatch' });
  });

  it('detects a rewritten hash that no longer links to its successor', () => {
    const rows = chain(4);
    rows[1].actorIp = '10.0.0.1';
    rows[1].hash = chainHash(rows[1].prevHash, rows[1]);
    expect(verifyChain(rows)).toMatchObject({ ok: false, brokenAt: '3', reason: 'prev_hash_mismatch' });
  });
});
