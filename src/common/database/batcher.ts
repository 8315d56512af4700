/**
 * Collects calls made within a short window and runs them as one batch; each caller's
 * promise settles with its own result once the batch has run. Used where one statement
 * per message would make the database round trip the bottleneck.
 */
export class Batcher<In, Out> {
  private pending: { input: In; resolve: (v: Out) => void; reject: (e: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    private readonly maxSize = 100,
    private readonly windowMs = 5,
  ) {}

  add(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (this.pending.length >= this.maxSize) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.windowMs);
    });
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      const outputs = await this.run(batch.map((b) => b.input));
      batch.forEach((b, i) => b.resolve(outputs[i]));
    } catch (err) {
      batch.forEach((b) => b.reject(err));
    }
  }
}
