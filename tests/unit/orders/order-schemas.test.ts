import { placeOrderBodySchema } from '../../../functions/orders/order-schemas';

const valid = {
  items: [
    { productId: 'p-1', quantity: 2 },
    { productId: 'p-2', quantity: 100 },
  ],
  deliverySlotId: 's-1',
};

const items = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ productId: `p-${index}`, quantity: 1 }));

describe('POST /orders body', () => {
  it('accepts 1 to 50 distinct items of 1 to 100 units and a slot', () => {
    expect(placeOrderBodySchema.parse(valid)).toEqual(valid);
    expect(placeOrderBodySchema.safeParse({ ...valid, items: items(1) }).success).toBe(true);
    expect(placeOrderBodySchema.safeParse({ ...valid, items: items(50) }).success).toBe(true);
  });

  it.each([
    ['no items', { ...valid, items: [] }],
    ['51 items', { ...valid, items: items(51) }],
    ['a product twice', { ...valid, items: [...valid.items, { productId: 'p-1', quantity: 1 }] }],
    ['0 units', { ...valid, items: [{ productId: 'p-1', quantity: 0 }] }],
    ['101 units', { ...valid, items: [{ productId: 'p-1', quantity: 101 }] }],
    ['a fractional quantity', { ...valid, items: [{ productId: 'p-1', quantity: 1.5 }] }],
    ['a quantity as text', { ...valid, items: [{ productId: 'p-1', quantity: '1' }] }],
    ['an empty productId', { ...valid, items: [{ productId: '', quantity: 1 }] }],
    ['no slot', { items: valid.items }],
    ['a price on an item', { ...valid, items: [{ productId: 'p-1', quantity: 1, price: 1 }] }],
    ['a total', { ...valid, total: 1 }],
    ['a status', { ...valid, status: 'CONFIRMED' }],
    ['a userId', { ...valid, userId: 'someone-else' }],
    ['items that are not a list', { ...valid, items: { productId: 'p-1', quantity: 1 } }],
    ['null', null],
  ])('refuses %s', (_, body) => {
    expect(placeOrderBodySchema.safeParse(body).success).toBe(false);
  });
});
