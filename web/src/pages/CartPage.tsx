import { useState } from 'react';
import type { Order, Product } from '../api/types';
import { useCart } from '../cart';
import { ErrorNote } from '../components/ErrorNote';
import { FaultInjection } from '../components/FaultInjection';
import { SlotPicker } from '../components/SlotPicker';
import { money } from '../format';
import { navigate } from '../router';
import { useSession } from '../session';
import { useApi } from '../useApi';

export function CartPage() {
  const { api, profile, config } = useSession();
  const { cart, setQuantity, clear } = useCart();
  const [slotId, setSlotId] = useState<string>();
  const [fault, setFault] = useState('');
  const [error, setError] = useState<unknown>();
  const cartIds = Object.keys(cart).sort().join(',');
  const { data: products } = useApi(
    () => Promise.all(Object.keys(cart).map((id) => api.get<Product>(`/products/${id}`))),
    [api, cartIds],
  );
  const lines = (products ?? []).flatMap((product) => {
    const quantity = cart[product.productId];
    return quantity ? [{ product, quantity }] : [];
  });
  const total = lines.reduce((sum, line) => sum + line.product.price * line.quantity, 0);

  const placeOrder = () => {
    if (!slotId) return;
    api
      .send<Order>('POST', '/orders', {
        body: {
          items: lines.map((line) => ({
            productId: line.product.productId,
            quantity: line.quantity,
          })),
          deliverySlotId: slotId,
        },
        headers: {
          'Idempotency-Key': crypto.randomUUID(),
          ...(fault.trim() ? { 'X-Fault-Injection': fault.trim() } : {}),
        },
      })
      .then((order) => {
        clear();
        navigate(`/orders/${order.orderId}`);
      }, setError);
  };

  if (lines.length === 0)
    return (
      <section>
        <h1>Cart</h1>
        <p>The cart is empty.</p>
      </section>
    );
  return (
    <section>
      <h1>Cart</h1>
      <ul className="lines">
        {lines.map(({ product, quantity }) => (
          <li key={product.productId}>
            <span>{product.name}</span>
            <label>
              <span className="sr-only">Quantity of {product.name}</span>
              <input
                type="number"
                min={0}
                max={100}
                value={quantity}
                onChange={(e) => setQuantity(product.productId, Number(e.target.value))}
              />
            </label>
            <span>{money(product.price * quantity, product.currency)}</span>
          </li>
        ))}
      </ul>
      <p className="price">Total {money(total, products?.[0]?.currency ?? 'USD')}</p>
      <SlotPicker value={slotId} onChange={setSlotId} />
      {config.faultInjection && profile && <FaultInjection value={fault} onChange={setFault} />}
      {profile ? (
        <button type="button" disabled={!slotId} onClick={placeOrder}>
          Place order
        </button>
      ) : (
        <p>
          <a href="#/login">Sign in</a> to order.
        </p>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
