// Key design of the catalog table:
//   product  pk=PRODUCT#<productId>  sk=PRODUCT
//            productId, name, description, price, createdAt, updatedAt
//            gsi1pk=PRODUCTS, gsi1sk=<createdAt>#<productId> (index byCreation)
// A product is read by its key; the list is one query of the byCreation index, newest first.
// Every product shares that index's one partition: a catalog is written rarely and read as a
// list page by page, which one partition serves, and it is the only way to have DynamoDB order
// the whole catalog by time. The index is eventually consistent: a product just created may take
// a moment to show in the list (never in GET /products/{productId}, read from the table).
//   outbox   pk=OUTBOX#<eventId>  sk=OUTBOX: ProductCreated, written with the product
//            (functions/lib/outbox.ts)
import { randomUUID } from 'node:crypto';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../lib/aws/dynamodb';
import * as z from 'zod';
import { isConditionalCheckFailed } from '../lib/dynamo/conditional-writes';
import { NotFound } from '../lib/errors';
import { queryPage } from '../lib/dynamo/paged-query';
import type { Page, PageQuery } from '../lib/dynamo/pagination';
import { storedItem } from '../lib/dynamo/stored-item';
import { tableAccess, type Item } from '../lib/dynamo/table';
import { outboxPut } from '../lib/outbox';
import type { ProductCreatedEvent } from '../../contracts/events';
import {
  changedFields,
  newProductRecord,
  type NewProduct,
  type ProductChanges,
  type ProductRecord,
} from './domain/product';

export const BY_CREATION_INDEX = 'byCreation';
const ALL_PRODUCTS = 'PRODUCTS';
const PRODUCT_PREFIX = 'PRODUCT#';

const productKey = (productId: string) => ({ pk: `${PRODUCT_PREFIX}${productId}`, sk: 'PRODUCT' });

const toProduct: (item: Item) => ProductRecord = storedItem(
  z.object({
    productId: z.string(),
    name: z.string(),
    description: z.string(),
    price: z.int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

export const createCatalogRepository = (
  tableName: string,
  client: DynamoDBDocumentClient = dynamoDb,
) => {
  const table = tableAccess(tableName, client);

  const getProduct = (productId: string): Promise<ProductRecord | undefined> =>
    table.get(productKey(productId), toProduct);

  return {
    getProduct,

    /** Writes the product and the event `announce` makes of it, in one transaction. */
    async createProduct(
      input: NewProduct,
      announce: (product: ProductRecord) => ProductCreatedEvent,
    ): Promise<ProductRecord> {
      const product = newProductRecord(randomUUID(), input, new Date().toISOString());
      await table.transact([
        table.putNewItem({
          ...productKey(product.productId),
          ...product,
          gsi1pk: ALL_PRODUCTS,
          gsi1sk: `${product.createdAt}#${product.productId}`,
        }),
        outboxPut(tableName, announce(product)),
      ]);
      return product;
    },

    /** Changes the named fields only. Throws NotFound. */
    async updateProduct(productId: string, changes: ProductChanges): Promise<ProductRecord> {
      const fields = Object.entries({
        ...changedFields(changes),
        updatedAt: new Date().toISOString(),
      });
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: productKey(productId),
            UpdateExpression: `SET ${fields.map((_, index) => `#f${index} = :v${index}`).join(', ')}`,
            // Never creates: a PATCH of an unknown product is a 404, not a half product.
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: Object.fromEntries(
              fields.map(([name], index) => [`#f${index}`, name]),
            ),
            ExpressionAttributeValues: Object.fromEntries(
              fields.map(([, value], index) => [`:v${index}`, value]),
            ),
            ReturnValues: 'ALL_NEW',
          }),
        );
        return toProduct(Attributes ?? {});
      } catch (error) {
        if (isConditionalCheckFailed(error)) throw new NotFound('Product not found');
        throw error;
      }
    },

    /** Newest first. */
    listProducts(page: PageQuery): Promise<Page<ProductRecord>> {
      return queryPage(
        client,
        {
          input: {
            TableName: tableName,
            IndexName: BY_CREATION_INDEX,
            KeyConditionExpression: 'gsi1pk = :all',
            ExpressionAttributeValues: { ':all': ALL_PRODUCTS },
            ScanIndexForward: false,
          },
          keyAttributes: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
          isPositionIn: (key) =>
            key.gsi1pk === ALL_PRODUCTS &&
            key.sk === 'PRODUCT' &&
            key.pk?.startsWith(PRODUCT_PREFIX) === true,
        },
        page,
        toProduct,
      );
    },

    /** The products of those ids that exist, each once, as of one instant. */
    async getProducts(productIds: readonly string[]): Promise<ProductRecord[]> {
      // One transaction may not name an item twice.
      const distinct = [...new Set(productIds)];
      const items = await table.getAll(distinct.map(productKey));
      return items.flatMap((item) => (item ? [toProduct(item)] : []));
    },
  };
};

export type CatalogRepository = ReturnType<typeof createCatalogRepository>;
