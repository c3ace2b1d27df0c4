import * as z from 'zod';
import { publishEvent } from '../../lib/event-publisher';
import type { ProductCreatedEvent } from '../../../contracts/events';
import { adminRoute } from '../../lib/middleware/http-auth';
import { json } from '../../lib/middleware/http-handler';
import { createCatalogRepository } from '../catalog-repository';
import { catalogConfig } from '../config';
import {
  presentProduct,
  productDescriptionSchema,
  productNameSchema,
  productPriceSchema,
} from '../domain/product';

const catalog = createCatalogRepository(catalogConfig.CATALOG_TABLE_NAME);

const bodySchema = z.strictObject({
  name: productNameSchema,
  description: productDescriptionSchema.optional(),
  price: productPriceSchema,
});

export const handler = adminRoute({ body: bodySchema }, async ({ body }) => {
  const product = await catalog.createProduct(body);
  // Inventory opens the product's stock (0 units) on this event. Should publishing fail, the
  // client gets a 500 and may retry; inventory's PUT still works for the product meanwhile,
  // because inventory asks the catalog about products it has not heard of.
  await publishEvent<ProductCreatedEvent>({
    eventType: 'ProductCreated',
    productId: product.productId,
    name: product.name,
    price: product.price,
    currency: catalogConfig.SHOP_CURRENCY,
    occurredAt: product.createdAt,
  });
  return json(201, presentProduct(product, catalogConfig.SHOP_CURRENCY), {
    location: `/products/${product.productId}`,
  });
});
