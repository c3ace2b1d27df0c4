import { useEffect, useState } from 'react';
import type { Page, Product } from '../api/types';
import { ErrorNote } from '../components/ErrorNote';
import { ProductCard } from '../components/ProductCard';
import { useSession } from '../session';

const PAGE_SIZE = 12;

/**
 * The catalog, newest first, a page at a time ("More products" appends the next). Each card loads
 * its own stock level, so the names and prices show at once however slow the stock lookups are.
 */
export function ProductsPage() {
  const { api } = useSession();
  const [products, setProducts] = useState<Product[]>([]);
  const [nextCursor, setNextCursor] = useState<string>();
  const [cursor, setCursor] = useState<string>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let current = true;
    const after = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    api.get<Page<Product>>(`/products?limit=${PAGE_SIZE}${after}`).then(
      (page) => {
        if (!current) return;
        setProducts((shown) => (cursor ? [...shown, ...page.items] : page.items));
        setNextCursor(page.nextCursor);
        setError(undefined);
      },
      (failure: unknown) => {
        if (current) setError(failure);
      },
    );
    return () => {
      current = false;
    };
  }, [api, cursor]);
  return (
    <section>
      <h1>Products</h1>
      <ErrorNote error={error} />
      <ul className="cards">
        {products.map((product) => (
          <ProductCard key={product.productId} product={product} />
        ))}
      </ul>
      {nextCursor && (
        <button type="button" onClick={() => setCursor(nextCursor)}>
          More products
        </button>
      )}
    </section>
  );
}
