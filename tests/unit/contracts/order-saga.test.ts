import { orderSagaInputSchema, SAGA_STEPS } from '../../../contracts/order-saga';
import { loadOrderSaga } from '../../support/order-saga-definition';

const valid = {
  orderId: 'o-1',
  userId: 'u-1',
  items: [
    { productId: 'p-1', quantity: 1 },
    { productId: 'p-2', quantity: 100 },
  ],
  total: 0,
  currency: 'USD',
  deliverySlotId: 's-1',
};

const items = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ productId: `p-${index}`, quantity: 1 }));

describe('orderSagaInputSchema', () => {
  it('accepts a forward step input and an undo step input with the caught error', () => {
    expect(orderSagaInputSchema.parse(valid)).toEqual(valid);
    const caught = { ...valid, error: { Error: 'OutOfStock', Cause: '{"errorMessage":"..."}' } };
    expect(orderSagaInputSchema.parse(caught)).toEqual(caught);
  });

  it.each([
    ['an unknown field', { ...valid, faults: {} }],
    ['an unknown item field', { ...valid, items: [{ productId: 'p', quantity: 1, price: 1 }] }],
    ['no items', { ...valid, items: [] }],
    ['51 items', { ...valid, items: items(51) }],
    ['a repeated productId', { ...valid, items: [...items(1), ...items(1)] }],
    ['quantity 0', { ...valid, items: [{ productId: 'p', quantity: 0 }] }],
    ['quantity 101', { ...valid, items: [{ productId: 'p', quantity: 101 }] }],
    ['a fractional quantity', { ...valid, items: [{ productId: 'p', quantity: 1.5 }] }],
    ['a negative total', { ...valid, total: -1 }],
    ['a fractional total', { ...valid, total: 10.5 }],
    ['a lower-case currency', { ...valid, currency: 'usd' }],
    ['an empty orderId', { ...valid, orderId: '' }],
    ['an error without Cause', { ...valid, error: { Error: 'X' } }],
    ['an error with extra fields', { ...valid, error: { Error: 'X', Cause: 'y', z: 1 } }],
  ])('rejects %s', (_, input) => {
    expect(orderSagaInputSchema.safeParse(input).success).toBe(false);
  });

  it('accepts 50 items', () => {
    expect(orderSagaInputSchema.safeParse({ ...valid, items: items(50) }).success).toBe(true);
  });
});

describe('SAGA_STEPS', () => {
  it('names exactly the Task states of the ASL file', () => {
    const taskStates = Object.entries(loadOrderSaga().States)
      .filter(([, state]) => state.Type === 'Task')
      .map(([name]) => name);
    expect([...SAGA_STEPS].sort()).toEqual(taskStates.sort());
  });
});
