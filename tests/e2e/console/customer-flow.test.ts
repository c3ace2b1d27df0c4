import type { Browser, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import {
  horizontalOverflow,
  launchBrowser,
  openConsole,
  seriousAccessibilityViolations,
  type ConsolePage,
} from '../../support/browser';
import { api, login, uniqueEmail } from '../../support/http-client';
import { eventually } from '../../support/contract-checks';
import { freshSlot, productInStock, type Slot } from '../../support/shop-scenario';

const FORWARD = [
  'ReservePayment',
  'ReserveStock',
  'BookDelivery',
  'CapturePayment',
  'ConfirmOrder',
];
const UNDO = ['CancelDelivery', 'ReleaseStock', 'ReleasePayment', 'CancelOrder'];

// A whole customer journey in a real browser (register, wait for the wallet, deposit, order, watch
// the saga, three accessibility scans) is many requests in a row: this bounds a hung test only.
jest.setTimeout(90_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** Registers through the form, then waits for the wallet the shop opens asynchronously. */
async function registerThroughConsole(page: Page) {
  const email = uniqueEmail('console');
  const password = `Passw0rd-${randomUUID()}`;
  await page.goto('/#/register');
  await page.getByLabel('Name').fill('Console Customer');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByRole('button', { name: /Sign out/ }).waitFor();
  const token = await login(email, password);
  await eventually(
    () => api.get('/wallet', { token }),
    ({ status }) => status === 200,
    15_000,
  );
  return { email, password, token };
}

async function depositThroughConsole(page: Page, dollars: string) {
  await page.goto('/#/wallet');
  await page.getByLabel('Deposit amount').fill(dollars);
  await page.getByRole('button', { name: 'Deposit', exact: true }).click();
  await page
    .getByTestId('wallet-available')
    .filter({ hasText: `$${dollars}` })
    .waitFor();
}

async function orderThroughConsole(page: Page, productName: string, slot: Slot, fault?: string) {
  await page.goto('/#/');
  await page.getByRole('button', { name: `Add to cart: ${productName}` }).click();
  await page.goto('/#/cart');
  await page.getByLabel('Date').fill(slot.start.slice(0, 10));
  await page.getByRole('radio').first().check();
  if (fault) await page.getByLabel(/Fault injection/).fill(fault);
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForURL(/#\/orders\/.+/);
}

const outcomeOf = (page: Page, state: string) =>
  page.getByTestId(`step-${state}`).getAttribute('data-outcome');

/** Every page the flow visited, checked the same way. */
async function expectCleanPage(consolePage: ConsolePage) {
  expect(await seriousAccessibilityViolations(consolePage.page)).toEqual([]);
  expect(consolePage.errors).toEqual([]);
}

describe('the console, for a customer, in Chromium', () => {
  it('registers, deposits, orders and sees CONFIRMED with the whole forward path drawn', async () => {
    const [product, slot] = await Promise.all([productInStock(1_250, 3), freshSlot(2)]);
    const shopper = await openConsole(browser);
    const { page } = shopper;

    await registerThroughConsole(page);
    await expectCleanPage(shopper);
    await depositThroughConsole(page, '100.00');
    await expectCleanPage(shopper);
    await orderThroughConsole(page, product.name, slot);

    await page.getByTestId('order-status').filter({ hasText: 'CONFIRMED' }).waitFor();
    await page.locator('[data-testid="step-ConfirmOrder"][data-outcome="succeeded"]').waitFor();
    for (const state of FORWARD) expect(await outcomeOf(page, state)).toBe('succeeded');
    for (const state of UNDO) expect(await outcomeOf(page, state)).toBe('not-entered');
    expect(await page.locator('.saga-edge-taken').count()).toBeGreaterThanOrEqual(FORWARD.length);
    await expectCleanPage(shopper);
    await shopper.context.close();
  });

  it('shows the retries and the undo path of an order whose BookDelivery keeps failing', async () => {
    const [product, slot] = await Promise.all([productInStock(990, 3), freshSlot(2)]);
    const shopper = await openConsole(browser);
    const { page } = shopper;
    await registerThroughConsole(page);
    await depositThroughConsole(page, '50.00');

    await orderThroughConsole(page, product.name, slot, 'BookDelivery=error');

    await page.getByTestId('order-status').filter({ hasText: 'CANCELLED' }).waitFor();
    await page.locator('[data-testid="step-CancelOrder"][data-outcome="succeeded"]').waitFor();
    expect(await outcomeOf(page, 'BookDelivery')).toBe('caught');
    expect(await page.getByTestId('step-BookDelivery').textContent()).toMatch(/4 attempts/);
    for (const state of UNDO) expect(await outcomeOf(page, state)).toBe('succeeded');
    expect(await outcomeOf(page, 'CapturePayment')).toBe('not-entered');
    expect(await page.locator('.saga-edge-catch.saga-edge-taken').count()).toBe(1);
    expect(await page.getByTestId('saga-timeline').getByText('RETRIED').count()).toBe(3);
    await expectCleanPage(shopper);
    await shopper.context.close();
  });

  it('is usable 375 px wide: nothing on any storefront page scrolls sideways', async () => {
    // The longest name the catalog takes, in one word: it wraps, it does not widen the page.
    await productInStock(100, 1, `Unbreakable-${'x'.repeat(180)}`);
    const shopper = await openConsole(browser, { width: 375, height: 812 });
    const { page } = shopper;
    await registerThroughConsole(page);
    for (const path of ['/#/', '/#/wallet', '/#/orders', '/#/notifications', '/#/cart']) {
      await page.goto(path);
      await page.locator('h1').waitFor();
      expect([path, await horizontalOverflow(page)]).toEqual([path, 0]);
    }
    await expectCleanPage(shopper);
    await shopper.context.close();
  });
});
