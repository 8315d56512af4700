import { makeIin } from '../../../../libs/kz';
import { hasMessage } from '../../../common/i18n/i18n';
import { checkBeneficiaries, checkParticipantRows } from './participants';

const today = '2026-06-30';

describe('participant rows', () => {
  it('takes the birth date and gender from the IIN', () => {
    const iin = makeIin('1990-03-04', 'female', 12);
    const { rows, problems } = checkParticipantRows(
      [{ kind: 'person', iin, facts: ['unemployed', 'unemployed'] }],
      today,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { kind: 'person', iin, fullName: null, gender: 'female', birthDate: '1990-03-04', facts: ['unemployed'] },
    ]);
  });

  it('keeps a person without an IIN by name and gender, the birth date optional', () => {
    const { rows, problems } = checkParticipantRows(
      [{ kind: 'person', fullName: '  Асқар   Беков ', gender: 'male' }],
      today,
    );
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({ fullName: 'Асқар Беков', gender: 'male', birthDate: null, iin: null });
  });

  it('names every broken field, with a code that has a kk and ru message, and keeps no row', () => {
    const iin = makeIin('1990-03-04', 'female', 12);
    const { rows, problems } = checkParticipantRows(
      [
        { kind: 'person', iin: iin.slice(0, 11) + String((Number(iin[11]) + 1) % 10) },
        { kind: 'person', iin, birthDate: '1991-01-01', gender: 'male' },
        { kind: 'person' },
        { kind: 'person', fullName: 'А', gender: 'female', birthDate: '2027-01-01', facts: ['wizard'] },
        { kind: 'count', count: 0, gender: 'x', ageBand: '99+', category: 'youth', extra: 1 },
        { kind: 'robot' },
        'x',
      ],
      today,
    );
    expect(rows).toEqual([]);
    expect(problems.map((p) => `${p.field} ${p.code}`)).toEqual([
      'participants[0].iin IIN_CHECKSUM',
      'participants[1].birthDate IIN_BIRTH_DATE_MISMATCH',
      'participants[1].gender IIN_GENDER_MISMATCH',
      'participants[2].fullName REQUIRED',
      'participants[2].gender REQUIRED',
      'participants[3].birthDate PARTICIPANT_BORN_LATER',
      'participants[3].facts[0] NOT_ALLOWED_VALUE',
      'participants[4].extra UNKNOWN_FIELD',
      'participants[4].count TOO_SMALL',
      'participants[4].gender NOT_ALLOWED_VALUE',
      'participants[4].ageBand NOT_ALLOWED_VALUE',
      'participants[5].kind NOT_ALLOWED_VALUE',
      'participants[6] NOT_OBJECT',
    ]);
    for (const p of problems) expect(hasMessage(`errors.${p.code}`)).toBe(true);
  });

  it('checks beneficiaries', () => {
    expect(checkBeneficiaries({ direct: 10, indirect: 0 })).toEqual([]);
    expect(checkBeneficiaries({ direct: -1, indirect: 1.5, x: 1 }).map((p) => p.code)).toEqual([
      'UNKNOWN_FIELD',
      'TOO_SMALL',
      'NOT_INTEGER',
    ]);
  });
});
