import type { Product, StockLevel } from '../api/types';
import { useCart } from '../cart';
import { money } from '../format';
import { useSession } from '../session';
import { useApi } from '../useApi';

/** One product of the storefront: price, availability (its own lookup) and "Add to cart". */
export function ProductCard({ product }: { product: Product }) {
  const { api } = useSession();
  const { cart, setQuantity } = useCart();
  const { data: stock, error } = useApi(
    () => api.get<StockLevel>(`/inventory/${product.productId}`),
    [api, product.productId],
  );
  const available = stock?.available ?? 0;
  const inCart = cart[product.productId] ?? 0;
  return (
    <li className="card">
      <h2>{product.name}</h2>
      {product.description && <p>{product.description}</p>}
      <p className="price">{money(product.price, product.currency)}</p>
      <p className={available > 0 ? 'ok' : 'muted'}>
        {stock === undefined && error === undefined
          ? 'Checking stock…'
          : available > 0
            ? `${available} available`
            : 'Out of stock'}
      </p>
      {/* aria-label, not an sr-only span: Chromium puts a space before a positioned span's text. */}
      <button
        type="button"
        aria-label={`Add to cart: ${product.name}`}
        disabled={inCart >= available}
        onClick={() => setQuantity(product.productId, inCart + 1)}
      >
        Add to cart
      </button>
      {inCart > 0 && <span className="muted"> {inCart} in cart</span>}
    </li>
  );
}
