import type { FormEvent } from 'react';
import type { Product, StockLevel } from '../api/types';
import { field } from '../form';
import { money } from '../format';
import { useSession } from '../session';
import { useApi } from '../useApi';

/** One product of the admin catalog: its stock (its own lookup, read again after a change) and a form to set it. */
export function ProductStockRow({
  product,
  onError,
}: {
  product: Product;
  onError: (error: unknown) => void;
}) {
  const { api } = useSession();
  const stock = useApi(
    () => api.get<StockLevel>(`/inventory/${product.productId}`),
    [api, product.productId],
  );
  const setStock = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const onHand = Number(field(new FormData(event.currentTarget), 'onHand'));
    api
      .send('PUT', `/inventory/${product.productId}`, { body: { onHand } })
      .then(stock.reload, onError);
  };
  return (
    <tr>
      <td className="wrap">{product.name}</td>
      <td>{money(product.price, product.currency)}</td>
      <td data-testid={`stock-${product.productId}`}>
        {stock.data ? `${stock.data.onHand} / ${stock.data.reserved}` : '…'}
      </td>
      <td>
        <form className="inline" onSubmit={setStock}>
          <label>
            <span className="sr-only">Units of {product.name}</span>
            <input name="onHand" type="number" min={0} required />
          </label>
          <button type="submit">Set</button>
        </form>
      </td>
    </tr>
  );
}
