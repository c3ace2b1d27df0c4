import type { OrderStatus } from '../api/types';

export function StatusBadge({ status, reason }: { status: OrderStatus; reason?: string }) {
  return (
    <span className={`badge badge-${status.toLowerCase()}`} data-testid="order-status">
      {status}
      {reason ? ` · ${reason}` : ''}
    </span>
  );
}
