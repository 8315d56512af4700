import { renderToString } from 'preact-render-to-string';
import { Locale, translate } from '../../common/i18n/i18n';
import { APPLICATION_STATUSES } from '../../modules/applications/domain/application-status';
import type { PageContext } from '../core/page-context';
import { MyApplications } from './me-applications';
import { MyApplicationItem, shownStatus, timeLeftUnit } from './me-progress';

const NOW = new Date('2026-02-10T09:00:00Z');

function ctxIn(locale: Locale): PageContext {
  return {
    locale,
    t: (key, params) => translate(locale, key, params),
    user: null,
    csrfToken: 't',
    path: '/me',
    now: NOW,
  };
}

function item(overrides: Partial<MyApplicationItem>): MyApplicationItem {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    number: null,
    title: 'Ауыл алаңы',
    competitionTitle: 'Жастар бастамалары',
    status: 'draft',
    submittedAt: null,
    deadline: new Date('2026-02-14T13:00:00Z'),
    timeZone: 'Asia/Almaty',
    arm: null,
    screening: null,
    resultsPublished: false,
    ...overrides,
  };
}

/** What a person reads on the card: tags dropped, spaces collapsed. */
function read(locale: Locale, items: MyApplicationItem[]): string {
  return renderToString(<MyApplications ctx={ctxIn(locale)} items={items} />)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('My page: status and what happens next', () => {
  it('tells a draft the deadline in the competition’s local time and how long is left', () => {
    expect(read('kk', [item({})])).toContain('14 ақпан 2026, 18:00 дейін жіберіңіз. 4 күн қалды.');
    expect(read('ru', [item({})])).toContain('до 14 февраля 2026, 18:00. Осталось 4 дня.');
    const late = item({ deadline: new Date('2026-02-09T13:00:00Z') });
    expect(read('ru', [late])).toContain('Срок окончания приёма заявок (9 февраля 2026, 18:00) прошёл');
  });

  it('shows a screening decision only once it is published, with the failed lines and the comment', () => {
    const decided = item({ status: 'screened_out', submittedAt: new Date('2026-02-01T05:00:00Z') });
    expect(shownStatus(decided)).toBe('submitted');
    expect(read('kk', [decided])).toContain('қабылданды');
    expect(read('kk', [decided])).not.toContain('іріктеуден өтпеді');
    const told = {
      ...decided,
      screening: {
        reasons: [{ label: 'Міндетті құжаттар тіркелген', message: 'Міндетті құжат тіркелмеген.' }],
        comment: 'Жарғыны тіркеңіз.',
      },
    };
    const text = read('kk', [told]);
    expect(text).toContain('техникалық іріктеуден өтпеді');
    expect(text).toContain('Міндетті құжаттар тіркелген: Міндетті құжат тіркелмеген.');
    expect(text).toContain('Ұйымдастырушының түсініктемесі: Жарғыны тіркеңіз.');
    expect(read('ru', [{ ...told, status: 'screened_in', screening: { reasons: [], comment: null } }])).toContain(
      'Заявка прошла технический отбор.',
    );
  });

  it('keeps a selection unpublished as "scored", and names the draw’s arm with what it gives', () => {
    expect(read('ru', [item({ status: 'winner' })])).toContain('Дождитесь публикации результатов.');
    expect(read('ru', [item({ status: 'winner', resultsPublished: true })])).toContain('стала победителем');
    expect(read('ru', [item({ status: 'not_selected', resultsPublished: true })])).toContain('не отобрана');
    const c = read('ru', [item({ status: 'allocated', arm: 'C', resultsPublished: true })]);
    expect(c).toContain('распределена в группу C');
    expect(c).toContain('обучение жизненным навыкам');
    expect(c).toContain('наставник');
    expect(c).not.toContain('грант');
    const a = read('kk', [item({ status: 'winner', arm: 'A' })]);
    expect(a).toContain('A тобы');
    expect(a).toMatch(/грант.*өмірлік дағдыларға оқыту.*тәлімгер/);
  });

  it('has a tag and a next step in words for every status, in both languages', () => {
    for (const locale of ['kk', 'ru'] as const) {
      for (const status of APPLICATION_STATUSES) {
        const text = read(locale, [
          item({
            status,
            arm: 'B',
            resultsPublished: true,
            submittedAt: NOW,
            screening: { reasons: [], comment: null },
          }),
        ]);
        expect(text).toContain(
          translate(
            locale,
            `status.${shownStatus({ status, arm: 'B', resultsPublished: true, screening: { reasons: [], comment: null } })}`,
          ),
        );
        expect(text).not.toMatch(/pages\.me|status\.|\{/);
      }
    }
  });

  it('links each application to its page and says so when there is none', () => {
    expect(renderToString(<MyApplications ctx={ctxIn('kk')} items={[item({})]} />)).toContain(
      'href="/applications/00000000-0000-4000-8000-000000000001"',
    );
    expect(read('ru', [])).toContain('У вас пока нет заявок.');
  });

  it('counts time left in the largest whole unit', () => {
    const at = (ms: number) => timeLeftUnit(new Date(NOW.getTime() + ms), NOW);
    expect(at(2 * 86_400_000 + 5)).toEqual({ unit: 'days', value: 2 });
    expect(at(5 * 3_600_000)).toEqual({ unit: 'hours', value: 5 });
    expect(at(30 * 60_000)).toEqual({ unit: 'minutes', value: 30 });
    expect(at(0)).toBeNull();
  });
});
