/** Why a message was not delivered, in a word the page turns into a sentence. */
export type FailureKind =
  'mailbox' | 'mailbox_full' | 'refused' | 'temporary' | 'unreachable' | 'auth' | 'template' | 'other';

export interface FailureReason {
  kind: FailureKind;
  /** What the mail server (or the connection) said, without our own error code in front. */
  details: string;
}

const UNREACHABLE = /\b(ECONNREFUSED|ECONNECTION|ECONNRESET|ESOCKET|ETIMEDOUT|EDNS|ENOTFOUND|EHOSTUNREACH|EAI_AGAIN)\b/;

/**
 * Reads the sender's record of a failure (`550 EENVELOPE 550 mailbox unavailable`,
 * `ESOCKET connect ECONNREFUSED 127.0.0.1:2525`, `template x/kk: …`): the SMTP reply code
 * says whose problem it is (5xx the recipient's server refused for good, 4xx it refused for
 * now), the transport's code says when we never reached a server at all.
 */
export function failureReason(lastError: string | null): FailureReason {
  const text = (lastError ?? '').trim();
  const match = /^(?:(\d{3})\s+)?(?:(E[A-Z_]+)\s+)?([\s\S]*)$/.exec(text)!;
  const [, reply, transportCode, rest] = match;
  const details = rest.trim() || text;
  if (text.startsWith('template ')) return { kind: 'template', details: text };
  const code = reply ? Number(reply) : null;
  if (transportCode === 'EAUTH' || code === 535 || code === 530) return { kind: 'auth', details };
  if (code !== null && code >= 500) {
    if (code === 552) return { kind: 'mailbox_full', details };
    if (code === 550 || code === 551 || code === 553) return { kind: 'mailbox', details };
    return { kind: 'refused', details };
  }
  if (code !== null && code >= 400) return { kind: 'temporary', details };
  if (UNREACHABLE.test(text)) return { kind: 'unreachable', details };
  return { kind: 'other', details };
}
