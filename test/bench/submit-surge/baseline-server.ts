/**
 * The baseline: a bare Fastify route that stores a submission with one INSERT through a pg
 * pool of the API's size (20), and nothing else — no auth, no checks, no audit, no outbox.
 *
 * A second route, for reference only, stores the same row in as many round trips as the
 * API's submit takes (`SUBMIT_ROUND_TRIPS`), with trivial statements in place of the real
 * ones: what talking to the database that often costs on this machine, before any work.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { Pool } from 'pg';

export interface BaselineServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The submit's round trips: the Idempotency-Key claim (its own transaction), BEGIN, the
 * one read, team activation, status and number, receipt, idempotency answer, audit, COMMIT.
 */
export const SUBMIT_ROUND_TRIPS = 9;

export async function createBaselineTable(databaseUrl: string): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  for (const table of ['bench_baseline', 'bench_round_trips', 'bench_round_trip_claims']) {
    await pool.query(
      `CREATE TABLE ${table} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, application_id uuid NOT NULL, submitted_at timestamptz NOT NULL)`,
    );
  }
  await pool.end();
}

export async function startBaselineServer(databaseUrl: string): Promise<BaselineServer> {
  const pool = new Pool({ connectionString: databaseUrl, max: 20, application_name: 'bench-baseline' });
  const app: FastifyInstance = Fastify({ logger: false });
  app.post<{ Params: { id: string } }>('/submit/:id', async (request) => {
    await pool.query('INSERT INTO bench_baseline (application_id, submitted_at) VALUES ($1, now())', [
      request.params.id,
    ]);
    return { ok: true };
  });
  app.post<{ Params: { id: string } }>('/submit-round-trips/:id', async (request) => {
    const id = request.params.id;
    await pool.query('INSERT INTO bench_round_trip_claims (application_id, submitted_at) VALUES ($1, now())', [id]);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (let i = 0; i < SUBMIT_ROUND_TRIPS - 4; i += 1) await client.query('SELECT $1::uuid AS id', [id]);
      await client.query('INSERT INTO bench_round_trips (application_id, submitted_at) VALUES ($1, now())', [id]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    return { ok: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}
