import * as z from 'zod';
import { id } from '../../../contracts/fields';
import { NotFound } from '../../lib/errors';
import { adminRoute } from '../../lib/middleware/http-auth';
import { json } from '../../lib/middleware/http-handler';
import { inventoryConfig } from '../config';
import { MAX_ON_HAND } from '../domain/stock';
import { createInventoryRepository } from '../inventory-repository';
import { findStockLevel } from '../product-stock';

const inventory = createInventoryRepository(inventoryConfig.INVENTORY_TABLE_NAME);

const paramsSchema = z.strictObject({ productId: id });
const bodySchema = z.strictObject({ onHand: z.int().min(0).max(MAX_ON_HAND) });

// A product inventory has not heard of yet is stocked if the catalog lists it (its ProductCreated
// event may still be on its way, or have been lost to the dead-letter queue), and is a 404 if
// not: no stock for a product that does not exist.
export const handler = adminRoute(
  { params: paramsSchema, body: bodySchema },
  async ({ params: { productId }, body: { onHand } }) => {
    if (!(await findStockLevel(inventory, productId))) throw new NotFound('Product not found');
    return json(200, await inventory.setOnHand(productId, onHand));
  },
);
