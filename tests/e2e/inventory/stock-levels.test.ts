import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../../../functions/lib/aws/dynamodb';
import { createInventoryRepository } from '../../../functions/inventory/inventory-repository';
import { badBodies, contractError, eventually } from '../../support/contract-checks';
import { adminToken, api, registerAndLogin } from '../../support/http-client';
import { requiredEnv, uniqueId } from '../../support/saga-fixtures';

// Over HTTP against the shared embedded stack: a function's first call starts its worker, and
// the machine may be busy with other suites.
jest.setTimeout(30_000);

// Reservations come from the order saga; the tests make them with the inventory's own repository.
const inventory = createInventoryRepository(requiredEnv('INVENTORY_TABLE_NAME'));
// A product item written straight into the catalog's table, without the outbox item the catalog
// writes with it (functions/catalog/catalog-repository.ts), publishes no ProductCreated: it stands
// for one whose event has not reached inventory yet (or went to the dead-letter queue).
const catalogTable = requiredEnv('CATALOG_TABLE_NAME');
async function unannouncedProduct(name: string, price: number): Promise<{ productId: string }> {
  const productId = randomUUID();
  const now = new Date().toISOString();
  await dynamoDb.send(
    new PutCommand({
      TableName: catalogTable,
      Item: {
        pk: `PRODUCT#${productId}`,
        sk: 'PRODUCT',
        productId,
        name,
        description: '',
        price,
        createdAt: now,
        updatedAt: now,
        gsi1pk: 'PRODUCTS',
        gsi1sk: `${now}#${productId}`,
      },
    }),
  );
  return { productId };
}

let admin: string;
let customer: string;

beforeAll(async () => {
  [admin, customer] = await Promise.all([
    adminToken(),
    registerAndLogin().then((user) => user.token),
  ]);
});

async function newProductId(): Promise<string> {
  const response = await api.post<{ productId: string }>(
    '/products',
    { name: `Filter ${randomUUID()}`, price: 650 },
    { token: admin },
  );
  expect(response.status).toBe(201);
  return response.body.productId;
}

const stockOf = (productId: string, onHand: number, reserved = 0) => ({
  productId,
  onHand,
  reserved,
  available: onHand - reserved,
});

