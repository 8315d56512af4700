import { existsSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import kkAccount from '../../../src/i18n/pages/account.kk.json';
import ruAccount from '../../../src/i18n/pages/account.ru.json';
import { TEST_PASSWORD } from '../../support/accounts';
import { freePort, SmtpSink, waitFor } from '../../support/smtp-sink';
import { createTestApp, TestApp } from '../../support/test-app';
import { createTestWorker, TestWorker } from '../../support/worker-app';

/** Debian's Chromium, which .ci/run installs with apt-get (Playwright never downloads a browser here). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The two widths every journey is walked at: a small phone and a laptop. */
export const VIEWPORTS = {
  phone: { width: 360, height: 740 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/**
 * The whole product on a real socket for a real browser: the API and pages (same process),
 * the worker delivering e-mail to an SMTP server this test started, and Chromium.
 */
export interface Site {
  t: TestApp;
  worker: TestWorker;
  smtp: SmtpSink;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser profile (cookies, storage) at a width, in a language or none. */
  newPage(options?: {
    viewport?: ViewportName;
    javaScript?: boolean;
  }): Promise<{ context: BrowserContext; page: Page }>;
  /** The link in the newest e-mail to an address whose text contains `pathPart`. */
  linkFromMail(email: string, pathPart: string): Promise<string>;
  close(): Promise<void>;
}

export async function startSite(envOverrides: Record<string, string> = {}): Promise<Site> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium package`);
  const smtp = await new SmtpSink().start();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = { SMTP_URL: smtp.url, PUBLIC_URL: baseUrl, ...envOverrides };
  const t = await createTestApp(env);
  await t.app.listen(port, '127.0.0.1');
  const worker = await createTestWorker({ ...env, RELAY_INTERVAL_MS: '50', NOTIFY_BACKOFF_MS: '100' });
  // Playwright gives every launch a fresh, empty profile of its own (and removes it on close).
  const browser = await chromium
    .launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    })
    .catch(async (error: unknown) => {
      await Promise.allSettled([worker.close(), t.close(), smtp.stop()]);
      throw error;
    });
  return {
    t,
    worker,
    smtp,
    baseUrl,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        viewport: VIEWPORTS[options.viewport ?? 'desktop'],
        baseURL: baseUrl,
        javaScriptEnabled: options.javaScript ?? true,
      });
      context.setDefaultTimeout(15_000);
      return { context, page: await context.newPage() };
    },
    async linkFromMail(email: string, pathPart: string) {
      let link: string | undefined;
      await waitFor(`an e-mail to ${email} with ${pathPart}`, () => {
        const mails = smtp.to(email);
        for (const mail of [...mails].reverse()) {
          link = mail.text.match(/https?:\/\/\S+/g)?.find((l) => l.includes(pathPart));
          if (link) return true;
        }
        return false;
      });
      return link!;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await worker.close();
      await t.close();
      await smtp.stop();
    },
  };
}

export type Lang = 'kk' | 'ru';
const ACCOUNT: Record<Lang, Record<string, string>> = { kk: kkAccount, ru: ruAccount };

/**
 * Signs in through the pages as a person does: the language first (`/language/<lang>`), then
 * the sign-in form in that language (its labels and button as the catalogue words them), then
 * `next` (checked), or where signing in leads without one. Resolves once the browser has left /sign-in.
 */
export async function signIn(
  page: Page,
  email: string,
  lang: Lang,
  next?: string,
  password: string = TEST_PASSWORD,
): Promise<void> {
  const words = ACCOUNT[lang];
  const signInPath = next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
  await page.goto(`/language/${lang}?next=${encodeURIComponent(signInPath)}`);
  await page.getByLabel(words['pages.account.email'], { exact: true }).fill(email);
  await page.getByLabel(words['pages.account.password'], { exact: true }).fill(password);
  await page.getByRole('button', { name: words['pages.account.sign_in_button'], exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  if (next) expect(new URL(page.url()).pathname).toBe(next);
}

/**
 * At each width (a laptop's and a tablet's unless told): no axe violation, no sideways scroll,
 * no raw catalogue key, a screenshot `<name>-<width>` to look at; then back to 1280 px.
 */
export async function looksRight(page: Page, name: string, widths: readonly number[] = [1280, 768]): Promise<void> {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    expect({ name, width, problems: await accessibilityProblems(page) }).toEqual({ name, width, problems: [] });
    expect({ name, width, overflow: await horizontalOverflow(page) }).toEqual({ name, width, overflow: 0 });
    expect({ name, width, raw: await rawTextProblems(page) }).toEqual({ name, width, raw: [] });
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Axe with WCAG 2.1 A and AA: the violations on the page as readable lines (empty when none). */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** Fails when the page scrolls sideways (a 360 px phone must not). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** A catalogue key shown raw (`pages.x.y`) or a placeholder left in the text. */
export async function rawTextProblems(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return [...(text.match(/\b(pages|errors|words)\.[a-z_]+(\.[a-z_0-9]+)+\b|\{[a-zA-Z]+\}/g) ?? [])];
}

/** Where screenshots go when SCREENSHOTS_DIR is set (to look at the pages), else nowhere. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS_DIR;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
