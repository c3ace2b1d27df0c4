import * as z from 'zod';
import { loadConfig, resourceName } from '../lib/config';
import { callFunction } from '../lib/internal-calls';
import { quoteProductsCall } from '../../contracts/internal-calls';

// Only the HTTP handlers ask the catalog; the saga steps never need this wiring.
const config = loadConfig(z.object({ CATALOG_QUOTE_FUNCTION_NAME: resourceName }));

/** Whether the catalog lists the product: asked of the catalog's read API, never its table. */
export async function catalogListsProduct(productId: string): Promise<boolean> {
  const { products } = await callFunction(config.CATALOG_QUOTE_FUNCTION_NAME, quoteProductsCall, {
    productIds: [productId],
  });
  return products.some((product) => product.productId === productId);
}
