import { newOrder, type Order } from '../../../../functions/orders/domain/order';
import {
  isPastStuckDeadline,
  needsSweep,
  stuckCutoff,
  sweepExecutionName,
  sweepInputFor,
  type SagaExecutionStatus,
} from '../../../../functions/orders/domain/stuck-order';
import { orderSagaInputSchema } from '../../../../contracts/order-saga';

const order: Order = newOrder(
  {
    orderId: '01900000-0000-7000-8000-000000000001',
    userId: 'u-1',
    items: [{ productId: 'p-1', name: 'Mug', quantity: 2, unitPrice: 500, lineTotal: 1000 }],
    total: 1000,
    currency: 'USD',
    deliverySlotId: 's-1',
  },
  '2030-01-01T00:00:00.000Z',
);
const at = (iso: string) => new Date(iso);

describe('the stuck-order rule (API.md: no order stays PENDING for ever)', () => {
  it('looks at a PENDING order once STUCK_ORDER_AFTER_SECONDS have passed since it was placed', () => {
    expect(isPastStuckDeadline(order, at('2030-01-01T00:01:59.999Z'), 120)).toBe(false);
    expect(isPastStuckDeadline(order, at('2030-01-01T00:02:00.000Z'), 120)).toBe(true);
  });

  it('never looks at an order that has ended, however old', () => {
    for (const status of ['CONFIRMED', 'CANCELLED', 'COMPENSATION_FAILED'] as const) {
      expect(isPastStuckDeadline({ ...order, status }, at('2031-01-01T00:00:00.000Z'), 120)).toBe(
        false,
      );
    }
  });

  it('queries up to the createdAt that is exactly the deadline ago', () => {
    expect(stuckCutoff(at('2030-01-01T00:02:00.000Z'), 120)).toBe('2030-01-01T00:00:00.000Z');
  });

  it.each<[SagaExecutionStatus, boolean]>([
    ['NONE', true],
    ['ABORTED', true],
    ['TIMED_OUT', true],
    ['FAILED', true],
    ['RUNNING', false],
    ['PENDING_REDRIVE', false],
    ['SUCCEEDED', false],
  ])('with an execution %s, sweeps it: %s', (status, expected) => {
    expect(needsSweep(status)).toBe(expected);
  });

  it("starts the saga on the order's own input with a technical error, the same for every sweep", () => {
    const input = sweepInputFor(order, 'ABORTED');
    expect(orderSagaInputSchema.parse(input)).toEqual({
      orderId: order.orderId,
      userId: 'u-1',
      items: [{ productId: 'p-1', quantity: 2 }],
      total: 1000,
      currency: 'USD',
      deliverySlotId: 's-1',
      error: {
        Error: 'SagaNotRunning',
        Cause: 'The order was PENDING past its deadline and its execution is ABORTED',
      },
    });
    expect(sweepInputFor(order, 'ABORTED')).toEqual(input);
    expect(sweepInputFor(order, 'NONE').error?.Cause).toMatch(/has no execution/);
  });

  it('names the sweep execution after the order, within the 80 characters Step Functions allows', () => {
    expect(sweepExecutionName(order.orderId)).toBe(`${order.orderId}-sweep`);
    expect(sweepExecutionName(order.orderId).length).toBeLessThanOrEqual(80);
  });
});
