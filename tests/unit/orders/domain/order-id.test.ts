import { newOrderId } from '../../../../functions/orders/domain/order-id';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newOrderId', () => {
  it('is a UUID version 7 whose first 48 bits are the creation time', () => {
    const now = Date.parse('2030-01-01T00:00:00.000Z');

    const id = newOrderId(now);

    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(now);
  });

  it('sorts as a string in the order of creation, whatever the random part', () => {
    const earlier = newOrderId(1_900_000_000_000, new Uint8Array(10).fill(0xff));
    const later = newOrderId(1_900_000_000_001, new Uint8Array(10).fill(0x00));

    expect([later, earlier].sort()).toEqual([earlier, later]);
  });

  it('gives a different id each time within the same millisecond', () => {
    const now = Date.now();

    const ids = new Set(Array.from({ length: 1000 }, () => newOrderId(now)));

    expect(ids.size).toBe(1000);
  });
});
