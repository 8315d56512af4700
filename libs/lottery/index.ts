export * from './lottery.types';
export * from './lottery-input.error';
export { validateDrawInput } from './draw-input.validator';
export { compareAscii, computeCommitment, computePoolHash, isSeedHex, sortEntries } from './pool-hash.util';
export { DrawRandomStream, deriveDrawKey } from './random-stream.util';
export { computeQuotas, draw } from './lottery';
export * from './verify';
export { runVerifier } from './verify-cli';
