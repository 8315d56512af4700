import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MinLength, Min, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

/**
 * Every variable the processes read. The app refuses to start when one is wrong and the
 * message names it, so a misconfigured deployment fails at boot rather than at the first
 * e-mail or the first deadline.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /**
   * The OpenAPI page (/docs) and document (/docs-json): served unless NODE_ENV=production,
   * where they are off unless `public` is asked for. The map of every route helps an attacker
   * more than it helps anyone running the product in production.
   */
  @IsOptional()
  @IsIn(['public', 'off'])
  API_DOCS?: 'public' | 'off';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string;

  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' })
  REDIS_URL: string;

  /** Prefix for every Redis key, so several deployments or test runs share one Redis safely. */
  @Matches(/^[a-z0-9:_-]{1,40}$/i, { message: 'must be 1-40 letters, digits, ":", "_" or "-"' })
  REDIS_PREFIX = 'grants';

  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL: string;

  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Grants <no-reply@grants.local>';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @MinLength(1)
  FILES_DIR = './var/files';

  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'must be an absolute http(s) URL' })
  PUBLIC_URL: string;

  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_ACCESS_SECRET: string;

  /** Keys the HMAC under which refresh, verification and reset tokens are stored. */
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_REFRESH_SECRET: string;

  /**
   * Keys that seal a prepared draw's secret seed, as `id:secret` pairs separated by commas:
   * the first seals new draws, every listed key still opens the draws it sealed. Its own
   * secret, so rotating the JWT secrets after a leak never strands a prepared draw.
   */
  @Matches(/^[A-Za-z0-9_-]{1,40}:[^,\s]{32,}(,[A-Za-z0-9_-]{1,40}:[^,\s]{32,})*$/, {
    message:
      'must be id:secret pairs separated by commas (id of letters, digits, "_" or "-"; secret of at least 32 characters)',
  })
  DRAW_SEAL_KEY: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(3600)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(3600)
  REFRESH_TTL_SECONDS = 30 * 24 * 3600;

  @IsString()
  @Matches(/^[A-Za-z_]+\/[A-Za-z_]+$/, { message: 'must be an IANA zone such as Asia/Almaty' })
  DEFAULT_TIME_ZONE = 'Asia/Almaty';

  /** Comma-separated origins allowed by CORS; empty means same-origin only. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS = '';

  /**
   * Requests per minute from one client address on /auth, counted in PostgreSQL. Generous on
   * purpose: a school's or an akimat's Wi-Fi puts a whole group behind one address; the
   * per-account and per-(account, address) sign-in counters below do the real work.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_MINUTE = 300;

  /**
   * Failed sign-ins to one account, from all addresses together, before each next attempt
   * must wait 2^(n - this) seconds (capped at LOGIN_MAX_DELAY_SECONDS). No hard lock: the owner
   * can always ask for a sign-in link by e-mail.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 10;

  /** Failed sign-ins to one account from one address before the growing delays start for that pair. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_PAIR = 5;

  /** The longest wait the growing sign-in delays reach. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  LOGIN_MAX_DELAY_SECONDS = 900;

  /**
   * Reverse proxies whose X-Forwarded-For is believed, as comma-separated IPs or CIDRs
   * (`10.0.0.5,172.18.0.0/16`). Empty: none, the client address is the socket's peer.
   */
  @IsOptional()
  @Matches(/^\s*$|^[0-9A-Fa-f.:]+(\/\d{1,3})?(\s*,\s*[0-9A-Fa-f.:]+(\/\d{1,3})?)*$/, {
    message: 'must be comma-separated IP addresses or CIDR ranges (empty: trust no proxy)',
  })
  TRUSTED_PROXIES = '';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /** A client must send all request headers within this time (slow-header attacks). */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(120_000)
  HTTP_HEADERS_TIMEOUT_MS = 20_000;

  /**
   * An anonymous public page (home, a competition's page, a draw's page) is reused for this
   * long per language and address, so a crowd on a deadline day costs one rendering per period.
   * 0 turns it off (the tests, which change data and look again at once).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300_000)
  PUBLIC_PAGE_CACHE_MS = 5_000;

  /** A connection that sends and receives nothing for this long is closed. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(600_000)
  HTTP_IDLE_TIMEOUT_MS = 60_000;

  /**
   * The whole request, body included, must arrive within this time. Generous on purpose: a
   * 10 MB scan sent over a village's mobile connection can take minutes.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  HTTP_REQUEST_TIMEOUT_MS = 900_000;

  /** Sending attempts per message before it is marked failed (SMTP 5xx fails at once). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  NOTIFY_MAX_ATTEMPTS = 8;

  /** First retry delay; each next one doubles (30 s, 1 min, 2 min, … ≈ 1 h for the 8th). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  NOTIFY_BACKOFF_MS = 30_000;

  /** Messages sent at once by one worker process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  NOTIFY_CONCURRENCY = 20;

  /** Pooled SMTP connections per worker process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  SMTP_POOL_CONNECTIONS = 5;

  /** How long a worker holds a message it is sending; a crashed worker's messages are retried after this. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  NOTIFY_LOCK_MS = 30_000;

  /** How often the relay looks for new outbox rows when it found none. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  RELAY_INTERVAL_MS = 500;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}

export class ConfigError extends Error {}

/**
 * The secrets shipped as examples (.env.example, docker-compose.yml's defaults). They are
 * public, so anyone could sign an access token or open a sealed draw with them: fine for
 * the demo on a laptop, refused when NODE_ENV=production.
 */
