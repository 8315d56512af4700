import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, validateEnvironment } from './env.validation';

/** The smallest environment a deployment must provide; everything else has a default. */
const valid = (): Record<string, string | undefined> => ({
  DATABASE_URL: 'postgres://grants@db:5432/grants',
  REDIS_URL: 'redis://redis:6379',
  SMTP_URL: 'smtp://mail:1025',
  PUBLIC_URL: 'https://grants.example.kz',
  JWT_ACCESS_SECRET: 'a'.repeat(32),
  JWT_REFRESH_SECRET: 'b'.repeat(32),
  DRAW_SEAL_KEY: `k1:${'c'.repeat(32)}`,
});

/** The message of the ConfigError thrown for `raw`; fails the test if nothing is thrown. */
function configErrorFor(raw: Record<string, string | undefined>): string {
  try {
    validateEnvironment(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error('expected a ConfigError, but the environment was accepted');
}

/** The line of the message that is about `name` (each bad variable gets its own line). */
const lineAbout = (message: string, name: string) => message.split('\n').find((l) => l.trim().startsWith(`${name} `));

describe('validateEnvironment', () => {
  it('accepts a complete environment and fills in the defaults', () => {
    const env = validateEnvironment(valid());
    expect(env).toMatchObject({
      DATABASE_URL: 'postgres://grants@db:5432/grants',
      PORT: 3000,
      DEFAULT_TIME_ZONE: 'Asia/Almaty',
      JWT_ACCESS_TTL_SECONDS: 900,
      BODY_LIMIT_BYTES: 1024 * 1024,
      NODE_ENV: 'development',
      CORS_ORIGINS: '',
    });
  });

  it('turns numeric strings into numbers', () => {
    const env = validateEnvironment({ ...valid(), PORT: '8080', JWT_ACCESS_TTL_SECONDS: '600' });
    expect(env.PORT).toBe(8080);
    expect(env.JWT_ACCESS_TTL_SECONDS).toBe(600);
  });

  it('names a missing DATABASE_URL and says it is missing', () => {
    const message = configErrorFor({ ...valid(), DATABASE_URL: undefined });
    expect(lineAbout(message, 'DATABASE_URL')).toMatch(/DATABASE_URL \(missing\)/);
  });

  it('names PORT when it is not a number', () => {
    const message = configErrorFor({ ...valid(), PORT: 'abc' });
    expect(lineAbout(message, 'PORT')).toMatch(/PORT \(invalid\)/);
    expect(message).not.toMatch(/DATABASE_URL/);
  });

  it('names PORT when it is out of range', () => {
    expect(lineAbout(configErrorFor({ ...valid(), PORT: '70000' }), 'PORT')).toBeDefined();
  });

  it('names a JWT secret shorter than 32 characters', () => {
    const message = configErrorFor({ ...valid(), JWT_ACCESS_SECRET: 'short-secret' });
    expect(lineAbout(message, 'JWT_ACCESS_SECRET')).toMatch(/at least 32 characters/);
    expect(lineAbout(message, 'JWT_REFRESH_SECRET')).toBeUndefined();
  });

  it('names a PUBLIC_URL that is not an absolute URL', () => {
    const message = configErrorFor({ ...valid(), PUBLIC_URL: 'grants.example.kz' });
    expect(lineAbout(message, 'PUBLIC_URL')).toMatch(/absolute http\(s\) URL/);
  });

  it('refuses a database URL of another kind', () => {
    const message = configErrorFor({ ...valid(), DATABASE_URL: 'mysql://db/grants' });
    expect(lineAbout(message, 'DATABASE_URL')).toMatch(/DATABASE_URL \(invalid\): must be a postgres:\/\/ URL/);
  });

  it('names every bad variable in one message', () => {
    const message = configErrorFor({
      ...valid(),
      DATABASE_URL: undefined,
      PORT: 'abc',
      JWT_ACCESS_SECRET: 'x',
      PUBLIC_URL: 'not a url',
      LOG_LEVEL: 'loud',
    });
    for (const name of ['DATABASE_URL', 'PORT', 'JWT_ACCESS_SECRET', 'PUBLIC_URL', 'LOG_LEVEL']) {
      expect(lineAbout(message, name)).toBeDefined();
    }
    // Only the wrong ones: a correct variable is not blamed.
    expect(lineAbout(message, 'REDIS_URL')).toBeUndefined();
  });

  it('reports an empty environment without crashing, naming every required variable', () => {
    const message = configErrorFor({});
    for (const name of [
      'DATABASE_URL',
      'REDIS_URL',
      'SMTP_URL',
      'PUBLIC_URL',
      'JWT_ACCESS_SECRET',
      'JWT_REFRESH_SECRET',
      'DRAW_SEAL_KEY',
    ]) {
      expect(lineAbout(message, name)).toMatch(/\(missing\)/);
    }
    expect(lineAbout(message, 'PORT')).toBeUndefined();
  });
});

describe('validateEnvironment with NODE_ENV=production', () => {
  /** Secrets as `openssl rand -base64 48` makes them. */
  const strong = () => ({
    ...valid(),
    NODE_ENV: 'production',
    JWT_ACCESS_SECRET: 'q0Vx3nJ8bT2yKc7LmP4sRw9ZfA1dGh6uEo5iNv+Y/jXkW3tQ',
    JWT_REFRESH_SECRET: 'Hc8Rz2Lq5Wm0Yb7Tn4Xv1Kd9Fs6Gj3Pa+Ue/Io8Ey2Nw5Rt7B',
    DRAW_SEAL_KEY: 'k2026:Zp4Mv9Qx2Ls7Bn0Wc5Ht8Jd3Fr6Gk1Ay+Ue/Io4Ey9Nt2Ri',
  });

  /** The secret values a person finds in the repository: .env.example and docker-compose.yml's defaults. */
  const shipped = (): Record<string, string[]> => {
    const root = join(__dirname, '..');
    const found: Record<string, string[]> = { JWT_ACCESS_SECRET: [], JWT_REFRESH_SECRET: [], DRAW_SEAL_KEY: [] };
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    for (const m of example.matchAll(/^(JWT_ACCESS_SECRET|JWT_REFRESH_SECRET|DRAW_SEAL_KEY)=(.+)$/gm)) {
      found[m[1]].push(m[2].trim());
    }
    const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    for (const m of compose.matchAll(/\$\{(JWT_ACCESS_SECRET|JWT_REFRESH_SECRET|DRAW_SEAL_KEY):-([^}]+)\}/g)) {
      found[m[1]].push(m[2].trim());
    }
    return found;
  };

  it('starts with generated secrets', () => {
    expect(validateEnvironment(strong()).NODE_ENV).toBe('production');
  });

  it('refuses every example secret of .env.example and docker-compose.yml, naming the variable', () => {
    const values = shipped();
    for (const name of Object.keys(values)) {
      expect(values[name].length).toBeGreaterThanOrEqual(2); // one in each file
      for (const value of values[name]) {
        const message = configErrorFor({ ...strong(), [name]: value });
        expect(message).toMatch(/Refusing to start in production/);
        expect(lineAbout(message, name)).toMatch(new RegExp(`${name} \\(insecure\\): is the example value`));
        for (const other of Object.keys(values).filter((n) => n !== name))
          expect(lineAbout(message, other)).toBeUndefined();
      }
    }
  });

  it('accepts the same example secrets outside production (the demo and the tests)', () => {
    const values = shipped();
    const demo: Record<string, string | undefined> = { ...valid(), NODE_ENV: 'development' };
    for (const name of Object.keys(values)) demo[name] = values[name][0];
    expect(validateEnvironment(demo).NODE_ENV).toBe('development');
  });

  it('refuses obviously weak secrets: a placeholder, one repeated character, a short alphabet', () => {
    for (const weak of [
      'please-change-me-before-going-live-2026',
      'a'.repeat(40),
      'abab'.repeat(10),
      'my-example-secret-for-the-grants-site',
    ]) {
      const message = configErrorFor({ ...strong(), JWT_ACCESS_SECRET: weak });
      expect(lineAbout(message, 'JWT_ACCESS_SECRET')).toMatch(/JWT_ACCESS_SECRET \(insecure\)/);
      expect(lineAbout(message, 'JWT_REFRESH_SECRET')).toBeUndefined();
    }
  });

  it('checks every key of a rotated DRAW_SEAL_KEY', () => {
    const good = strong().DRAW_SEAL_KEY;
    const message = configErrorFor({ ...strong(), DRAW_SEAL_KEY: `${good},old:${'x'.repeat(32)}` });
    expect(lineAbout(message, 'DRAW_SEAL_KEY')).toMatch(/too simple/);
  });

  it('refuses one secret used for two purposes', () => {
    const env = strong();
    const message = configErrorFor({ ...env, JWT_REFRESH_SECRET: env.JWT_ACCESS_SECRET });
    expect(lineAbout(message, 'JWT_REFRESH_SECRET')).toMatch(/same as JWT_ACCESS_SECRET/);
  });

  it('names every unsafe secret in one message', () => {
    const message = configErrorFor({
      ...strong(),
      JWT_ACCESS_SECRET: 'change-me-access-secret-at-least-32-characters',
      DRAW_SEAL_KEY: 'dev-2026:change-me-draw-seal-secret-at-least-32-characters',
    });
    expect(lineAbout(message, 'JWT_ACCESS_SECRET')).toBeDefined();
    expect(lineAbout(message, 'DRAW_SEAL_KEY')).toBeDefined();
    expect(lineAbout(message, 'JWT_REFRESH_SECRET')).toBeUndefined();
  });
});
