/**
 * The load generator of the submit-surge benchmark. It runs in its own process (forked by
 * the benchmark), so it neither steals the server's event loop nor shares its heap; the
 * same code drives the real API and the bare baseline.
 *
 * Each job is one POST with its own bearer token and Idempotency-Key; `concurrency`
 * requests are in flight at any moment over a keep-alive agent of as many sockets.
 */
import http from 'node:http';
import { join } from 'node:path';
import { Child, serve } from './child';

export interface LoadJob {
  path: string;
  token: string;
  idempotencyKey: string;
}

export interface LoadRequest {
  port: number;
  concurrency: number;
  jobs: LoadJob[];
  /** A request unanswered after this is abandoned (status 0). */
  requestTimeoutMs: number;
  /** The whole run is cut off after this: in-flight requests get status 0, unsent ones -1. */
  runTimeoutMs: number;
}

export interface LoadResult {
  /** Per-request latency in ms, in job order. */
  latencies: number[];
  /** HTTP status per job; 0 for a transport error or timeout, -1 for never sent (run cut off). */
  statuses: number[];
  /** From the first request sent to the last answer read. */
  wallMs: number;
  /** The first few failures, for the report. */
  failures: { path: string; status: number; body: string }[];
}

async function runLoad(req: LoadRequest): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: req.concurrency, maxFreeSockets: req.concurrency });
  const latencies = new Array<number>(req.jobs.length).fill(0);
  const statuses = new Array<number>(req.jobs.length).fill(-1);
  const failures: LoadResult['failures'] = [];

  function send(job: LoadJob): Promise<{ status: number; body: string }> {
    return new Promise((resolve) => {
      const r = http.request(
        {
          agent,
          host: '127.0.0.1',
          port: req.port,
          method: 'POST',
          path: job.path,
          headers: {
            authorization: `Bearer ${job.token}`,
            'idempotency-key': job.idempotencyKey,
            'content-length': '0',
            'accept-language': 'kk',
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (err) => resolve({ status: 0, body: String(err) }));
        },
      );
      r.setTimeout(req.requestTimeoutMs, () => r.destroy(new Error(`no answer within ${req.requestTimeoutMs} ms`)));
      r.on('error', (err) => resolve({ status: 0, body: String(err) }));
      r.end();
    });
  }

  let next = 0;
  let cutOff = false;
  async function lane(): Promise<void> {
    for (;;) {
      const i = next;
      next += 1;
      if (i >= req.jobs.length || cutOff) return;
      const job = req.jobs[i];
      const t0 = performance.now();
      const res = await send(job);
      latencies[i] = performance.now() - t0;
      statuses[i] = res.status;
      if (res.status !== 200 && failures.length < 5)
        failures.push({ path: job.path, status: res.status, body: res.body.slice(0, 300) });
    }
  }

  const started = performance.now();
  const timer = setTimeout(() => {
    cutOff = true;
    agent.destroy();
  }, req.runTimeoutMs);
  await Promise.all(Array.from({ length: Math.min(req.concurrency, req.jobs.length) }, lane));
  const wallMs = performance.now() - started;
  clearTimeout(timer);
  agent.destroy();
  return { latencies, statuses, wallMs, failures };
}

/** The forked generator: one load at a time. */
export class LoadClient {
  private constructor(private readonly child: Child) {}

  static start(): LoadClient {
    return new LoadClient(
      Child.start(join(__dirname, 'load-client.ts'), { ...process.env, SUBMIT_SURGE_ROLE: 'load' }),
    );
  }

  run(request: LoadRequest): Promise<LoadResult> {
    return this.child.ask<LoadResult>('run', { request });
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}

if (process.env.SUBMIT_SURGE_ROLE === 'load' && process.send) {
  serve(async (q) => runLoad(q.request as LoadRequest));
}
