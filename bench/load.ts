import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import * as z from 'zod';
import type { ApiResponse, ShopApi } from '../client/shop-api';
import { orderSchema } from '../contracts/http/orders';
import { planOrder } from './order-mix';
import type { SeededShop } from './seed';
import { sleep } from './stats';

/**
 * The order load: `concurrency` workers, each placing an order (POST /orders) and polling it
 * (GET /orders/{id}) until it ends, then placing the next. A closed loop: exactly `concurrency`
 * orders are in flight, as with that many customers each waiting for their order.
 *
 * Why not autocannon here: its connections send the next request the moment a response arrives
 * (or by whole-second rate windows), and its `requests` chain can only replay a fixed sequence. It
 * cannot hold a connection until an asynchronous condition holds (the saga has ended) nor space
 * the polls, so "poll until terminal" would become a burst of back-to-back GETs that loads the
 * two cores more than the orders do. autocannon measures the HTTP layer alone instead
 * (http-phase.ts), where a fixed request at a fixed concurrency is what is asked.
 */

export const TERMINAL = ['CONFIRMED', 'CANCELLED', 'COMPENSATION_FAILED'] as const;

export interface OrderResult {
  worker: number;
  sequence: number;
  /** Index of the customer in the seeded shop. */
  userIndex: number;
  orderId?: string;
  /** Epoch ms when the POST was sent. */
  postStartedAt: number;
  postMs?: number;
  postStatus?: number;
  status?: string;
  cancellationReason?: string;
  /** POST sent -> the order's terminal status written (its updatedAt: same machine, same clock). */
  terminalMs?: number;
  /** POST sent -> the poll that saw the terminal status. */
  observedMs?: number;
  polls: number;
  /** Polls that got no answer (timeout, network) and were asked again. */
  pollFailures: number;
  /** 503 UNAVAILABLE answers to its POST, each replayed with the same Idempotency-Key. */
  unavailable: number;
  /**
   * Answers to its POST that broke the contract: a 2xx without an order (serverless-offline's
   * `{"errorMessage":"[504] - Lambda timeout."}` came as a 200), a 5xx other than the contract's
   * 503 UNAVAILABLE with Retry-After, a 503 without it.
   */
  misanswered: number;
  error?: string;
}

export interface LoadRun {
  results: OrderResult[];
  /** Epoch ms: the first POST, and the last order's end as the client saw it. */
  startedAt: number;
  endedAt: number;
}

export interface LoadOptions {
  api: ShopApi;
  shop: SeededShop;
  concurrency: number;
  itemsPerOrder: number;
  pollIntervalMs: number;
  orderTimeoutMs: number;
  idempotencyKeys: boolean;
  /** Orders to place in all; or, with durationMs, place until then. */
  count?: number;
  durationMs?: number;
  /** Each worker's next sequence number; advanced here, so phases never repeat an order. */
  sequences: number[];
  onOrderEnded?: (result: OrderResult) => void;
}

/** The request got no answer: it timed out, or the connection failed (undici: 'fetch failed'). */
const isNoAnswer = (error: Error): boolean =>
  error.name === 'TimeoutError' ||
  error.name === 'AbortError' ||
  (error instanceof TypeError && error.message === 'fetch failed');

const unavailableSchema = z.object({
  error: z.object({ code: z.literal('UNAVAILABLE'), message: z.string() }),
});

