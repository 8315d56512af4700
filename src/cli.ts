import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { ConfigError } from '../config/env.validation';
import { loadEnvironment } from '../config/load-env';
import { CliModule } from './cli/cli.module';
import { ensureDatabase, runMigrations } from './cli/database-setup';
import { takeOverClock } from './cli/demo-clock';
import { DemoDataService } from './cli/demo-data.service';
import { describeStories } from './cli/demo-summary';
import { Clock } from './common/clock/clock';
import { systemActor } from './common/http/actor';
import { AuditService } from './modules/audit/audit.service';
import { UsersService } from './modules/identity/users.service';
import { TerritoriesService } from './modules/territories/territories.service';

const USAGE = `usage: npm run cli -- <command>
  migrate                         create the database if needed, run migrations, load territories
  demo                            load demo accounts and data (idempotent)
  create-admin --email E [--password P]
                                  create or promote an admin (a password is generated if omitted)
  audit:verify                    recompute the audit hash chain; exit 1 at the first broken entry
  territories:load <file.csv>     add or update territories from a CSV (code,parent_code,kind,name_kk,name_ru)`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function withContext<T>(run: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const env = loadEnvironment();
  switch (command) {
    case 'migrate': {
      if (await ensureDatabase(env.DATABASE_URL)) out('database created');
      const applied = await runMigrations(env.DATABASE_URL);
      out(applied.length ? `migrations applied: ${applied.join(', ')}` : 'migrations: up to date');
      const { loaded, problems } = await withContext((app) => app.get(TerritoriesService).loadCsv());
      if (problems.length) throw new Error(`bundled territories are invalid:\n${problems.join('\n')}`);
      out(`territories: ${loaded} loaded`);
      return 0;
    }
    case 'demo': {
      const started = Date.now();
      const { logins, stories } = await withContext(async (app) => {
        const demo = app.get(DemoDataService);
        // The story competitions run on the demo's own clock, from about 40 days ago to now.
        const logins = await demo.load(takeOverClock(app.get(Clock)));
        return { logins, stories: demo.stories };
      });
      out(`demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s; sign in with:`);
      for (const l of logins) out(`  ${l.role.padEnd(12)} ${l.email}  /  ${l.password}`);
      out('  applicants   <template>-1..5@demo.kz (e.g. youth-micro-projects-1@demo.kz), same password:');
      out('               one competition of each template, open, with applications submitted, in draft and withdrawn');
      for (const line of describeStories(stories, env.PUBLIC_URL)) out(line);
      return 0;
    }
    case 'create-admin': {
      const email = option(args, '--email');
      if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
        process.stderr.write('create-admin needs --email you@example.kz\n');
        return 2;
      }
      const password = option(args, '--password') ?? randomBytes(12).toString('base64url');
      const result = await withContext((app) => app.get(UsersService).createAdmin(email, password, systemActor('cli')));
      out(
        `${result.created ? 'created' : 'promoted'} admin ${email}${option(args, '--password') ? '' : ` with password ${password}`}`,
      );
      return 0;
    }
    case 'audit:verify': {
      const verdict = await withContext((app) => app.get(AuditService).verify());
      if (verdict.ok) {
        out(`audit chain OK: ${verdict.checked} entries`);
        return 0;
      }
      out(
        `audit chain BROKEN at entry ${verdict.brokenAt} (${verdict.reason}); ${verdict.checked} entries before it are intact`,
      );
      return 1;
    }
    case 'territories:load': {
      const file = args[0];
      if (!file) {
        process.stderr.write('territories:load needs a CSV file\n');
        return 2;
      }
      const { loaded, problems } = await withContext((app) => app.get(TerritoriesService).loadCsv(file));
      if (problems.length) {
        process.stderr.write(`nothing loaded; fix these lines:\n${problems.join('\n')}\n`);
        return 1;
      }
      out(`territories: ${loaded} loaded`);
      return 0;
    }
    default:
      out(USAGE);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    const details = (err as { details?: unknown[] }).details;
    const extra = Array.isArray(details) && details.length ? `\n${JSON.stringify(details, null, 2)}` : '';
    process.stderr.write(
      `${err instanceof ConfigError ? err.message : ((err as Error).stack ?? String(err))}${extra}\n`,
    );
    process.exit(1);
  });
