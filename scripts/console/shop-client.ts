import { randomUUID } from 'node:crypto';
import { ShopApi } from '../../client/shop-api';

const pause = (ms: number) => new Promise((resolveDelay) => setTimeout(resolveDelay, ms));

/**
 * The figures script's few scenarios (a customer with money, one order, its end), made of the
 * shop's one HTTP client's calls (client/shop-api.ts).
 */
export class ConsoleShop {
  readonly api: ShopApi;
  constructor(baseUrl: string) {
    this.api = new ShopApi(baseUrl);
  }

  async login(email: string, password: string): Promise<string> {
    return (await this.api.login({ email, password })).accessToken;
  }

  /** A new customer whose wallet (opened asynchronously after registration) holds `amount`. */
  async customerWith(amount: number): Promise<{ token: string }> {
    const email = `figures-${randomUUID()}@example.com`;
    const password = `Passw0rd-${randomUUID()}`;
    await this.api.register({ email, password, name: 'Figures Customer' });
    const token = await this.login(email, password);
    for (let tries = 0; ; tries++) {
      const response = await this.api.request('GET', '/wallet', undefined, { token });
      if (response.status === 200) break;
      if (tries > 50) throw new Error(`No wallet: ${response.status}`);
      await pause(200);
    }
    await this.api.deposit(token, amount);
    return { token };
  }

  /** One unit of the newest product in stock, on the first slot of tomorrow with room. */
  async orderOne(token: string, fault?: string): Promise<string> {
    const { items: products } = await this.api.products(20);
    let productId: string | undefined;
    for (const product of products) {
      if ((await this.api.stockLevel(product.productId)).available > 0) {
        productId = product.productId;
        break;
      }
    }
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const slot = (await this.api.slotsOn(tomorrow)).items.find(
      (candidate) => candidate.available > 0,
    );
    if (!productId || !slot) throw new Error('No product in stock or no slot with room tomorrow');
    const order = await this.api.placeOrder(
      token,
      { items: [{ productId, quantity: 1 }], deliverySlotId: slot.slotId },
      {
        headers: {
          'Idempotency-Key': randomUUID(),
          ...(fault ? { 'X-Fault-Injection': fault } : {}),
        },
      },
    );
    return order.orderId;
  }

  trace(token: string, orderId: string) {
    return this.api.sagaTrace(token, orderId);
  }

  async whenEnded(token: string, orderId: string, attempts = 150): Promise<void> {
    for (let tries = 0; tries < attempts; tries++) {
      if ((await this.api.order(token, orderId)).status !== 'PENDING') return;
      await pause(200);
    }
    throw new Error(`Order ${orderId} still PENDING`);
  }
}
