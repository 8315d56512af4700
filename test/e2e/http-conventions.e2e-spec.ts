import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Controller, Get, RequestMethod, Type, VERSION_NEUTRAL } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, VERSION_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { resetEnvironmentCache } from '../../config/load-env';
import kk from '../../src/i18n/kk.json';
import ru from '../../src/i18n/ru.json';
import { ACCESS_RULE, Public } from '../../src/modules/access/access.decorators';
import { createTestApp, TestApp } from '../support/test-app';
import { makeAdmin, signUp } from '../support/accounts';

/** Conventions every endpoint shares: documentation, health, headers, errors, limits, access rules. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Builds a second app with some variables changed, and puts them back afterwards. */
async function withApp<T>(overrides: Record<string, string>, run: (app: TestApp) => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(overrides).map((k) => [k, process.env[k]]));
  const other = await createTestApp(overrides);
  try {
    return await run(other);
  } finally {
    await other.close();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvironmentCache();
  }
}

const raw = (
  method: 'GET' | 'POST' | 'OPTIONS',
  url: string,
  headers: Record<string, string> = {},
  payload?: string | Buffer,
) => t.app.inject({ method, url, headers, payload });

describe('OpenAPI', () => {
  it('serves the documentation UI at /docs', async () => {
    const res = await raw('GET', '/docs');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toMatch(/swagger/i);
    // Swagger UI needs inline script there, and only there.
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self' 'unsafe-inline'/);
  });

  it('serves the document at /docs-json with the API paths and the error shape', async () => {
    const res = await raw('GET', '/docs-json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/health', '/api/v1/organizations/{id}']),
    );
    expect(doc.components.schemas.ErrorResponse).toMatchObject({ required: ['statusCode', 'code', 'message'] });
    expect(doc.paths['/api/v1/auth/login'].post.responses['400'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ErrorResponse',
    );
  });
});

describe('access rules', () => {
  interface Route {
    name: string;
    route: string;
    page: boolean;
    hasRule: boolean;
  }

  /** Every handler of the given controllers, with whether it (or its class) states an access rule. */
  function routesOf(controllers: Type[]): Route[] {
    return controllers.flatMap((cls) => {
      const base = String(Reflect.getMetadata(PATH_METADATA, cls) ?? '');
      return Object.getOwnPropertyNames(cls.prototype)
        .filter((key) => key !== 'constructor')
        .map((key) => ({ key, handler: cls.prototype[key] as object }))
        .filter(
          ({ handler }) => typeof handler === 'function' && Reflect.getMetadata(METHOD_METADATA, handler) !== undefined,
        )
        .map(({ key, handler }) => {
          const path = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
          // Web pages (VERSION_NEUTRAL controllers) answer under /, the API under /api/v1.
          const page = Reflect.getMetadata(VERSION_METADATA, cls) === VERSION_NEUTRAL;
          const url = `${page ? '' : '/api/v1'}/${[base, path].filter((p) => p && p !== '/').join('/')}`
            .replace(/\/+/g, '/')
            .replace(/\/$/, '');
          return {
            name: `${cls.name}.${key}`,
            route: `${method} ${url || '/'}`,
            page,
            hasRule:
              Reflect.getMetadata(ACCESS_RULE, handler) !== undefined ||
              Reflect.getMetadata(ACCESS_RULE, cls) !== undefined,
          };
        });
    });
  }

  const offenders = (routes: Route[]) => routes.filter((r) => !r.hasRule).map((r) => `${r.name} (${r.route})`);

  function mountedControllers(): Type[] {
    const modules = t.app.get(ModulesContainer);
    return [...modules.values()].flatMap((m) => [...m.controllers.values()].map((w) => w.metatype as Type));
  }

  it('every route of the running app states who may call it', () => {
    const routes = routesOf(mountedControllers());
    expect(offenders(routes)).toEqual([]);
  });

  it('finds every route OpenAPI documents (the enumeration misses nothing)', async () => {
    const doc = (await raw('GET', '/docs-json')).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const all = routesOf(mountedControllers());
    const found = all.filter((r) => !r.page).map((r) => r.route);
    expect(found.length).toBeGreaterThanOrEqual(15);
    // The web pages are not part of the API's document.
    expect(all.filter((r) => r.page).length).toBeGreaterThan(0);
    expect(found.sort()).toEqual(documented.sort());
  });

  it('names an offender (the check above can fail)', () => {
    @Controller('probe')
    class ProbeController {
      @Get('open') @Public() open() {}
      @Get('forgotten') forgotten() {}
    }
    expect(offenders(routesOf([ProbeController]))).toEqual(['ProbeController.forgotten (GET /api/v1/probe/forgotten)']);
  });
});

