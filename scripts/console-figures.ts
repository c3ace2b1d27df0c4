/**
 * `npm run console:figures`: the console's figures, printed (not asserted): the JavaScript the
 * first page ships (gzip), and how long after a saga step ends the order page's graph shows it,
 * also written to docs/console/figures.md. With `--screenshots`, also writes the main pages at
 * 1280 and 375 px wide to docs/console/, and an admin's redrive of a COMPENSATION_FAILED order.
 * Needs a running `npm start` (its .local/stack.json, or SHOP_STACK_FILE).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { CONSOLE_DIST, ensureConsoleBuilt } from '../embedded-stack/console-build';
import { launchBrowser } from '../tests/support/browser';
import { firstPageJavaScript } from './console/first-page-size';
import { delays, outcomeChanges, recordOutcomeChanges } from './console/graph-delay';
import { ConsoleShop } from './console/shop-client';

const ROOT = resolve(__dirname, '..');
const WIDTHS = [1280, 375];
// BookDelivery's retries, seconds apart, leave the page time to draw the graph before
// the undo steps end: those are the samples.
const WATCHED_ORDER_FAULTS = 'BookDelivery=error';
// An undo that fails until an admin redrives: the order ends COMPENSATION_FAILED (API.md).
const STUCK_UNDO_FAULTS = 'BookDelivery=error,ReleaseStock=error-until-redrive';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { screenshots: { type: 'boolean' }, orders: { type: 'string' } },
  });
  await ensureConsoleBuilt();
  const js = await firstPageJavaScript(CONSOLE_DIST);
  const jsLine = `First page JavaScript: ${(js.gzipBytes / 1024).toFixed(1)} KiB gzip (${(js.bytes / 1024).toFixed(1)} KiB raw) in ${js.files.join(', ')}`;
  console.log(jsLine);

  const stack = JSON.parse(
    await readFile(resolve(ROOT, process.env.SHOP_STACK_FILE ?? '.local/stack.json'), 'utf8'),
  ) as { httpApiUrl: string; consoleUrl: string; admin: { email: string; password: string } };
  const shop = new ConsoleShop(stack.httpApiUrl);
  const browser = await launchBrowser();
  try {
    const samples: number[] = [];
    const customer = await shop.customerWith(1_000_000);
    for (let i = 0; i < Number(values.orders ?? 5); i++) {
      samples.push(...(await watchOrder(browser, stack.consoleUrl, customer.token, shop)));
    }
    samples.sort((a, b) => a - b);
    const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
    const delayLine = `Step end -> graph shows it: p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${samples.at(-1)} ms over ${samples.length} steps of ${values.orders ?? 5} orders placed with X-Fault-Injection: ${WATCHED_ORDER_FAULTS} (the order page polls every 400 ms)`;
    console.log(delayLine);
    await writeFigures(jsLine, delayLine);
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

/**
 * Places an order while the console is open and signed in, then goes to its page inside the app
 * (as after "Place order"), and records when each step's node shows how it ended.
 */
async function watchOrder(browser: Browser, consoleUrl: string, token: string, shop: ConsoleShop) {
  const page = await signedInPage(browser, consoleUrl, token, 1280);
  await page.goto('/#/orders');
  await page.locator('h1').waitFor();
  const orderId = await shop.orderOne(token, WATCHED_ORDER_FAULTS);
  await page.evaluate(`location.hash = ${JSON.stringify(`#/orders/${orderId}`)}`);
  await page.locator('.react-flow__node').first().waitFor();
  await recordOutcomeChanges(page);
  const watchingSince = Date.now();
  await page
    .locator('[data-testid="order-status"]:not(:has-text("PENDING"))')
    .waitFor({ timeout: 60_000 });
  const trace = await shop.trace(token, orderId);
  // The last step shows one poll after the order's end at most.
  await page.waitForTimeout(1000);
  const seen = await outcomeChanges(page);
  await page.context().close();
  return delays(seen, trace.steps, watchingSince);
}

/** docs/console/figures.md: the figures of this run, with the machine they ran on. */
async function writeFigures(...lines: string[]): Promise<void> {
  const file = resolve(ROOT, 'docs', 'console', 'figures.md');
  await mkdir(dirname(file), { recursive: true });
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')}, Node ${process.version}`;
  await writeFile(
    file,
    [
      "# The console's figures",
      '',
      `Written by \`npm run console:figures\` on ${new Date().toISOString()}, against \`npm start\`;`,
      `${machine}. Figures, not assertions: a busy machine moves them.`,
      '',
      ...lines.map((line) => `- ${line}`),
      '',
    ].join('\n'),
  );
  console.log(`Wrote ${file}`);
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
  // One COMPENSATION_FAILED order per width, for the admin's redrive.
  const failedUndo = await Promise.all(
    WIDTHS.map(() => shop.orderOne(customerToken, STUCK_UNDO_FAULTS)),
  );
  await shop.whenEnded(customerToken, confirmed);
  await shop.whenEnded(customerToken, cancelled);
  // The undo's retries, for good, before the order is COMPENSATION_FAILED.
  for (const orderId of failedUndo) await shop.whenEnded(customerToken, orderId, 600);
  const adminToken = await shop.login(stack.admin.email, stack.admin.password);
  const inCart = (await shop.api.products(1)).items[0]?.productId;
  const pages: [string, string, string][] = [
    ['products', '/#/', customerToken],
    ['cart', '/#/cart', customerToken],
    ['wallet', '/#/wallet', customerToken],
    ['order-confirmed', `/#/orders/${confirmed}`, customerToken],
    ['order-undo-path', `/#/orders/${cancelled}`, customerToken],
    ['admin-orders', '/#/admin/orders', adminToken],
    ['admin-order', `/#/admin/orders/${cancelled}`, adminToken],
    ['admin-metrics', '/#/admin/metrics', adminToken],
  ];
  for (const width of WIDTHS) {
    for (const [name, path, token] of pages) {
      const page = await signedInPage(browser, stack.consoleUrl, token, width);
      if (name === 'cart' && inCart)
        await page.addInitScript(
          `localStorage.setItem('shop.cart', ${JSON.stringify(JSON.stringify({ [inCart]: 2 }))})`,
        );
      await page.goto(path);
      await page.locator('h1').first().waitFor();
      if (name.includes('order-') || name === 'admin-order')
        await page.locator('.react-flow__node').first().waitFor();
      // Every lookup answered (stock levels, metrics; an ended order's page stops polling).
      await page.waitForLoadState('networkidle');
      const file = resolve(dir, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await page.context().close();
      console.log(`Wrote ${file}`);
    }
  }
  for (const [index, width] of WIDTHS.entries()) {
    const page = await signedInPage(browser, stack.consoleUrl, adminToken, width);
    await page.goto(`/#/admin/orders/${failedUndo[index]}`);
    await page.getByRole('button', { name: 'Redrive' }).click();
    await page.getByTestId('saga-timeline').getByText('Execution SUCCEEDED').waitFor();
    await page.waitForLoadState('networkidle');
    const file = resolve(dir, `admin-redrive-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    await page.context().close();
    console.log(`Wrote ${file}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
