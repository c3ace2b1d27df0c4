import * as z from 'zod';
import { NotFound } from '../../lib/errors';
import { json, publicRoute } from '../../lib/middleware/http-handler';
import { createCatalogRepository } from '../catalog-repository';
import { catalogConfig } from '../config';
import { presentProduct, productIdSchema } from '../domain/product';

const catalog = createCatalogRepository(catalogConfig.CATALOG_TABLE_NAME);

const paramsSchema = z.strictObject({ productId: productIdSchema });

export const handler = publicRoute({ params: paramsSchema }, async ({ params }) => {
  const product = await catalog.getProduct(params.productId);
  if (!product) throw new NotFound('Product not found');
  return json(200, presentProduct(product, catalogConfig.SHOP_CURRENCY));
});
