import { createInventoryRepository } from '../../../functions/inventory/inventory-repository';
import { handler as releaseStock } from '../../../functions/inventory/handlers/release-stock';
import { handler as reserveStock } from '../../../functions/inventory/handlers/reserve-stock';
import type { OrderSagaInput } from '../../../contracts/order-saga';
import { invokeStep, type SagaHandler } from '../../support/lambda-context';
import { requiredEnv, sagaInput, uniqueId } from '../../support/saga-fixtures';
import { snapshotTable } from '../../support/table-snapshot';

const tableName = requiredEnv('INVENTORY_TABLE_NAME');
const inventory = createInventoryRepository(tableName);

/** Products with the given units on hand, and an order for `quantities` of them. */
const stocked = async (onHand: number[], quantities: number[]) => {
  const productIds = onHand.map(() => uniqueId('product'));
  await Promise.all(
    productIds.map((productId, index) => inventory.setOnHand(productId, onHand[index] ?? 0)),
  );
  const input = sagaInput({
    items: productIds.map((productId, index) => ({ productId, quantity: quantities[index] ?? 1 })),
  });
  return { input, productIds };
};

const snapshot = (input: OrderSagaInput) =>
  snapshotTable(tableName, [input.orderId, ...input.items.map((item) => item.productId)]);

const stockItems = async (input: OrderSagaInput) =>
  (await snapshot(input)).filter((item) => item.sk === 'STOCK');

const expectIdempotent = async (step: SagaHandler, input: OrderSagaInput) => {
  await invokeStep(step, input);
  const afterOnce = await snapshot(input);
  await expect(invokeStep(step, input)).resolves.toBeDefined();
  expect(await snapshot(input)).toEqual(afterOnce);
};

describe('ReserveStock', () => {
  it('reserves every item: available drops by the quantity, onHand is unchanged', async () => {
    const { input, productIds } = await stocked([10, 4], [3, 4]);

    await expect(invokeStep(reserveStock, input)).resolves.toEqual({ outcome: 'RESERVED' });

    expect(await inventory.getStock(productIds[0] ?? '')).toEqual({
      productId: productIds[0],
      onHand: 10,
      reserved: 3,
      available: 7,
    });
    expect(await inventory.getStock(productIds[1] ?? '')).toEqual({
      productId: productIds[1],
      onHand: 4,
      reserved: 4,
      available: 0,
    });
    expect(await inventory.getReservation(input.orderId)).toMatchObject({
      status: 'RESERVED',
      items: input.items,
    });
  });

  it('reserves an order of 50 items, the most an order can have, all at once', async () => {
    const { input, productIds } = await stocked(
      Array.from({ length: 50 }, () => 100),
      Array.from({ length: 50 }, () => 100),
    );

    await expect(invokeStep(reserveStock, input)).resolves.toEqual({ outcome: 'RESERVED' });

    const levels = await Promise.all(productIds.map((productId) => inventory.getStock(productId)));
    expect(levels.every((level) => level?.reserved === 100 && level.available === 0)).toBe(true);
  });

  it('fails with OutOfStock and reserves nothing when one item is short', async () => {
    const { input } = await stocked([10, 2], [3, 3]);
    const before = await snapshot(input);

    await expect(invokeStep(reserveStock, input)).rejects.toMatchObject({
      name: 'OutOfStock',
      details: [{ productId: input.items[1]?.productId, requested: 3, available: 2 }],
    });

    expect(await snapshot(input)).toEqual(before);
  });

  it('fails with OutOfStock and writes nothing when a product has no stock record', async () => {
    const { input } = await stocked([10], [1]);
    const unstocked = {
      ...input,
      items: [...input.items, { productId: uniqueId('product'), quantity: 1 }],
    };
    const before = await snapshot(unstocked);

    await expect(invokeStep(reserveStock, unstocked)).rejects.toMatchObject({ name: 'OutOfStock' });

    expect(await snapshot(unstocked)).toEqual(before);
  });

  it('reserves once when invoked twice for the same order', async () => {
    const { input, productIds } = await stocked([10], [3]);

    await expectIdempotent(reserveStock, input);

    expect(await inventory.getStock(productIds[0] ?? '')).toMatchObject({
      reserved: 3,
      available: 7,
    });
  });

  it('never reserves units for an order whose stock was already released', async () => {
    const { input } = await stocked([10], [3]);
    await invokeStep(releaseStock, input);
    const before = await snapshot(input);

    await expect(invokeStep(reserveStock, input)).resolves.toEqual({ outcome: 'ALREADY_RELEASED' });

    expect(await snapshot(input)).toEqual(before);
  });

  it('lets exactly 10 of 30 parallel orders reserve the last 10 units', async () => {
    const { input, productIds } = await stocked([10], [1]);
    const inputs = Array.from({ length: 30 }, () => ({ ...input, orderId: uniqueId('order') }));

    const results = await Promise.allSettled(
      inputs.map((order) => invokeStep(reserveStock, order)),
    );

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(10);
    const rejections = results.flatMap((result) =>
      result.status === 'rejected' ? [(result.reason as Error).name] : [],
    );
    expect(rejections).toEqual(Array.from({ length: 20 }, () => 'OutOfStock'));
    expect(await inventory.getStock(productIds[0] ?? '')).toMatchObject({
      onHand: 10,
      reserved: 10,
      available: 0,
    });
  });
});

