import { connect } from 'node:net';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { RedisConnection } from '../../common/redis/redis.provider';

export interface DependencyStatus {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  checks: { database: DependencyStatus; redis: DependencyStatus; smtp: DependencyStatus };
}

const TIMEOUT_MS = 2000;

async function timed(check: () => Promise<unknown>): Promise<DependencyStatus> {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer in ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref(),
      ),
    ]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { status: 'down', latencyMs: Math.round(performance.now() - started), error: (err as Error).message };
  }
}

/**
 * The database is required (down → 503); Redis and SMTP only delay messages, which the
 * outbox keeps, so their absence degrades the service without stopping it.
 */
@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly redis: RedisConnection,
    private readonly env: EnvironmentVariables,
  ) {}

  async check(): Promise<HealthReport> {
    const [database, redis, smtp] = await Promise.all([
      timed(() => this.db.query('SELECT 1')),
      timed(() => this.redis.ping()),
      timed(() => this.smtpReachable()),
    ]);
    const status =
      database.status === 'down' ? 'down' : redis.status === 'down' || smtp.status === 'down' ? 'degraded' : 'ok';
    return { status, checks: { database, redis, smtp } };
  }

  private smtpReachable(): Promise<void> {
    const url = new URL(this.env.SMTP_URL);
    const port = Number(url.port || (url.protocol === 'smtps:' ? 465 : 25));
    return new Promise((resolve, reject) => {
      const socket = connect({ host: url.hostname, port, timeout: TIMEOUT_MS });
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('timeout', () => {
        socket.destroy();
        reject(new Error('timeout'));
      });
      socket.once('error', (err) => {
        socket.destroy();
        reject(err);
      });
    });
  }
}
