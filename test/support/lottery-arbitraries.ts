/** fast-check arbitraries for the draw's property specs; not exported from the library. */
import fc from 'fast-check';
import { DrawArm, DrawEntry, DrawInput } from '../../libs/lottery/lottery.types';

export const STRATA = ['ALM', 'AST', 'KAR'];

export const seedArb = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((bytes) => Buffer.from(bytes).toString('hex'));

/** Any well-formed Unicode text, the only thing the public entropy is promised to be. */
export const entropyArb = fc.string({ unit: 'binary', maxLength: 24 });

const printableAscii = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));

export const applicationNumberArb = fc.string({ unit: printableAscii, minLength: 1, maxLength: 10 });

export const armsArb: fc.Arbitrary<DrawArm[]> = fc.uniqueArray(
  fc.record({ code: fc.constantFrom('A', 'B', 'C', 'D', 'E'), weight: fc.integer({ min: 1, max: 10 }) }),
  { selector: (arm) => arm.code, minLength: 1, maxLength: 5 },
);

export function entriesArb(
  minLength: number,
  maxLength: number,
  strata: fc.Arbitrary<string> = fc.constantFrom(...STRATA),
): fc.Arbitrary<DrawEntry[]> {
  return fc.uniqueArray(fc.record({ applicationNumber: applicationNumberArb, stratum: strata }), {
    selector: (entry) => entry.applicationNumber,
    minLength,
    maxLength,
  });
}

export function inputArb(entries: fc.Arbitrary<DrawEntry[]>, arms = armsArb): fc.Arbitrary<DrawInput> {
  return fc.record({ seed: seedArb, publicEntropy: entropyArb, arms, entries });
}
