import { json, publicRoute } from '../../lib/middleware/http-handler';
import { pageQuerySchema } from '../../lib/dynamo/pagination';
import { createCatalogRepository } from '../catalog-repository';
import { catalogConfig } from '../config';
import { presentProduct } from '../domain/product';

const catalog = createCatalogRepository(catalogConfig.CATALOG_TABLE_NAME);

export const handler = publicRoute({ query: pageQuerySchema }, async ({ query }) => {
  const { items, nextCursor } = await catalog.listProducts(query);
  return json(200, {
    items: items.map((product) => presentProduct(product, catalogConfig.SHOP_CURRENCY)),
    ...(nextCursor ? { nextCursor } : {}),
  });
});
