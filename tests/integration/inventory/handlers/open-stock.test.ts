import { createInventoryRepository } from '../../../../functions/inventory/inventory-repository';
import { handler as openStock } from '../../../../functions/inventory/handlers/open-stock';
import { lambdaContext } from '../../../support/lambda-context';
import { snsEventOf } from '../../../support/sns-event';
import { requiredEnv, uniqueId } from '../../../support/saga-fixtures';
import { snapshotTable } from '../../../support/table-snapshot';

const tableName = requiredEnv('INVENTORY_TABLE_NAME');
const inventory = createInventoryRepository(tableName);

const snsEvent = snsEventOf('ProductCreated');

const productCreated = (productId: string) => ({
  eventType: 'ProductCreated',
  productId,
  name: 'Mug',
  price: 1200,
  currency: 'USD',
  occurredAt: new Date().toISOString(),
});

describe('OpenStock (ProductCreated subscriber)', () => {
  it('opens each new product with 0 units in stock', async () => {
    const [first, second] = [uniqueId('product'), uniqueId('product')];

    await openStock(snsEvent(productCreated(first), productCreated(second)), lambdaContext());

    for (const productId of [first, second]) {
      expect(await inventory.getStock(productId)).toEqual({
        productId,
        onHand: 0,
        reserved: 0,
        available: 0,
      });
    }
  });

  it('leaves the stock as it is when the event is delivered again', async () => {
    const productId = uniqueId('product');
    await openStock(snsEvent(productCreated(productId)), lambdaContext());
    await inventory.setOnHand(productId, 7);
    const before = await snapshotTable(tableName, [productId]);

    await openStock(snsEvent(productCreated(productId)), lambdaContext());

    expect(await snapshotTable(tableName, [productId])).toEqual(before);
  });

  it('leaves the units an admin set before the event arrived', async () => {
    const productId = uniqueId('product');
    await inventory.setOnHand(productId, 12);

    await openStock(snsEvent(productCreated(productId)), lambdaContext());

    expect(await inventory.getStock(productId)).toMatchObject({ onHand: 12, available: 12 });
  });

  it('rejects a message that does not match the ProductCreated schema and opens nothing', async () => {
    const productId = uniqueId('product');

    await expect(
      openStock(snsEvent({ ...productCreated(productId), onHand: 5 }), lambdaContext()),
    ).rejects.toMatchObject({ name: 'InvalidEventMessage' });

    expect(await inventory.getStock(productId)).toBeUndefined();
  });
});

describe('inventory repository: openStock', () => {
  it('reports whether it opened the stock', async () => {
    const productId = uniqueId('product');

    await expect(inventory.openStock(productId)).resolves.toMatchObject({ created: true });
    await expect(inventory.openStock(productId)).resolves.toMatchObject({ created: false });
  });
});
