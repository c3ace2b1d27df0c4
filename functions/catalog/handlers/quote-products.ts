import { internalFunction } from '../../lib/middleware/internal-handler';
import { quoteProductsCall } from '../../../contracts/internal-calls';
import { createCatalogRepository } from '../catalog-repository';
import { catalogConfig } from '../config';
import { quoteOf } from '../domain/product';

const catalog = createCatalogRepository(catalogConfig.CATALOG_TABLE_NAME);

/** The catalog's read API for other contexts: current names and prices (orders at order time). */
export const handler = internalFunction(quoteProductsCall, async ({ productIds }) => ({
  products: (await catalog.getProducts(productIds)).map((product) =>
    quoteOf(product, catalogConfig.SHOP_CURRENCY),
  ),
}));