describe('GET /inventory/{productId} (public)', () => {
  it('shows a new product with 0 units in stock', async () => {
    const productId = await newProductId();

    const response = await api.get(`/inventory/${productId}`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual(stockOf(productId, 0));
  });

  it('opens the stock record of a new product when ProductCreated reaches inventory', async () => {
    const productId = await newProductId();

    expect(
      await eventually(
        () => inventory.getStock(productId),
        (stock) => stock !== undefined,
      ),
    ).toEqual(stockOf(productId, 0));
  });

  it('shows 0 units for a product the catalog lists before ProductCreated reaches inventory', async () => {
    const { productId } = await unannouncedProduct('Unannounced', 100);

    const response = await api.get(`/inventory/${productId}`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual(stockOf(productId, 0));
    expect(await inventory.getStock(productId)).toBeUndefined();
  });

  it('answers 404 NOT_FOUND for a product that does not exist', async () => {
    const response = await api.get(`/inventory/${randomUUID()}`);

    expect(response.status).toBe(404);
    expect(response.body).toEqual(contractError('NOT_FOUND'));
  });
});

describe('PUT /inventory/{productId} (admin)', () => {
  it('sets the units on hand and answers 200 with the stock level', async () => {
    const productId = await newProductId();

    const response = await api.put(`/inventory/${productId}`, { onHand: 12 }, { token: admin });

    expect(response.status).toBe(200);
    expect(response.body).toEqual(stockOf(productId, 12));
    expect((await api.get(`/inventory/${productId}`)).body).toEqual(stockOf(productId, 12));
  });

  it('keeps the units reserved for orders and derives available from them', async () => {
    const productId = await newProductId();
    await api.put(`/inventory/${productId}`, { onHand: 10 }, { token: admin });
    await inventory.reserveForOrder(uniqueId('order'), [{ productId, quantity: 3 }]);

    const response = await api.put(`/inventory/${productId}`, { onHand: 5 }, { token: admin });

    expect(response.status).toBe(200);
    expect(response.body).toEqual(stockOf(productId, 5, 3));
  });

  it('takes onHand equal to the units reserved, leaving none available', async () => {
    const productId = await newProductId();
    await api.put(`/inventory/${productId}`, { onHand: 10 }, { token: admin });
    await inventory.reserveForOrder(uniqueId('order'), [{ productId, quantity: 3 }]);

    const response = await api.put(`/inventory/${productId}`, { onHand: 3 }, { token: admin });

    expect(response.status).toBe(200);
    expect(response.body).toEqual(stockOf(productId, 3, 3));
  });

  it('answers 409 CONFLICT for onHand below the units reserved, changing nothing', async () => {
    const productId = await newProductId();
    await api.put(`/inventory/${productId}`, { onHand: 10 }, { token: admin });
    await inventory.reserveForOrder(uniqueId('order'), [{ productId, quantity: 3 }]);

    const response = await api.put(`/inventory/${productId}`, { onHand: 2 }, { token: admin });

    expect(response.status).toBe(409);
    expect(response.body).toEqual(
      contractError('CONFLICT', { details: { onHand: 2, reserved: 3 } }),
    );
    expect((await api.get(`/inventory/${productId}`)).body).toEqual(stockOf(productId, 10, 3));
  });

  it('stocks a product the catalog lists before ProductCreated reaches inventory', async () => {
    const { productId } = await unannouncedProduct('Unannounced', 100);

    const response = await api.put(`/inventory/${productId}`, { onHand: 6 }, { token: admin });

    expect(response.status).toBe(200);
    expect(response.body).toEqual(stockOf(productId, 6));
    expect(await inventory.getStock(productId)).toEqual(stockOf(productId, 6));
  });

  it('answers 404 NOT_FOUND for a product the catalog does not list, stocking nothing', async () => {
    const productId = randomUUID();

    const response = await api.put(`/inventory/${productId}`, { onHand: 5 }, { token: admin });

    expect(response.status).toBe(404);
    expect(response.body).toEqual(contractError('NOT_FOUND'));
    expect(await inventory.getStock(productId)).toBeUndefined();
  });

  it('answers 401 without a token and 403 to a customer, changing nothing', async () => {
    const productId = await newProductId();

    const anonymous = await api.put(`/inventory/${productId}`, { onHand: 99 });
    const byCustomer = await api.put(
      `/inventory/${productId}`,
      { onHand: 99 },
      { token: customer },
    );

    expect([anonymous.status, byCustomer.status]).toEqual([401, 403]);
    expect(anonymous.body).toEqual(contractError('UNAUTHENTICATED'));
    expect(byCustomer.body).toEqual(contractError('FORBIDDEN'));
    expect((await api.get(`/inventory/${productId}`)).body).toEqual(stockOf(productId, 0));
  });

  describe('with a body the contract refuses', () => {
    let productId: string;
    beforeAll(async () => {
      productId = await newProductId();
      await api.put(`/inventory/${productId}`, { onHand: 4 }, { token: admin });
    });

    it.each(
      badBodies(
        { onHand: 7 },
        {
          required: ['onHand'],
          wrongValues: [
            ['onHand', -1],
            ['onHand', 2.5],
            ['onHand', '7'],
            ['onHand', null],
            ['onHand', 1_000_000_001],
          ],
          unknown: [
            ['reserved', 0],
            ['available', 7],
            ['productId', 'another'],
          ],
        },
      ),
    )('answers %s with 400 and changes nothing', async (_, rawBody, expected) => {
      const response = await api.put(`/inventory/${productId}`, undefined, {
        token: admin,
        rawBody,
      });

      expect(response.status).toBe(400);
      expect(response.body).toEqual(expected);
      expect((await api.get(`/inventory/${productId}`)).body).toEqual(stockOf(productId, 4));
    });
  });
});
