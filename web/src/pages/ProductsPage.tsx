import type { Page, Product, StockLevel } from '../api/types';
import { useCart } from '../cart';
import { ErrorNote } from '../components/ErrorNote';
import { money } from '../format';
import { useSession } from '../session';
import { useApi } from '../useApi';

interface Listed extends Product {
  stock?: StockLevel;
}

export function ProductsPage() {
  const { api } = useSession();
  const { cart, setQuantity } = useCart();
  const { data, error } = useApi(async () => {
    const { items } = await api.get<Page<Product>>('/products?limit=24');
    return Promise.all(
      items.map(async (product): Promise<Listed> => ({
        ...product,
        stock: await api.get<StockLevel>(`/inventory/${product.productId}`).catch(() => undefined),
      })),
    );
  }, [api]);
  return (
    <section>
      <h1>Products</h1>
      <ErrorNote error={error} />
      <ul className="cards">
        {(data ?? []).map((product) => {
          const available = product.stock?.available ?? 0;
          const inCart = cart[product.productId] ?? 0;
          return (
            <li key={product.productId} className="card">
              <h2>{product.name}</h2>
              {product.description && <p>{product.description}</p>}
              <p className="price">{money(product.price, product.currency)}</p>
              <p className={available > 0 ? 'ok' : 'muted'}>
                {available > 0 ? `${available} available` : 'Out of stock'}
              </p>
              <button
                type="button"
                disabled={inCart >= available}
                onClick={() => setQuantity(product.productId, inCart + 1)}
              >
                Add to cart<span className="sr-only">: {product.name}</span>
              </button>
              {inCart > 0 && <span className="muted"> {inCart} in cart</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
