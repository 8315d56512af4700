import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeCommitment, computePoolHash, draw } from './index';

/** The README promises anyone can check a draw in a few lines of another language: this keeps that true. */
describe('the Python verifier in the README', () => {
  const seed = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
  const arms = [
    { code: 'A', weight: 1 },
    { code: 'B', weight: 1 },
    { code: 'C', weight: 1 },
  ];
  const entries = ['ALM', 'ALM', 'ALM', 'ALM', 'KAR', 'KAR', 'KAR', 'PAV', 'PAV', 'ALM'].map((stratum, i) => ({
    applicationNumber: `YC-${String(i + 1).padStart(4, '0')}`,
    stratum,
  }));
  const record = {
    version: 1,
    status: 'drawn',
    arms,
    pool: entries,
    poolHash: computePoolHash(entries),
    commitment: computeCommitment(seed),
    seed,
    publicEntropy: '07 12 33 41 45',
    assignments: draw({ seed, publicEntropy: '07 12 33 41 45', arms, entries }).assignments,
  };
  const run = (doc: unknown) => {
    const dir = mkdtempSync(join(tmpdir(), 'pyverify-'));
    writeFileSync(join(dir, 'record.json'), JSON.stringify(doc));
    return spawnSync('python3', [join(__dirname, 'verify_draw.py'), join(dir, 'record.json')], { encoding: 'utf8' });
  };

  it('says OK for the LOTTERY.md test vector', () => {
    const result = run(record);
    expect(result.stdout.trim()).toBe('OK');
    expect(result.status).toBe(0);
  });

  it('fails on a swapped assignment and on a wrong seed', () => {
    const swapped = {
      ...record,
      assignments: record.assignments.map((a, i) => (i === 0 ? { ...a, arm: a.arm === 'A' ? 'B' : 'A' } : a)),
    };
    expect(run(swapped).stderr).toContain('assignments differ');
    expect(run({ ...record, seed: seed.replace('00', 'ff') }).stderr).toContain('seed does not match commitment');
  });
});
