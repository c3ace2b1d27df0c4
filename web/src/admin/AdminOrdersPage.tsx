import { useState } from 'react';
import type { Order, OrderStatus, Page } from '../api/types';
import { ErrorNote } from '../components/ErrorNote';
import { OrdersTable } from '../components/OrdersTable';
import { useSession } from '../session';
import { useApi } from '../useApi';

const STATUSES: OrderStatus[] = ['PENDING', 'CONFIRMED', 'CANCELLED', 'COMPENSATION_FAILED'];

/** Every user's orders, by status: COMPENSATION_FAILED ones lead to their Redrive button. */
export function AdminOrdersPage() {
  const { api } = useSession();
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const [cursor, setCursor] = useState<string>();
  const { data, error } = useApi(
    () =>
      api.get<Page<Order>>(
        `/admin/orders?limit=50${status ? `&status=${status}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      ),
    [api, status, cursor],
  );
  return (
    <section>
      <h1>All orders</h1>
      <label>
        Status{' '}
        <select
          value={status}
          onChange={(e) => {
            setCursor(undefined);
            setStatus(e.target.value as OrderStatus | '');
          }}
        >
          <option value="">Any</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <ErrorNote error={error} />
      {data && <OrdersTable orders={data.items} linkBase="#/admin/orders" />}
      {data?.nextCursor && (
        <button type="button" onClick={() => setCursor(data.nextCursor)}>
          Older orders
        </button>
      )}
    </section>
  );
}
