import type { Order, Page } from '../api/types';
import { ErrorNote } from '../components/ErrorNote';
import { OrdersTable } from '../components/OrdersTable';
import { useSession } from '../session';
import { useApi } from '../useApi';

export function OrdersPage() {
  const { api } = useSession();
  const { data, error } = useApi(() => api.get<Page<Order>>('/orders?limit=50'), [api]);
  return (
    <section>
      <h1>Your orders</h1>
      <ErrorNote error={error} />
      {data && <OrdersTable orders={data.items} linkBase="#/orders" />}
    </section>
  );
}
