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
