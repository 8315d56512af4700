/**
 * The API under test in its own process, as production runs it (createHttpApp, a real
 * socket on loopback), so the benchmark can still read its results, drop its database and
 * exit when the API wedges. It also signs access tokens and hashes the shared password with
 * the app's own services, so prepared accounts are exactly what the API accepts.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import type { Session } from 'node:inspector';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Child, serve } from './child';

/** The orchestrator's handle. */
export class ApiProcess {
  private constructor(
    readonly child: Child,
    readonly port: number,
  ) {}

  /** Warnings the API prints at boot about its own route syntax are not the benchmark's business. */
  static async start(env: NodeJS.ProcessEnv): Promise<ApiProcess> {
    const child = Child.start(join(__dirname, 'api-process.ts'), { ...env, SUBMIT_SURGE_ROLE: 'api' }, (line) =>
      line.includes('LegacyRouteConverter'),
    );
    const { port } = await child.ask<{ port: number }>('start');
    return new ApiProcess(child, port);
  }

  sign(users: { id: string; isAdmin: boolean }[]): Promise<string[]> {
    return this.child.ask('sign', { users });
  }

  hashPassword(password: string): Promise<string> {
    return this.child.ask('hash', { password });
  }

  startProfile(): Promise<void> {
    return this.child.ask('profile-start');
  }

  stopProfile(file: string): Promise<void> {
    return this.child.ask('profile-stop', { file });
  }

  /** A clean close when it can; a wedged API is killed (and muted) after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.child.proc.connected) this.child.ask('close').catch(() => undefined);
    await this.child.stop(graceMs);
  }
}

if (process.env.SUBMIT_SURGE_ROLE === 'api' && process.send) {
  let app: NestFastifyApplication | undefined;
  let profiler: Session | undefined;
  const post = (method: string, params: object = {}) =>
    new Promise<any>((resolve, reject) =>
      profiler!.post(method, params, (err, res) => (err ? reject(err) : resolve(res))),
    );

  serve(async (q) => {
    switch (q.kind) {
      case 'start': {
        const { createHttpApp } = await import('../../../src/bootstrap/http-app');
        app = await createHttpApp();
        await app.listen({ port: 0, host: '127.0.0.1' });
        const address = app.getHttpServer().address();
        return { port: typeof address === 'object' && address ? address.port : 0 };
      }
      case 'sign': {
        const { AccessTokenService } = await import('../../../src/modules/access/access-token.service');
        const tokens = app!.get(AccessTokenService);
        return (q.users as { id: string; isAdmin: boolean }[]).map((u) => tokens.sign(u).accessToken);
      }
      case 'hash': {
        const { PasswordHasher } = await import('../../../src/modules/identity/password-hasher');
        return app!.get(PasswordHasher).hash(q.password as string);
      }
      case 'profile-start': {
        const { Session } = await import('node:inspector');
        profiler = new Session();
        profiler.connect();
        await post('Profiler.enable');
        await post('Profiler.setSamplingInterval', { interval: 200 });
        await post('Profiler.start');
        return undefined;
      }
      case 'profile-stop': {
        const { profile } = await post('Profiler.stop');
        profiler!.disconnect();
        writeFileSync(q.file as string, JSON.stringify(profile));
        return undefined;
      }
      case 'close':
        await app?.close();
        return process.exit(0);
      default:
        throw new Error(`unknown question ${q.kind}`);
    }
  });
}
