import { Batcher } from './batcher';

describe('Batcher', () => {
  it('runs calls made together as one batch and gives each caller its own result', async () => {
    const batches: number[][] = [];
    const b = new Batcher<number, number>(
      async (xs) => {
        batches.push(xs);
        return xs.map((x) => x * 10);
      },
      3,
      5,
    );
    const results = await Promise.all([1, 2, 3, 4].map((x) => b.add(x)));
    expect(results).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('fails every caller of a failed batch, and the next batch still runs', async () => {
    let fail = true;
    const b = new Batcher<number, number>(async (xs) => {
      if (fail) throw new Error('db down');
      return xs;
    });
    await expect(Promise.all([b.add(1), b.add(2)])).rejects.toThrow('db down');
    fail = false;
    await expect(b.add(3)).resolves.toBe(3);
  });
});
