import type { QuotedProduct } from '../../../contracts/internal-calls';
import type { Product } from '../../../contracts/http/catalog';

export type { Product };

/** A product as the catalog stores it; the currency is the deployment's, not the product's. */
export interface ProductRecord {
  productId: string;
  name: string;
  description: string;
  price: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewProduct {
  name: string;
  description?: string;
  price: number;
}

export type ProductChanges = Partial<NewProduct>;

export const newProductRecord = (
  productId: string,
  input: NewProduct,
  now: string,
): ProductRecord => ({
  productId,
  name: input.name,
  // Product always has a description; not giving one means an empty one.
  description: input.description ?? '',
  price: input.price,
  createdAt: now,
  updatedAt: now,
});

/** Only the fields the change names, so that an omitted field is left as it is. */
export const changedFields = (changes: ProductChanges): ProductChanges =>
  Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));

export const presentProduct = (record: ProductRecord, currency: string): Product => ({
  productId: record.productId,
  name: record.name,
  description: record.description,
  price: record.price,
  currency,
  createdAt: record.createdAt,
});

/** The catalog's answer to another context asking for prices (contracts/internal-calls.ts). */
export const quoteOf = (record: ProductRecord, currency: string): QuotedProduct => ({
  productId: record.productId,
  name: record.name,
  price: record.price,
  currency,
});
