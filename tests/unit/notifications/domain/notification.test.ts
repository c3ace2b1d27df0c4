import {
  formatMoney,
  notificationFor,
} from '../../../../functions/notifications/domain/notification';

const occurredAt = '2030-01-01T10:00:00.000Z';

describe('notificationFor', () => {
  it('welcomes a registered user by name', () => {
    expect(
      notificationFor(
        {
          eventType: 'UserRegistered',
          userId: 'u-1',
          email: 'ada@example.com',
          name: 'Ada',
          occurredAt,
        },
        'n-1',
      ),
    ).toEqual({
      notificationId: 'n-1',
      userId: 'u-1',
      type: 'WELCOME',
      message: expect.stringContaining('Welcome to the shop, Ada') as unknown,
      createdAt: occurredAt,
    });
  });

  it('tells the customer an order is confirmed and what it cost', () => {
    const notification = notificationFor(
      {
        eventType: 'OrderConfirmed',
        orderId: 'o-1',
        userId: 'u-1',
        total: 3490,
        currency: 'USD',
        occurredAt,
      },
      'n-1',
    );

    expect(notification).toMatchObject({ type: 'ORDER_CONFIRMED', orderId: 'o-1', userId: 'u-1' });
    expect(notification.message).toContain('o-1');
    expect(notification.message).toContain('confirmed');
    expect(notification.message).toContain('$34.90');
  });

  it.each([
    ['PAYMENT_DECLINED', /not have enough money/],
    ['OUT_OF_STOCK', /out of stock/],
    ['NO_DELIVERY_SLOT', /delivery slot .* fully booked/],
    ['TECHNICAL_FAILURE', /technical problem/],
  ] as const)('names the reason %s of a cancellation in words', (cancellationReason, words) => {
    const notification = notificationFor(
      {
        eventType: 'OrderCancelled',
        orderId: 'o-1',
        userId: 'u-1',
        cancellationReason,
        total: 3490,
        currency: 'USD',
        occurredAt,
      },
      'n-1',
    );

    expect(notification).toMatchObject({ type: 'ORDER_CANCELLED', orderId: 'o-1' });
    expect(notification.message).toMatch(/cancelled because/);
    expect(notification.message).toMatch(words);
    expect(notification.message).not.toContain(cancellationReason);
  });
});

describe('notificationFor wallet movements', () => {
  it.each([
    ['DepositReceived', 'DEPOSIT_RECEIVED', /\$12\.34 was deposited/],
    ['WithdrawalMade', 'WITHDRAWAL_MADE', /\$12\.34 was withdrawn/],
  ] as const)('tells the owner of %s and the amount', (eventType, type, words) => {
    const notification = notificationFor(
      { eventType, userId: 'u-1', transactionId: 't-1', amount: 1234, currency: 'USD', occurredAt },
      'n-1',
    );

    expect(notification).toEqual({
      notificationId: 'n-1',
      userId: 'u-1',
      type,
      transactionId: 't-1',
      message: expect.stringMatching(words) as unknown,
      createdAt: occurredAt,
    });
  });
});

describe('formatMoney', () => {
  it.each([
    [3490, 'USD', '$34.90'],
    [5, 'EUR', '€0.05'],
    [1200, 'JPY', '¥1,200'],
  ])('shows %i minor units of %s as %s', (amount, currency, shown) => {
    expect(formatMoney(amount, currency)).toBe(shown);
  });
});
