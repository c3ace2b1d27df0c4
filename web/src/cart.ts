import { useCallback, useEffect, useState } from 'react';

/** The cart: product id -> quantity, kept in the browser until the order is placed. */
export type Cart = Record<string, number>;

const CART_KEY = 'shop.cart';
const listeners = new Set<(cart: Cart) => void>();

const read = (): Cart => {
  try {
    return JSON.parse(localStorage.getItem(CART_KEY) ?? '{}') as Cart;
  } catch {
    return {};
  }
};

export function useCart() {
  const [cart, setCart] = useState<Cart>(read);
  useEffect(() => {
    listeners.add(setCart);
    return () => {
      listeners.delete(setCart);
    };
  }, []);
  const save = useCallback((next: Cart) => {
    localStorage.setItem(CART_KEY, JSON.stringify(next));
    for (const listener of listeners) listener(next);
  }, []);
  const setQuantity = useCallback(
    (productId: string, quantity: number) => {
      const next = { ...read() };
      if (quantity > 0) next[productId] = quantity;
      else delete next[productId];
      save(next);
    },
    [save],
  );
  const clear = useCallback(() => save({}), [save]);
  return { cart, setQuantity, clear };
}
