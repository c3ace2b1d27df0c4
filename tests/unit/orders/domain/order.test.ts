import {
  cancellationReasonFor,
  newOrder,
  orderStatusEvent,
  planCancel,
  planCancelUnstarted,
  planConfirm,
  planMarkCompensationFailed,
  priceOrder,
  sagaInputFor,
  type NewOrder,
  type Order,
  type OrderStatus,
} from '../../../../functions/orders/domain/order';
import {
  orderCancelledEventSchema,
  orderCompensationFailedEventSchema,
  orderConfirmedEventSchema,
} from '../../../../contracts/events';
import { orderSagaInputSchema } from '../../../../contracts/order-saga';
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

  it.each(['PENDING', 'CONFIRMED', 'COMPENSATION_FAILED'] as const)(
    'cancels a %s order with the reason',
    (status) => {
      expect(planCancel({ status }, 'OUT_OF_STOCK')).toEqual({
        action: 'SET_STATUS',
        from: status,
        to: 'CANCELLED',
        cancellationReason: 'OUT_OF_STOCK',
      });
    },
  );

  it('leaves a CANCELLED order as it is when cancelling', () => {
    expect(planCancel({ status: 'CANCELLED' }, 'TECHNICAL_FAILURE')).toEqual({
      action: 'NONE',
      outcome: 'ALREADY_CANCELLED',
    });
  });

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

describe('planCancelUnstarted (the saga could not be started)', () => {
  it('cancels a PENDING order as TECHNICAL_FAILURE', () => {
    expect(planCancelUnstarted({ status: 'PENDING' })).toEqual({
      action: 'SET_STATUS',
      from: 'PENDING',
      to: 'CANCELLED',
      cancellationReason: 'TECHNICAL_FAILURE',
    });
  });

  it.each(['CONFIRMED', 'CANCELLED', 'COMPENSATION_FAILED'] as const)(
    'leaves a %s order to the saga that did start after all',
    (status) => {
      expect(planCancelUnstarted({ status })).toEqual({
        action: 'NONE',
        outcome: `ALREADY_${status}`,
      });
    },
  );
});

describe('priceOrder', () => {
  const quotes = [
    { productId: 'p-1', name: 'Mug', price: 1250, currency: 'USD' },
    { productId: 'p-2', name: 'Tea', price: 990, currency: 'USD' },
  ];

  it('prices every line at the catalog price and adds up the total', () => {
    expect(
      priceOrder(
        [
          { productId: 'p-2', quantity: 3 },
          { productId: 'p-1', quantity: 2 },
        ],
        quotes,
        'USD',
      ),
    ).toEqual({
      items: [
        { productId: 'p-2', name: 'Tea', quantity: 3, unitPrice: 990, lineTotal: 2970 },
        { productId: 'p-1', name: 'Mug', quantity: 2, unitPrice: 1250, lineTotal: 2500 },
      ],
      total: 5470,
    });
  });

  it('refuses with UnknownProduct naming every product the catalog did not quote', () => {
    expect(
      thrownBy(() =>
        priceOrder(
          [
            { productId: 'p-1', quantity: 1 },
            { productId: 'nope-1', quantity: 1 },
            { productId: 'nope-2', quantity: 1 },
          ],
          quotes,
          'USD',
        ),
      ),
    ).toMatchObject({ name: 'UnknownProduct', details: { productIds: ['nope-1', 'nope-2'] } });
  });

  it('refuses with DataIntegrityError a price in another currency than the shop sells in', () => {
    expect(
      thrownBy(() => priceOrder([{ productId: 'p-1', quantity: 1 }], quotes, 'EUR')),
    ).toMatchObject({ name: 'DataIntegrityError' });
  });
});

const storedOrder = (overrides: Partial<Order> = {}): Order => ({
  orderId: 'o-1',
  userId: 'u-1',
  status: 'PENDING',
  items: [
    { productId: 'p-1', name: 'Mug', quantity: 2, unitPrice: 1250, lineTotal: 2500 },
    { productId: 'p-2', name: 'Tea', quantity: 1, unitPrice: 990, lineTotal: 990 },
  ],
  total: 3490,
  currency: 'USD',
  deliverySlotId: 's-1',
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:05.000Z',
  ...overrides,
});

describe('sagaInputFor', () => {
  it('gives the saga the ids, quantities, total and slot, which its schema accepts', () => {
    const input = sagaInputFor(storedOrder());

    expect(input).toEqual({
      orderId: 'o-1',
      userId: 'u-1',
      items: [
        { productId: 'p-1', quantity: 2 },
        { productId: 'p-2', quantity: 1 },
      ],
      total: 3490,
      currency: 'USD',
      deliverySlotId: 's-1',
    });
    expect(orderSagaInputSchema.parse(input)).toEqual(input);
  });
});

describe('orderStatusEvent', () => {
  it('announces nothing while the order is PENDING', () => {
    expect(orderStatusEvent(storedOrder())).toBeUndefined();
  });

  it('announces a CONFIRMED order with OrderConfirmed at the time of the change', () => {
    const event = orderStatusEvent(storedOrder({ status: 'CONFIRMED' }));

    expect(event).toEqual({
      eventType: 'OrderConfirmed',
      orderId: 'o-1',
      userId: 'u-1',
      total: 3490,
      currency: 'USD',
      occurredAt: '2030-01-01T00:00:05.000Z',
    });
    expect(orderConfirmedEventSchema.parse(event)).toEqual(event);
  });

  it('announces a CANCELLED order with OrderCancelled and its reason', () => {
    const event = orderStatusEvent(
      storedOrder({ status: 'CANCELLED', cancellationReason: 'OUT_OF_STOCK' }),
    );

    expect(event).toMatchObject({
      eventType: 'OrderCancelled',
      cancellationReason: 'OUT_OF_STOCK',
    });
    expect(orderCancelledEventSchema.parse(event)).toEqual(event);
  });

  it('announces a COMPENSATION_FAILED order with OrderCompensationFailed', () => {
    const event = orderStatusEvent(storedOrder({ status: 'COMPENSATION_FAILED' }));

    expect(event).toEqual({
      eventType: 'OrderCompensationFailed',
      orderId: 'o-1',
      userId: 'u-1',
      occurredAt: '2030-01-01T00:00:05.000Z',
    });
    expect(orderCompensationFailedEventSchema.parse(event)).toEqual(event);
  });

  it('announces the same end twice as the very same event', () => {
    const order = storedOrder({ status: 'CANCELLED', cancellationReason: 'PAYMENT_DECLINED' });

    expect(orderStatusEvent(order)).toEqual(orderStatusEvent(structuredClone(order)));
  });
});
