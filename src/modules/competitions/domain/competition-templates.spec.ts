import { COMPETITION_KINDS, COMPETITION_TEMPLATES, findTemplate, rulebookFromTemplate } from './competition-templates';
import { DIRECTION_LABELS, YOUTH_DIRECTION_CODES } from './directions.constants';
import { validateRulebook } from './rulebook.validation';

const template = (code: string) => {
  const found = findTemplate(code);
  if (!found) throw new Error(`no template ${code}`);
  return found;
};

describe('competition templates', () => {
  it('ships the seven templates of SPEC §2, one code each', () => {
    expect(COMPETITION_TEMPLATES.map((t) => t.code)).toEqual([
      'short-term-projects',
      'mini-grants-district',
      'mini-grants-regional',
      'volunteer-awards',
      'youth-micro-projects',
      'host-organization-selection',
      'mentor-selection',
    ]);
  });

  it.each(COMPETITION_TEMPLATES.map((t) => [t.code, t] as const))('%s passes validateRulebook', (_code, t) => {
    expect(validateRulebook(t.rulebook)).toEqual([]);
  });

  it.each(COMPETITION_TEMPLATES.map((t) => [t.code, t] as const))(
    '%s is described in Kazakh and Russian',
    (_code, t) => {
      expect(COMPETITION_KINDS).toContain(t.kind);
      for (const text of [t.name.kk, t.name.ru, t.description.kk, t.description.ru])
        expect(text.trim().length).toBeGreaterThan(10);
      expect(t.name.kk).not.toEqual(t.name.ru);
      const { criteria } = t.rulebook;
      expect(criteria.length).toBeGreaterThanOrEqual(3);
      expect(criteria.length).toBeLessThanOrEqual(6);
      for (const c of criteria) expect([5, 10]).toContain(c.maxPoints);
    },
  );

  it('number prefixes tell the competitions apart', () => {
    const prefixes = COMPETITION_TEMPLATES.map((t) => t.rulebook.numberPrefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('«Сәтті қадам»: initiative groups and new NGOs, 3 prize winners, no grant money', () => {
    const t = template('short-term-projects');
    expect(t.kind).toBe('prize');
    expect(t.rulebook.applicantKinds).toEqual(['initiative_group', 'ngo']);
    expect(t.rulebook.selection.winners).toBe(3);
    expect(t.rulebook.funding).toBeNull();
    expect(t.rulebook.fields.find((f) => f.key === 'durationMonths')?.max).toBe(2);
  });

  it('district mini-grants: 300 000 ₸, one per district of Jetisu, 10 winners', () => {
    const { rulebook } = template('mini-grants-district');
    expect(rulebook.funding?.amountCap).toBe(300_000);
    expect(rulebook.territory).toEqual({ scope: ['ZHT'], level: 'district' });
    expect(rulebook.selection).toMatchObject({ winners: 10, oneWinnerPer: 'district' });
  });

  it('regional mini-grants: 1 000 000 ₸ per region of seven, 7 000 000 ₸ in all', () => {
    const { rulebook } = template('mini-grants-regional');
    expect(rulebook.funding).toMatchObject({ perRegionFund: 1_000_000, totalFund: 7_000_000 });
    expect(rulebook.territory.scope).toHaveLength(7);
    expect(rulebook.funding!.perRegionFund! * rulebook.territory.scope.length).toBe(rulebook.funding!.totalFund);
    expect(rulebook.selection).toMatchObject({ capsByRegion: true, useTotalFund: true });
  });

  it('volunteer awards: at least 7 nominations, individuals or organizations nominate, evidence asked', () => {
    const { rulebook } = template('volunteer-awards');
    expect(rulebook.nominations.length).toBeGreaterThanOrEqual(7);
    expect(rulebook.team).toBeNull();
    expect(rulebook.applicantKinds).toContain('individual');
    expect(rulebook.fields.map((f) => f.key)).toEqual(
      expect.arrayContaining(['volunteerHours', 'eventsCount', 'evidenceUrl']),
    );
    expect(rulebook.selection.perNomination).toBe(1);
  });

  it('youth micro-projects: teams 3–5 aged 18–29, host organizations ≤ 7, A/B/C draw', () => {
    const { rulebook } = template('youth-micro-projects');
    expect(rulebook.team).toEqual({ minSize: 3, maxSize: 5, minAge: 18, maxAge: 29 });
    expect(rulebook.limits).toEqual({
      perHostOrganization: 7,
      onePersonOneApplication: true,
      oneApplicationPerGroup: true,
    });
    expect(rulebook.directions).toEqual([...YOUTH_DIRECTION_CODES]);
    expect(rulebook.directions).toHaveLength(11);
    expect(rulebook.funding).toEqual({
      amountCap: 1_000_000,
      hostOrganizationOverheadPercent: 15,
      hostOrganizationOverheadMode: 'on_top',
      stipends: { schoolLeaverAndStudents: 26_000, graduates: 61_000 },
    });
    expect(rulebook.draw?.arms).toEqual([
      { code: 'A', weight: 1, entitles: ['grant', 'training', 'mentor'] },
      { code: 'B', weight: 1, entitles: ['grant'] },
      { code: 'C', weight: 1, entitles: ['training', 'mentor'] },
    ]);
    expect(Object.keys(rulebook.draw!.armMeaning)).toEqual(['A', 'B', 'C']);
    expect(rulebook.selection.shortlistForDraw).toBe(true);
    expect(rulebook.documents.filter((d) => !d.required).map((d) => d.code)).toEqual([
      'unemployed_status',
      'pension_payments',
      'disability',
      'income',
      'family_composition',
    ]);
  });

  it('host organizations and mentors: the eligibility conditions of seed 002', () => {
    const host = template('host-organization-selection').rulebook;
    expect(host.fields.map((f) => f.key)).toEqual(
      expect.arrayContaining([
        'registeredInRegionOn',
        'hasHead',
        'hasAccountant',
        'noTaxDebts',
        'notInUnreliableSuppliersRegister',
      ]),
    );
    const mentor = template('mentor-selection').rulebook;
    expect(mentor.applicantAge).toEqual({ minAge: 21 });
    expect(mentor.criteria.map((c) => c.code)).toContain('phone_interview');
  });

  it('every direction has a label in both languages', () => {
    for (const [code, label] of Object.entries(DIRECTION_LABELS)) {
      expect(label.kk.trim()).not.toBe('');
      expect(label.ru.trim()).not.toBe('');
      expect(code).toMatch(/^[a-z_]+$/);
    }
  });

  it('templates are frozen; a competition starts from its own copy', () => {
    const t = template('youth-micro-projects');
    expect(() => {
      (t.rulebook.team as { minSize: number }).minSize = 1;
    }).toThrow(TypeError);
    const copy = rulebookFromTemplate('youth-micro-projects')!;
    copy.team!.minSize = 2;
    expect(t.rulebook.team!.minSize).toBe(3);
    expect(rulebookFromTemplate('nope')).toBeUndefined();
  });
});
