/**
 * `npm run console:figures`: the console's figures, printed (not asserted): the JavaScript the
 * first page ships (gzip), and how long after a saga step ends the order page's graph shows it.
 * With `--screenshots`, also writes the main pages at 1280 and 375 px wide to docs/console/.
 * Needs a running `npm start` (its .local/stack.json, or SHOP_STACK_FILE).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { CONSOLE_DIST, ensureConsoleBuilt } from '../embedded-stack/console-build';
import { launchBrowser } from '../tests/support/browser';
import { firstPageJavaScript } from './console/first-page-size';
import { delays, outcomeChanges, recordOutcomeChanges } from './console/graph-delay';
import { ConsoleShop } from './console/shop-client';

const ROOT = resolve(__dirname, '..');
const WIDTHS = [1280, 375];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { screenshots: { type: 'boolean' }, orders: { type: 'string' } },
  });
  await ensureConsoleBuilt();
  const js = await firstPageJavaScript(CONSOLE_DIST);
  console.log(
    `First page JavaScript: ${(js.gzipBytes / 1024).toFixed(1)} KiB gzip (${(js.bytes / 1024).toFixed(1)} KiB raw) in ${js.files.join(', ')}`,
  );

  const stack = JSON.parse(
    await readFile(resolve(ROOT, process.env.SHOP_STACK_FILE ?? '.local/stack.json'), 'utf8'),
  ) as { httpApiUrl: string; consoleUrl: string; admin: { email: string; password: string } };
  const shop = new ConsoleShop(stack.httpApiUrl);
  const browser = await launchBrowser();
  try {
    const samples: number[] = [];
    const customer = await shop.customerWith(1_000_000);
    for (let i = 0; i < Number(values.orders ?? 5); i++) {
      const orderId = await shop.orderOne(customer.token);
      samples.push(...(await watchOrder(browser, stack.consoleUrl, customer.token, orderId, shop)));
    }
    samples.sort((a, b) => a - b);
    const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
    console.log(
      `Step end -> graph shows it: p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${samples.at(-1)} ms over ${samples.length} steps (polling every 400 ms)`,
    );
    if (values.screenshots) await screenshots(browser, stack, shop, customer.token);
  } finally {
    await browser.close();
  }
}

async function signedInPage(
  browser: Browser,
  consoleUrl: string,
  token: string,
  width: number,
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    baseURL: consoleUrl,
  });
  await context.addInitScript(
    `sessionStorage.setItem('shop.accessToken', ${JSON.stringify(token)})`,
  );
  return context.newPage();
}

async function watchOrder(
  browser: Browser,
  consoleUrl: string,
  token: string,
  orderId: string,
  shop: ConsoleShop,
) {
  const page = await signedInPage(browser, consoleUrl, token, 1280);
  await page.goto(`/#/orders/${orderId}`);
  await recordOutcomeChanges(page);
  await page
    .locator('[data-testid="order-status"]:not(:has-text("PENDING"))')
    .waitFor({ timeout: 30_000 });
  const trace = await shop.trace(token, orderId);
  // The last step shows one poll after the order's end at most.
  await page.waitForTimeout(1000);
  const seen = await outcomeChanges(page);
  await page.context().close();
  return delays(seen, trace.steps);
}

async function screenshots(
  browser: Browser,
  stack: { consoleUrl: string; admin: { email: string; password: string } },
  shop: ConsoleShop,
  customerToken: string,
): Promise<void> {
  const dir = resolve(ROOT, 'docs', 'console');
  await mkdir(dir, { recursive: true });
  const confirmed = await shop.orderOne(customerToken);
  const cancelled = await shop.orderOne(customerToken, 'BookDelivery=error');
  await shop.whenEnded(customerToken, confirmed);
  await shop.whenEnded(customerToken, cancelled);
  const adminToken = await shop.login(stack.admin.email, stack.admin.password);
  const pages: [string, string, string][] = [
    ['products', '/#/', customerToken],
    ['wallet', '/#/wallet', customerToken],
    ['order-confirmed', `/#/orders/${confirmed}`, customerToken],
    ['order-undo-path', `/#/orders/${cancelled}`, customerToken],
    ['admin-orders', '/#/admin/orders', adminToken],
    ['admin-order', `/#/admin/orders/${cancelled}`, adminToken],
  ];
  for (const width of WIDTHS) {
    for (const [name, path, token] of pages) {
      const page = await signedInPage(browser, stack.consoleUrl, token, width);
      await page.goto(path);
      await page.locator('h1').first().waitFor();
      if (name.includes('order-') || name === 'admin-order')
        await page.locator('.react-flow__node').first().waitFor();
      await page.waitForTimeout(500);
      const file = resolve(dir, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await page.context().close();
      console.log(`Wrote ${file}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
