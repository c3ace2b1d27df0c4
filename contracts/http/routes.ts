import type * as z from 'zod';
import {
  newProductSchema,
  productChangesSchema,
  productPageSchema,
  productPathSchema,
  productSchema,
} from './catalog';
import { pageQuerySchema, type ErrorCode } from './common';
import { newSlotSchema, slotPageSchema, slotQuerySchema, slotSchema } from './delivery';
import { healthSchema, notReadySchema, readinessSchema } from './health';
import { onHandSchema, stockLevelSchema, stockPathSchema } from './inventory';
import { notificationPageSchema } from './notifications';
import {
  listAllOrdersQuerySchema,
  metricsQuerySchema,
  metricsSchema,
  sagaDefinitionSchema,
} from './operations';
import {
  listOrdersQuerySchema,
  orderConflictSchema,
  orderPageSchema,
  orderPathSchema,
  orderRequestSchema,
  orderSchema,
  sagaTraceSchema,
} from './orders';
import { transactionPageSchema, walletMovementSchema, walletSchema } from './payments';
import {
  credentialsSchema,
  profileChangesSchema,
  profileSchema,
  registeredUserSchema,
  registrationSchema,
  sessionSchema,
} from './users';

// Every route of the HTTP API, in one table (API.md): who may call it, what it reads, what it
// answers. The OpenAPI document (openapi.ts) is built from it, and a test holds its paths to the
// routes of serverless.yml. A new route is one entry here, with its schemas in this folder.

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** API.md's marks: public (no token), user (any signed-in user), admin (the `admin` group). */
export type Access = 'public' | 'user' | 'admin';

export interface ResponseContract {
  description: string;
  body?: z.ZodType;
  /** Response headers the client can rely on, e.g. `Location`. */
  headers?: Record<string, string>;
}

export interface RouteContract {
  method: HttpMethod;
  /** OpenAPI's template, the same as serverless.yml's, e.g. `/orders/{orderId}`. */
  path: string;
  access: Access;
  tag: string;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Honours `Idempotency-Key` (API.md "Orders"). */
  idempotent?: boolean;
  /** Takes `X-Fault-Injection` on stages that enable it. */
  faultInjection?: boolean;
  /** Answered before any request parsing (no 413 for a big body). */
  unparsed?: boolean;
  responses: Record<number, ResponseContract>;
  /** Error codes of this route beyond those its access and request imply (see openapi.ts). */
  errors?: ErrorCode[];
  /** A status whose error body is not the plain ErrorResponse. */
  errorBodies?: Record<number, z.ZodType>;
}

const walletMovement = (
  verb: 'deposit' | 'withdrawal',
): Omit<RouteContract, 'summary' | 'path'> => ({
  method: 'post',
  access: 'user',
  tag: 'Wallet',
  body: walletMovementSchema,
  idempotent: true,
  responses: {
    201: { description: `The wallet after the ${verb}`, body: walletSchema },
    200: {
      description: 'A repeat of an Idempotency-Key: the wallet as the first answer showed it',
      body: walletSchema,
    },
  },
});

