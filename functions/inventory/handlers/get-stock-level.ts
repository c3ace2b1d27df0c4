import { stockPathSchema } from '../../../contracts/http/inventory';
import { NotFound } from '../../lib/errors';
import { json, publicRoute } from '../../lib/middleware/http-handler';
import { inventoryConfig } from '../config';
import { createInventoryRepository } from '../inventory-repository';
import { findStockLevel } from '../product-stock';

const inventory = createInventoryRepository(inventoryConfig.INVENTORY_TABLE_NAME);

export const handler = publicRoute({ params: stockPathSchema }, async ({ params }) => {
  const stock = await findStockLevel(inventory, params.productId);
  if (!stock) throw new NotFound('Product not found');
  return json(200, stock);
});