describe('ReleaseStock', () => {
  it('gives every reserved unit back, leaving the stock exactly as before the reservation', async () => {
    const { input } = await stocked([10, 5], [3, 5]);
    const before = await stockItems(input);
    await invokeStep(reserveStock, input);

    await expect(invokeStep(releaseStock, input)).resolves.toEqual({ outcome: 'RELEASED' });

    expect(await stockItems(input)).toEqual(before);
    expect(await inventory.getReservation(input.orderId)).toMatchObject({ status: 'RELEASED' });
  });

  it('succeeds without touching stock when nothing was reserved', async () => {
    const { input } = await stocked([10], [3]);
    const before = await stockItems(input);

    await expect(invokeStep(releaseStock, input)).resolves.toEqual({
      outcome: 'NOTHING_TO_RELEASE',
    });

    expect(await stockItems(input)).toEqual(before);
    expect(await inventory.getReservation(input.orderId)).toMatchObject({ status: 'VOID' });
  });

  it('releases once when invoked twice after a reservation', async () => {
    const { input, productIds } = await stocked([10], [3]);
    await invokeStep(reserveStock, input);

    await expectIdempotent(releaseStock, input);

    expect(await inventory.getStock(productIds[0] ?? '')).toMatchObject({
      reserved: 0,
      available: 10,
    });
  });

  it('leaves the same state when invoked twice with nothing reserved', async () => {
    const { input } = await stocked([10], [3]);

    await expectIdempotent(releaseStock, input);
  });

  it('settles one way when a reservation races its release', async () => {
    const { input, productIds } = await stocked([10], [3]);

    await Promise.allSettled([invokeStep(reserveStock, input), invokeStep(releaseStock, input)]);

    expect(await inventory.getStock(productIds[0] ?? '')).toMatchObject({
      reserved: 0,
      available: 10,
    });
    expect(['VOID', 'RELEASED']).toContain((await inventory.getReservation(input.orderId))?.status);
  });
});

describe('inventory repository', () => {
  it('creates a stock record on the first setOnHand', async () => {
    const productId = uniqueId('product');

    await expect(inventory.setOnHand(productId, 7)).resolves.toEqual({
      productId,
      onHand: 7,
      reserved: 0,
      available: 7,
    });
  });

  it('keeps reserved units when the units on hand change', async () => {
    const { input, productIds } = await stocked([10], [3]);
    await invokeStep(reserveStock, input);

    await expect(inventory.setOnHand(productIds[0] ?? '', 20)).resolves.toMatchObject({
      onHand: 20,
      reserved: 3,
      available: 17,
    });
  });

  it('refuses with Conflict to set onHand below the reserved units, changing nothing', async () => {
    const { input, productIds } = await stocked([10], [3]);
    await invokeStep(reserveStock, input);
    const before = await snapshot(input);

    await expect(inventory.setOnHand(productIds[0] ?? '', 2)).rejects.toMatchObject({
      name: 'Conflict',
    });

    expect(await snapshot(input)).toEqual(before);
  });

  it('refuses with ValidationFailed a negative or fractional onHand', async () => {
    const productId = uniqueId('product');

    await expect(inventory.setOnHand(productId, -1)).rejects.toMatchObject({
      name: 'ValidationFailed',
    });
    await expect(inventory.setOnHand(productId, 1.5)).rejects.toMatchObject({
      name: 'ValidationFailed',
    });

    expect(await inventory.getStock(productId)).toBeUndefined();
  });
});
