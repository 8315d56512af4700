import type { IncomingMessage } from 'node:http';
import { constants as zlibConstants } from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { INestApplication, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { EnvironmentVariables } from '../../config/env.validation';
import { loadEnvironment } from '../../config/load-env';
import { AppModule } from '../app.module';
import { AllExceptionsFilter } from '../common/errors/all-exceptions.filter';
import { createValidationPipe } from '../common/validation/validation.pipe';
import { refuseUnstorableInput } from '../common/validation/unstorable-input';
import { requestIdOf } from '../common/http/request-id';
import { ASSETS_DIR, ASSETS_PREFIX } from '../web/core/assets';
import { WebExceptionFilter } from '../web/core/web-exception.filter';
import type { WebReply, WebRequest } from '../web/core/web-request';

export const API_PREFIX = 'api/v1';

/** A path the JSON API (or its documentation) answers; everything else is a web page. */
export function isApiPath(url: string): boolean {
  return /^\/(api|docs|docs-json)(\/|\?|$)/.test(url);
}

/** Swagger UI's page runs inline script and style; this policy applies to /docs alone. */
const DOCS_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'";

/** Builds the API exactly as production runs it; e2e tests call this too. */
export async function createHttpApp(): Promise<NestFastifyApplication> {
  const env = loadEnvironment();
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(env), {
    bufferLogs: true,
  });
  await applyHttpConventions(app, env);
  return app;
}

export function createFastifyAdapter(env: EnvironmentVariables): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT_BYTES,
    // Slow senders (slowloris) hold a socket each; these limits hand it back.
    connectionTimeout: env.HTTP_IDLE_TIMEOUT_MS,
    requestTimeout: env.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: Math.min(5_000, env.HTTP_HEADERS_TIMEOUT_MS),
    http: {
      headersTimeout: env.HTTP_HEADERS_TIMEOUT_MS,
      // Node checks the two timeouts above on this beat (30 s by default, too coarse for them).
      connectionsCheckingInterval: Math.min(1_000, env.HTTP_HEADERS_TIMEOUT_MS),
    },
    // X-Forwarded-For is read only from the proxies named in TRUSTED_PROXIES (none by default).
    trustProxy: env.TRUSTED_PROXIES.trim() ? env.TRUSTED_PROXIES.split(',').map((p) => p.trim()) : false,
    // Kept on the raw request too, where pino-http (a middleware) finds it for the log line.
    genReqId: (req: IncomingMessage) => {
      const id = requestIdOf(req);
      (req as { id?: string }).id = id;
      return id;
    },
  });
}

export async function applyHttpConventions(app: NestFastifyApplication, env: EnvironmentVariables): Promise<void> {
  app.useLogger(app.get(Logger));
  // The id Fastify assigned (the caller's own or a new uuid) goes back on every answer,
  // 404s and unparseable bodies included. pino-http cannot do it: it skips its genReqId
  // when the request already carries an id, which Fastify's genReqId has just set.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      void reply.header('x-request-id', request.id);
      done();
    })
    // NUL or a lone surrogate anywhere in the request: a 400 before guards and handlers see it.
    .addHook('preValidation', refuseUnstorableInput);
  // The API's controllers answer under /api/v1 (URI version 1 by default); page controllers
  // are VERSION_NEUTRAL and answer under / (see src/web).
  app.enableVersioning({ type: VersioningType.URI, prefix: 'api/v', defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  const pageErrors = app.get(WebExceptionFilter);
  // An unknown address outside the API is a page too: "not found" in the reader's language.
  app.useGlobalFilters(
    new AllExceptionsFilter((exception, request, reply) => {
      if (isApiPath(request.url)) return false;
      void pageErrors.answer(exception, request as WebRequest, reply as WebReply);
      return true;
    }),
  );
  // A strict policy everywhere: no inline script or style, nothing from elsewhere. Only the
  // OpenAPI page (Swagger UI) needs inline script and style; it gets them, and nothing else does.
  await app.register(helmet as never, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        // Only behind HTTPS: on a plain-http site (the demo on localhost) the browser would
        // rewrite our own redirects and uploads to https and they would fail.
        upgradeInsecureRequests: env.PUBLIC_URL.startsWith('https://') ? [] : null,
      },
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request, reply, payload, done) => {
      if (/^\/docs(\/|$)/.test(request.url.split('?')[0])) void reply.header('content-security-policy', DOCS_CSP);
      done(null, payload);
    });
  // Pages: cookies (session, language; Nest parses HTML forms itself), compression of every answer that is
  // worth it (pages, JSON, the stylesheet), and the assets with a year's cache (their URL
  // carries their content's hash).
  await app.register(cookie as never);
  await app.register(compress as never, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    // Quality 11 (the default) costs ~10 ms per page; 5 is most of the gain for a fraction of the time.
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } },
  });
  await app.register(fastifyStatic as never, {
    root: ASSETS_DIR,
    prefix: ASSETS_PREFIX,
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
    index: false,
    list: false,
  });
  // One file per request; the storage enforces the real per-file and per-application limits
  // while streaming, so this ceiling only stops abuse early.
  await app.register(multipart as never, {
    limits: { files: 1, fields: 5, fieldSize: 1000, parts: 10, fileSize: 10 * 1024 * 1024 + 1 },
  });
  const origins = env.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  app.enableCors({ origin: origins.length ? origins : false, credentials: false, maxAge: 600 });
  if (apiDocsServed(env)) setupOpenApi(app);
}

export function apiDocsServed(env: Pick<EnvironmentVariables, 'API_DOCS' | 'NODE_ENV'>): boolean {
  return env.API_DOCS ? env.API_DOCS === 'public' : env.NODE_ENV !== 'production';
}

function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Small competitions of Kazakh NGOs — API')
    .setDescription(
      'Applications, screening, commission scoring, the verifiable A/B/C draw, contracts and reports. ' +
        'Send `Accept-Language: kk` or `ru` for messages in that language (kk by default). ' +
        'Errors: `{statusCode, code, message, details[{field, code, message}]}`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  addErrorResponses(document as unknown as OpenApiDoc);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  components: { schemas?: Record<string, unknown> };
}

/** Every operation documents the common error shape for the statuses it can answer. */
function addErrorResponses(doc: OpenApiDoc): void {
  doc.components.schemas ??= {};
  doc.components.schemas.ErrorResponse = {
    type: 'object',
    required: ['statusCode', 'code', 'message'],
    properties: {
      statusCode: { type: 'integer', example: 400 },
      code: { type: 'string', example: 'VALIDATION_FAILED' },
      message: { type: 'string' },
      requestId: { type: 'string' },
      details: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            field: { type: 'string', example: 'team[2].iin' },
            code: { type: 'string', example: 'IIN_CHECKSUM' },
            message: { type: 'string' },
          },
        },
      },
    },
  };
  const ref = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } } };
  const texts: Record<string, string> = {
    '400': 'bad input (VALIDATION_FAILED with details, MALFORMED_JSON)',
    '401': 'no or invalid token',
    '403': 'signed in but not allowed',
    '404': 'not found, or not yours to see',
    '409': 'state or version conflict',
    '413': 'body too large',
    '429': 'too many requests',
  };
  for (const operations of Object.values(doc.paths)) {
    for (const operation of Object.values(operations)) {
      operation.responses ??= {};
      for (const [status, description] of Object.entries(texts)) {
        operation.responses[status] ??= { description, ...ref };
      }
    }
  }
}
