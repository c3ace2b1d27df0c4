import * as z from 'zod';
import { id } from '../../../contracts/fields';
import { NotFound } from '../../lib/errors';
import { json, publicRoute } from '../../lib/middleware/http-handler';
import { inventoryConfig } from '../config';
import { createInventoryRepository } from '../inventory-repository';
import { findStockLevel } from '../product-stock';

const inventory = createInventoryRepository(inventoryConfig.INVENTORY_TABLE_NAME);

const paramsSchema = z.strictObject({ productId: id });

export const handler = publicRoute({ params: paramsSchema }, async ({ params }) => {
  const stock = await findStockLevel(inventory, params.productId);
  if (!stock) throw new NotFound('Product not found');
  return json(200, stock);
});
