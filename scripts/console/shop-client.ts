import { randomUUID } from 'node:crypto';
import { ShopApi } from '../../client/shop-api';

/** The few API calls the console's figures script makes, through the shop's one HTTP client (client/shop-api.ts). */
export class ConsoleShop {
  private readonly api: ShopApi;
  constructor(baseUrl: string) {
    this.api = new ShopApi(baseUrl);
  }

  private async ok<T>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<T> {
    const response = await this.api.request(method, path, body, {
      ...(token ? { token } : {}),
      ...(headers ? { headers } : {}),
    });
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as T;
  }

  async login(email: string, password: string): Promise<string> {
    return (await this.ok<{ accessToken: string }>('POST', '/auth/login', { email, password }))
      .accessToken;
  }

  async customerWith(amount: number): Promise<{ token: string }> {
    const email = `figures-${randomUUID()}@example.com`;
    const password = `Passw0rd-${randomUUID()}`;
    await this.ok('POST', '/auth/register', { email, password, name: 'Figures Customer' });
    const token = await this.login(email, password);
    for (let tries = 0; ; tries++) {
      const response = await this.api.request('POST', '/wallet/deposits', { amount }, { token });
      if (response.status === 201) return { token };
      if (tries > 50) throw new Error(`No wallet: ${response.status}`);
      await new Promise((resolveDelay) => setTimeout(resolveDelay, 200));
    }
  }

  /** One unit of the newest product in stock, on the first slot of tomorrow with room. */
  async orderOne(token: string, fault?: string): Promise<string> {
    const { items: products } = await this.ok<{ items: { productId: string }[] }>(
      'GET',
      '/products?limit=20',
    );
    let productId: string | undefined;
    for (const product of products) {
      const stock = await this.ok<{ available: number }>('GET', `/inventory/${product.productId}`);
      if (stock.available > 0) {
        productId = product.productId;
        break;
      }
    }
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const { items: slots } = await this.ok<{ items: { slotId: string; available: number }[] }>(
      'GET',
      `/delivery/slots?date=${tomorrow}`,
    );
    const slot = slots.find((candidate) => candidate.available > 0);
    if (!productId || !slot) throw new Error('No product in stock or no slot with room tomorrow');
    const order = await this.ok<{ orderId: string }>(
      'POST',
      '/orders',
      { items: [{ productId, quantity: 1 }], deliverySlotId: slot.slotId },
      token,
      { 'Idempotency-Key': randomUUID(), ...(fault ? { 'X-Fault-Injection': fault } : {}) },
    );
    return order.orderId;
  }

  trace(token: string, orderId: string) {
    return this.ok<{ steps: { state: string; endedAt?: string }[] }>(
      'GET',
      `/orders/${orderId}/saga`,
      undefined,
      token,
    );
  }

  async whenEnded(token: string, orderId: string): Promise<void> {
    for (let tries = 0; tries < 100; tries++) {
      const order = await this.ok<{ status: string }>(
        'GET',
        `/orders/${orderId}`,
        undefined,
        token,
      );
      if (order.status !== 'PENDING') return;
      await new Promise((resolveDelay) => setTimeout(resolveDelay, 200));
    }
    throw new Error(`Order ${orderId} still PENDING`);
  }
}
