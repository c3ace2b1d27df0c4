import { sagaStep } from '../../lib/middleware/saga-step';
import { inventoryConfig } from '../config';
import { createInventoryRepository } from '../inventory-repository';

const inventory = createInventoryRepository(inventoryConfig.INVENTORY_TABLE_NAME);

export const handler = sagaStep('ReleaseStock', ({ orderId }) =>
  inventory.releaseForOrder(orderId),
);
