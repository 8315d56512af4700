import {
  awardPlacementProblems,
  handoverDateProblems,
  handoverMoves,
  hasAwards,
  placementOf,
  type AwardRules,
} from './award-rules';

const PLACES: AwardRules = { placement: 'place', nominationCodes: [], winners: 3 };
const NOMINATIONS: AwardRules = { placement: 'nomination', nominationCodes: ['volunteer_of_year', 'eco'], winners: 2 };

describe('award rules', () => {
  it('awards belong to prize competitions and volunteer awards only', () => {
    expect(hasAwards('prize')).toBe(true);
    expect(hasAwards('award')).toBe(true);
    expect(hasAwards('grant')).toBe(false);
    expect(hasAwards('draw')).toBe(false);
    expect(hasAwards(undefined)).toBe(false);
  });

  it('ranks by nomination when the rulebook has nominations, else by place', () => {
    expect(placementOf({ nominations: [] })).toBe('place');
    expect(placementOf({ nominations: [{ code: 'x' }] })).toBe('nomination');
  });

  it('a competition with places needs a place among the winners and no nomination', () => {
    expect(awardPlacementProblems({ place: 1 }, PLACES)).toEqual([]);
    expect(awardPlacementProblems({ place: 3 }, PLACES)).toEqual([]);
    expect(awardPlacementProblems({}, PLACES)).toEqual([{ field: 'place', code: 'REQUIRED' }]);
    expect(awardPlacementProblems({ place: 4 }, PLACES)).toEqual([
      { field: 'place', code: 'AWARD_PLACE_RANGE', params: { max: 3 } },
    ]);
    expect(awardPlacementProblems({ place: 1, nomination: 'eco' }, PLACES)).toEqual([
      { field: 'nomination', code: 'AWARD_NO_NOMINATIONS' },
    ]);
  });

  it("a competition with nominations needs one of the rulebook's nominations; a place is optional", () => {
    expect(awardPlacementProblems({ nomination: 'eco' }, NOMINATIONS)).toEqual([]);
    expect(awardPlacementProblems({ nomination: 'eco', place: 2 }, NOMINATIONS)).toEqual([]);
    expect(awardPlacementProblems({}, NOMINATIONS)).toEqual([{ field: 'nomination', code: 'REQUIRED' }]);
    expect(awardPlacementProblems({ nomination: 'sport' }, NOMINATIONS)).toEqual([
      { field: 'nomination', code: 'NOT_ALLOWED_VALUE', params: { allowed: 'volunteer_of_year, eco' } },
    ]);
  });

  it('a volunteer award handed over ends the application: winner → contracted → completed', () => {
    expect(handoverMoves('award', 'winner')).toEqual(['contracted', 'completed']);
    expect(handoverMoves('award', 'contracted')).toEqual(['completed']);
    expect(handoverMoves('award', 'completed')).toEqual([]);
  });

  it('a prize handed over moves a winner to contracted, and never an application its contract already moved', () => {
    expect(handoverMoves('prize', 'winner')).toEqual(['contracted']);
    expect(handoverMoves('prize', 'contracted')).toEqual([]);
    expect(handoverMoves('prize', 'reporting')).toEqual([]);
    expect(handoverMoves('prize', 'completed')).toEqual([]);
  });

  it('a handover is not dated in the future', () => {
    expect(handoverDateProblems('2026-11-26', '2026-11-26')).toEqual([]);
    expect(handoverDateProblems('2026-11-01', '2026-11-26')).toEqual([]);
    expect(handoverDateProblems('2026-11-27', '2026-11-26')).toEqual([
      { field: 'handedOverOn', code: 'AWARD_HANDOVER_IN_FUTURE' },
    ]);
  });
});
