import { productCreatedEventSchema } from '../../../contracts/events';
import { logger } from '../../lib/logger';
import { snsHandler } from '../../lib/middleware/sns-handler';
import { inventoryConfig } from '../config';
import { createInventoryRepository } from '../inventory-repository';

const inventory = createInventoryRepository(inventoryConfig.INVENTORY_TABLE_NAME);

export const handler = snsHandler(productCreatedEventSchema, async ({ productId }) => {
  const { created } = await inventory.openStock(productId);
  logger.info(created ? 'Stock opened' : 'Stock already open', { productId });
});
