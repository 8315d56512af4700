import { AWARD_STATUSES, canMoveAward, isAwardEditable, isAwardStatus } from './award-status';

describe('award status table', () => {
  it('a recorded award is handed over once, and nothing follows a handover', () => {
    expect(canMoveAward('recorded', 'handed_over')).toBe(true);
    expect(canMoveAward('handed_over', 'handed_over')).toBe(false);
    expect(canMoveAward('handed_over', 'recorded')).toBe(false);
    expect(canMoveAward('recorded', 'recorded')).toBe(false);
  });

  it('only a recorded award may still be changed', () => {
    expect(isAwardEditable('recorded')).toBe(true);
    expect(isAwardEditable('handed_over')).toBe(false);
  });

  it('knows its statuses and nothing else', () => {
    expect(AWARD_STATUSES).toEqual(['recorded', 'handed_over']);
    expect(isAwardStatus('handed_over')).toBe(true);
    expect(isAwardStatus('winner')).toBe(false);
  });
});
