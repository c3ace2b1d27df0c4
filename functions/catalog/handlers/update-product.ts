import * as z from 'zod';
import { adminRoute } from '../../lib/middleware/http-auth';
import { json } from '../../lib/middleware/http-handler';
import { createCatalogRepository } from '../catalog-repository';
import { catalogConfig } from '../config';
import {
  presentProduct,
  productDescriptionSchema,
  productIdSchema,
  productNameSchema,
  productPriceSchema,
} from '../domain/product';

const catalog = createCatalogRepository(catalogConfig.CATALOG_TABLE_NAME);

const paramsSchema = z.strictObject({ productId: productIdSchema });

const bodySchema = z.strictObject({
  name: productNameSchema.optional(),
  description: productDescriptionSchema.optional(),
  price: productPriceSchema.optional(),
});

export const handler = adminRoute(
  { params: paramsSchema, body: bodySchema },
  async ({ params, body }) => {
    const product = await catalog.updateProduct(params.productId, body);
    return json(200, presentProduct(product, catalogConfig.SHOP_CURRENCY));
  },
);
