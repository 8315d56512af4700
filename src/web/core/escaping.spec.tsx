import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { renderToString } from 'preact-render-to-string';
import { ErrorSummary, FormErrors, TextArea, TextField } from './forms';
import type { PageContext } from './page-context';

const WEB_DIR = join(__dirname, '..');
const RAW_WRITES = /dangerouslySetInnerHTML|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|document\.write\(/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(tsx?|js)$/.test(name) && !/\.spec\.tsx?$/.test(name) ? [path] : [];
  });
}

const ctx: PageContext = {
  locale: 'kk',
  t: (key) => key,
  user: null,
  csrfToken: 'token',
  path: '/',
  now: new Date(),
};

describe('pages never write user text raw', () => {
  it('has no raw HTML write anywhere in src/web (templates, views, scripts)', () => {
    const offenders = sources(WEB_DIR).filter((file) => RAW_WRITES.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the scan finds a raw write when there is one (the check above can fail)', () => {
    expect(RAW_WRITES.test('<div dangerouslySetInnerHTML={{ __html: title }} />')).toBe(true);
    expect(RAW_WRITES.test('result.innerHTML = message')).toBe(true);
    expect(RAW_WRITES.test('result.textContent = message')).toBe(false);
  });

  it('escapes a script typed into a field, as its value, its text and its error', () => {
    const attack = '"><script>alert(1)</script>';
    const errors = new FormErrors([{ field: 'title', message: attack }]);
    const html = renderToString(
      <div>
        <ErrorSummary ctx={ctx} errors={errors} labels={{ title: attack }} />
        <TextField name="title" label={attack} value={attack} errors={errors} />
        <TextArea name="goal" label="goal" value={attack} />
      </div>,
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
  });
});
