import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { DrawAssignment, DrawRecord } from '../../libs/lottery';
import { makeAdmin, signUp } from '../support/accounts';
import { prepareDraw, runDraw, shortlistedYouthCompetition } from '../support/draws';
import {
  buildDrawnRecord,
  TEST_VECTOR_COMMITMENT,
  TEST_VECTOR_LINES,
  TEST_VECTOR_POOL_HASH,
} from '../support/lottery-test-vector';
import {
  accessibilityProblems,
  horizontalOverflow,
  rawTextProblems,
  screenshot,
  Site,
  startSite,
} from './support/site';

/** The LOTTERY.md test vector's record, its hashes and arms copied from the document's text. */
function testVectorRecord(): DrawRecord {
  const assignments: DrawAssignment[] = TEST_VECTOR_LINES.flatMap((line) => {
    const [stratum, rest] = line.split(': ');
    return rest.split(', ').map((pair) => {
      const [applicationNumber, arm] = pair.split(' ');
      return { applicationNumber, stratum, arm };
    });
  });
  return { ...buildDrawnRecord(), poolHash: TEST_VECTOR_POOL_HASH, commitment: TEST_VECTOR_COMMITMENT, assignments };
}

const TEXTS = {
  kk: {
    button: 'Осы жеребені тексеру',
    file: 'Немесе жеребе хаттамасының сақталған файлын тексеріңіз',
    ok: '✓ Жеребе расталды',
    mismatch: (n: string) => `✗ ${n} өтінімінің тобы сәйкес емес`,
  },
  ru: {
    button: 'Проверить эту жеребьёвку',
    file: 'Или проверьте сохранённый файл протокола жеребьёвки',
    ok: '✓ Жеребьёвка подтверждена',
    mismatch: (n: string) => `✗ Группа заявки ${n} не совпадает`,
  },
} as const;

/** Waits for the check's verdict: the outcome and the start of its sentence. */
async function verdict(page: Page, outcome: string, startsWith: string): Promise<string> {
  await page.waitForFunction(
    ([expected, start]) => {
      const result = document.getElementById('draw-check-result');
      return result?.getAttribute('data-outcome') === expected && (result.textContent ?? '').startsWith(start);
    },
    [outcome, startsWith],
    { timeout: 10_000 },
  );
  return (await page.textContent('#draw-check-result')) ?? '';
}

/** The public draw page in a real browser: the check re-computes the draw with Web Crypto. */
describe('browser: a draw’s page and its check', () => {
  let site: Site;
  let drawnId: string;
  let preparedId: string;
  let record: DrawRecord;
  let files: { tampered: string; vector: string; dir: string };
  let swapped: string;

  beforeAll(async () => {
    site = await startSite();
    const organizer = await makeAdmin(site.t, await signUp(site.t, 'draw-browser-organizer'));
    const drawn = await shortlistedYouthCompetition(site.t, organizer.accessToken, [
      'ALM',
      'ALM',
      'ALM',
      'KAR',
      'KAR',
      'KAR',
      'PAV',
      'PAV',
    ]);
    drawnId = drawn.id;
    await prepareDraw(site.t, organizer.accessToken, drawnId, new Date(Date.now() + 3600_000).toISOString());
    // The draw takes place at its announced time, an hour on.
    site.t.clock.advance(3600_000 + 1000);
    record = await runDraw(site.t, organizer.accessToken, drawnId, '07 12 33 41 45');
    site.t.clock.reset();
    const prepared = await shortlistedYouthCompetition(site.t, organizer.accessToken, ['ALM', 'KAR', 'PAV']);
    preparedId = prepared.id;
    await prepareDraw(
      site.t,
      organizer.accessToken,
      preparedId,
      new Date(Date.now() + 2 * 24 * 3600_000).toISOString(),
    );

    // A saved record with one application moved to another arm.
    const target = record.assignments![0];
    swapped = target.applicationNumber;
    const tampered = {
      ...record,
      assignments: record.assignments!.map((a) =>
        a.applicationNumber === swapped ? { ...a, arm: a.arm === 'A' ? 'B' : 'A' } : a,
      ),
    };
    const dir = mkdtempSync(join(tmpdir(), 'draw-page-'));
    files = { dir, tampered: join(dir, 'tampered.json'), vector: join(dir, 'lottery-test-vector.json') };
    writeFileSync(files.tampered, JSON.stringify(tampered, null, 2));
    writeFileSync(files.vector, JSON.stringify(testVectorRecord(), null, 2));
  });
  afterAll(async () => {
    await site?.close();
    if (files) rmSync(files.dir, { recursive: true, force: true });
  });

  for (const viewport of ['phone', 'desktop'] as const) {
    for (const locale of ['kk', 'ru'] as const) {
      it(`checks the draw, a tampered file and the LOTTERY.md vector (${locale}, ${viewport})`, async () => {
        const texts = TEXTS[locale];
        const { context, page } = await site.newPage({ viewport });
        await page.goto(`/language/${locale}?next=${encodeURIComponent(`/draws/${drawnId}`)}`);
        expect(new URL(page.url()).pathname).toBe(`/draws/${drawnId}`);
        expect(await page.getAttribute('html', 'lang')).toBe(locale);
        expect(await page.isVisible('#draw-check')).toBe(true);
        expect(await accessibilityProblems(page)).toEqual([]);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        expect(await rawTextProblems(page)).toEqual([]);
        await screenshot(page, `draw-drawn-${locale}-${viewport}`);

        await page.getByRole('button', { name: texts.button }).click();
        const ok = await verdict(page, 'ok', texts.ok);
        expect(ok).toContain('A — ');
        expect(ok).toMatch(/\b8\b/);
        await screenshot(page, `draw-check-ok-${locale}-${viewport}`);

        await page.getByLabel(texts.file).setInputFiles(files.tampered);
        const mismatch = await verdict(page, 'mismatch', texts.mismatch(swapped));
        expect(mismatch).toContain(swapped);
        expect(await accessibilityProblems(page)).toEqual([]);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await screenshot(page, `draw-check-tampered-${locale}-${viewport}`);

        await page.getByLabel(texts.file).setInputFiles(files.vector);
        const vector = await verdict(page, 'ok', texts.ok);
        expect(vector).toContain('A — 2, B — 4, C — 4');
        await context.close();
      });
    }
  }

  it('shows a prepared draw before it takes place: commitment and pool, nothing to check yet (kk and ru, phone)', async () => {
    const { context, page } = await site.newPage({ viewport: 'phone' });
    await page.goto(`/draws/${preparedId}`);
    expect(await page.locator('#draw-check').count()).toBe(0);
    expect(await page.locator('#draw-pool tbody tr').count()).toBe(3);
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await rawTextProblems(page)).toEqual([]);
    await screenshot(page, 'draw-prepared-kk-phone');
    await page.getByRole('link', { name: 'Русский' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'draw-prepared-ru-phone');
    await context.close();
  });

  it('without JavaScript keeps the check hidden and still offers the record and the command lines', async () => {
    const { context, page } = await site.newPage({ viewport: 'phone', javaScript: false });
    await page.goto(`/draws/${drawnId}`);
    expect(await page.isVisible('#draw-check')).toBe(false);
    const download = page.getByRole('link', { name: 'Жеребе хаттамасын жүктеп алу (JSON)' });
    expect(await download.getAttribute('href')).toBe(`/api/v1/public/draws/${drawnId}`);
    expect(await page.textContent('main')).toContain(
      `npm run draw:verify -- ${site.baseUrl}/api/v1/public/draws/${drawnId}`,
    );
    await context.close();
  });
});
