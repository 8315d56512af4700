/**
 * The baseline of the pages benchmark, in its own process: a bare Fastify route answering the
 * same HTML string the product rendered, with the same compression settings, and nothing else
 * (no Nest, no guards, no session, no database, no rendering).
 */
import { constants as zlibConstants } from 'node:zlib';
import compress from '@fastify/compress';
import Fastify from 'fastify';
import { serve } from '../submit-surge/child';

if (process.env.PAGES_BENCH_ROLE === 'bare' && process.send) {
  const pages = new Map<string, string>();
  const app = Fastify({ logger: false });
  serve(async (q) => {
    switch (q.kind) {
      case 'start': {
        await app.register(compress, {
          global: true,
          threshold: 1024,
          encodings: ['br', 'gzip'],
          brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } },
        });
        app.get<{ Params: { name: string } }>('/bare/:name', (request, reply) => {
          void reply
            .header('content-type', 'text/html; charset=utf-8')
            .header('cache-control', 'private, no-cache')
            .send(pages.get(request.params.name) ?? '');
        });
        await app.listen({ port: 0, host: '127.0.0.1' });
        const address = app.server.address();
        return { port: typeof address === 'object' && address ? address.port : 0 };
      }
      case 'page':
        pages.set(q.name as string, q.html as string);
        return undefined;
      case 'close':
        await app.close();
        return process.exit(0);
      default:
        throw new Error(`unknown question ${q.kind}`);
    }
  });
}
