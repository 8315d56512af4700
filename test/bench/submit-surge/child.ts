/**
 * The benchmark's helper processes (the API under test, the load generator): forked with
 * ts-node, asked one thing at a time over IPC, each answer matched to its question.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Question {
  id: number;
  kind: string;
  [key: string]: unknown;
}

export type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export class Child {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  /** Once muted, what the child prints is dropped (a wedged API dying noisily, for one). */
  muted = false;

  private constructor(readonly proc: ChildProcess) {
    proc.on('message', (msg: Answer) => {
      const waiter = this.pending.get(msg.id);
      if (!waiter) return;
      this.pending.delete(msg.id);
      if (msg.ok) waiter.resolve(msg.value);
      else waiter.reject(new Error(msg.error));
    });
    proc.on('exit', (code, signal) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`child exited (${code ?? signal})`));
      this.pending.clear();
    });
  }

  /** `dropLine` filters what the child prints before it reaches our stderr. */
  static start(file: string, env: NodeJS.ProcessEnv, dropLine: (line: string) => boolean = () => false): Child {
    const proc = fork(file, [], {
      execArgv: ['-r', 'ts-node/register/transpile-only'],
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    const child = new Child(proc);
    for (const stream of [proc.stdout!, proc.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        if (!child.muted && !dropLine(line)) process.stderr.write(`${line}\n`);
      });
    }
    return child;
  }

  ask<T>(kind: string, body: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.proc.send({ id, kind, ...body } satisfies Question);
    });
  }

  /** Waits up to `graceMs` for the child to leave on its own, then kills it. */
  async stop(graceMs = 0): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    if (graceMs > 0) await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs).unref())]);
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
    await exited;
  }
}

/** The child's side: answers each question with `handle`, one at a time or concurrently. */
export function serve(handle: (q: Question) => Promise<unknown>): void {
  process.on('message', (q: Question) => {
    handle(q).then(
      (value) => process.send!({ id: q.id, ok: true, value } satisfies Answer),
      (err: unknown) =>
        process.send!({ id: q.id, ok: false, error: (err as Error).stack ?? String(err) } satisfies Answer),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
