import {
  atLeast,
  entitlementsOf,
  fullMonthsSince,
  grantReceived,
  mentorReceived,
  percentOf,
  trainingReceived,
} from './compliance-rules';

describe('arms compliance rules', () => {
  describe('what an arm entitles to', () => {
    it('reads the rulebook’s arm when it says', () => {
      const arms = [
        { code: 'A', weight: 1, entitles: ['grant' as const] },
        { code: 'X', weight: 1, entitles: [] },
      ];
      expect(entitlementsOf(arms, 'A')).toEqual(['grant']);
      expect(entitlementsOf(arms, 'X')).toEqual([]);
    });
    it('falls back to the youth programme’s A/B/C for an arm saved before arms said it', () => {
      const arms = ['A', 'B', 'C', 'D'].map((code) => ({ code, weight: 1 }));
      expect(entitlementsOf(arms, 'A')).toEqual(['grant', 'training', 'mentor']);
      expect(entitlementsOf(arms, 'B')).toEqual(['grant']);
      expect(entitlementsOf(arms, 'C')).toEqual(['training', 'mentor']);
      expect(entitlementsOf(arms, 'D')).toEqual([]);
    });
  });

  describe('grant', () => {
    it('is received with a contract in force and a payment; paid in full once the payments reach the sum', () => {
      expect(grantReceived({ contractStatus: 'active', amount: 1_000_000, paid: 500_000, payments: 1 })).toEqual({
        received: true,
        paidInFull: false,
      });
      expect(grantReceived({ contractStatus: 'completed', amount: 1_000_000, paid: 1_000_000, payments: 2 })).toEqual({
        received: true,
        paidInFull: true,
      });
    });
    it('is not received without a payment, or with a contract not (or no longer) in force', () => {
      expect(grantReceived({ contractStatus: 'active', amount: 900_000, paid: 0, payments: 0 }).received).toBe(false);
      for (const status of ['draft', 'sent', 'signed_by_grantee', 'terminated', null])
        expect(grantReceived({ contractStatus: status, amount: 900_000, paid: 900_000, payments: 1 })).toEqual({
          received: false,
          paidInFull: false,
        });
    });
  });

  describe('training', () => {
    it('rounds “half” up: half of 3 people is 2, half of 3 sessions is 2', () => {
      expect(atLeast(0.5, 3)).toBe(2);
      expect(atLeast(0.5, 4)).toBe(2);
      expect(atLeast(0.5, 1)).toBe(1);
      expect(atLeast(0.5, 0)).toBe(0);
    });
    it('is received when at least half of the team attended at least half of the sessions held', () => {
      expect(trainingReceived(3, [2, 2, 0])).toEqual({
        received: true,
        sessionsHeld: 3,
        sessionsNeeded: 2,
        members: 3,
        membersAttending: 2,
        membersNeeded: 2,
      });
      expect(trainingReceived(3, [3, 1, 1]).received).toBe(false);
      expect(trainingReceived(4, [2, 2, 0, 0]).received).toBe(true);
      expect(trainingReceived(4, [2, 1, 1, 1]).received).toBe(false);
    });
    it('is not received before the first session is held, or by a team with nobody in it', () => {
      expect(trainingReceived(0, [0, 0, 0])).toMatchObject({ received: false, membersAttending: 0 });
      expect(trainingReceived(2, []).received).toBe(false);
    });
  });

  describe('mentor', () => {
    it('counts the full months after the assignment, its own month only when it began on the 1st', () => {
      expect(fullMonthsSince('2026-03-14', '2026-05-05')).toEqual(['2026-04']);
      expect(fullMonthsSince('2026-03-01', '2026-05-05')).toEqual(['2026-03', '2026-04']);
      expect(fullMonthsSince('2026-03-14', '2026-03-31')).toEqual([]);
      expect(fullMonthsSince('2025-11-20', '2026-02-01')).toEqual(['2025-12', '2026-01']);
    });
    it('is received with a mentor and 2 meetings in every full month; a month with one is behind', () => {
      const meetings = ['2026-03-20', '2026-04-02', '2026-04-20', '2026-05-02'];
      expect(mentorReceived('2026-03-14', meetings, '2026-05-05')).toEqual({
        received: true,
        assigned: true,
        meetings: 4,
        fullMonths: 1,
        monthsBehind: [],
      });
      expect(mentorReceived('2026-03-14', meetings, '2026-06-05')).toMatchObject({
        received: false,
        fullMonths: 2,
        monthsBehind: ['2026-05'],
      });
    });
    it('is received right after the assignment, and never without a mentor', () => {
      expect(mentorReceived('2026-03-14', [], '2026-03-20').received).toBe(true);
      expect(mentorReceived(null, ['2026-03-20', '2026-03-21'], '2026-06-01')).toMatchObject({
        received: false,
        assigned: false,
      });
    });
  });

  it('gives the share of received to a tenth of a percent, none for an empty arm', () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(0, 4)).toBe(0);
    expect(percentOf(0, 0)).toBeNull();
  });
});
