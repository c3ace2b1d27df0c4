import type { Browser } from 'playwright-core';
import {
  horizontalOverflow,
  launchBrowser,
  openConsole,
  seriousAccessibilityViolations,
  signIn,
} from '../../support/browser';
import { adminAccount, api } from '../../support/http-client';
import { longestRetryWaitMs } from '../../support/order-saga-definition';
import {
  customerWith,
  freshSlot,
  orderWhenEnded,
  outsideState,
  placeOrder,
  productInStock,
  type Order,
} from '../../support/shop-scenario';

// Signing in, a catalog change, the storefront and two accessibility scans are many requests and
// two axe runs in a row (as customer-flow's journeys): this bounds a hung test only.
jest.setTimeout(90_000);

// As tests/e2e/operations/redrive.test.ts: the saga, then the undo's retries for good.
const SAGA_WITH_FAILED_UNDO_MS =
  10_000 + longestRetryWaitMs('BookDelivery') + longestRetryWaitMs('ReleaseStock');

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
      'NewOrStuck',
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
  it(
    'redrives a COMPENSATION_FAILED order found by status: the page follows it to CANCELLED, and everything held is given back',
    async () => {
      const [customer, product, slot] = await Promise.all([
        customerWith(10_000),
        productInStock(900, 4),
        freshSlot(3),
      ]);
      const before = await outsideState(customer, [product.productId], slot);
      // API.md "Fault injection": ReleaseStock fails on every attempt until an admin redrives.
      const placed = await api.post<Order>(
        '/orders',
        { items: [{ productId: product.productId, quantity: 2 }], deliverySlotId: slot.slotId },
        {
          token: customer.token,
          headers: { 'X-Fault-Injection': 'BookDelivery=error,ReleaseStock=error-until-redrive' },
        },
      );
      expect(placed.status).toBe(201);
      const { orderId } = placed.body;
      const failed = await orderWhenEnded(customer, orderId, SAGA_WITH_FAILED_UNDO_MS);
      expect(failed.status).toBe('COMPENSATION_FAILED');
      const admin = await openConsole(browser);
      const { page } = admin;
      const { email, password } = adminAccount();

      await signIn(page, email, password);
      await page.getByRole('link', { name: 'All orders' }).click();
      await page.getByLabel('Status').selectOption('COMPENSATION_FAILED');
      await page.getByRole('link', { name: orderId.slice(-8), exact: true }).click();
      await page.getByTestId('order-status').filter({ hasText: 'COMPENSATION_FAILED' }).waitFor();
      await page.locator('[data-testid="step-ReleaseStock"][data-outcome="failed"]').waitFor();
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Redrive' }).click();

      await page.getByRole('status').filter({ hasText: 'Redrive accepted (202)' }).waitFor();
      await page.getByTestId('order-status').filter({ hasText: 'CANCELLED' }).waitFor();
      await page.locator('[data-testid="step-OrderCancelled"][data-outcome="succeeded"]').waitFor();
      // The undo that failed, then its rerun after the redrive: succeeded after retries.
      expect(await page.getByTestId('step-ReleaseStock').getAttribute('data-outcome')).toBe(
        'retried',
      );
      expect(await page.getByTestId('step-CancelOrder').getAttribute('data-outcome')).toBe(
        'succeeded',
      );
      const rows = await page
        .getByTestId('saga-timeline')
        .locator('tbody tr td:first-child')
        .allTextContents();
      expect(rows.slice(rows.indexOf('ExecutionRedriven') - 1)).toEqual([
        'ReleaseStock',
        'ExecutionRedriven',
        'ReleaseStock',
        'ReleasePayment',
        'CancelOrder',
        'OrderCancelled',
      ]);
      await page.getByTestId('saga-timeline').getByText('Execution SUCCEEDED').waitFor();
      expect(await page.getByRole('button', { name: 'Redrive' }).count()).toBe(0);
      expect(await outsideState(customer, [product.productId], slot)).toEqual(before);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      expect(admin.errors).toEqual([]);
      await admin.context.close();
    },
    SAGA_WITH_FAILED_UNDO_MS + 60_000,
  );
});
