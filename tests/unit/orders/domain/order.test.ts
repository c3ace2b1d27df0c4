import {
  cancellationReasonFor,
  newOrder,
  planCancel,
  planConfirm,
  planMarkCompensationFailed,
  type NewOrder,
  type OrderStatus,
} from '../../../../functions/orders/domain/order';
import { thrownBy } from '../../../support/thrown';

describe('cancellationReasonFor', () => {
  it.each([
    ['PaymentDeclined', 'PAYMENT_DECLINED'],
    ['OutOfStock', 'OUT_OF_STOCK'],
    ['SlotUnavailable', 'NO_DELIVERY_SLOT'],
    ['TransientError', 'TECHNICAL_FAILURE'],
    ['States.Timeout', 'TECHNICAL_FAILURE'],
    ['Lambda.ServiceException', 'TECHNICAL_FAILURE'],
    ['toString', 'TECHNICAL_FAILURE'],
    [undefined, 'TECHNICAL_FAILURE'],
  ])('maps a caught %s to %s', (errorName, reason) => {
    expect(cancellationReasonFor(errorName)).toBe(reason);
  });
});

describe('order transitions', () => {
  it('confirms a PENDING order and does nothing to a CONFIRMED one', () => {
    expect(planConfirm({ status: 'PENDING' })).toEqual({
      action: 'SET_STATUS',
      from: 'PENDING',
      to: 'CONFIRMED',
    });
    expect(planConfirm({ status: 'CONFIRMED' })).toEqual({
      action: 'NONE',
      outcome: 'ALREADY_CONFIRMED',
    });
  });

  it.each(['CANCELLED', 'COMPENSATION_FAILED'] as const)(
    'refuses with InvalidOrderTransition to confirm a %s order',
    (status) => {
      expect(thrownBy(() => planConfirm({ status }))).toMatchObject({
        name: 'InvalidOrderTransition',
      });
    },
  );

  it.each(['PENDING', 'CONFIRMED'] as const)('cancels a %s order with the reason', (status) => {
    expect(planCancel({ status }, 'OUT_OF_STOCK')).toEqual({
      action: 'SET_STATUS',
      from: status,
      to: 'CANCELLED',
      cancellationReason: 'OUT_OF_STOCK',
    });
  });

  it.each(['CANCELLED', 'COMPENSATION_FAILED'] as const)(
    'leaves a %s order as it is when cancelling',
    (status) => {
      expect(planCancel({ status }, 'TECHNICAL_FAILURE')).toEqual({
        action: 'NONE',
        outcome: `ALREADY_${status}`,
      });
    },
  );

  it.each(['PENDING', 'CONFIRMED', 'CANCELLED'] as OrderStatus[])(
    'marks a %s order COMPENSATION_FAILED',
    (status) => {
      expect(planMarkCompensationFailed({ status })).toEqual({
        action: 'SET_STATUS',
        from: status,
        to: 'COMPENSATION_FAILED',
      });
    },
  );

  it('does nothing to an order already marked COMPENSATION_FAILED', () => {
    expect(planMarkCompensationFailed({ status: 'COMPENSATION_FAILED' })).toEqual({
      action: 'NONE',
      outcome: 'ALREADY_COMPENSATION_FAILED',
    });
  });
});

describe('newOrder', () => {
  const order: NewOrder = {
    orderId: 'o-1',
    userId: 'u-1',
    items: [
      { productId: 'p-1', name: 'Mug', quantity: 2, unitPrice: 1250, lineTotal: 2500 },
      { productId: 'p-2', name: 'Tea', quantity: 1, unitPrice: 990, lineTotal: 990 },
    ],
    total: 3490,
    currency: 'USD',
    deliverySlotId: 's-1',
  };

  it('starts PENDING with createdAt = updatedAt and no cancellation reason', () => {
    expect(newOrder(order, '2030-01-01T00:00:00.000Z')).toEqual({
      ...order,
      status: 'PENDING',
      createdAt: '2030-01-01T00:00:00.000Z',
      updatedAt: '2030-01-01T00:00:00.000Z',
    });
  });

  it('refuses with ValidationFailed an order whose amounts do not add up', () => {
    expect(thrownBy(() => newOrder({ ...order, total: 3000 }, 'now'))).toMatchObject({
      name: 'ValidationFailed',
    });
    const [first, second] = order.items;
    if (!first || !second) throw new Error('fixture');
    expect(
      thrownBy(() => newOrder({ ...order, items: [{ ...first, lineTotal: 1 }, second] }, 'now')),
    ).toMatchObject({ name: 'ValidationFailed' });
  });
});
