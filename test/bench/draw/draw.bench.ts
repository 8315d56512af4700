/**
 * Draw benchmark: 100 000 applications in 20 strata, fixed seed.
 *   npx ts-node --transpile-only test/bench/draw/draw.bench.ts
 * Targets: draw() and verifyDrawRecord() each under 2 s on the first (cold) run, which is
 * what an organizer at the event and a member of the public running the verifier both see.
 * Two baselines from the same run put the figures in proportion to this machine's speed.
 */
import { createHash } from 'crypto';
import {
  DrawEntry,
  DrawInput,
  DrawRecord,
  DrawRecordVerification,
  DrawResult,
  draw,
  verifyDrawRecord,
} from '../../../libs/lottery';

const ENTRY_COUNT = 100_000;
const STRATUM_COUNT = 20;
const REPEATS = 5;
const TARGET_MS = 2000;

function buildInput(): DrawInput {
  const entries: DrawEntry[] = [];
  for (let i = 0; i < ENTRY_COUNT; i++) {
    // Interleaved strata and descending numbers, so the input arrives far from sorted.
    const stratum = `R${String((i * 7) % STRATUM_COUNT).padStart(2, '0')}`;
    entries.push({ applicationNumber: `YC-${String(ENTRY_COUNT - i).padStart(6, '0')}`, stratum });
  }
  return {
    seed: createHash('sha256').update('draw-bench').digest('hex'),
    publicEntropy: '07 12 33 41 45',
    arms: [
      { code: 'A', weight: 1 },
      { code: 'B', weight: 1 },
      { code: 'C', weight: 1 },
    ],
    entries,
  };
}

function timeMs(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** First run and the median of the following ones: cold start matters at the event, steady state for CI. */
function measure(run: () => void): { cold: number; median: number } {
  const cold = timeMs(run);
  const warm = Array.from({ length: REPEATS }, () => timeMs(run)).sort((a, b) => a - b);
  return { cold, median: warm[Math.floor(warm.length / 2)] };
}

function baselineSortAndHash(entries: readonly DrawEntry[]): void {
  const sorted = [...entries].sort((a, b) =>
    a.stratum < b.stratum ? -1 : a.stratum > b.stratum ? 1 : a.applicationNumber < b.applicationNumber ? -1 : 1,
  );
  createHash('sha256')
    .update(sorted.map((e) => `${e.stratum}\t${e.applicationNumber}`).join('\n'))
    .digest('hex');
}

function baselineMathRandomShuffle(): void {
  const list = Array.from({ length: ENTRY_COUNT }, (_, i) => i);
  for (let i = list.length - 1; i >= 1; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    const held = list[i];
    list[i] = list[j];
    list[j] = held;
  }
}

function main(): void {
  const input = buildInput();
  let result!: DrawResult;
  const drawTimes = measure(() => {
    result = draw(input);
  });

  // The verifier reads the published JSON, so it gets the parsed document, not our objects.
  const json = JSON.stringify({
    version: 1,
    competition: { id: 'bench', title: { kk: 'bench', ru: 'bench' } },
    status: 'drawn',
    stratumAttribute: 'region',
    arms: input.arms,
    pool: input.entries,
    poolHash: result.poolHash,
    commitment: result.commitment,
    preparedAt: '2026-06-01T10:00:00+05:00',
    drawnAt: '2026-06-03T15:00:00+05:00',
    seed: input.seed,
    publicEntropy: input.publicEntropy,
    assignments: result.assignments,
    cancelled: [],
  } satisfies DrawRecord);
  const record: unknown = JSON.parse(json);
  let verdict!: DrawRecordVerification;
  const verifyTimes = measure(() => {
    verdict = verifyDrawRecord(record);
  });

  const sortHash = measure(() => baselineSortAndHash(input.entries));
  const shuffle = measure(baselineMathRandomShuffle);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  const line = (label: string, t: { cold: number; median: number }) =>
    `${label.padEnd(44)} cold ${t.cold.toFixed(1).padStart(8)} ms   median of ${REPEATS} ${t.median.toFixed(1).padStart(8)} ms`;
  const drawPass = drawTimes.cold < TARGET_MS;
  const verifyPass = verdict.ok && verifyTimes.cold < TARGET_MS;

  console.log(`draw benchmark: ${ENTRY_COUNT} applications, ${STRATUM_COUNT} strata, 3 arms; node ${process.version}`);
  console.log(`record JSON ${(json.length / 1024 / 1024).toFixed(1)} MB; poolHash ${result.poolHash}`);
  console.log(line('draw()', drawTimes));
  console.log(line('verifyDrawRecord() on the parsed record', verifyTimes));
  console.log(line('baseline: sort + SHA-256 of the pool', sortHash));
  console.log(line('baseline: Math.random Fisher-Yates, 100 000', shuffle));
  console.log(`peak RSS ${peakRssMb.toFixed(0)} MB`);
  console.log(`${drawPass ? 'PASS' : 'FAIL'} draw() cold ${drawTimes.cold.toFixed(1)} ms < ${TARGET_MS} ms`);
  console.log(
    `${verifyPass ? 'PASS' : 'FAIL'} verifyDrawRecord() cold ${verifyTimes.cold.toFixed(1)} ms < ${TARGET_MS} ms` +
      (verdict.ok ? '' : ` (verdict: ${verdict.problem})`),
  );
  process.exitCode = drawPass && verifyPass ? 0 : 1;
}

main();
