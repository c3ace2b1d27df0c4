import type { Order } from '../api/types';
import { dateTime, money, shortId } from '../format';
import { StatusBadge } from './StatusBadge';
import { TableWrap } from './TableWrap';

export function OrdersTable({ orders, linkBase }: { orders: Order[]; linkBase: string }) {
  if (orders.length === 0) return <p>No orders.</p>;
  return (
    <TableWrap label="Orders">
      <table>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Placed</th>
            <th scope="col">Total</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.orderId}>
              <td>
                <a href={`${linkBase}/${order.orderId}`}>{shortId(order.orderId)}</a>
              </td>
              <td>{dateTime(order.createdAt)}</td>
              <td>{money(order.total, order.currency)}</td>
              <td>
                <StatusBadge status={order.status} reason={order.cancellationReason} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
