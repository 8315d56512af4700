import { hasMessage, translate } from '../../../common/i18n/i18n';
import { rulebookFromTemplate } from './competition-templates';
import { districtWarnings, proposeFromDistricts } from './district-proposal';
import type { Rulebook } from './rulebook.types';

const miniGrants = (): Rulebook => rulebookFromTemplate('mini-grants-district')!;

describe('winners and fund proposed from the districts in scope', () => {
  it('one winner per district: as many winners as districts and cities, one grant each', () => {
    // Pavlodar region: 10 districts and 3 cities of regional significance.
    expect(proposeFromDistricts(miniGrants(), 13)).toEqual({ winners: 13, totalFund: 3_900_000 });
  });

  it('proposes no fund without a grant amount, and nothing for other selection rules', () => {
    const noCap = miniGrants();
    delete noCap.funding!.amountCap;
    expect(proposeFromDistricts(noCap, 13)).toEqual({ winners: 13, totalFund: null });
    for (const code of ['mini-grants-regional', 'short-term-projects', 'volunteer-awards', 'youth-micro-projects']) {
      expect({ code, proposal: proposeFromDistricts(rulebookFromTemplate(code)!, 13) }).toEqual({
        code,
        proposal: null,
      });
    }
  });

  it('the template as shipped agrees with Jetisu (8 districts, 2 cities): nothing to warn about', () => {
    expect(districtWarnings(miniGrants(), 10)).toEqual([]);
  });

  it('warns when the winners and the fund disagree with the districts, with the numbers', () => {
    expect(districtWarnings(miniGrants(), 13)).toEqual([
      {
        field: 'rulebook.selection.winners',
        code: 'WINNERS_DIFFER_FROM_DISTRICTS',
        params: { winners: 10, districts: 13 },
      },
      {
        field: 'rulebook.funding.totalFund',
        code: 'FUND_DIFFERS_FROM_DISTRICTS',
        params: {
          totalFund: 3_000_000,
          expectedFund: 3_900_000,
          amountCap: 300_000,
          districts: 13,
          totalFundText: '3\u00A0000\u00A0000\u00A0₸',
          expectedFundText: '3\u00A0900\u00A0000\u00A0₸',
          amountCapText: '300\u00A0000\u00A0₸',
        },
      },
    ]);
  });

  it('a fund larger than one grant per district is a mismatch too; fixed numbers silence both warnings', () => {
    const rb = miniGrants();
    rb.selection.winners = 13;
    rb.funding!.totalFund = 5_000_000;
    expect(districtWarnings(rb, 13).map((w) => w.code)).toEqual(['FUND_DIFFERS_FROM_DISTRICTS']);
    rb.funding!.totalFund = 3_900_000;
    expect(districtWarnings(rb, 13)).toEqual([]);
  });

  it('a rulebook without a winners count or a total fund has nothing to disagree with', () => {
    const rb = miniGrants();
    delete rb.selection.winners;
    delete rb.funding!.totalFund;
    rb.selection.useTotalFund = false;
    expect(districtWarnings(rb, 13)).toEqual([]);
  });

  it('each warning reads in Kazakh and Russian with its numbers', () => {
    const [winners, fund] = districtWarnings(miniGrants(), 13);
    for (const w of [winners, fund]) expect(hasMessage(`errors.${w.code}`)).toBe(true);
    expect(translate('kk', `errors.${winners.code}`, winners.params)).toBe(
      'Жеңімпаздар саны — 10, ал конкурс аумағындағы аудандар мен қалалар саны — 13 (әр аудан мен қалаға бір жеңімпаз).',
    );
    expect(translate('ru', `errors.${winners.code}`, winners.params)).toBe(
      'Число победителей — 10, а районов и городов на территории конкурса — 13 (один победитель на район или город).',
    );
    const ru = translate('ru', `errors.${fund.code}`, fund.params);
    expect(ru).toContain('3\u00A0000\u00A0000\u00A0₸');
    expect(ru).toContain('3\u00A0900\u00A0000\u00A0₸');
    expect(translate('kk', `errors.${fund.code}`, fund.params)).toContain('300\u00A0000\u00A0₸');
  });
});
