import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { TEST_STACK_FILE, type StackDetails } from './test-stack';

/**
 * Debian's Chromium driven by playwright-core (it cannot download a browser of its own here):
 * headless, no sandbox (root), and no background networking (the machine's network is closed).
 */
export const CHROMIUM = process.env.SHOP_CHROMIUM ?? '/usr/bin/chromium';

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

export const consoleUrl = (): string =>
  process.env.SHOP_CONSOLE_URL ??
  (JSON.parse(readFileSync(TEST_STACK_FILE, 'utf8')) as StackDetails).consoleUrl;

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** Everything the page logged as an error, and every uncaught exception. */
  errors: string[];
}

export async function openConsole(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport, baseURL: consoleUrl() });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  return { context, page, errors };
}

/** axe-core's serious and critical findings on the page as it is now (WCAG 2 A and AA). */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** How far the page is wider than its viewport (0: nothing scrolls sideways). */
export const horizontalOverflow = (page: Page): Promise<number> =>
  // A string: the tests' TypeScript has no DOM types.
  page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');

/** Signs in through the console's own form. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/#/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: /Sign out/ }).waitFor();
}
