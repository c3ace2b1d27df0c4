import type { ProductCreatedEvent } from '../../../contracts/events';
import { newProductSchema } from '../../../contracts/http/catalog';
import { adminRoute } from '../../lib/middleware/http-auth';
import { json } from '../../lib/middleware/http-handler';
import { createCatalogRepository } from '../catalog-repository';
import { catalogConfig } from '../config';
import { presentProduct } from '../domain/product';

const catalog = createCatalogRepository(catalogConfig.CATALOG_TABLE_NAME);

export const handler = adminRoute({ body: newProductSchema }, async ({ body }) => {
  // Inventory opens the product's stock (0 units) on this event, written with the product. Until
  // it arrives, inventory's PUT still works for the product, because inventory asks the catalog
  // about products it has not heard of.
  const product = await catalog.createProduct(body, (created): ProductCreatedEvent => ({
    eventType: 'ProductCreated',
    productId: created.productId,
    name: created.name,
    price: created.price,
    currency: catalogConfig.SHOP_CURRENCY,
    occurredAt: created.createdAt,
  }));
  return json(201, presentProduct(product, catalogConfig.SHOP_CURRENCY), {
    location: `/products/${product.productId}`,
  });
});
