import { catalogListsProduct } from './catalog-reader';
import { emptyStock, type StockLevel } from './domain/stock';
import type { InventoryRepository } from './inventory-repository';

/**
 * The stock of a product as the HTTP API shows it: the stock record, or, for a product the
 * catalog lists whose ProductCreated event has not reached inventory yet, 0 units. Undefined
 * when neither knows the product. The catalog is asked only in that gap, never on the hot path.
 */
export async function findStockLevel(
  inventory: InventoryRepository,
  productId: string,
): Promise<StockLevel | undefined> {
  const stock = await inventory.getStock(productId);
  if (stock) return stock;
  return (await catalogListsProduct(productId)) ? emptyStock(productId) : undefined;
}
