import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Map<string, unknown>;
}

export interface SinkOptions {
  port?: number;
  /** Recipients refused with 550 (permanent). */
  reject?: (address: string) => boolean;
  /** Milliseconds to hold each message before answering 250. */
  delayMs?: number;
  /** Do not parse (for volume tests): only count recipients. */
  raw?: boolean;
}

/** A real SMTP server in the test process; tests assert on what it received. */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  readonly recipients: string[] = [];
  readonly errors: Error[] = [];
  private server!: SMTPServer;
  port = 0;

  constructor(private readonly options: SinkOptions = {}) {}

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 10 * 1024 * 1024,
      // Pooled clients keep idle connections open; stopping must not wait for them.
      closeTimeout: 200,
      onRcptTo: (address, _session, callback) => {
        if (this.options.reject?.(address.address)) {
          const err = new Error('mailbox unavailable') as Error & { responseCode: number };
          err.responseCode = 550;
          return callback(err);
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', async () => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          if (this.options.delayMs) await new Promise((r) => setTimeout(r, this.options.delayMs));
          this.recipients.push(...to);
          if (!this.options.raw) {
            const parsed = await simpleParser(Buffer.concat(chunks));
            this.received.push({
              to,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
              headers: parsed.headers,
            });
          }
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    // A client killed mid-conversation (the SIGKILL test) resets its socket: that is not the sink's failure.
    this.server.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') this.errors.push(err);
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls until the condition holds or the time runs out (then throws with the label). */
export async function waitFor(
  label: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
  stepMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for: ${label}`);
}

/** A free TCP port on loopback (nothing listens there when this returns). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}
