import type * as z from 'zod';
import { productPageSchema, productSchema, type Product } from '../contracts/http/catalog';
import type { Page } from '../contracts/http/common';
import { slotPageSchema, slotSchema, type Slot } from '../contracts/http/delivery';
import { stockLevelSchema, type StockLevel } from '../contracts/http/inventory';
import { notificationPageSchema, type NotificationView } from '../contracts/http/notifications';
import { orderSchema, sagaTraceSchema, type Order, type SagaTrace } from '../contracts/http/orders';
import { walletSchema, type WalletBalance } from '../contracts/http/payments';
import {
  registeredUserSchema,
  sessionSchema,
  type RegisteredUser,
  type Session,
} from '../contracts/http/users';

/**
 * The shop's HTTP API as a client sees it (../shared/API.md), its answers checked against the
 * contracts' schemas: the tests (tests/support/http-client.ts), the bench's seeding and order
 * load. `request` sends anything and parses nothing, for the tests of malformed requests.
 */
export interface ApiResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, the text when it is not JSON, undefined when empty. */
  body: unknown;
}

export interface RequestOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  headers?: Record<string, string>;
  /** Sent as it is instead of the JSON of `body`: malformed JSON, huge bodies, other types. */
  rawBody?: string;
  timeoutMs?: number;
}

export class ShopApi {
  constructor(readonly baseUrl: string) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    { token, headers = {}, rawBody, timeoutMs = 30_000 }: RequestOptions = {},
  ): Promise<ApiResponse> {
    const hasBody = rawBody !== undefined || body !== undefined;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
        ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(hasBody ? { body: rawBody ?? JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(Math.max(1, Math.ceil(timeoutMs))),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: parseBody(text) };
  }

  /** The request must answer `status`; its body is checked against `schema`. */
  async expect<S extends z.ZodType>(
    status: number,
    schema: S,
    method: string,
    path: string,
    body?: unknown,
    options?: RequestOptions,
  ): Promise<z.output<S>> {
    const response = await this.request(method, path, body, options);
    if (response.status !== status) {
      throw new Error(
        `${method} ${path} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`,
      );
    }
    return schema.parse(response.body);
  }

  register(user: {
    email: string;
    password: string;
    name: string;
    phone?: string;
  }): Promise<RegisteredUser> {
    return this.expect(201, registeredUserSchema, 'POST', '/auth/register', user);
  }

  login(credentials: { email: string; password: string }): Promise<Session> {
    return this.expect(200, sessionSchema, 'POST', '/auth/login', credentials);
  }

  createProduct(
    token: string,
    product: { name: string; description?: string; price: number },
  ): Promise<Product> {
    return this.expect(201, productSchema, 'POST', '/products', product, { token });
  }

  /** The catalog, newest first, a page at a time. */
  products(limit = 20, cursor?: string): Promise<Page<Product>> {
    const after = cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    return this.expect(200, productPageSchema, 'GET', `/products?limit=${limit}${after}`);
  }

  setStock(token: string, productId: string, onHand: number): Promise<StockLevel> {
    return this.expect(
      200,
      stockLevelSchema,
      'PUT',
      `/inventory/${encodeURIComponent(productId)}`,
      { onHand },
      { token },
    );
  }

  stockLevel(productId: string): Promise<StockLevel> {
    return this.expect(200, stockLevelSchema, 'GET', `/inventory/${encodeURIComponent(productId)}`);
  }

  createSlot(token: string, slot: { start: string; end: string; capacity: number }): Promise<Slot> {
    return this.expect(201, slotSchema, 'POST', '/delivery/slots', slot, { token });
  }

  slotsOn(date: string, limit = 100): Promise<Page<Slot>> {
    return this.expect(200, slotPageSchema, 'GET', `/delivery/slots?date=${date}&limit=${limit}`);
  }

  deposit(token: string, amount: number, options: RequestOptions = {}): Promise<WalletBalance> {
    return this.expect(
      201,
      walletSchema,
      'POST',
      '/wallet/deposits',
      { amount },
      { ...options, token },
    );
  }

  wallet(token: string): Promise<WalletBalance> {
    return this.expect(200, walletSchema, 'GET', '/wallet', undefined, { token });
  }

  /** Places an order; `options.headers` carry Idempotency-Key or X-Fault-Injection. */
  placeOrder(
    token: string,
    order: { items: { productId: string; quantity: number }[]; deliverySlotId: string },
    options: RequestOptions = {},
  ): Promise<Order> {
    return this.expect(201, orderSchema, 'POST', '/orders', order, { ...options, token });
  }

  order(token: string, orderId: string): Promise<Order> {
    return this.expect(
      200,
      orderSchema,
      'GET',
      `/orders/${encodeURIComponent(orderId)}`,
      undefined,
      { token },
    );
  }

  sagaTrace(token: string, orderId: string): Promise<SagaTrace> {
    return this.expect(
      200,
      sagaTraceSchema,
      'GET',
      `/orders/${encodeURIComponent(orderId)}/saga`,
      undefined,
      { token },
    );
  }

  notifications(token: string, limit = 100): Promise<Page<NotificationView>> {
    return this.expect(
      200,
      notificationPageSchema,
      'GET',
      `/notifications?limit=${limit}`,
      undefined,
      { token },
    );
  }
}

const parseBody = (text: string): unknown => {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};
