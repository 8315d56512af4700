#!/usr/bin/env node
// Runs the unit project, then the integration/e2e project (serially: they share one
// database per run), and ends with one plain "N passed, N failed" line for both.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'grants-tests-'));
const extra = process.argv.slice(2);
const runs = [
  ['unit', ['--selectProjects', 'unit']],
  ['integration', ['--selectProjects', 'integration', '--runInBand']],
];
let passed = 0;
let failed = 0;
let exitCode = 0;
for (const [name, args] of runs) {
  const out = join(dir, `${name}.json`);
  const result = spawnSync('npx', ['jest', ...args, '--json', `--outputFile=${out}`, ...extra], { stdio: 'inherit' });
  try {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  } catch {
    failed += 1;
  }
  if (result.status !== 0) exitCode = result.status ?? 1;
}
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(exitCode);