/** Retry-After in seconds when the answer is the contract's 503 UNAVAILABLE, else undefined. */
function contractUnavailable(answer: ApiResponse): number | undefined {
  if (answer.status !== 503 || !unavailableSchema.safeParse(answer.body).success) return undefined;
  const seconds = Number(answer.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** An answer no status of the contract allows here (a 4xx is the client's own business). */
const misanswered = (answer: ApiResponse): boolean =>
  (answer.status >= 200 && answer.status < 300) ||
  (answer.status >= 500 && contractUnavailable(answer) === undefined);

export async function placeOrders(options: LoadOptions): Promise<LoadRun> {
  const results: OrderResult[] = [];
  let started = 0;
  const startedAt = Date.now();
  const deadline = options.durationMs !== undefined ? startedAt + options.durationMs : Infinity;
  const mayStart = (): boolean =>
    options.count !== undefined ? started < options.count : Date.now() < deadline;

  const worker = async (index: number): Promise<void> => {
    while (mayStart()) {
      started += 1;
      const sequence = options.sequences[index] ?? 0;
      options.sequences[index] = sequence + 1;
      const result = await placeOne(options, index, sequence);
      results.push(result);
      options.onOrderEnded?.(result);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, index) => worker(index)));
  return { results, startedAt, endedAt: Date.now() };
}

async function placeOne(
  options: LoadOptions,
  worker: number,
  sequence: number,
): Promise<OrderResult> {
  const { api } = options;
  const plan = planOrder(
    options.shop,
    options.concurrency,
    options.itemsPerOrder,
    worker,
    sequence,
  );
  const postStartedAt = Date.now();
  const clock = performance.now();
  const result: OrderResult = {
    worker,
    sequence,
    userIndex: plan.userIndex,
    postStartedAt,
    polls: 0,
    pollFailures: 0,
    unavailable: 0,
    misanswered: 0,
  };
  try {
    const giveUpAt = clock + options.orderTimeoutMs;
    // One key per order: a 503 UNAVAILABLE is answered by waiting Retry-After and replaying the
    // request with it, which finds the order the first request may have created (API.md).
    const key = options.idempotencyKeys ? randomUUID() : undefined;
    let placed;
    for (;;) {
      placed = await api.request(
        'POST',
        '/orders',
        { items: plan.items, deliverySlotId: plan.deliverySlotId },
        {
          token: plan.user.token,
          headers: key !== undefined ? { 'idempotency-key': key } : {},
          timeoutMs: Math.max(1000, Math.ceil(giveUpAt - performance.now())),
        },
      );
      const retryAfter = contractUnavailable(placed);
      if (retryAfter === undefined) break;
      result.unavailable += 1;
      if (key === undefined || performance.now() + retryAfter * 1000 > giveUpAt) break;
      await sleep(retryAfter * 1000);
    }
    result.postMs = performance.now() - clock;
    result.postStatus = placed.status;
    const created = orderSchema.safeParse(placed.body);
    const answeredAnOrder = (placed.status === 201 || placed.status === 200) && created.success;
    if (!answeredAnOrder) {
      if (misanswered(placed)) result.misanswered += 1;
      result.error = `POST /orders answered ${placed.status}: ${JSON.stringify(placed.body).slice(0, 300)}`;
      return result;
    }
    const { orderId } = created.data;
    result.orderId = orderId;

    // Bounded: one poll per interval until the order ends or its time is up.
    while (performance.now() < giveUpAt) {
      await sleep(options.pollIntervalMs);
      result.polls += 1;
      const polled = await api
        .request('GET', `/orders/${encodeURIComponent(orderId)}`, undefined, {
          token: plan.user.token,
          timeoutMs: Math.max(1000, Math.ceil(giveUpAt - performance.now())),
        })
        .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      if (polled instanceof Error) {
        // No answer (a stalled stack, a dropped connection): the order is still there, and a
        // client asks again. Counted, and visible in the latencies; an error only if the order
        // then misses its deadline. Anything else is a fault of its own.
        if (!isNoAnswer(polled)) throw polled;
        result.pollFailures += 1;
        continue;
      }
      if (polled.status !== 200) {
        result.error = `GET /orders/${orderId} answered ${polled.status}: ${JSON.stringify(polled.body).slice(0, 300)}`;
        return result;
      }
      const order = orderSchema.parse(polled.body);
      if (order.status === 'PENDING') continue;
      result.observedMs = performance.now() - clock;
      result.status = order.status;
      if (order.cancellationReason) result.cancellationReason = order.cancellationReason;
      const written = Date.parse(order.updatedAt) - postStartedAt;
      // The stack runs on this machine, so its clock is ours; should it not be, the poll's view.
      result.terminalMs =
        Number.isFinite(written) && written >= 0 && written <= result.observedMs + 5
          ? written
          : result.observedMs;
      return result;
    }
    result.error = `Order ${orderId} still PENDING ${options.orderTimeoutMs} ms after its POST`;
    return result;
  } catch (error) {
    result.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return result;
  }
}