export const EXAMPLE_SECRETS: readonly string[] = [
  'change-me-access-secret-at-least-32-characters',
  'change-me-refresh-secret-at-least-32-characters',
  'change-me-draw-seal-secret-at-least-32-characters',
  'compose-access-secret-change-me-0123456789',
  'compose-refresh-secret-change-me-0123456789',
  'compose-draw-seal-secret-change-me-0123456789',
];

/** Words that only a placeholder contains; a generated secret (`openssl rand -base64 48`) never does. */
const PLACEHOLDER = /change-?me|replace-?me|example|placeholder|your-?secret|^secret|password|0123456789|abcdef/i;
/** `openssl rand -hex 32` has 16 different characters; a secret with fewer than this is typed, not generated. */
const MIN_DISTINCT_CHARACTERS = 10;

/** Why `secret` must not guard a production deployment, or null when it may. */
export function weakSecretProblem(secret: string): string | null {
  if (EXAMPLE_SECRETS.includes(secret)) return 'is the example value from .env.example / docker-compose.yml';
  if (PLACEHOLDER.test(secret)) return 'looks like a placeholder';
  if (new Set(secret).size < MIN_DISTINCT_CHARACTERS) return 'is too simple';
  return null;
}

/** With NODE_ENV=production: every secret that is an example value, a placeholder, too simple or reused. */
function productionSecretProblems(env: EnvironmentVariables): string[] {
  const generate = 'generate one with `openssl rand -base64 48`';
  const problems: string[] = [];
  const secrets: [string, string][] = [
    ['JWT_ACCESS_SECRET', env.JWT_ACCESS_SECRET],
    ['JWT_REFRESH_SECRET', env.JWT_REFRESH_SECRET],
    ...env.DRAW_SEAL_KEY.split(',').map((pair): [string, string] => [
      'DRAW_SEAL_KEY',
      pair.slice(pair.indexOf(':') + 1),
    ]),
  ];
  const seen = new Map<string, string>();
  for (const [name, secret] of secrets) {
    const weak = weakSecretProblem(secret);
    if (weak) problems.push(`  ${name} (insecure): ${weak}; with NODE_ENV=production ${generate}`);
    const other = seen.get(secret);
    if (other && other !== name)
      problems.push(`  ${name} (insecure): is the same as ${other}; each secret must be its own`);
    if (!seen.has(secret)) seen.set(secret, name);
  }
  return [...new Set(problems)];
}

/** Validates a raw environment; throws ConfigError naming every bad variable. */
export function validateEnvironment(raw: Record<string, string | undefined>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const got = raw[e.property] === undefined ? 'missing' : 'invalid';
      return `  ${e.property} (${got}): ${Object.values(e.constraints ?? {}).join('; ')}`;
    });
    throw new ConfigError(`Configuration is not valid; fix these variables (see .env.example):\n${lines.join('\n')}`);
  }
  if (env.NODE_ENV === 'production') {
    const problems = productionSecretProblems(env);
    if (problems.length > 0) {
      throw new ConfigError(
        `Refusing to start in production with unsafe secrets; fix these variables (see .env.example):\n${problems.join('\n')}`,
      );
    }
  }
  return env;
}
