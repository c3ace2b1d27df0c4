import type { Browser } from 'playwright-core';
import {
  horizontalOverflow,
  launchBrowser,
  openConsole,
  seriousAccessibilityViolations,
  signIn,
} from '../../support/browser';
import { adminAccount } from '../../support/http-client';
import {
  customerWith,
  freshSlot,
  orderWhenEnded,
  placeOrder,
  productInStock,
} from '../../support/shop-scenario';

// Signing in, a catalog change, the storefront and two accessibility scans are many requests and
// two axe runs in a row (as customer-flow's journeys): this bounds a hung test only.
jest.setTimeout(90_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('the saga console, for an admin, in Chromium', () => {
  it("finds a customer's cancelled order by status and reads its execution: graph and timeline", async () => {
    const [customer, product, slot] = await Promise.all([
      customerWith(100),
      productInStock(5_000, 3),
      freshSlot(2),
    ]);
    const placed = await placeOrder(
      customer,
      [{ productId: product.productId, quantity: 1 }],
      slot.slotId,
    );
    await orderWhenEnded(customer, placed.body.orderId);
    const admin = await openConsole(browser);
    const { page } = admin;
    const { email, password } = adminAccount();

    await signIn(page, email, password);
    await page.getByRole('link', { name: 'All orders' }).click();
    await page.getByLabel('Status').selectOption('CANCELLED');
    await page.getByRole('link', { name: placed.body.orderId.slice(-8), exact: true }).click();

    await page.getByTestId('order-status').filter({ hasText: 'PAYMENT_DECLINED' }).waitFor();
    await page.locator('[data-testid="step-ReservePayment"][data-outcome="caught"]').waitFor();
    const timeline = page.getByTestId('saga-timeline');
    await timeline.getByText('PaymentDeclined').waitFor();
    expect(await timeline.locator('tbody tr td:first-child').allTextContents()).toEqual([
      'ReservePayment',
      'ReleasePayment',
      'CancelOrder',
      'OrderCancelled',
    ]);
    expect(await page.getByTestId('step-ReserveStock').getAttribute('data-outcome')).toBe(
      'not-entered',
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(admin.errors).toEqual([]);
    await admin.context.close();
  });

  it('manages the catalog; every admin page 375 px wide, with no accessibility or console errors', async () => {
    // An order down the undo path, so the admin order page has a graph and a timeline to fit.
    const [customer, product, slot] = await Promise.all([
      customerWith(100),
      productInStock(5_000, 3),
      freshSlot(2),
    ]);
    const placed = await placeOrder(
      customer,
      [{ productId: product.productId, quantity: 1 }],
      slot.slotId,
    );
    await orderWhenEnded(customer, placed.body.orderId);
    const admin = await openConsole(browser, { width: 375, height: 812 });
    const { page } = admin;
    const { email, password } = adminAccount();
    await signIn(page, email, password);
    // A long name in one word, as hostile-input tests leave in the catalog: the table scrolls
    // inside its box (its screen-reader labels too), the page does not.
    const name = `Console-kettle-${Date.now()}-${'x'.repeat(150)}`;

    await page.goto('/#/admin/catalog');
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Price').fill('12.50');
    await page.getByRole('button', { name: 'Add product' }).click();
    await page.getByRole('cell', { name, exact: true }).waitFor();
    await page.getByLabel(`Units of ${name}`).fill('7');
    await page.getByLabel(`Units of ${name}`).press('Enter');
    await page.getByRole('row', { name }).getByRole('cell', { name: '7 / 0' }).waitFor();
    await page.goto('/#/');
    await page.getByText('7 available').first().waitFor();

    // Each page with what makes it wide: its table's rows, the order's graph and timeline.
    const pages: [string, string][] = [
      ['/#/admin/orders', 'tbody tr'],
      ['/#/admin/catalog', 'tbody tr'],
      ['/#/admin/metrics', 'tbody tr'],
      [`/#/admin/orders/${placed.body.orderId}`, '[data-testid="saga-timeline"] tbody tr'],
    ];
    for (const [path, content] of pages) {
      await page.goto(path);
      await page.locator(content).first().waitFor();
      if (path.includes(placed.body.orderId)) await page.getByTestId('saga-graph').waitFor();
      expect([path, await horizontalOverflow(page)]).toEqual([path, 0]);
      expect([path, await seriousAccessibilityViolations(page)]).toEqual([path, []]);
    }
    expect(admin.errors).toEqual([]);
    await admin.context.close();
  });
});
