import { field } from '../form';
import { useState, type FormEvent } from 'react';
import type { Page, Product } from '../api/types';
import { ErrorNote } from '../components/ErrorNote';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { ProductStockRow } from './ProductStockRow';
import { SlotForm } from './SlotForm';
import { TableWrap } from '../components/TableWrap';

/** Products and prices, stock on hand, and delivery slots. */
export function CatalogAdminPage() {
  const { api } = useSession();
  const products = useApi(() => api.get<Page<Product>>('/products?limit=100'), [api]);
  const [error, setError] = useState<unknown>();

  const createProduct = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      name: field(form, 'name'),
      price: Math.round(Number(field(form, 'price')) * 100),
    };
    api.send('POST', '/products', { body }).then(() => {
      setError(undefined);
      products.reload();
    }, setError);
  };

  return (
    <section>
      <h1>Catalog</h1>
      <ErrorNote error={error ?? products.error} />
      <form onSubmit={createProduct} className="inline">
        <label>
          Name <input name="name" required />
        </label>
        <label>
          Price <input name="price" type="number" min="0.01" step="0.01" required />
        </label>
        <button type="submit">Add product</button>
      </form>
      <TableWrap label="Products and stock">
        <table>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Price</th>
              <th scope="col">On hand / reserved</th>
              <th scope="col">Set units on hand</th>
            </tr>
          </thead>
          <tbody>
            {(products.data?.items ?? []).map((product) => (
              <ProductStockRow key={product.productId} product={product} onError={setError} />
            ))}
          </tbody>
        </table>
      </TableWrap>
      <SlotForm onError={setError} />
    </section>
  );
}