describe('health', () => {
  it('tells anyone only ok or degraded; an administrator also gets each check', async () => {
    const anonymous = await t.call('GET', '/health');
    expect(anonymous.status).toBe(200);
    expect(Object.keys(anonymous.body)).toEqual(['status']);
    expect(['ok', 'degraded']).toContain(anonymous.body.status);
    const someone = await signUp(t, 'health-user');
    expect(Object.keys((await t.call('GET', '/health', { token: someone.accessToken })).body)).toEqual(['status']);
    const admin = await makeAdmin(t, await signUp(t, 'health-admin'));
    const res = await t.call('GET', '/health', { token: admin.accessToken });
    expect(res.status).toBe(200);
    expect(res.body.checks.database).toMatchObject({ status: 'up' });
    expect(res.body.checks.redis).toMatchObject({ status: 'up' });
    expect(['up', 'down']).toContain(res.body.checks.smtp.status);
    expect(res.body.status).toBe(res.body.checks.smtp.status === 'up' ? 'ok' : 'degraded');
  });

  it('answers quickly, degraded, when Redis is unreachable', async () => {
    const { status, body, elapsed } = await withApp({ REDIS_URL: 'redis://127.0.0.1:6390' }, async (app) => {
      const admin = await makeAdmin(app, await signUp(app, 'health-admin-2'));
      const started = Date.now();
      const res = await app.call('GET', '/health', { token: admin.accessToken });
      return { ...res, elapsed: Date.now() - started };
    });
    expect(elapsed).toBeLessThan(3000);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'degraded',
      checks: { database: { status: 'up' }, redis: { status: 'down' } },
    });
    expect(process.env.REDIS_URL).not.toBe('redis://127.0.0.1:6390');
  });
});

