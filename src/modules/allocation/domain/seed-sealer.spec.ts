import { LEGACY_SEAL_KEY_ID, SeedSealer } from './seed-sealer';

const SEED = 'ab'.repeat(32);
const OLD = `k1:${'o'.repeat(40)}`;
const NEW = `k2:${'n'.repeat(40)}`;

describe('SeedSealer', () => {
  it('seals under the first key, names it, and never stores the seed in the clear', () => {
    const sealed = new SeedSealer(`${NEW},${OLD}`).seal(SEED);
    expect(sealed.keyId).toBe('k2');
    expect(Buffer.from(sealed.sealed, 'base64').toString('hex')).not.toContain(SEED);
    expect(new SeedSealer(`${NEW},${OLD}`).open(sealed)).toBe(SEED);
  });

  it('opens a seed sealed under a rotated-out key while that key is still listed, and refuses once it is gone', () => {
    const sealedByOld = new SeedSealer(OLD).seal(SEED);
    expect(new SeedSealer(`${NEW},${OLD}`).open(sealedByOld)).toBe(SEED);
    expect(() => new SeedSealer(NEW).open(sealedByOld)).toThrow(/"k1" is not in DRAW_SEAL_KEY/);
  });

  it('refuses a sealed seed that was altered', () => {
    const sealed = new SeedSealer(OLD).seal(SEED);
    const raw = Buffer.from(sealed.sealed, 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => new SeedSealer(OLD).open({ keyId: 'k1', sealed: raw.toString('base64') })).toThrow();
  });

  it('opens seeds sealed before key ids existed with the secret they were sealed under', () => {
    const legacySecret = 'r'.repeat(48);
    const sealedBefore = new SeedSealer(`${LEGACY_SEAL_KEY_ID}:${legacySecret}`).seal(SEED);
    expect(new SeedSealer(NEW, legacySecret).open(sealedBefore)).toBe(SEED);
    expect(new SeedSealer(`${NEW},${LEGACY_SEAL_KEY_ID}:${legacySecret}`, 'x'.repeat(40)).open(sealedBefore)).toBe(
      SEED,
    );
  });
});
