import {
  CONTRACT_STATUSES,
  CONTRACT_TRANSITIONS,
  checkContractTransition,
  contractNextSteps,
  isContentEditable,
  isContractFinal,
  isContractStatus,
} from './contract-status';

describe('contract status table', () => {
  it('walks the happy path draft → sent → signed_by_grantee → active → completed, each by its party', () => {
    expect(checkContractTransition('draft', 'sent', 'organizer')).toBeNull();
    expect(checkContractTransition('sent', 'signed_by_grantee', 'grantee')).toBeNull();
    expect(checkContractTransition('signed_by_grantee', 'active', 'organizer')).toBeNull();
    expect(checkContractTransition('active', 'completed', 'system')).toBeNull();
  });

  it('refuses a step made by the wrong party', () => {
    expect(checkContractTransition('draft', 'sent', 'grantee')).toBe('NOT_ALLOWED');
    expect(checkContractTransition('sent', 'signed_by_grantee', 'organizer')).toBe('NOT_ALLOWED');
    expect(checkContractTransition('signed_by_grantee', 'active', 'grantee')).toBe('NOT_ALLOWED');
    expect(checkContractTransition('active', 'completed', 'grantee')).toBe('NOT_ALLOWED');
  });

  it('refuses skipping a step or repeating one (a double click changes nothing twice)', () => {
    expect(checkContractTransition('draft', 'active', 'organizer')).toBe('NOT_ALLOWED');
    expect(checkContractTransition('draft', 'signed_by_grantee', 'grantee')).toBe('NOT_ALLOWED');
    expect(checkContractTransition('sent', 'sent', 'organizer')).toBe('NOT_ALLOWED');
    expect(checkContractTransition('active', 'active', 'organizer')).toBe('NOT_ALLOWED');
  });

  it('lets the organizer terminate any contract not yet ended, and nothing leaves an ended one', () => {
    for (const from of ['draft', 'sent', 'signed_by_grantee', 'active'] as const)
      expect(checkContractTransition(from, 'terminated', 'organizer')).toBeNull();
    for (const from of ['completed', 'terminated'] as const) {
      expect(isContractFinal(from)).toBe(true);
      for (const to of CONTRACT_STATUSES)
        for (const by of ['organizer', 'grantee', 'system'] as const)
          expect(checkContractTransition(from, to, by)).toBe('NOT_ALLOWED');
    }
  });

  it('a change after sending is a new revision: back to draft, by the organizer only', () => {
    for (const from of ['sent', 'signed_by_grantee', 'active'] as const) {
      expect(checkContractTransition(from, 'draft', 'organizer')).toBeNull();
      expect(checkContractTransition(from, 'draft', 'grantee')).toBe('NOT_ALLOWED');
    }
    expect(contractNextSteps('sent')).toEqual(['signed_by_grantee', 'draft', 'terminated']);
  });

  it('content is editable only in a draft', () => {
    expect(CONTRACT_STATUSES.filter(isContentEditable)).toEqual(['draft']);
  });

  it('every target of the table is a known status', () => {
    for (const moves of Object.values(CONTRACT_TRANSITIONS))
      for (const move of moves) expect(isContractStatus(move.to)).toBe(true);
    expect(isContractStatus('signed')).toBe(false);
  });
});
