/**
 * Stand-alone verifier for a published draw record:
 *   node dist/libs/lottery/verify-cli.js <file-or-http(s)-url>
 * Exit 0: the draw checks out. Exit 1: it does not. Exit 2: the record could not be read.
 * It depends on nothing outside libs/lottery, so it can be copied and run by anyone.
 */
import { promises as fs } from 'fs';
import { DrawRecord, verifyDrawRecord } from './verify';

export interface VerifierIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Injected in tests; defaults to reading the file as UTF-8. */
  readFile?(path: string): Promise<string>;
  /** Injected in tests; defaults to Node's global fetch. */
  fetch?: typeof fetch;
}

export const EXIT_OK = 0;
export const EXIT_MISMATCH = 1;
export const EXIT_UNREADABLE = 2;

const FETCH_TIMEOUT_MS = 30_000;
const USAGE = 'usage: verify-cli <path-to-record.json | http(s)://…/public/draws/<competitionId>>\n';

/** Thrown for anything that stops us from getting a JSON document, as opposed to a bad draw. */
class UnreadableInputError extends Error {}

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici says only "fetch failed"; the cause carries the useful part (ECONNREFUSED, ENOTFOUND…).
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message;
  return detail ? `${error.message} (${detail})` : error.message;
}

async function fetchText(url: string, io: VerifierIo): Promise<string> {
  const fetchImpl = io.fetch ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    throw new UnreadableInputError(`cannot fetch ${url}: ${reason(error)}`);
  }
  if (!response.ok) {
    throw new UnreadableInputError(`cannot fetch ${url}: HTTP ${response.status} ${response.statusText}`.trimEnd());
  }
  try {
    return await response.text();
  } catch (error) {
    throw new UnreadableInputError(`cannot read the response from ${url}: ${reason(error)}`);
  }
}

async function readText(path: string, io: VerifierIo): Promise<string> {
  try {
    return io.readFile ? await io.readFile(path) : await fs.readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UnreadableInputError(`cannot read ${path}: no such file`);
    if (code === 'EISDIR') throw new UnreadableInputError(`cannot read ${path}: it is a directory`);
    throw new UnreadableInputError(`cannot read ${path}: ${reason(error)}`);
  }
}

async function loadRecord(source: string, io: VerifierIo): Promise<unknown> {
  const text = /^https?:\/\//i.test(source) ? await fetchText(source, io) : await readText(source, io);
  try {
    // Editors on Windows like to prepend a byte-order mark; JSON.parse rejects it.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UnreadableInputError(`${source} is not valid JSON: ${reason(error)}`);
  }
}

function summarize(record: DrawRecord): string {
  const strata = new Set(record.pool.map((entry) => entry.stratum)).size;
  const arms = record.arms.map((arm) => `${arm.code}:${arm.weight}`).join(', ');
  return (
    `OK: ${record.pool.length} applications, ${strata} strata, ${record.arms.length} arms (${arms}); ` +
    'the seed matches the commitment, the pool matches its hash and every assignment recomputes the same\n'
  );
}

/** The whole command without touching `process`, so specs can drive it; resolves to the exit code. */
export async function runVerifier(argv: readonly string[], io: VerifierIo): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (argv.length !== 1 || argv[0] === '') {
    io.stderr(USAGE);
    return EXIT_UNREADABLE;
  }
  let record: unknown;
  try {
    record = await loadRecord(argv[0], io);
  } catch (error) {
    if (!(error instanceof UnreadableInputError)) throw error;
    io.stderr(`ERROR: ${error.message}\n`);
    return EXIT_UNREADABLE;
  }
  const verdict = verifyDrawRecord(record);
  if (!verdict.ok) {
    io.stdout(`MISMATCH: ${verdict.problem}\n`);
    return EXIT_MISMATCH;
  }
  io.stdout(summarize(record as DrawRecord));
  return EXIT_OK;
}

async function main(): Promise<void> {
  const code = await runVerifier(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
  // exitCode rather than exit(), so buffered output to a pipe is not cut off.
  process.exitCode = code;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`ERROR: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_UNREADABLE;
  });
}