describe('security headers and CORS', () => {
  it('sends helmet headers', async () => {
    const res = await t.call('GET', '/territories');
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'x-dns-prefetch-control': 'off',
      'referrer-policy': 'no-referrer',
    });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-powered-by']).toBeUndefined();
    // No inline script or style anywhere but the documentation page, on answers and errors alike.
    for (const path of ['/api/v1/territories', '/api/v1/nothing-here', '/docs-json']) {
      const csp = String((await raw('GET', path)).headers['content-security-policy']);
      expect([path, csp]).toEqual([path, expect.stringMatching(/script-src 'self'(;|$)/)]);
      expect(csp).not.toMatch(/unsafe-inline/);
      expect(csp).toMatch(/object-src 'none'/);
    }
  });

  it('allows no foreign origin by default', async () => {
    const simple = await raw('GET', '/api/v1/territories', { origin: 'https://evil.example.com' });
    expect(simple.statusCode).toBe(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await raw('OPTIONS', '/api/v1/auth/login', {
      origin: 'https://evil.example.com',
      'access-control-request-method': 'POST',
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows an origin listed in CORS_ORIGINS, and only that one', async () => {
    await withApp({ CORS_ORIGINS: 'https://grants.example.kz' }, async (app) => {
      const allowed = await app.app.inject({
        method: 'GET',
        url: '/api/v1/territories',
        headers: { origin: 'https://grants.example.kz' },
      });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://grants.example.kz');
      const other = await app.app.inject({
        method: 'GET',
        url: '/api/v1/territories',
        headers: { origin: 'https://evil.example.com' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});

describe('errors', () => {
  it('an unknown route answers 404 ROUTE_NOT_FOUND, in Kazakh by default', async () => {
    const res = await t.call('GET', '/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: kk['errors.ROUTE_NOT_FOUND'] });
    expect(res.headers['content-language']).toBe('kk');
  });

  it('… and in Russian when the caller prefers it', async () => {
    const res = await t.call('GET', '/no-such-thing', { lang: 'ru-RU,ru;q=0.9' });
    expect(res.body).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: ru['errors.ROUTE_NOT_FOUND'] });
    expect(res.body.message).not.toBe(kk['errors.ROUTE_NOT_FOUND']);
  });

  it('never shows a stack trace', async () => {
    const res = await t.call('POST', '/auth/login', {
      body: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.raw.toString()).not.toMatch(/\bat \w+.*\.(ts|js):\d+/);
  });

  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    const res = await t.call('POST', '/auth/login', {
      body: '{"email": "a@b.kz", ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON', message: kk['errors.MALFORMED_JSON'] });
  });

  it('a body over 1 MiB → 413 BODY_TOO_LARGE', async () => {
    const body = JSON.stringify({ email: 'a@b.kz', password: 'x'.repeat(1024 * 1024 + 10) });
    const res = await t.call('POST', '/auth/login', { body });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'BODY_TOO_LARGE' });
  });

  it('a body just under the limit is read (and judged on its content)', async () => {
    const res = await t.call('POST', '/auth/login', { body: { email: 'a@b.kz', password: 'x'.repeat(1000 * 1000) } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('text/plain on a JSON endpoint is refused as a client error, not a crash', async () => {
    // Fastify parses text/plain into a string, which then fails validation as an empty form.
    // 415 would be as good; what matters is a 4xx naming the fields, never a 500.
    const res = await t.call('POST', '/auth/login', {
      body: 'email=a@b.kz',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: expect.arrayContaining([expect.objectContaining({ field: 'email' })]),
    });
  });

  it('an unknown content type → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await t.call('POST', '/auth/login', {
      body: '<login/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});

describe('request ids', () => {
  it("echoes the caller's X-Request-Id, on success and in an error body", async () => {
    const ok = await t.call('GET', '/territories', { headers: { 'x-request-id': 'support-ticket-4711' } });
    expect(ok.headers['x-request-id']).toBe('support-ticket-4711');
    const failed = await t.call('GET', '/me', { headers: { 'x-request-id': 'support-ticket-4712' } });
    expect(failed.status).toBe(401);
    expect(failed.headers['x-request-id']).toBe('support-ticket-4712');
    expect(failed.body.requestId).toBe('support-ticket-4712');
  });

  it('generates a uuid when none is sent, the same in the header and the error body', async () => {
    const res = await t.call('GET', '/no-such-thing');
    expect(res.headers['x-request-id']).toMatch(UUID);
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    const again = await t.call('GET', '/no-such-thing');
    expect(again.headers['x-request-id']).not.toBe(res.headers['x-request-id']);
  });

  it('replaces an id that is not sane (too long, odd characters) with a uuid', async () => {
    for (const bad of ['x'.repeat(101), 'id with spaces', 'id;drop']) {
      const res = await t.call('GET', '/me', { headers: { 'x-request-id': bad } });
      expect(res.headers['x-request-id']).toMatch(UUID);
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
    }
  });

  it('answers with the id on a malformed body too', async () => {
    const res = await t.call('POST', '/auth/login', {
      body: '{',
      headers: { 'content-type': 'application/json', 'x-request-id': 'bad-body-1' },
    });
    expect(res.status).toBe(400);
    expect(res.headers['x-request-id']).toBe('bad-body-1');
    expect(res.body.requestId).toBe('bad-body-1');
  });
});

describe('documentation in production', () => {
  const productionSecrets = () => ({
    NODE_ENV: 'production',
    JWT_ACCESS_SECRET: `${randomBytes(24).toString('base64')}a1`,
    JWT_REFRESH_SECRET: `${randomBytes(24).toString('base64')}b2`,
    DRAW_SEAL_KEY: `prod-1:${randomBytes(24).toString('base64')}c3`,
  });

  it('is off in production unless API_DOCS=public asks for it', async () => {
    const off = await withApp(productionSecrets(), async (app) => ({
      page: (await app.app.inject({ method: 'GET', url: '/docs' })).statusCode,
      json: (await app.app.inject({ method: 'GET', url: '/docs-json' })).statusCode,
    }));
    expect(off).toEqual({ page: 404, json: 404 });
    const asked = await withApp({ ...productionSecrets(), API_DOCS: 'public' }, async (app) => ({
      json: (await app.app.inject({ method: 'GET', url: '/docs-json' })).statusCode,
    }));
    expect(asked).toEqual({ json: 200 });
  });
});
