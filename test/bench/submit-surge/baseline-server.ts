/**
 * The baseline: a bare Fastify route that stores a submission with one INSERT through a pg
 * pool of the API's size (20), and nothing else — no auth, no checks, no audit, no outbox.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { Pool } from 'pg';

export interface BaselineServer {
  port: number;
  close(): Promise<void>;
}

export async function createBaselineTable(databaseUrl: string): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  await pool.query(
    `CREATE TABLE bench_baseline (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, application_id uuid NOT NULL, submitted_at timestamptz NOT NULL)`,
  );
  await pool.end();
}

export async function startBaselineServer(databaseUrl: string): Promise<BaselineServer> {
  const pool = new Pool({ connectionString: databaseUrl, max: 20, application_name: 'bench-baseline' });
  const app: FastifyInstance = Fastify({ logger: false });
  app.post<{ Params: { id: string } }>('/submit/:id', async (request) => {
    await pool.query('INSERT INTO bench_baseline (application_id, submitted_at) VALUES ($1, now())', [request.params.id]);
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
