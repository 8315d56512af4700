import { failureReason } from './failure-reason';

describe('failureReason: the sender’s record of a failure, read for a person', () => {
  it.each([
    ['550 EENVELOPE 550 mailbox unavailable', 'mailbox', '550 mailbox unavailable'],
    ['553 EENVELOPE 553 5.1.3 bad address syntax', 'mailbox', '553 5.1.3 bad address syntax'],
    ['552 EMESSAGE 552 mailbox full', 'mailbox_full', '552 mailbox full'],
    ['554 EMESSAGE 554 rejected as spam', 'refused', '554 rejected as spam'],
    ['451 EENVELOPE 451 try again later', 'temporary', '451 try again later'],
    ['ESOCKET connect ECONNREFUSED 127.0.0.1:2525', 'unreachable', 'connect ECONNREFUSED 127.0.0.1:2525'],
    ['ETIMEDOUT Connection timeout', 'unreachable', 'Connection timeout'],
    ['535 EAUTH 535 authentication failed', 'auth', '535 authentication failed'],
    ['template draw-result/kk: missing variable', 'template', 'template draw-result/kk: missing variable'],
    ['something odd', 'other', 'something odd'],
  ])('%s → %s', (lastError, kind, details) => {
    expect(failureReason(lastError)).toEqual({ kind, details });
  });

  it('a row without a recorded error is "other", not a crash', () => {
    expect(failureReason(null)).toEqual({ kind: 'other', details: '' });
  });
});