export const ROUTES: readonly RouteContract[] = [
  {
    method: 'get',
    path: '/health',
    access: 'public',
    tag: 'Health',
    summary: 'The shop answers',
    unparsed: true,
    responses: { 200: { description: 'Up', body: healthSchema } },
  },
  {
    method: 'get',
    path: '/health/ready',
    access: 'public',
    tag: 'Health',
    summary: 'Every dependency answers: each table, the saga, the identity provider, the topic',
    responses: { 200: { description: 'Ready', body: readinessSchema } },
    errors: ['NOT_READY'],
    errorBodies: { 503: notReadySchema },
  },
  {
    method: 'get',
    path: '/openapi.json',
    access: 'public',
    tag: 'Health',
    summary: 'This document',
    unparsed: true,
    responses: { 200: { description: 'The OpenAPI 3.1 document of the API' } },
  },
  {
    method: 'post',
    path: '/auth/register',
    access: 'public',
    tag: 'Users',
    summary: 'Register a customer',
    description:
      'Opens a wallet with balance 0 and records a WELCOME notification, asynchronously (within seconds).',
    body: registrationSchema,
    responses: { 201: { description: 'Registered', body: registeredUserSchema } },
    errors: ['EMAIL_TAKEN'],
  },
  {
    method: 'post',
    path: '/auth/login',
    access: 'public',
    tag: 'Users',
    summary: 'Sign in: the access token for `Authorization: Bearer`',
    body: credentialsSchema,
    responses: { 200: { description: 'Signed in', body: sessionSchema } },
    errors: ['UNAUTHENTICATED'],
  },
  {
    method: 'get',
    path: '/users/me',
    access: 'user',
    tag: 'Users',
    summary: "The caller's profile",
    responses: { 200: { description: 'The profile', body: profileSchema } },
    errors: ['NOT_FOUND'],
  },
  {
    method: 'patch',
    path: '/users/me',
    access: 'user',
    tag: 'Users',
    summary: "Change the caller's name or phone",
    body: profileChangesSchema,
    responses: { 200: { description: 'The profile', body: profileSchema } },
    errors: ['NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/products',
    access: 'public',
    tag: 'Catalog',
    summary: 'The products',
    query: pageQuerySchema,
    responses: { 200: { description: 'A page of products', body: productPageSchema } },
  },
  {
    method: 'get',
    path: '/products/{productId}',
    access: 'public',
    tag: 'Catalog',
    summary: 'One product',
    params: productPathSchema,
    responses: { 200: { description: 'The product', body: productSchema } },
    errors: ['NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/products',
    access: 'admin',
    tag: 'Catalog',
    summary: 'Add a product (0 units in stock)',
    body: newProductSchema,
    responses: {
      201: {
        description: 'Added',
        body: productSchema,
        headers: { Location: '/products/{productId}' },
      },
    },
  },
  {
    method: 'patch',
    path: '/products/{productId}',
    access: 'admin',
    tag: 'Catalog',
    summary: "Change a product's name, description or price",
    params: productPathSchema,
    body: productChangesSchema,
    responses: { 200: { description: 'The product', body: productSchema } },
    errors: ['NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/inventory/{productId}',
    access: 'public',
    tag: 'Inventory',
    summary: "A product's stock level",
    params: stockPathSchema,
    responses: { 200: { description: 'The stock level', body: stockLevelSchema } },
    errors: ['NOT_FOUND'],
  },
  {
    method: 'put',
    path: '/inventory/{productId}',
    access: 'admin',
    tag: 'Inventory',
    summary: 'Set the units on hand',
    params: stockPathSchema,
    body: onHandSchema,
    responses: { 200: { description: 'The stock level', body: stockLevelSchema } },
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
  {
    method: 'get',
    path: '/wallet',
    access: 'user',
    tag: 'Wallet',
    summary: "The caller's wallet",
    responses: { 200: { description: 'The wallet', body: walletSchema } },
  },
  { ...walletMovement('deposit'), path: '/wallet/deposits', summary: 'Deposit money' },
  {
    ...walletMovement('withdrawal'),
    path: '/wallet/withdrawals',
    summary: 'Withdraw money',
    description:
      'Takes `amount` out of what is available; money held for a running order is not. Concurrent withdrawals and orders never take the balance below zero or below what is held.',
    errors: ['INSUFFICIENT_FUNDS'],
  },
  {
    method: 'get',
    path: '/wallet/transactions',
    access: 'user',
    tag: 'Wallet',
    summary: "The wallet's ledger, newest first",
    query: pageQuerySchema,
    responses: { 200: { description: 'A page of transactions', body: transactionPageSchema } },
  },
  {
    method: 'get',
    path: '/delivery/slots',
    access: 'public',
    tag: 'Delivery',
    summary: "A day's delivery slots, earliest first",
    query: slotQuerySchema,
    responses: { 200: { description: 'A page of slots', body: slotPageSchema } },
  },
  {
    method: 'post',
    path: '/delivery/slots',
    access: 'admin',
    tag: 'Delivery',
    summary: 'Add a delivery slot (capacity 0 is never booked)',
    body: newSlotSchema,
    responses: { 201: { description: 'Added', body: slotSchema } },
  },
  {
    method: 'post',
    path: '/orders',
    access: 'user',
    tag: 'Orders',
    summary: 'Place an order: its saga starts',
    description:
      "Prices are the catalog's at order time. A repeat of the same Idempotency-Key and body answers 200 with the same order, another body 422; without a key, the same items for the same slot within the duplicate window are 409 DUPLICATE_ORDER with the existing order.",
    body: orderRequestSchema,
    idempotent: true,
    faultInjection: true,
    responses: {
      201: {
        description: 'Placed, PENDING',
        body: orderSchema,
        headers: { Location: '/orders/{orderId}' },
      },
      200: { description: 'A repeat of an Idempotency-Key: the same order', body: orderSchema },
    },
    errors: ['UNKNOWN_PRODUCT', 'UNKNOWN_SLOT', 'DUPLICATE_ORDER'],
    errorBodies: { 409: orderConflictSchema },
  },
  {
    method: 'get',
    path: '/orders',
    access: 'user',
    tag: 'Orders',
    summary: "The caller's orders, newest first",
    query: listOrdersQuerySchema,
    responses: { 200: { description: 'A page of orders', body: orderPageSchema } },
  },
  {
    method: 'get',
    path: '/orders/{orderId}',
    access: 'user',
    tag: 'Orders',
    summary: 'One order (its owner, or an admin)',
    params: orderPathSchema,
    responses: { 200: { description: 'The order', body: orderSchema } },
    errors: ['NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/orders/{orderId}/saga',
    access: 'user',
    tag: 'Orders',
    summary: "The path the order's saga took, from Step Functions' history",
    params: orderPathSchema,
    responses: { 200: { description: 'The saga trace', body: sagaTraceSchema } },
    errors: ['NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/orders/{orderId}/saga/definition',
    access: 'user',
    tag: 'Orders',
    summary: "The ASL of the state machine that ran the order's saga (its owner, or an admin)",
    params: orderPathSchema,
    responses: { 200: { description: 'The state machine', body: sagaDefinitionSchema } },
    errors: ['NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/notifications',
    access: 'user',
    tag: 'Notifications',
    summary: "The caller's notifications, newest first",
    query: pageQuerySchema,
    responses: { 200: { description: 'A page of notifications', body: notificationPageSchema } },
  },
  {
    method: 'get',
    path: '/saga/definition',
    access: 'admin',
    tag: 'Operations',
    summary: "The deployed order saga's ASL, for a console to draw",
    responses: { 200: { description: 'The state machine', body: sagaDefinitionSchema } },
  },
  {
    method: 'get',
    path: '/admin/orders',
    access: 'admin',
    tag: 'Operations',
    summary: "Every user's orders, newest first, optionally of one status",
    query: listAllOrdersQuerySchema,
    responses: { 200: { description: 'A page of orders', body: orderPageSchema } },
  },
  {
    method: 'post',
    path: '/admin/orders/{orderId}/redrive',
    access: 'admin',
    tag: 'Operations',
    summary: "A COMPENSATION_FAILED order's saga redriven from the undo step that failed",
    description:
      'Step Functions RedriveExecution: the undo steps run again and the order ends CANCELLED once they succeed.',
    params: orderPathSchema,
    responses: { 202: { description: 'Under way: the order as it is now', body: orderSchema } },
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
  {
    method: 'get',
    path: '/admin/metrics',
    access: 'admin',
    tag: 'Operations',
    summary: "The shop's metrics, read from CloudWatch",
    query: metricsQuerySchema,
    responses: { 200: { description: 'Metric series', body: metricsSchema } },
  },
];
