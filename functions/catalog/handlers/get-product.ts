import { productPathSchema } from '../../../contracts/http/catalog';
import { NotFound } from '../../lib/errors';
import { json, publicRoute } from '../../lib/middleware/http-handler';
import { createCatalogRepository } from '../catalog-repository';
import { catalogConfig } from '../config';
import { presentProduct } from '../domain/product';

const catalog = createCatalogRepository(catalogConfig.CATALOG_TABLE_NAME);

export const handler = publicRoute({ params: productPathSchema }, async ({ params }) => {
  const product = await catalog.getProduct(params.productId);
  if (!product) throw new NotFound('Product not found');
  return json(200, presentProduct(product, catalogConfig.SHOP_CURRENCY));
});
