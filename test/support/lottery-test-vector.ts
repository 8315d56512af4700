/** The test vector of LOTTERY.md, shared by the specs; not exported from the library. */
import { DrawInput } from '../../libs/lottery/lottery.types';
import { DrawRecord } from '../../libs/lottery/verify';
import { draw } from '../../libs/lottery/lottery';

export const TEST_VECTOR_INPUT: DrawInput = {
  seed: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
  publicEntropy: '07 12 33 41 45',
  arms: [
    { code: 'A', weight: 1 },
    { code: 'B', weight: 1 },
    { code: 'C', weight: 1 },
  ],
  entries: [
    { applicationNumber: 'YC-0001', stratum: 'ALM' },
    { applicationNumber: 'YC-0002', stratum: 'ALM' },
    { applicationNumber: 'YC-0003', stratum: 'ALM' },
    { applicationNumber: 'YC-0004', stratum: 'ALM' },
    { applicationNumber: 'YC-0005', stratum: 'KAR' },
    { applicationNumber: 'YC-0006', stratum: 'KAR' },
    { applicationNumber: 'YC-0007', stratum: 'KAR' },
    { applicationNumber: 'YC-0008', stratum: 'PAV' },
    { applicationNumber: 'YC-0009', stratum: 'PAV' },
    { applicationNumber: 'YC-0010', stratum: 'ALM' },
  ],
};

export const TEST_VECTOR_POOL_HASH = '45d4fc91c93b8fca7fab2b5dd63a1ab00e12c6ec84746df8e5f532133cb81b7b';
export const TEST_VECTOR_COMMITMENT = '630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd';

/** Exactly the lines printed in LOTTERY.md. */
export const TEST_VECTOR_LINES = [
  'ALM: YC-0001 A, YC-0002 B, YC-0003 B, YC-0010 C, YC-0004 C',
  'KAR: YC-0007 A, YC-0006 B, YC-0005 C',
  'PAV: YC-0009 B, YC-0008 C',
];

/** A published record as the API would serve it after the draw of `input`. */
export function buildDrawnRecord(input: DrawInput = TEST_VECTOR_INPUT): DrawRecord {
  const result = draw(input);
  return {
    version: 1,
    competition: { id: 'c0ffee00-0000-4000-8000-000000000001', title: { kk: 'Жастар', ru: 'Молодёжь' } },
    status: 'drawn',
    stratumAttribute: 'region',
    arms: input.arms.map((arm) => ({ ...arm })),
    pool: input.entries.map((entry) => ({ ...entry })),
    poolHash: result.poolHash,
    commitment: result.commitment,
    preparedAt: '2026-06-01T10:00:00+05:00',
    drawnAt: '2026-06-03T15:00:00+05:00',
    seed: input.seed,
    publicEntropy: input.publicEntropy,
    assignments: result.assignments,
    cancelled: [],
  };
}
