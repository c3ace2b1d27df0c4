import * as z from 'zod';
import { id } from '../../../contracts/fields';
import type { QuotedProduct } from '../../../contracts/internal-calls';
import type { Product } from '../../../contracts/http/catalog';

export type { Product };

// Field rules of a product, shared by the request schemas of the catalog's routes so that
// creating and changing a product cannot disagree on them.
export const MAX_NAME_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 2000;
/** In minor units: one million in the major unit is more than a shop of this kind sells. */
export const MAX_PRICE = 100_000_000;

export const productIdSchema = id;
export const productNameSchema = z.string().trim().min(1).max(MAX_NAME_LENGTH);
export const productDescriptionSchema = z.string().trim().max(MAX_DESCRIPTION_LENGTH);
export const productPriceSchema = z.int().min(1).max(MAX_PRICE);

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
