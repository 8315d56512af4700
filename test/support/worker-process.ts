import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** The worker as operators run it: its own process, killed and restarted by the test. */
export class WorkerProcess {
  private child: ChildProcess | undefined;
  output = '';
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;

  constructor(private readonly env: Record<string, string>) {}

  start(): this {
    this.child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src/worker.ts')], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exit = new Promise((resolve) => this.child!.once('exit', (code, signal) => resolve({ code, signal })));
    return this;
  }

  get started(): boolean {
    return this.output.includes('worker started');
  }

  kill(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }
}
