import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { loadEnvironment, resetEnvironmentCache } from '../../config/load-env';
import { AppModule } from '../../src/app.module';
import { applyHttpConventions, createFastifyAdapter } from '../../src/bootstrap/http-app';
import { Clock } from '../../src/common/clock/clock';
import { FakeClock } from './fake-clock';

export interface CallOptions {
  body?: unknown;
  token?: string;
  lang?: 'kk' | 'ru' | string;
  headers?: Record<string, string>;
}

export interface CallResult<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  raw: Buffer;
}

export interface TestApp {
  app: NestFastifyApplication;
  clock: FakeClock;
  db: DataSource;
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<CallResult<T>>;
  close(): Promise<void>;
}

/** Headers and body of a test request: bearer token, Accept-Language, JSON unless told otherwise. */
export function requestOf(options: CallOptions): {
  headers: Record<string, string>;
  payload: string | Buffer | undefined;
} {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.lang) headers['accept-language'] = options.lang;
  let payload: string | Buffer | undefined;
  if (options.body !== undefined) {
    payload =
      typeof options.body === 'string' || Buffer.isBuffer(options.body) ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  return { headers, payload };
}

/**
 * The real AppModule against the run's own database, with the clock swapped. Requests go
 * through Fastify's inject (the full HTTP pipeline, without a socket).
 */
export async function createTestApp(envOverrides: Record<string, string> = {}): Promise<TestApp> {
  const saved = { ...process.env };
  Object.assign(process.env, envOverrides);
  resetEnvironmentCache();
  const env = loadEnvironment();
  const clock = new FakeClock();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  // The overrides are for this app only; the next app (or child process) gets the run's own.
  process.env = saved;
  resetEnvironmentCache();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(env), { logger: false });
  await applyHttpConventions(app, env);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const db = app.get(DataSource);

  async function call<T>(method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
    const { headers, payload } = requestOf(options);
    const res = await app.inject({ method: method as never, url: `/api/v1${path}`, headers, payload });
    let body: unknown = res.body;
    if (String(res.headers['content-type'] ?? '').includes('json') && res.body) body = JSON.parse(res.body);
    return { status: res.statusCode, body: body as T, headers: res.headers, raw: res.rawPayload };
  }

  return {
    app,
    clock,
    db,
    call,
    close: async () => {
      await app.close();
    },
  };
}
