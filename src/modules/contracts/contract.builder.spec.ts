import { buildContractDocx, CONTRACT_TEXTS, contractDate } from './contract.builder';
import { contractAmounts, ContractContent, GranteeKind, paymentSchedule } from './domain/contract-terms';

function shape(value: unknown, path = ''): string[] {
  if (value && typeof value === 'object' && !Array.isArray(value))
    return Object.entries(value).flatMap(([k, v]) => shape(v, path ? `${path}.${k}` : k));
  return [path];
}

function placeholders(value: unknown): string[] {
  if (typeof value === 'string') return [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  if (value && typeof value === 'object') return Object.values(value).flatMap(placeholders);
  return [];
}

function content(kind: GranteeKind, mode: 'on_top' | 'inside'): ContractContent {
  const amounts = contractAmounts({
    budget: 500_000,
    hostOrganization: kind === 'host_organization',
    overheadPercent: 15,
    overheadMode: mode,
  });
  const organization = { name: 'Жастар орталығы', bin: '160440054321', address: null, headName: null };
  return {
    number: 'YC-2026/001',
    revision: 1,
    competition: {
      id: 'c',
      templateCode: 'youth-micro-projects',
      title: { kk: 'Конкурс', ru: 'Конкурс' },
      timeZone: 'Asia/Almaty',
    },
    application: { id: 'a', number: 'YC1-2026-0001', title: 'Жоба' },
    organizer: null,
    grantee: {
      kind,
      person: kind === 'ngo' ? null : { iin: '000505600123', fullName: 'Әбенова Дана' },
      organization: kind === 'ngo' || kind === 'host_organization' ? organization : null,
    },
    amounts,
    budget: [],
    startsOn: '2026-07-01',
    endsOn: '2026-11-30',
    payments: { tranches: paymentSchedule(amounts.total), isDefault: true },
    reporting: { dueOn: '2026-12-10', daysAfterEnd: 10, isDefault: true },
  };
}

describe('contract document', () => {
  it('has the same wording keys and placeholders in Kazakh and Russian', () => {
    expect(shape(CONTRACT_TEXTS.kk).sort()).toEqual(shape(CONTRACT_TEXTS.ru).sort());
    expect(placeholders(CONTRACT_TEXTS.kk).sort()).toEqual(placeholders(CONTRACT_TEXTS.ru).sort());
  });

  it('writes dates as documents do', () => {
    expect(contractDate('2026-02-14', 'kk')).toBe('14 ақпан 2026 ж.');
    expect(contractDate('2026-02-14', 'ru')).toBe('14 февраля 2026 г.');
  });

  it.each(
    (['initiative_group', 'individual', 'ngo', 'host_organization'] as const).flatMap((kind) =>
      (['kk', 'ru'] as const).flatMap((lang) =>
        (['on_top', 'inside'] as const).map((mode) => [kind, lang, mode] as const),
      ),
    ),
  )(
    'builds for %s in %s (%s), with blanks for what is missing (no organizer, no head, no budget)',
    async (kind, lang, mode) => {
      const docx = await buildContractDocx(content(kind, mode), lang, { status: 'draft' });
      expect(docx.subarray(0, 2).toString()).toBe('PK');
    },
  );
});
