import { productChangesSchema, productPathSchema } from '../../../contracts/http/catalog';
import { adminRoute } from '../../lib/middleware/http-auth';
import { json } from '../../lib/middleware/http-handler';
import { createCatalogRepository } from '../catalog-repository';
import { catalogConfig } from '../config';
import { presentProduct } from '../domain/product';

const catalog = createCatalogRepository(catalogConfig.CATALOG_TABLE_NAME);

export const handler = adminRoute(
  { params: productPathSchema, body: productChangesSchema },
  async ({ params, body }) => {
    const product = await catalog.updateProduct(params.productId, body);
    return json(200, presentProduct(product, catalogConfig.SHOP_CURRENCY));
  },
);
