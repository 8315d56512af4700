import { createHash, createHmac } from 'crypto';

const TWO_POW_32 = 4294967296;

/** key = SHA-256(seed bytes || utf8(publicEntropy) || utf8(poolHash hex)), per LOTTERY.md. */
export function deriveDrawKey(seedHex: string, publicEntropy: string, poolHash: string): Buffer {
  return createHash('sha256')
    .update(Buffer.from(seedHex, 'hex'))
    .update(publicEntropy, 'utf8')
    .update(poolHash, 'utf8')
    .digest();
}

/**
 * The byte stream HMAC-SHA256(key, uint64_be(0)) || HMAC-SHA256(key, uint64_be(1)) || …,
 * read as big-endian uint32 words. Blocks are made one at a time on demand, so a draw costs
 * one HMAC per eight words and never holds more than one block.
 */
export class DrawRandomStream {
  private readonly key: Buffer;
  private readonly counterBytes = Buffer.alloc(8);
  private counter = 0;
  private block: Buffer = Buffer.alloc(0);
  private offset = 0;

  constructor(key: Buffer) {
    this.key = Buffer.from(key);
  }

  /** Number of HMAC blocks produced so far; lets tests and benchmarks see how much was consumed. */
  get blocksUsed(): number {
    return this.counter;
  }

  nextUint32(): number {
    // A block is 32 bytes, a multiple of 4, so a word never straddles two blocks.
    if (this.offset >= this.block.length) {
      this.block = this.nextBlock();
      this.offset = 0;
    }
    const word = this.block.readUInt32BE(this.offset);
    this.offset += 4;
    return word;
  }

  /** Uniform integer in [0, n) by rejection, so no value is favoured by the modulo. */
  uniform(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new RangeError(`uniform(n) needs an integer 1 <= n <= 2^32, got ${n}`);
    }
    // Plain float arithmetic: JS bitwise operators are 32-bit signed and would wrap at 2^31.
    // 2^32 - (2^32 mod n) equals floor(2^32 / n) * n and stays an exact integer.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** Fisher–Yates from the end, in place, consuming the stream exactly as LOTTERY.md says. */
  shuffle<T>(list: T[]): T[] {
    for (let i = list.length - 1; i >= 1; i--) {
      const j = this.uniform(i + 1);
      const held = list[i];
      list[i] = list[j];
      list[j] = held;
    }
    return list;
  }

  private nextBlock(): Buffer {
    // The counter is far below 2^53, so the high and low halves are exact.
    this.counterBytes.writeUInt32BE(Math.floor(this.counter / TWO_POW_32), 0);
    this.counterBytes.writeUInt32BE(this.counter % TWO_POW_32, 4);
    this.counter += 1;
    return createHmac('sha256', this.key).update(this.counterBytes).digest();
  }
}
